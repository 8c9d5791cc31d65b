"""check_multi_head and check_head_presets (notebook 07): weights kept, scaled twice, heads interleaved."""

import numpy as np
import pytest

from helpers.checks.transformer import PUZZLE_ORDER, check_head_presets, check_multi_head
from helpers.core import dot_product_attention

from .slips_probe_support import accepted, refused

OLD_W_o = np.random.default_rng(6).normal(size=(9, 6))


def heads(X, W_q, W_k, W_v, part=0, pre=1.0):
    return [dot_product_attention(X @ W_q[j] * pre, X @ W_k[j], X @ W_v[j])[part] for j in range(len(W_q))]


def multi(X, W_q, W_k, W_v, W_o):
    return np.concatenate(heads(X, W_q, W_k, W_v), axis=-1) @ W_o


def test_the_heads_weights_kept_instead_of_their_outputs_are_named():
    refused(check_multi_head(lambda X, Wq, Wk, Wv, Wo: np.concatenate(heads(X, Wq, Wk, Wv, part=1), axis=-1)),
            "(4, 12)", "[T, h * T]", "attention weights", "[0]")


def scaled_first(X, W_q, W_k, W_v, W_o):  # the queries divided by sqrt(d_k), then the library scales again
    return np.concatenate(heads(X, W_q, W_k, W_v, pre=1 / np.sqrt(W_q.shape[2])), axis=-1) @ W_o


def stacked(X, W_q, W_k, W_v, W_o, axis):
    return np.stack(heads(X, W_q, W_k, W_v), axis=axis).reshape(len(X), -1) @ W_o


def test_scaling_before_dot_product_attention_is_called_scaling_twice():
    said = refused(check_multi_head(scaled_first), "already divides by sqrt(d_k)", "twice", "do not scale")
    assert not said.startswith("you divided by d_k")


def test_stacking_then_reshaping_the_heads_is_named():
    refused(check_multi_head(lambda *a: stacked(*a, axis=-1)), "interleaves", "concatenate(heads, axis=-1)")
    refused(check_multi_head(lambda *a: stacked(*a, axis=0)), "mixes the tokens", "np.concatenate")


def test_values_without_attention_are_named():
    refused(check_multi_head(lambda X, Wq, Wk, Wv, Wo: np.hstack([X @ Wv[j] for j in range(3)]) @ Wo),
            "attention is missing", "dot_product_attention")


def test_an_extra_axis_and_a_borrowed_w_o_are_named():
    refused(check_multi_head(lambda *a: multi(*a)[None]), "(1, 4, 6)", "numbers are right")
    refused(check_multi_head(lambda X, Wq, Wk, Wv, Wo: multi(X, Wq, Wk, Wv, OLD_W_o)), "whatever W_o",
            "earlier cell")


def _blocks(X, W_q, W_k, W_v, W_o):
    d_v = W_v.shape[2]
    return sum(o @ W_o[j * d_v:(j + 1) * d_v] for j, o in enumerate(heads(X, W_q, W_k, W_v)))


RIGHT = {
    "reference": multi,
    "with weights": lambda *a: (multi(*a), np.stack(heads(*a[:4], part=1))),
    "per-head blocks of W_o": _blocks,
    "stack on axis 1": lambda *a: stacked(*a, axis=1),
    "float32": lambda *a: multi(*a).astype(np.float32),
}


@pytest.mark.parametrize("key", RIGHT)
def test_right_answers_pass(key):
    accepted(check_multi_head(RIGHT[key]))


RIGHT_PRESETS = dict(zip("ABCD", PUZZLE_ORDER, strict=True))


def test_the_stub_is_told_the_four_presets_only():
    said = refused(check_head_presets(dict.fromkeys("ABCD", "?")), "four presets", "'previous word'")
    assert "average" not in said


def test_an_abbreviation_gets_a_suggestion_and_a_preset_used_twice_is_named():
    prev = {k: ("prev" if v == "previous word" else v) for k, v in RIGHT_PRESETS.items()}
    refused(check_head_presets(prev), "did you mean 'previous word'")
    refused(check_head_presets(dict.fromkeys("ABCD", "first word")), "used once", "A, B, C, D")
    accepted(check_head_presets({k: v.upper().replace(" ", "-") for k, v in RIGHT_PRESETS.items()}))
