"""Lesson data and experiments (helpers/lessons): what each function, preset and option promises.

Every expected value is computed here independently (loops, plain numpy, finite differences, the
definitions in the docstrings); lesson data is checked for the properties the notebooks rely on.
"""

from __future__ import annotations

import datetime as dt
import types

import numpy as np
import pytest

from helpers.core.attention import qkv_self_attention
from helpers.lessons import race as race_mod
from helpers.lessons.recall_tasks import associative_recall, first_token_recall
from tests.drawn import plain_text
from tests.reference import loop_attention_weights, loop_multi_head, loop_softmax_rows
from tests.support.messages import raises_naming


def _fake_clock(durations):
    """A perf_counter that advances by the given durations, one per start/stop pair."""
    times = [0.0]
    for d in durations:
        times += [times[-1] + 100.0, times[-1] + 100.0 + d]
    it = iter(times[1:])
    return types.SimpleNamespace(perf_counter=lambda: next(it))


# ----------------------------------------------------------------------------- race (notebook 05)


def test_make_model_defaults_and_kinds():
    rng = np.random.default_rng(0)
    rnn = race_mod.make_model("rnn", "associative", rng=rng)
    att = race_mod.make_model("attention", "first_token", rng=rng)
    assert rnn.params["W_hh"].shape == (32, 32) and rnn.params["W_xh"].shape == (41, 32)
    assert att.params["W_q"].shape == (25, 32) and att.params["W_k"].shape == (25, 32)
    small = race_mod.make_model("rnn", "first_token", rng=rng, d_h=5)
    assert small.params["W_hh"].shape == (5, 5)
    assert race_mod.make_model("attention", "associative", rng=rng, d_k=3).params["W_q"].shape == (41, 3)
    with pytest.raises(ValueError, match="'gru'"):
        race_mod.make_model("gru", "associative", rng=rng)
    with pytest.raises(ValueError, match="'copy'"):
        race_mod.make_model("rnn", "copy", rng=rng)


def test_held_out_comes_from_its_own_stream_seed_plus_10000():
    X, y, match = race_mod.held_out("associative", 3)
    Xr, yr, mr = associative_recall(3, 500, rng=np.random.default_rng(10_000))
    np.testing.assert_array_equal(X, Xr)
    np.testing.assert_array_equal(y, yr)
    np.testing.assert_array_equal(match, mr)
    X5, y5, _ = race_mod.held_out("associative", 2, 7, seed=5)
    np.testing.assert_array_equal(X5, associative_recall(2, 7, rng=np.random.default_rng(10_005))[0])
    Xf, yf, mf = race_mod.held_out("first_token", 4, 6, seed=2)
    Xfr, yfr = first_token_recall(4, 6, rng=np.random.default_rng(10_002))
    np.testing.assert_array_equal(Xf, Xfr)
    np.testing.assert_array_equal(yf, yfr)
    assert mf is None
    with pytest.raises(ValueError, match="'dates'"):
        race_mod.held_out("dates", 3)


def test_sampler_draws_fresh_batches_of_the_task():
    rng_a, rng_b = np.random.default_rng(4), np.random.default_rng(4)
    X, y = race_mod.sampler("associative", 3)(5, rng_a)
    Xr, yr, _ = associative_recall(3, 5, rng=rng_b)
    np.testing.assert_array_equal(X, Xr)
    np.testing.assert_array_equal(y, yr)
    Xf, yf = race_mod.sampler("first_token", 6)(2, rng_a)
    Xfr, yfr = first_token_recall(6, 2, rng=rng_b)
    np.testing.assert_array_equal(Xf, Xfr)
    np.testing.assert_array_equal(yf, yfr)


def test_train_one_defaults_train_200_steps_and_test_on_500():
    model, trainer, (X, y, match) = race_mod.train_one("attention", "associative", 1)
    assert trainer.step == 200 and len(X) == 500 and len(match) == 500
    assert trainer.history["eval_step"] == [200]  # evaluated once, at the end, by default
    assert trainer.history["test_accuracy"] == [model.accuracy(X, y)]
    np.testing.assert_array_equal(X, race_mod.held_out("associative", 1, 500, seed=0)[0])
    # the default seed is 0: the same weights as an explicit seed=0
    same, _, _ = race_mod.train_one("attention", "associative", 1, seed=0, steps=200)
    for k in model.params:
        np.testing.assert_array_equal(model.params[k], same.params[k])


def test_train_one_options_checkpoints_eval_every_and_test_size():
    _, trainer, (X, y, _) = race_mod.train_one(
        "rnn", "first_token", 3, steps=4, batch_size=2, n_test=9, checkpoint_every=2, eval_every=2
    )
    assert [s for s, _ in trainer.checkpoints] == [0, 2, 4]
    assert trainer.history["eval_step"] == [2, 4]
    assert len(trainer.history["test_accuracy"]) == 2 and X.shape == (9, 3, 25) and len(y) == 9
    _, _, (X3, _, _) = race_mod.train_one("attention", "associative", 2, seed=3, steps=1, n_test=4)
    np.testing.assert_array_equal(X3, race_mod.held_out("associative", 2, 4, seed=3)[0])


@pytest.mark.parametrize("lr", [0.05, 0.002])
def test_train_one_lr_is_the_size_of_adams_first_step(lr):
    """Adam's first update moves each weight by about lr (its gradient's sign times lr)."""
    start = race_mod.make_model("attention", "associative", rng=np.random.default_rng(3))
    model, _, _ = race_mod.train_one("attention", "associative", 2, seed=3, steps=1, lr=lr, n_test=5)
    moves = np.concatenate([np.abs(model.params[k] - start.params[k]).ravel() for k in start.params])
    assert moves.max() <= lr * 1.0001
    assert np.median(moves[moves > 0]) > 0.9 * lr


