"""helpers.checks.learner: every check, given the wrong kind of thing, says what to pass, not a traceback.

One table: each check, the slot the learner fills, and the words its message must contain for each
wrong kind (a function where numbers are expected, numbers where a function is expected, a list
where a dict is expected, None, a string, ...). The same for functions that return the wrong kind.
"""

import numpy as np
import pytest

from helpers import checks as c
from helpers.checks.learner import kind
from tests.support.checks import said

FN = "function"  # the message names what to pass


def _stub(*args):
    return 0.0


# (check called on the learner's value v, the words saying what to pass)
FUNCTION_CHECKS = {
    "rnn step": (lambda v: c.check_rnn_step(v), "check_rnn_step(rnn_step)"),
    "Jacobian": (lambda v: c.check_three_step_jacobian(v), "check_three_step_jacobian("),
    "Bi-RNN": (lambda v: c.check_birnn(v), "check_birnn(my_birnn)"),
    "attention": (lambda v: c.check_scaled_attention(v), "check_scaled_attention(my_attention)"),
    "softmax backward": (lambda v: c.check_softmax_backward(v), "check_softmax_backward("),
    "RNN step backward": (lambda v: c.check_rnn_step_backward(v), "check_rnn_step_backward("),
    "causal mask": (lambda v: c.check_causal_mask(v), "check_causal_mask(my_causal_mask)"),
    "multi-head": (lambda v: c.check_multi_head(v), "check_multi_head(my_multi_head)"),
}

VALUE_CHECKS = {
    "weights of I": (lambda v: c.check_weights_for_I(v), "list or a numpy array"),
    "context": (lambda v: c.check_context(v), "list or a numpy array"),
    "alignment": (lambda v: c.check_reversal_alignment(v), "list or a numpy array"),
    "backward mask": (lambda v: c.check_backward_mask(v, 4), "list or a numpy array"),
}

DICT_CHECKS = {
    "vanish or explode": (lambda v: c.check_gradient_fate(v), "dict"),
    "head presets": (lambda v: c.check_head_presets(v), "dict"),
}

CHOICE_CHECKS = {
    "race": (lambda v: c.check_race_prediction(v, "attention"), "one of"),
    "race, second": (lambda v: c.check_race_prediction("tie", v), "one of"),
    "bottleneck": (lambda v: c.check_bottleneck_reason(v), "one of"),
    "choice": (lambda v: c.check_choice("pick", v, "a", "", options=["a", "b"]), "one of"),
    "top keys": (lambda v: c.check_top_keys(v, ["I", "go"], np.eye(2)), "tokens"),
}

NOT_A_FUNCTION = [None, "rnn_step", 3, np.zeros(4), (np.zeros(4), None), [1.0, 2.0], {"a": 1}, int]
NOT_NUMBERS = [None, "0.5, 0.2", {"a": 1.0}, {0.5, 0.2}, _stub, [[1.0, 2.0], [3.0]], ["a", "b"]]
NOT_A_DICT = [None, ["vanish", "explode", "vanish"], ("first word",) * 4, "vanish", 1, np.zeros(4), _stub]
NOT_AN_OPTION = [None, 1, 2.5, ["tie"], {"tie": 1}, _stub, np.zeros(2), True]


def _not_yet(result, *keys):
    msg = said(result, *keys, capitals=False)
    assert repr(result).startswith("[NOT YET] ")
    return msg


# One test per table, looping over its cases (a parametrized case each would cost more in set-up than
# the check itself); the failing case is named in the assertion.


@pytest.mark.parametrize("key", FUNCTION_CHECKS)
def test_a_function_check_given_no_function_says_pass_the_function(key):
    check, call = FUNCTION_CHECKS[key]
    for value in NOT_A_FUNCTION:
        msg = _not_yet(check(value), FN, call)
        assert kind(value) in msg, (value, msg)


@pytest.mark.parametrize("key", VALUE_CHECKS)
def test_a_value_check_given_no_numbers_says_what_to_write(key):
    check, words = VALUE_CHECKS[key]
    for value in NOT_NUMBERS:
        if value is None or callable(value) or isinstance(value, str | dict | set):
            _not_yet(check(value), words)
        else:
            _not_yet(check(value))


@pytest.mark.parametrize("key", DICT_CHECKS)
def test_a_dict_check_given_no_dict_says_give_a_dict(key):
    check, words = DICT_CHECKS[key]
    for value in NOT_A_DICT:
        msg = _not_yet(check(value), words, "{")
        assert kind(value) in msg, (value, msg)


@pytest.mark.parametrize("key", CHOICE_CHECKS)
def test_a_choice_check_given_no_option_says_what_to_answer(key):
    check, words = CHOICE_CHECKS[key]
    for value in NOT_AN_OPTION:
        _not_yet(check(value), words)


RETURNS = [None, "h", {"h": 1}, [[1.0, 2.0], [3.0]], (None, None), np.tanh, [None, None], 1j]


@pytest.mark.parametrize("key", FUNCTION_CHECKS)
def test_a_function_that_returns_the_wrong_kind_or_takes_other_arguments_is_told_so(key):
    check, _ = FUNCTION_CHECKS[key]
    for value in RETURNS:
        _not_yet(check(lambda *args, v=value: v))
    _not_yet(check(lambda: 0), "arguments", "takes ()")
    _not_yet(check(lambda *a: {}["key"]), "KeyError")
