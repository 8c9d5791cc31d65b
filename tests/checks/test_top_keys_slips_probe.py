"""check_top_keys (notebooks 03 and 04): a wrong prediction names the wrong rows and why.

The two notebook exercises are recognised from their weights, so their rows are explained with the
vectors behind them: a longer key in 03, the queries turned by 60° anticlockwise in 04 (and a
prediction made with the turn the other way is called that).
"""

import numpy as np
import pytest

from helpers.checks import check_top_keys
from helpers.core.attention import naive_self_attention, qkv_self_attention
from helpers.lessons.examples import naive_sentences, plain_example, rotation

from .slips_probe_support import accepted, refused

TOKENS = ["I", "go", "home"]
LONG = naive_sentences()['long "home" (everyone looks at home)']
W_LONG = naive_self_attention(LONG)[1]
X4 = plain_example(2)[1]
W_ROT = qkv_self_attention(X4, rotation(60), np.eye(2), np.eye(2))[1]


def top(W):
    return [TOKENS[j] for j in W.argmax(axis=1)]


def test_notebook_03_rows_wrong_are_named_with_the_long_key():
    assert top(W_LONG) == ["home", "home", "home"]  # the premise of the exercise
    msg = refused(check_top_keys(["I", "go", "home"], TOKENS, W_LONG), "each word itself", "Row 'I'",
                  "Row 'go'", "longer (2.61 against 1.02)")
    assert "Row 'home'" not in msg
    one = refused(check_top_keys(["I", "home", "home"], TOKENS, W_LONG), "row 'I': you said 'I'", "'home'")
    assert "'go': you said" not in one


def test_notebook_04_rows_give_the_turned_query():
    assert top(W_ROT) == ["go", "home", "home"]
    refused(check_top_keys(["I", "go", "home"], TOKENS, W_ROT), "points at 80°", "turned by +60°",
            "anticlockwise", "equally long")


def test_notebook_04_turned_the_other_way_is_called_that():
    clockwise = top(qkv_self_attention(X4, rotation(-60), np.eye(2), np.eye(2))[1])
    assert clockwise != top(W_ROT)
    refused(check_top_keys(clockwise, TOKENS, W_ROT), "turned the other way", "-60°", "clockwise")


def test_reading_columns_or_the_smallest_weight_is_named():
    refused(check_top_keys(top(W_ROT.T), TOKENS, W_ROT), "read down the columns")
    refused(check_top_keys([TOKENS[j] for j in W_ROT.argmin(axis=1)], TOKENS, W_ROT), "smallest weight")


def test_positions_instead_of_tokens_are_named():
    refused(check_top_keys([np.int64(1), np.int64(2), np.int64(2)], TOKENS, W_ROT), "not their positions",
            "'go'")
    refused(check_top_keys([1, 2, 2], TOKENS, W_ROT), "not their positions")


def test_any_weights_name_the_wrong_rows_and_vectors_given_explain_them():
    W = np.array([[0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.1, 0.3, 0.6]])
    plain = refused(check_top_keys(["cat", "cat", "sat"], ["the", "cat", "sat"], W), "row 'cat'",
                    "you said 'cat' (weight 0.30)", "'the' (0.60)")
    assert "°" not in plain  # no vectors: no reason invented
    Q = K = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [3.0, 0.0, 0.0]])
    refused(check_top_keys(["the", "cat", "the"], ["the", "cat", "sat"], W, queries=Q, keys=K), "q.k = ")
    with pytest.raises(ValueError, match="queries"):
        check_top_keys(["the", "the", "the"], ["the", "cat", "sat"], W, queries=np.ones(3), keys=K)


RIGHT = [
    (["home", "home", "home"], W_LONG),
    (["go", "home", "home"], W_ROT),
    ((" GO", "Home ", "home"), W_ROT),
    (np.array(["go", "home", "home"]), W_ROT),
]


@pytest.mark.parametrize("answer, W", RIGHT)
def test_right_predictions_pass(answer, W):
    accepted(check_top_keys(answer, TOKENS, W))