def test_race_table_matches_train_one_per_size_and_seed(monkeypatch):
    monkeypatch.setattr(race_mod, "time", _fake_clock([7.5]))
    r = race_mod.race("first_token", [3, 4], seeds=(5, 6), steps=3, batch_size=4, n_test=11)
    assert r["task"] == "first_token" and r["sizes"] == [3, 4] and r["seeds"] == [5, 6] and r["steps"] == 3
    assert r["seconds"] == pytest.approx(7.5)
    assert set(r["accuracy"]) == {"rnn", "attention"}
    for kind in ("rnn", "attention"):
        assert r["accuracy"][kind].shape == (2, 2)
        for i, size in enumerate([3, 4]):
            for j, seed in enumerate([5, 6]):
                m, _, (X, y, _) = race_mod.train_one(
                    kind, "first_token", size, seed=seed, steps=3, batch_size=4, n_test=11
                )
                assert len(y) == 11
                assert r["accuracy"][kind][i, j] == m.accuracy(X, y)
                stored = r["models"][kind, size, seed]
                for k in m.params:
                    np.testing.assert_array_equal(stored.params[k], m.params[k])


def test_long_run_reports_the_same_model_as_one_training_run(capsys):
    out = race_mod.long_run("attention", 2, steps=5, seed=1, report_every=2, batch_size=8)
    assert [s for s, _ in out] == [2, 4, 5]
    X, y, _ = race_mod.held_out("associative", 2, 2000, seed=1)
    for step, acc in out:  # training in chunks is training in one go with the same rng
        m, _, _ = race_mod.train_one(
            "attention", "associative", 2, seed=1, steps=step, batch_size=8, n_test=1
        )
        assert acc == m.accuracy(X, y)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    for line, (step, acc) in zip(lines, out, strict=True):
        assert "attention" in line and "2 pairs" in line and str(step) in line and f"{acc:.2f}" in line


def test_step_time_is_the_best_repeat_per_example(monkeypatch):
    monkeypatch.setattr(race_mod, "time", _fake_clock([3.0, 1.2, 2.0]))
    t = race_mod.step_time_per_example("attention", 2, batch_size=4, steps=5, repeats=3)
    assert t == pytest.approx(1.2 / (5 * 4))
    # defaults: 5 repeats of 30 steps of 32 examples (a sixth repeat would run out of clock)
    monkeypatch.setattr(race_mod, "time", _fake_clock([9.0, 8.0, 6.0, 7.0, 9.6]))
    assert race_mod.step_time_per_example("attention", 1) == pytest.approx(6.0 / (30 * 32))


# ----------------------------------------------------------------------------- shared checks


# ----------------------------------------------------------------------------- start_here (notebook 00)


def test_start_here_weights_defaults_and_options():
    from helpers.core.embeddings import embed_tokens
    from helpers.lessons.start_here import start_here_weights

    tokens, W = start_here_weights()
    assert tokens == ["I", "go", "home"]
    X = embed_tokens(tokens, 4, seed=0)
    np.testing.assert_allclose(W, loop_attention_weights(X, X, 1.0))
    tokens, W = start_here_weights("the cat sat", 0.5, d=3, seed=2)
    assert tokens == ["the", "cat", "sat"]
    X = embed_tokens(tokens, 3, seed=2)
    np.testing.assert_allclose(W, loop_attention_weights(X, X, 1 / 0.5))


@pytest.mark.parametrize("bad", [0.0, -0.25])
def test_temperature_must_be_positive(bad):
    from helpers.lessons.start_here import temperature_weights

    raises_naming(temperature_weights, np.eye(2), bad, names=[str(bad)])
    X = np.random.default_rng(1).normal(size=(4, 3))
    np.testing.assert_allclose(temperature_weights(X, 2.5), loop_attention_weights(X, X, 1 / 2.5))


# ----------------------------------------------------------------------------- bilinear (notebook 04)


def test_bilinear_form_is_w_q_w_k_transposed():
    from helpers.lessons.bilinear import bilinear_form

    rng = np.random.default_rng(0)
    W_q, W_k = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    M = bilinear_form(W_q, W_k)
    loop = [[sum(W_q[a, c] * W_k[b, c] for c in range(2)) for b in range(3)] for a in range(3)]
    np.testing.assert_allclose(M, loop)
    X = rng.normal(size=(4, 3))  # then score(i, j) = q_i . k_j = x_i M x_j^T
    np.testing.assert_allclose((X @ W_q) @ (X @ W_k).T, X @ M @ X.T)
    raises_naming(bilinear_form, W_q, np.zeros((3, 4)), names=["(3, 2)", "(3, 4)"])
    raises_naming(bilinear_form, [np.nan, 1.0], W_k, names=["W_q"])
    raises_naming(bilinear_form, W_q, [np.nan, 1.0], names=["W_k"])
    raises_naming(bilinear_form, np.ones((3, 2, 2)), W_k, names=["W_q", "3-D"])
    raises_naming(bilinear_form, W_q, np.ones((3, 2, 2)), names=["W_k", "3-D"])


def test_self_scores_are_each_words_score_with_itself():
    from helpers.lessons.bilinear import self_scores

    rng = np.random.default_rng(1)
    X, M = rng.normal(size=(5, 3)), rng.normal(size=(3, 3))  # M not symmetric
    loop = [sum(X[i, a] * M[a, b] * X[i, b] for a in range(3) for b in range(3)) for i in range(5)]
    np.testing.assert_allclose(self_scores(X, M), loop)
    raises_naming(self_scores, np.ones((4, 2)), np.eye(3), names=["[2, 2]", "(3, 3)"])
    raises_naming(self_scores, np.ones((4, 3)), np.ones((3, 2)), names=["[3, 3]", "(3, 2)"])
    for bad in ([np.nan, 1.0], np.ones((2, 3, 3))):
        raises_naming(self_scores, np.array(bad), M, names=["X"])
        raises_naming(self_scores, X, np.array(bad), names=["M"])
    raises_naming(self_scores, X, np.ones((2, 3, 3)), names=["M", "3-D"])


