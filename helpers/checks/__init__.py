"""Exercise checks: each says PASS or names the likely mistake. Imports lessons and core only.

``base`` (the result and the generic checks), ``learner`` (calling a learner's function safely),
``rnn``, ``jacobian`` and ``birnn`` (notebooks 01-02), ``attention`` and ``top_keys`` (03-04), ``training``
(05), ``translation`` (06), ``causal_mask`` and ``transformer`` (07). Every public name of every module
is re-exported here, loaded on first use (PEP 562).
"""

from .._lazy import lazy_exports

_MODULES = ("base", "learner", "rnn", "jacobian", "birnn", "attention", "top_keys", "training", "translation",
            "causal_mask", "transformer")

_NAMES = {
    "base": ("CheckResult", "as_option", "assert_passed", "check_array", "check_choice", "diagnose"),
    "learner": ("kind", "expect_function", "expect_mapping", "expect_answer", "call_learner", "explain_error",
                "like", "near", "unused_arguments", "unused_hint"),
    "rnn": ("check_rnn_step", "check_gradient_fate"),
    "jacobian": ("jacobian_exercise_data", "check_three_step_jacobian"),
    "birnn": ("check_birnn", "check_backward_mask"),
    "attention": ("HAND_ATOL", "exercise_vectors", "check_weights_for_I", "attention_test_inputs",
                  "check_scaled_attention"),
    "top_keys": ("check_top_keys",),
    "training": ("check_softmax_backward", "check_rnn_step_backward", "check_race_prediction"),
    "translation": ("check_context", "check_reversal_alignment", "check_bottleneck_reason",
                    "BOTTLENECK_OPTIONS"),
    "causal_mask": ("check_causal_mask",),
    "transformer": ("multi_head_test_inputs", "check_multi_head", "PUZZLE_ORDER", "check_head_presets"),
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _MODULES, _NAMES)
