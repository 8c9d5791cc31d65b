"""Exercise checks: each says PASS or names the likely mistake. Imports lessons and core only."""

from .attention import (
    attention_test_inputs,
    check_scaled_attention,
    check_top_keys,
    check_weights_for_I,
    exercise_vectors,
)
from .base import CheckResult, assert_passed, check_array, check_choice
from .rnn import (
    check_backward_mask,
    check_birnn,
    check_gradient_fate,
    check_rnn_step,
    check_three_step_jacobian,
    jacobian_exercise_data,
)
from .training import check_race_prediction, check_rnn_step_backward, check_softmax_backward
from .transformer import check_causal_mask, check_head_presets, check_multi_head, multi_head_test_inputs
from .translation import BOTTLENECK_OPTIONS, check_bottleneck_reason, check_context, check_reversal_alignment

__all__ = [
    "CheckResult", "assert_passed", "check_array", "check_choice",
    "check_rnn_step", "jacobian_exercise_data", "check_three_step_jacobian", "check_gradient_fate",
    "check_birnn", "check_backward_mask",
    "exercise_vectors", "check_weights_for_I", "attention_test_inputs", "check_scaled_attention",
    "check_top_keys",
    "check_softmax_backward", "check_rnn_step_backward", "check_race_prediction",
    "check_context", "check_reversal_alignment", "check_bottleneck_reason", "BOTTLENECK_OPTIONS",
    "check_causal_mask", "multi_head_test_inputs", "check_multi_head", "check_head_presets",
]