def test_diagonal_wins_row_by_row_with_ties_counting_as_wins():
    from helpers.lessons.bilinear import diagonal_wins

    S = np.array([[3.0, 1.0, 2.0], [0.0, 1.0, 5.0], [4.0, 4.0, 4.0]])
    np.testing.assert_array_equal(diagonal_wins(S), [True, False, True])
    big = 1e6 * np.array([[1.0, 1.0 + 1e-13], [2.0, 1.0]])  # a tie up to rounding at a large scale
    np.testing.assert_array_equal(diagonal_wins(big), [True, False])
    np.testing.assert_array_equal(diagonal_wins(np.array([[1.0, 1.0 + 1e-6], [0.0, 1.0]])), [False, True])
    rng = np.random.default_rng(2)
    batch = rng.normal(size=(4, 2, 5, 5))
    expect = [
        [[batch[a, b, i, i] >= batch[a, b, i].max() for i in range(5)] for b in range(2)] for a in range(4)
    ]
    np.testing.assert_array_equal(diagonal_wins(batch), expect)
    raises_naming(diagonal_wins, np.ones((2, 3)), names=["(2, 3)"])
    raises_naming(diagonal_wins, np.ones(3), names=["scores"])
    raises_naming(diagonal_wins, [[np.nan]], names=["scores"])


def test_first_word_reach_steps_and_defaults():
    from helpers.lessons.bilinear import first_word_reach

    res = first_word_reach(5, 3, np.random.default_rng(4))
    np.testing.assert_array_equal(res.distance, np.arange(5))
    np.testing.assert_array_equal(res.rnn_steps, [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(res.attention_steps, [0, 1, 1, 1, 1])
    assert res.attention_weight[0] == pytest.approx(1.0)  # a one-word sentence attends to itself
    same = first_word_reach(5, 3, np.random.default_rng(4), radius=0.9)
    np.testing.assert_allclose(res.rnn_influence, same.rnn_influence)
    other = first_word_reach(5, 3, np.random.default_rng(4), radius=0.5)
    assert not np.allclose(res.rnn_influence[1:], other.rnn_influence[1:])


# ----------------------------------------------------------------------------- translation tasks (06)

_SEP_27_1994 = {  # the docstring's table, written by hand
    "month_day_year": "september 27, 1994",
    "day_mon_year": "27 SEP 1994",
    "korean_dots": "1994. 9. 27.",
    "mon_day_year": "Sep 27 1994",
    "weekday_long": "tuesday, september 27, 1994",
    "korean": "1994년 9월 27일",
    "numeric_short": "9/27/94",
    "numeric_long": "09/27/1994",
}


class _EdgeRng:
    """Stands in for a Generator: ``integers`` returns its lowest or its highest allowed value."""

    def __init__(self, highest):
        self.highest = highest

    def integers(self, low, high=None, size=None):
        low, high = (0, low) if high is None else (low, high)
        return np.full(size, high - 1 if self.highest else low)


def test_date_pairs_cover_both_ends_of_the_range_and_every_format():
    from helpers.lessons.translation_tasks import date_pairs

    src, tgt = date_pairs(3, rng=_EdgeRng(highest=True))
    assert tgt == ["2049-12-31"] * 3 and src == ["12/31/2049"] * 3  # last day, last format
    src, tgt = date_pairs(2, rng=_EdgeRng(highest=False), formats=["korean", "numeric_short"])
    assert tgt == ["1950-01-01"] * 2 and src == ["1950년 1월 1일"] * 2
    assert date_pairs(0, rng=np.random.default_rng(0)) == ([], [])
    for bad in (-1, 2.5):
        raises_naming(date_pairs, bad, rng=np.random.default_rng(0), names=[repr(bad)])
    raises_naming(date_pairs, 2, rng=np.random.default_rng(0), formats=["iso"], names=["iso"])
    raises_naming(date_pairs, 2, rng=np.random.default_rng(0), formats=[], names=["numeric_long"])


def test_date_source_date_format_and_parse_agree_with_the_docstring_table():
    from helpers.lessons.translation_tasks import date_format, date_source, parse_date

    day = dt.date(1994, 9, 27)
    for fmt, text in _SEP_27_1994.items():
        assert date_source(day, fmt) == text
        assert date_format(text) == fmt and date_format(f"  {text} ") == fmt
        assert parse_date(f" {text}  ") == day
    msg = raises_naming(date_format, "27.09.1994", names=["27.09.1994"])
    for example in ("9/27/94", "27 SEP 1994", "1994년 9월 27일"):  # it shows how dates may be written
        assert example in msg


def test_parse_date_errors_name_the_problem():
    from helpers.lessons.translation_tasks import parse_date

    assert parse_date("SEPTEMBER 27, 1994") == parse_date("sep 27, 1994") == dt.date(1994, 9, 27)
    raises_naming(parse_date, "sept 27, 1994", names=["sept"])
    raises_naming(parse_date, "february 30, 1994", names=["february 30, 1994"])
    raises_naming(parse_date, "december 31, 1949", names=["1949", "1950"])
    raises_naming(parse_date, "monday, september 27, 1994", names=["1994-09-27", "tuesday"])


def test_date_spans_allow_surrounding_spaces():
    from helpers.lessons.translation_tasks import date_spans

    text = "   9/27/94 "
    spans = date_spans(text)
    assert {k: text[a:b] for k, (a, b) in spans.items()} == {"year": "94", "month": "9", "day": "27"}


def test_date_vocab_is_exactly_the_characters_used():
    from helpers.lessons.translation_tasks import DATE_FORMATS, date_source, date_vocab

    used = set()
    for k in range(365):  # every month and weekday of one year, in every format
        day = dt.date(1994, 1, 1) + dt.timedelta(days=k)
        for fmt in DATE_FORMATS:
            used |= set(date_source(day, fmt))
    vocab_in, vocab_out = date_vocab()
    assert sorted(vocab_in) == sorted(used) and len(set(vocab_in)) == len(vocab_in)
    assert sorted(vocab_out) == sorted(set("".join(str(dt.date(2000 + k, 1, 1)) for k in range(10))))


def test_reversal_pairs_lengths_and_bad_input():
    from helpers.lessons.translation_tasks import reversal_pairs

    src, tgt = reversal_pairs(1600, rng=np.random.default_rng(0))
    counts = np.bincount([len(s) for s in src], minlength=21)
    assert len(counts) == 21 and np.all(counts[:5] == 0)  # lengths 5..20 and no other
    assert np.all((counts[5:] > 60) & (counts[5:] < 140))  # uniform: about 100 each
    assert set("".join(src)) == set("0123456789")
    assert all(t == "".join(reversed(s)) and s.isdigit() for s, t in zip(src, tgt, strict=True))
    src, _ = reversal_pairs(50, rng=np.random.default_rng(1), min_len=1, max_len=2)
    assert {len(s) for s in src} == {1, 2}
    assert reversal_pairs(0, rng=np.random.default_rng(0)) == ([], [])
    again = reversal_pairs(30, rng=np.random.default_rng(2))
    assert (
        again
        == reversal_pairs(30, rng=np.random.default_rng(2))
        != reversal_pairs(30, rng=np.random.default_rng(3))
    )
    for bad in (-2, 1.5):
        raises_naming(reversal_pairs, bad, rng=np.random.default_rng(0), names=[repr(bad)])
    raises_naming(reversal_pairs, 3, rng=np.random.default_rng(0), min_len=0, names=["min_len=0"])
    raises_naming(
        reversal_pairs,
        3,
        rng=np.random.default_rng(0),
        min_len=4,
        max_len=3,
        names=["min_len=4", "max_len=3"],
    )


# ----------------------------------------------------------------------------- examples (lesson data)


def test_check_weights_accepts_softmax_rows_and_names_what_is_wrong():
    from helpers.lessons.examples import check_weights

    np.testing.assert_array_equal(check_weights([0.2, 0.1, 0.7], 3), [0.2, 0.1, 0.7])
    np.testing.assert_array_equal(check_weights((0.5, 0.5)), [0.5, 0.5])  # T not given: any length
    raises_naming(check_weights, [0.5, 0.5], 3, names=["2", "3"])
    raises_naming(check_weights, [0.0, 0.25, 0.75], names=["0.25", "0.75"])  # zero is not positive
    raises_naming(check_weights, [-0.123456, 0.5, 0.623456], names=["-0.1235", "0.6235"])
    raises_naming(check_weights, [0.2, 0.2, 0.2], names=["0.2"])  # sums to 0.6
    raises_naming(check_weights, [[0.5, 0.5]], names=["weights", "2-D"])


def test_embeddings_for_weights_place_the_words_as_documented():
    from helpers.lessons.examples import embeddings_for_weights

    rng = np.random.default_rng(5)
    q, offsets = np.array([0.6, -0.8, 0.5]), rng.normal(size=(4, 3))
    w = np.array([0.1, 0.4, 0.3, 0.2])
    X = embeddings_for_weights(q, w, offsets)
    assert X.shape == (4, 3)
    np.testing.assert_array_equal(X[0], q)
    np.testing.assert_allclose(loop_softmax_rows(X[0] @ X.T), w)
    for j in range(1, 4):  # the part of each word across q is its offset's part across q
        across = offsets[j] - (offsets[j] @ q) / (q @ q) * q
        np.testing.assert_allclose(X[j] - (X[j] @ q) / (q @ q) * q, across, atol=1e-12)
    raises_naming(embeddings_for_weights, [0.0, 0.0], [0.5, 0.5], np.ones((2, 2)), names=["query"])
    raises_naming(embeddings_for_weights, q, w, np.ones((4, 2)), names=["2", "3"])
    raises_naming(embeddings_for_weights, [q], w, offsets, names=["query", "2-D"])
    raises_naming(embeddings_for_weights, q, w, np.ones(3), names=["offsets", "1-D"])
    raises_naming(embeddings_for_weights, q, [0.5, 0.5], offsets, names=["2", "4"])


def test_naive_example_is_the_posts_example_in_2d():
    from helpers.lessons.examples import EXAMPLE_TOKENS, EXAMPLE_WEIGHTS, naive_example

    tokens, X = naive_example()
    assert tokens == list(EXAMPLE_TOKENS) == ["I", "go", "home"] and isinstance(tokens, list)
    assert X.shape == (3, 2) and sum(EXAMPLE_WEIGHTS) == pytest.approx(1.0)
    np.testing.assert_allclose(loop_softmax_rows(X @ X.T)[0], EXAMPLE_WEIGHTS)
    assert len({tuple(np.round(x, 9)) for x in X}) == 3  # three different words


@pytest.mark.parametrize("d", [2, 3])
def test_plain_example_has_equal_lengths_and_self_on_top(d):
    from helpers.lessons.examples import plain_example

    tokens, X = plain_example(d)
    assert tokens == ["I", "go", "home"] and X.shape == (3, d)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0)
    S = X @ X.T
    assert all(S[i, i] > max(S[i, j] for j in range(3) if j != i) + 0.05 for i in range(3))


def test_plain_example_rejects_other_widths():
    from helpers.lessons.examples import plain_example

    assert plain_example()[1].shape == (3, 2)  # 2-D by default
    raises_naming(plain_example, 4, names=["4"])


def test_example_vectors_keep_the_lesson_words_and_embed_the_others():
    from helpers.core.embeddings import embed_tokens
    from helpers.lessons.examples import example_vectors, plain_example

    _, plain = plain_example(3)
    X = example_vectors(["home", "the", "I", "the", "go"], 3, seed=4)
    np.testing.assert_array_equal(X[[2, 4, 0]], plain)  # I, go, home keep their vectors
    np.testing.assert_array_equal(X[1], embed_tokens(["the"], 3, seed=4)[0])
    np.testing.assert_array_equal(X[1], X[3])
    assert not np.allclose(example_vectors(["the"], 3, seed=5), X[1])  # the seed changes other words
    np.testing.assert_array_equal(
        example_vectors(["go", 7]), np.stack([plain_example(2)[1][1], embed_tokens(["7"], 2)[0]])
    )
    raises_naming(example_vectors, [], names=["word"])


def test_unit_rows_divides_each_row_by_its_length():
    from helpers.lessons.examples import unit_rows

    X = np.array([[3.0, 4.0], [0.0, -2.0], [1.0, 1.0], [-1.0, 0.0]])
    np.testing.assert_allclose(unit_rows(X), [[0.6, 0.8], [0.0, -1.0], [2**-0.5, 2**-0.5], [-1.0, 0.0]])
    raises_naming(unit_rows, [[1.0, 2.0], [0.0, 0.0]], names=["zero"])
    raises_naming(unit_rows, [1.0, 2.0], names=["X", "1-D"])


def test_identity_rotation_and_random_maps():
    from helpers.lessons.examples import identity_maps, random_maps, rotation

    for W in identity_maps(3):
        np.testing.assert_array_equal(W, np.eye(3))
    np.testing.assert_allclose(np.array([1.0, 0.0]) @ rotation(90), [0.0, 1.0], atol=1e-12)
    np.testing.assert_allclose(np.array([1.0, 0.0]) @ rotation(60), [0.5, 3**0.5 / 2])
    R = rotation(30, 3)
    np.testing.assert_allclose(np.array([0.0, 0.0, 2.0]) @ R, [0.0, 0.0, 2.0])  # third axis stays
    np.testing.assert_allclose(R @ R.T, np.eye(3), atol=1e-12)
    maps = random_maps(300, np.random.default_rng(0))
    assert len(maps) == 3 and not np.allclose(maps[0], maps[1])
    for W in maps:
        assert W.shape == (300, 300) and abs(W.std() * np.sqrt(300) - 1) < 0.01 and abs(W.mean()) < 0.01
    again = random_maps(4, np.random.default_rng(1))
    np.testing.assert_array_equal(again[2], random_maps(4, np.random.default_rng(1))[2])


def test_naive_sentences_do_what_their_names_say():
    from helpers.lessons.examples import naive_sentences

    presets = naive_sentences()
    assert len(presets) == 3
    for name in presets:
        plain_text(name)
    post = next(name for name in presets if "post" in name)
    assert all(w in post for w in ("0.2", "0.1", "0.7"))  # the name says the weights it gives
    by_word = {next(w for w in ("post", "equal", "long") if w in name): X for name, X in presets.items()}
    for X in by_word.values():
        assert X.shape == (3, 2)
    np.testing.assert_allclose(loop_softmax_rows(by_word["post"] @ by_word["post"].T)[0], [0.2, 0.1, 0.7])
    W = loop_softmax_rows(by_word["equal"] @ by_word["equal"].T)
    np.testing.assert_allclose(np.linalg.norm(by_word["equal"], axis=1), 1.0)
    assert [int(np.argmax(row)) for row in W] == [0, 1, 2]  # self always on top
    L = by_word["long"]
    assert np.linalg.norm(L[2]) > 1.5 * np.linalg.norm(L[:2], axis=1).max()  # "home" is long
    assert [int(np.argmax(row)) for row in loop_softmax_rows(L @ L.T)] == [2, 2, 2]  # everyone looks at home


# ----------------------------------------------------------------------------- attention (notebooks 03, 04)


def test_self_weight_stats_checks_its_input():
    from helpers.lessons.attention import self_weight_stats

    W = np.array([[0.5, 0.3, 0.2], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8]])
    m, s = self_weight_stats(W)
    assert m == pytest.approx((0.5 + 0.3 + 0.8) / 3) and s == pytest.approx(2 / 3)
    raises_naming(self_weight_stats, np.ones((2, 3)), names=["(2, 3)"])
    raises_naming(self_weight_stats, np.ones((2, 3, 4)), names=["(2, 3, 4)"])
    raises_naming(self_weight_stats, np.ones(3), names=["weights"])


@pytest.mark.parametrize("learned_maps,scaled", [(False, None), (False, True), (True, None), (True, False)])
def test_self_weight_vs_dimension_options_match_a_loop(learned_maps, scaled):
    from helpers.lessons.attention import self_weight_vs_dimension

    dims, n, T = [2, 5], 3, 4
    curve = self_weight_vs_dimension(
        dims, np.random.default_rng(9), T=T, n_sentences=n, learned_maps=learned_maps, scaled=scaled
    )
    assert curve.T == T and list(curve.d) == dims
    rng = np.random.default_rng(9)  # the documented draws: sentences, then (W_q, W_k) per sentence
    use_scale = learned_maps if scaled is None else scaled
    for i, d in enumerate(dims):
        X = rng.normal(size=(n, T, d))
        maps = rng.normal(size=(2, n, d, d)) / np.sqrt(d) if learned_maps else None
        diag, top = [], []
        for b in range(n):
            Q, K = (X[b] @ maps[0, b], X[b] @ maps[1, b]) if learned_maps else (X[b], X[b])
            w = loop_attention_weights(Q, K, 1 / np.sqrt(d) if use_scale else 1.0)
            diag += [w[t, t] for t in range(T)]
            top += [int(np.argmax(w[t])) == t for t in range(T)]
        assert curve.mean_self_weight[i] == pytest.approx(np.mean(diag))
        assert curve.self_top_share[i] == pytest.approx(np.mean(top))


def test_self_weight_vs_dimension_defaults_8_words_200_sentences():
    from helpers.lessons.attention import self_weight_vs_dimension

    curve = self_weight_vs_dimension([3], np.random.default_rng(2))
    ref = self_weight_vs_dimension([3], np.random.default_rng(2), T=8, n_sentences=200, learned_maps=False)
    assert curve.T == 8 and curve.mean_self_weight[0] == ref.mean_self_weight[0]
    assert curve.self_top_share[0] == ref.self_top_share[0]
    X = np.random.default_rng(2).normal(size=(200, 8, 3))
    assert ref.mean_self_weight[0] == pytest.approx(
        np.mean([loop_attention_weights(x, x, 1.0).trace() / 8 for x in X])
    )


def test_softmax_saturation_matches_a_loop_with_its_defaults():
    from helpers.lessons.attention import softmax_saturation

    curve = softmax_saturation([1, 9], np.random.default_rng(3))
    assert curve.n_k == 8
    rng = np.random.default_rng(3)
    for i, d in enumerate([1, 9]):
        q, k = rng.normal(size=(400, 1, d)), rng.normal(size=(400, 8, d))
        plain = np.array([[q[n, 0] @ k[n, j] for j in range(8)] for n in range(400)])
        assert curve.max_weight_plain[i] == pytest.approx(loop_softmax_rows(plain).max(axis=1).mean())
        assert curve.max_weight_scaled[i] == pytest.approx(
            loop_softmax_rows(plain / np.sqrt(d)).max(axis=1).mean()
        )
        assert curve.score_std_plain[i] == pytest.approx(plain.std())
        assert curve.score_std_scaled[i] == pytest.approx(plain.std() / np.sqrt(d))


def test_solve_query_map_is_the_identity_away_from_the_word():
    from helpers.lessons.attention import solve_query_map

    rng = np.random.default_rng(6)
    X = rng.normal(size=(3, 4))
    W_k = rng.normal(size=(4, 4))
    W_q = solve_query_map(X, [0.3, 0.6, 0.1], W_k=W_k, query_index=2)  # default scale 1/sqrt(4)
    np.testing.assert_allclose(loop_attention_weights(X @ W_q, X @ W_k, 0.5)[2], [0.3, 0.6, 0.1])
    v = rng.normal(size=4)
    v -= (v @ X[2]) / (X[2] @ X[2]) * X[2]
    np.testing.assert_allclose(v @ W_q, v, atol=1e-12)  # a rank-one change along the word only
    assert np.linalg.matrix_rank(W_q - np.eye(4)) == 1


def test_solve_query_map_errors_name_the_sizes():
    from helpers.lessons.attention import solve_query_map

    X = np.random.default_rng(0).normal(size=(4, 2))
    raises_naming(solve_query_map, X, [0.1, 0.2, 0.3, 0.4], names=["4", "d_in = 2", "0.1", "0.4"])
    raises_naming(solve_query_map, X[:3], [0.2, 0.3, 0.5], W_k=np.eye(3), names=["[2, 2]", "(3, 3)"])
    raises_naming(solve_query_map, X[:3], [0.2, 0.3, 0.5], W_k=np.eye(2)[None], names=["W_k", "3-D"])
    raises_naming(solve_query_map, X[0], [1.0], names=["X", "1-D"])
    raises_naming(solve_query_map, X, [0.5, 0.5], names=["2", "4"])


def test_permutation_demo_uses_the_scale_and_permutes():
    from helpers.lessons.attention import permutation_demo

    rng = np.random.default_rng(8)
    X, (W_q, W_k, W_v) = (
        rng.normal(size=(4, 3)),
        (rng.normal(size=(3, 2)), rng.normal(size=(3, 2)), rng.normal(size=(3, 5))),
    )
    perm = [3, 0, 2, 1]
    for scale, c in ((None, 1 / np.sqrt(2)), (0.7, 0.7)):
        res = permutation_demo(X.tolist(), perm, W_q, W_k, W_v, scale=scale)
        w = loop_attention_weights(X @ W_q, X @ W_k, c)
        np.testing.assert_allclose(res.weights, w)
        np.testing.assert_allclose(res.outputs, w @ (X @ W_v))
        Xp = X[perm]
        np.testing.assert_allclose(res.permuted_weights, loop_attention_weights(Xp @ W_q, Xp @ W_k, c))
        np.testing.assert_allclose(res.permuted_outputs, res.outputs[perm], atol=1e-12)
        np.testing.assert_array_equal(res.perm, perm)
        assert res.max_difference < 1e-12
    base = permutation_demo(X, perm, W_q, W_k, W_v)
    shifted = base._replace(permuted_outputs=base.outputs[perm] + 0.25)
    assert shifted.max_difference == pytest.approx(0.25)
    raises_naming(permutation_demo, X, [0, 1, 1, 2], W_q, W_k, W_v, names=["0..3", "[0, 1, 1, 2]"])
    raises_naming(permutation_demo, X[0], [0], W_q, W_k, W_v, names=["X"])


def test_attention_influence_with_rectangular_maps_matches_finite_differences():
    from helpers.lessons.attention import attention_influence

    rng = np.random.default_rng(10)
    X = rng.normal(size=(3, 4))
    W_q, W_k, W_v = rng.normal(size=(4, 2)), rng.normal(size=(4, 2)), rng.normal(size=(4, 5))

    def out(Xe):
        return loop_attention_weights(Xe @ W_q, Xe @ W_k, 1 / np.sqrt(2)) @ (Xe @ W_v)

    got, h = attention_influence(X.tolist(), W_q, W_k, W_v), 1e-6
    for s in range(3):
        J = np.zeros((3, 5, 4))
        for a in range(4):
            E = np.zeros_like(X)
            E[s, a] = h
            J[:, :, a] = (out(X + E) - out(X - E)) / (2 * h)
        np.testing.assert_allclose(got[:, s], np.linalg.norm(J, axis=(1, 2)), rtol=1e-5)
    for i, name in enumerate(("W_q", "W_k", "W_v")):
        maps = [W_q, W_k, W_v]
        maps[i] = maps[i][None]
        raises_naming(attention_influence, X, *maps, names=[name, "3-D"])
    raises_naming(attention_influence, X[0], W_q, W_k, W_v, names=["X", "1-D"])
    raises_naming(attention_influence, X[None], W_q, W_k, W_v, names=["X", "3-D"])


def test_qkv_presets_do_what_their_names_say():
    from helpers.lessons.attention import QKV_PRESETS, qkv_preset
    from helpers.lessons.examples import plain_example, random_maps

    _, X = plain_example(2)
    by_word = {next(w for w in ("identity", "rotation", "random", "0.2") if w in n): n for n in QKV_PRESETS}
    assert len(by_word) == len(QKV_PRESETS) == 4
    for W in qkv_preset(by_word["identity"], X):
        np.testing.assert_array_equal(W, np.eye(2))
    W_q, W_k, W_v = qkv_preset(by_word["rotation"], X)
    a = np.deg2rad(60)
    for x in X:  # queries turned by 60 degrees, keys and values unchanged
        turned = [x[0] * np.cos(a) - x[1] * np.sin(a), x[0] * np.sin(a) + x[1] * np.cos(a)]
        np.testing.assert_allclose(x @ W_q, turned, atol=1e-12)
    np.testing.assert_array_equal(W_k, np.eye(2))
    np.testing.assert_array_equal(W_v, np.eye(2))
    W_q3 = qkv_preset(by_word["rotation"], plain_example(3)[1])[0]  # 3-D words: the turn is in the
    np.testing.assert_allclose(np.array([0.0, 0.0, 1.0]) @ W_q3, [0.0, 0.0, 1.0])  # first two axes
    maps = qkv_preset(by_word["random"], X)
    for W, ref in zip(maps, random_maps(2, np.random.default_rng(0)), strict=True):
        np.testing.assert_array_equal(W, ref)
    assert not np.allclose(qkv_preset(by_word["random"], X, seed=1)[0], maps[0])
    for scale in (None, 1.0):
        W_q, W_k, W_v = qkv_preset(by_word["0.2"], X, scale=scale)
        c = 1 / np.sqrt(2) if scale is None else scale
        np.testing.assert_allclose(loop_attention_weights(X @ W_q, X @ W_k, c)[0], [0.2, 0.1, 0.7])
        np.testing.assert_array_equal(W_k, np.eye(2))
    raises_naming(qkv_preset, by_word["0.2"], np.ones((4, 2)), names=["4"])
    raises_naming(qkv_preset, "swap", X, names=["'swap'", by_word["random"]])
    raises_naming(qkv_preset, by_word["identity"], X[0], names=["X", "1-D"])


# ----------------------------------------------------------------------------- transformer lessons (07)


def _positions_2d(T):
    """The 2-wide sinusoidal positions written out: position t at (sin t, cos t)."""
    return np.array([[np.sin(t), np.cos(t)] for t in range(T)])


def test_first_word_preset_sends_every_query_toward_position_0():
    from helpers.lessons import transformer as lt

    W_q, W_k, _ = lt.head_preset("first word")
    np.testing.assert_array_equal(lt._first_word_query(), W_q)  # the builder behind the preset
    X = lt.head_input()
    p0 = _positions_2d(1)[0]
    for q in np.concatenate(
        [X @ W_q, X @ lt._first_word_query()]
    ):  # every query points along position 0 (positive multiple)
        assert abs(q[0] * p0[1] - q[1] * p0[0]) < 1e-12 and q @ p0 > 0
    _, w = qkv_self_attention(X, W_q, W_k, np.eye(2))
    assert np.all(w[:, 0] > 0.9)


def test_head_input_is_words_plus_scaled_positions():
    from helpers.lessons import transformer as lt
    from helpers.lessons.examples import example_vectors

    words = example_vectors(["I", "go", "home", "today"], 2)
    np.testing.assert_allclose(lt.head_input(["I", "go", "home", "today"], 0.0), words)
    np.testing.assert_allclose(lt.head_input(("I", "go"), 1.5), words[:2] + 1.5 * _positions_2d(2))
    np.testing.assert_allclose(lt.head_input(), words[:3] + lt.HEAD_POSITION_SCALE * _positions_2d(3))
    assert lt.HEAD_POSITION_SCALE > 1  # positions outweigh the unit-length words


def test_head_preset_returns_copies():
    from helpers.lessons import transformer as lt

    W_q, _, _ = lt.head_preset("same word")
    W_q[:] = 0.0
    assert np.all(np.diag(lt.head_preset("same word")[0]) > 0)
    raises_naming(lt.head_preset, "last word", names=["'last word'", "same word", "average"])


def test_stack_heads_of_three_heads_averages_their_outputs():
    from helpers.lessons import transformer as lt

    heads = [([[1, 0], [0, 1]], [[2, 0], [0, 2]], [[0, 1], [1, 0]])] * 3
    W_q, W_k, W_v, W_o = lt.stack_heads(heads)
    assert W_q.shape == W_k.shape == W_v.shape == (3, 2, 2) and W_o.shape == (6, 2)
    assert W_q.dtype == float
    np.testing.assert_array_equal(W_k[1], [[2, 0], [0, 2]])
    np.testing.assert_array_equal(W_v[2], [[0, 1], [1, 0]])
    o = np.random.default_rng(0).normal(size=(3, 2))
    np.testing.assert_allclose(o.reshape(1, 6) @ W_o, o.mean(axis=0, keepdims=True))


def test_bilinear_words_and_scores():
    from helpers.lessons import transformer as lt

    B = lt.bilinear_words()
    np.testing.assert_allclose(np.linalg.norm(B, axis=1), 1.0)
    angle = np.degrees(np.arccos(np.clip(B @ B.T, -1, 1)))
    assert angle[0, 1] == pytest.approx(60.0) and angle[0, 2] == pytest.approx(150.0)
    assert angle[1, 2] == pytest.approx(90.0)
    rng = np.random.default_rng(3)
    X, M = rng.normal(size=(4, 3)), rng.normal(size=(3, 3))
    loop = [
        [sum(X[i, a] * M[a, b] * X[j, b] for a in range(3) for b in range(3)) for j in range(4)]
        for i in range(4)
    ]
    np.testing.assert_allclose(lt.bilinear_scores(X.tolist(), M), loop)
    raises_naming(lt.bilinear_scores, X[None], M, names=["X", "3-D"])
    raises_naming(lt.bilinear_scores, X, M[0], names=["M", "1-D"])


def test_split_bilinear_parts():
    from helpers.lessons import transformer as lt

    M = np.array([[1.0, 4.0], [2.0, -3.0]])
    S, A = lt.split_bilinear(M.tolist())
    np.testing.assert_allclose(S, [[1.0, 3.0], [3.0, -3.0]])
    np.testing.assert_allclose(A, [[0.0, 1.0], [-1.0, 0.0]])
    x = np.array([0.3, -1.7])
    assert x @ A @ x == pytest.approx(0.0) and x @ S @ x == pytest.approx(x @ M @ x)
    raises_naming(lt.split_bilinear, [1.0, 2.0], names=["M", "1-D"])


def test_equal_m_norms_rescales_each_word_to_self_score_1():
    from helpers.lessons import transformer as lt

    rng = np.random.default_rng(4)
    X, A = rng.normal(size=(5, 3)), rng.normal(size=(3, 3))
    M = A @ A.T + 0.1 * np.eye(3)
    Y = lt.with_unit_self_scores(X.tolist(), M)
    np.testing.assert_allclose([y @ M @ y for y in Y], 1.0)
    for x, y in zip(X, Y, strict=True):  # same direction, only the length changes
        ratio = y / x
        np.testing.assert_allclose(ratio, ratio[0])
        assert ratio[0] > 0
    antisym = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])  # every self-score 0
    raises_naming(lt.with_unit_self_scores, X, antisym, names=["x M x^T"])
    raises_naming(lt.with_unit_self_scores, X, -M, names=["positive"])


def test_permutation_with_positions_matches_a_loop():
    from helpers.lessons import transformer as lt
    from helpers.lessons.examples import example_vectors

    rng = np.random.default_rng(5)
    maps = tuple(rng.normal(size=(2, 2)) for _ in range(3))
    tokens, perm = ["home", "I", "go", "now"], [2, 0, 3, 1]
    res = lt.permutation_with_positions(tokens, perm, maps, position_scale=0.5)
    X = example_vectors(tokens, 2)
    P = 0.5 * _positions_2d(4)

    def out(Z):
        return loop_attention_weights(Z @ maps[0], Z @ maps[1], 2**-0.5) @ (Z @ maps[2])

    np.testing.assert_allclose(res.outputs, out(X + P))
    permuted = out(X[perm] + P)  # row t is the word perm[t]
    for t in range(4):
        np.testing.assert_allclose(res.reordered_outputs[perm[t]], permuted[t])
    assert res.max_difference == pytest.approx(np.abs(res.reordered_outputs - res.outputs).max())
    assert res.max_difference > 1e-3
    wide = (rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), rng.normal(size=(2, 2)))
    res = lt.permutation_with_positions(tokens, perm, wide, position_scale=0.5)  # d_k = 3, d_in = 2
    w = loop_attention_weights((X + P) @ wide[0], (X + P) @ wide[1], 3**-0.5)
    np.testing.assert_allclose(res.outputs, w @ ((X + P) @ wide[2]))
    raises_naming(
        lt.permutation_with_positions,
        tokens,
        [0, 1, 2],
        maps,
        position_scale=1.0,
        names=["0..3", "[0, 1, 2]"],
    )


def test_block_input_and_weights():
    from helpers.core.embeddings import embed_tokens
    from helpers.lessons import transformer as lt

    X = lt.block_input(("go", "home"), d_model=6)
    np.testing.assert_allclose(X, embed_tokens(["go", "home"], 6) * np.sqrt(6) / 2)
    assert lt.block_input(["a"]).shape == (1, lt.BLOCK_D_MODEL) == (1, 8)
    a, b = lt.block_weights(2), lt.block_weights(2, seed=lt.BLOCK_SEED)
    np.testing.assert_array_equal(a.W_q, b.W_q)
    assert not np.allclose(lt.block_weights(2, seed=8).W_q, a.W_q)
    assert lt.block_weights(1, d_model=4).W_q.shape == (1, 4, 4)


def test_influence_patterns_match_finite_differences_of_a_loop():
    from helpers.core.rnn import init_rnn, rnn_forward
    from helpers.lessons import transformer as lt

    T, d = 3, 2
    rnn, att = lt.influence_patterns(T, d, np.random.default_rng(6))
    rng = np.random.default_rng(6)  # the documented draws: sentence, RNN, then the two heads
    X = rng.normal(size=(T, d))
    W_xh, W_hh, b_h = init_rnn(d, d, rng)
    W_q, W_k, W_v = (rng.normal(0, d**-0.5, (2, d, d)) for _ in range(3))
    W_o = rng.normal(0, (2 * d) ** -0.5, (2 * d, d))
    causal = np.tril(np.ones((T, T), bool))  # word t attends to words 0..t
    h = 1e-6
    for s in range(T):
        J_rnn, J_att = np.zeros((T, d, d)), np.zeros((T, d, d))
        for a in range(d):
            E = np.zeros((T, d))
            E[s, a] = h
            J_rnn[:, :, a] = (rnn_forward(X + E, W_xh, W_hh, b_h) - rnn_forward(X - E, W_xh, W_hh, b_h)) / (
                2 * h
            )
            J_att[:, :, a] = (
                loop_multi_head(X + E, W_q, W_k, W_v, W_o, mask=causal)[0]
                - loop_multi_head(X - E, W_q, W_k, W_v, W_o, mask=causal)[0]
            ) / (2 * h)
        np.testing.assert_allclose(rnn[:, s], np.linalg.norm(J_rnn, axis=(1, 2)), rtol=1e-5, atol=1e-9)
        np.testing.assert_allclose(att[:, s], np.linalg.norm(J_att, axis=(1, 2)), rtol=1e-4, atol=1e-8)


def test_diagonal_wins_of_an_empty_sentence_is_an_empty_answer():
    from helpers.lessons.bilinear import diagonal_wins

    assert diagonal_wins(np.zeros((0, 0))).shape == (0,)
    assert diagonal_wins(np.zeros((3, 0, 0))).shape == (3, 0)
