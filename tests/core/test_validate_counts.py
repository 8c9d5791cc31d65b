"""Every public compute function refuses bad input with a message that names the argument at fault.

A learner who passes the wrong thing (a vector where a matrix belongs, a NaN from a broken cell, a
matrix of the wrong size) must learn from the message which argument it was and what shape it has,
not meet a traceback from inside numpy. One table drives the whole boundary: for each function and
each of its array arguments, the test breaks that argument alone and reads the message.
"""

import re

import numpy as np
import pytest

from helpers.core import attention, block, rnn, rnn_analysis, transformer
from helpers.core.classifiers import AttentionClassifier
from helpers.core.embeddings import embed_tokens
from helpers.core.training import Trainer
from helpers.lessons.recall_tasks import associative_recall
from tests.support.core import D_FF, D_H, D_IN, D_K, D_V, H_HEADS, RNG, RNN_ARGS, T, a, probe
from tests.support.messages import mentions

# function, its valid keyword arguments, the array arguments it must name when one is broken
CASES = {
    "rnn_forward": (rnn.rnn_forward, RNN_ARGS, ["X", "W_xh", "W_hh", "b_h"]),
    "hidden_influence": (rnn_analysis.hidden_influence, RNN_ARGS, ["X", "W_xh", "W_hh", "b_h"]),
    "batched_rnn_forward": (
        rnn_analysis.batched_rnn_forward,
        {**RNN_ARGS, "X": a(2, T, D_IN)},
        ["X", "W_xh", "W_hh", "b_h"],
    ),
    "step_jacobian": (rnn_analysis.step_jacobian, {"h_t": a(D_H), "W_hh": a(D_H, D_H)}, ["h_t", "W_hh"]),
    "jacobian_product": (
        rnn_analysis.jacobian_product,
        {"H": np.tanh(a(T, D_H)), "W_hh": a(D_H, D_H), "s": 0, "t": T - 1},
        ["H", "W_hh"],
    ),
    "feed_forward": (
        block.feed_forward,
        {"X": a(T, D_IN), "W_1": a(D_IN, D_FF), "b_1": a(D_FF), "W_2": a(D_FF, D_IN), "b_2": a(D_IN)},
        ["W_1", "b_1", "W_2", "b_2"],
    ),
    "qkv_self_attention": (
        attention.qkv_self_attention,
        {"X": a(T, D_IN), "W_q": a(D_IN, D_K), "W_k": a(D_IN, D_K), "W_v": a(D_IN, D_V)},
        ["X", "W_q", "W_k", "W_v"],
    ),
    "multi_head_attention": (
        transformer.multi_head_attention,
        {
            "X": a(T, D_IN),
            "W_q": a(H_HEADS, D_IN, D_K),
            "W_k": a(H_HEADS, D_IN, D_K),
            "W_v": a(H_HEADS, D_IN, D_V),
            "W_o": a(H_HEADS * D_V, D_IN),
        },
        ["W_q", "W_k", "W_v", "W_o"],
    ),
}


def _shape_text(shape):
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


PARAMS = [(fn, arg) for fn, (_f, _kw, args) in CASES.items() for arg in args]


@pytest.mark.parametrize(("fn", "arg"), PARAMS, ids=[f"{f}-{a}" for f, a in PARAMS])
def test_valid_input_runs(fn, arg):
    f, kwargs, _ = CASES[fn]
    out = f(**kwargs)
    assert np.all(np.isfinite(np.asarray(out[0] if isinstance(out, tuple) else out)))


@pytest.mark.parametrize(("fn", "arg"), PARAMS, ids=[f"{f}-{a}" for f, a in PARAMS])
def test_an_extra_axis_is_refused_naming_the_argument_and_its_shape(fn, arg):
    f, kwargs, _ = CASES[fn]
    bad = np.asarray(kwargs[arg])[None]  # one axis too many, as from a batch of one
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: bad})
    message = str(err.value)
    assert mentions(message, arg), message
    assert _shape_text(bad.shape) in message, message


@pytest.mark.parametrize(("fn", "arg"), PARAMS, ids=[f"{f}-{a}" for f, a in PARAMS])
def test_a_nan_is_refused_naming_the_argument(fn, arg):
    f, kwargs, _ = CASES[fn]
    bad = np.array(kwargs[arg], dtype=float)
    bad.flat[-1] = np.nan
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: bad})
    message = str(err.value)
    assert mentions(message, arg), message
    assert "NaN" in message, message


@pytest.mark.parametrize(("fn", "arg"), PARAMS, ids=[f"{f}-{a}" for f, a in PARAMS])
def test_text_is_refused_naming_the_argument(fn, arg):
    f, kwargs, _ = CASES[fn]
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: [["one", "two"]]})
    assert mentions(str(err.value), arg), str(err.value)


@pytest.mark.parametrize(
    ("fn", "arg", "bad_shape", "sizes"),
    [
        ("rnn_forward", "W_xh", (D_IN + 1, D_H), [D_IN + 1, D_IN]),  # rows must match X's width
        ("rnn_forward", "W_hh", (D_H, D_H + 1), [D_H, D_H + 1]),  # square, d_h from W_xh
        ("rnn_forward", "b_h", (D_H + 2,), [D_H, D_H + 2]),
        ("step_jacobian", "W_hh", (D_H, D_H + 1), [D_H, D_H + 1]),
        ("step_jacobian", "h_t", (D_H + 1,), [D_H + 1, D_H]),
        ("jacobian_product", "H", (T, D_H + 1), [D_H + 1, D_H]),
        ("feed_forward", "W_2", (D_FF, D_IN + 1), [D_FF, D_IN + 1]),
        ("feed_forward", "b_1", (D_FF + 1,), [D_FF + 1]),
        ("qkv_self_attention", "W_k", (D_IN, D_K + 1), [D_K, D_K + 1]),
        ("qkv_self_attention", "W_v", (D_IN + 1, D_V), [D_IN + 1, D_IN]),
        ("multi_head_attention", "W_k", (H_HEADS, D_IN, D_K + 1), [D_K, D_K + 1]),
        ("multi_head_attention", "W_v", (H_HEADS + 1, D_IN, D_V), [H_HEADS, H_HEADS + 1]),
        ("multi_head_attention", "W_o", (H_HEADS * D_V + 1, D_IN), [H_HEADS * D_V, H_HEADS * D_V + 1]),
    ],
)
def test_a_size_mismatch_names_the_argument_and_both_sizes(fn, arg, bad_shape, sizes):
    f, kwargs, _ = CASES[fn]
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: RNG.normal(size=bad_shape)})
    message = str(err.value)
    assert mentions(message, arg), message
    found = [int(n) for n in re.findall(r"\d+", message)]
    for n in sizes:
        assert n in found, (n, message)


def test_rnn_input_must_be_one_sentence_with_at_least_one_word():
    with pytest.raises(ValueError, match=r"\(4,\)") as err:
        rnn.rnn_forward(**{**RNN_ARGS, "X": np.ones(4)})
    assert "reshape" in str(err.value)  # says how to make one token a sentence
    with pytest.raises(ValueError, match="T = 0"):
        rnn.rnn_forward(**{**RNN_ARGS, "X": np.ones((0, D_IN))})


def test_unknown_nonlinearity_names_the_choices():
    with pytest.raises(ValueError) as err:
        rnn.rnn_forward(**RNN_ARGS, nonlinearity="relu")
    assert "'relu'" in str(err.value)
    assert "tanh" in str(err.value) and "none" in str(err.value)


@pytest.mark.parametrize(
    ("f", "kwargs", "arg"),
    [
        (attention.attention_scores, {"queries": a(T, D_K), "keys": a(T, D_K)}, "queries"),
        (attention.attention_scores, {"queries": a(T, D_K), "keys": a(T, D_K)}, "keys"),
        (attention.dot_product_attention, {"queries": a(T, D_K), "keys": a(T, D_K), "values": a(T, D_V)},
         "values"),
    ],
)
def test_a_single_vector_where_a_matrix_belongs_is_refused_naming_it(f, kwargs, arg):
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: np.ones(3)})
    assert mentions(str(err.value), arg) and "(3,)" in str(err.value), str(err.value)


def test_query_and_key_widths_are_both_named():
    with pytest.raises(ValueError) as err:
        attention.attention_scores(a(T, 2), a(T + 1, 3))
    message = str(err.value)
    assert "d_k = 2" in message and "d_k = 3" in message, message
    assert attention.attention_scores(a(2, 3, 4), a(2, 5, 4)).shape == (2, 3, 5)  # a batch is fine


@pytest.mark.parametrize(("arg", "value", "needle"),
                         [("T", 0, "at least 1"), ("d", 0, "at least 1"), ("T", 2.5, "whole number"),
                          ("d", True, "whole number")])
def test_position_sizes_must_be_whole_and_positive(arg, value, needle):
    with pytest.raises(ValueError) as err:
        transformer.sinusoidal_positions(**{"T": 3, "d": 4, arg: value})
    assert mentions(str(err.value), arg) and needle in str(err.value), str(err.value)


@pytest.mark.parametrize("d", [3, 7])
def test_an_odd_position_width_suggests_the_even_neighbours(d):
    with pytest.raises(ValueError) as err:
        transformer.sinusoidal_positions(2, d)
    numbers = {int(n) for n in re.findall(r"\d+", str(err.value))}
    assert {d - 1, d, d + 1} <= numbers and not numbers & {d - 2, d + 2}, str(err.value)


def test_the_smallest_positions_and_base_are_accepted():
    assert transformer.sinusoidal_positions(1, 2).tolist() == [[0.0, 1.0]]  # sin 0, cos 0
    assert np.isfinite(transformer.sinusoidal_positions(3, 2, base=1.5)).all()
    for base in (1.0, 0.5, np.inf):
        with pytest.raises(ValueError, match="base"):
            transformer.sinusoidal_positions(3, 2, base=base)


def test_probe_accepts_its_smallest_task_and_names_what_is_too_small():
    result = probe(a(2, D_IN), T=1, n_sentences=8)
    assert len(result.r2) == 1
    with pytest.raises(ValueError, match="got 1"):
        probe(a(1, D_IN), T=2, n_sentences=8)
    with pytest.raises(ValueError) as err:
        probe(a(3, D_IN), T=0, n_sentences=7)
    assert "T = 0" in str(err.value) and "n_sentences = 7" in str(err.value)
    with pytest.raises(ValueError, match="n_sentences = 7"):
        probe(a(3, D_IN), T=2, n_sentences=7)
    with pytest.raises(ValueError) as err:
        probe(a(3, D_IN, 1), T=2, n_sentences=8)
    assert mentions(str(err.value), "vocab") and "(3, 3, 1)" in str(err.value)


def _trainer():
    X, y, _ = associative_recall(2, 40, rng=np.random.default_rng(0))
    model = AttentionClassifier(X.shape[-1], 4, int(y.max()) + 1, rng=np.random.default_rng(1))
    return Trainer(model, rng=np.random.default_rng(2)), X, y


@pytest.mark.parametrize(("steps", "expected"), [(40, list(range(2, 41, 2))), (41, [*range(2, 41, 2), 41]),
                                                 (7, list(range(1, 8)))])
def test_training_records_accuracy_every_twentieth_of_the_run_and_at_its_end(steps, expected):
    trainer, X, y = _trainer()
    history = trainer.run(X, y, steps=steps, batch_size=1)  # one example per batch is allowed
    assert history["step"] == list(range(1, steps + 1))
    assert history["eval_step"] == expected


def test_training_zero_steps_is_allowed_and_a_stop_ends_only_that_run():
    trainer, X, y = _trainer()
    assert trainer.run(X, y, steps=0, batch_size=4)["step"] == []

    def stop_at_3(step, t):
        if step == 3:
            t.stop()

    trainer.run(X, y, steps=10, batch_size=4, callback=stop_at_3)
    assert trainer.step == 3
    trainer.run(X, y, steps=2, batch_size=4)  # the next run starts afresh
    assert trainer.history["step"] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(("steps", "batch_size"), [(-1, 4), (3, 0)])
def test_training_refuses_negative_steps_or_empty_batches_naming_both(steps, batch_size):
    trainer, X, y = _trainer()
    with pytest.raises(ValueError) as err:
        trainer.run(X, y, steps=steps, batch_size=batch_size)
    assert f"{steps}, {batch_size}" in str(err.value)


# ---------------------------------------------------------------- counts and sizes
# Every public function that takes a count (a size, a width, a number of steps): a float, even a
# whole one, a bool or text is refused with a ValueError that names the argument and the value
# given; a numpy integer is a count like any int. Each row: label, call(value), argument name, a
# valid value.


def _count_cases():
    from helpers.core import block, cost, embeddings, training
    from helpers.core.classifiers import RNNClassifier
    from helpers.core.seq2seq import Seq2Seq
    from helpers.lessons import attention as la
    from helpers.lessons import bilinear, examples, race, recall_analysis, recall_tasks, start_here
    from helpers.lessons import transformer as lt
    from helpers.lessons import translation_experiments as tx
    from helpers.lessons import translation_tasks as tt

    def rng():
        return np.random.default_rng(0)

    def trainer_run(**kw):
        X, y, _ = associative_recall(2, 8, rng=rng())
        model = RNNClassifier(X.shape[-1], 3, 8, rng=rng())
        args = {"steps": 2, "batch_size": 2} | kw
        return training.Trainer(model, rng=rng()).run(X, y, **args)

    def seq2seq(**kw):
        return Seq2Seq("ab", "xy", **({"d_emb": 2, "d_h": 4} | kw), attention=True, rng=rng())

    W, H = a(D_H, D_H) * 0.3, np.tanh(a(T, D_H))
    small_run = {"steps": 1, "n_train": 8, "d_emb": 2, "d_h": 4, "batch_size": 2}
    return [
        ("causal_mask", lambda v: transformer.causal_mask(v), "T", 3),
        ("padding_mask lengths", lambda v: transformer.padding_mask([v, 1]), "length", 3),
        ("padding_mask T", lambda v: transformer.padding_mask([2, 1], v), "T", 3),
        ("sinusoidal_positions T", lambda v: transformer.sinusoidal_positions(v, 4), "T", 3),
        ("sinusoidal_positions d", lambda v: transformer.sinusoidal_positions(3, v), "d", 4),
        ("embed_tokens", lambda v: embeddings.embed_tokens(["a"], v), "d", 3),
        ("random_embeddings T", lambda v: embeddings.random_embeddings(v, 2, rng()), "T", 3),
        ("random_embeddings d", lambda v: embeddings.random_embeddings(2, v, rng()), "d", 3),
        ("init_rnn d_in", lambda v: rnn.init_rnn(v, 2, rng()), "d_in", 3),
        ("init_rnn d_h", lambda v: rnn.init_rnn(2, v, rng()), "d_h", 3),
        ("RNNClassifier d_in", lambda v: RNNClassifier(v, 2, 2, rng=rng()), "d_in", 3),
        ("RNNClassifier d_h", lambda v: RNNClassifier(2, v, 2, rng=rng()), "d_h", 3),
        ("RNNClassifier n_classes", lambda v: RNNClassifier(2, 2, v, rng=rng()), "n_classes", 3),
        ("AttentionClassifier d_k", lambda v: AttentionClassifier(2, v, 2, rng=rng()), "d_k", 3),
        ("Seq2Seq d_emb", lambda v: seq2seq(d_emb=v), "d_emb", 3),
        ("Seq2Seq d_h", lambda v: seq2seq(d_h=v), "d_h", 4),
        ("Seq2Seq max_output_len", lambda v: seq2seq(max_output_len=v), "max_output_len", 3),
        ("Seq2Seq.greedy steps", lambda v: (m := seq2seq()).greedy(m.encode(["ab"]), steps=v),
         "steps", 3),
        ("init_block d_model", lambda v: block.init_block(v, 1, rng()), "d_model", 3),
        ("init_block n_heads", lambda v: block.init_block(6, v, rng()), "n_heads", 3),
        ("init_block d_ff", lambda v: block.init_block(4, 2, rng(), d_ff=v), "d_ff", 3),
        ("Trainer checkpoint_every",
         lambda v: training.Trainer(RNNClassifier(2, 2, 2, rng=rng()), rng=rng(), checkpoint_every=v),
         "checkpoint_every", 3),
        ("Trainer.run steps", lambda v: trainer_run(steps=v), "steps", 3),
        ("Trainer.run batch_size", lambda v: trainer_run(batch_size=v), "batch_size", 3),
        ("Trainer.run eval_every", lambda v: trainer_run(eval_every=v), "eval_every", 3),
        ("jacobian_product s", lambda v: rnn_analysis.jacobian_product(H, W, v, 3), "s", 1),
        ("jacobian_product t", lambda v: rnn_analysis.jacobian_product(H, W, 0, v), "t", 3),
        ("probe_first_word T", lambda v: probe(a(3, D_IN), T=v, n_sentences=8), "T", 3),
        ("probe_first_word n_sentences", lambda v: probe(a(3, D_IN), T=2, n_sentences=v),
         "n_sentences", 9),
        ("power_norms", lambda v: rnn_analysis.power_norms(W, v), "steps", 3),
        ("gradient_fate", lambda v: rnn_analysis.gradient_fate(W, steps=v), "steps", 3),
        ("sequential_steps", lambda v: cost.sequential_steps(v, "rnn"), "T", 3),
        ("multiply_adds T", lambda v: cost.multiply_adds(v, 2, "attention"), "T", 3),
        ("multiply_adds d", lambda v: cost.multiply_adds(2, v, "attention"), "d", 3),
        ("time_rnn_vs_attention T", lambda v: cost.time_rnn_vs_attention([v], 2, rng(), repeats=1),
         "T", 3),
        ("time_rnn_vs_attention repeats", lambda v: cost.time_rnn_vs_attention([2], 2, rng(), repeats=v),
         "repeats", 3),
        ("associative_recall n_pairs", lambda v: associative_recall(v, 2, rng=rng()), "n_pairs", 3),
        ("associative_recall n_samples", lambda v: associative_recall(2, v, rng=rng()), "n_samples", 3),
        ("first_token_recall length", lambda v: recall_tasks.first_token_recall(v, 2, rng=rng()),
         "length", 3),
        ("date_pairs", lambda v: tt.date_pairs(v, rng=rng()), "n", 3),
        ("reversal_pairs n", lambda v: tt.reversal_pairs(v, rng=rng()), "n", 3),
        ("reversal_pairs min_len", lambda v: tt.reversal_pairs(2, rng=rng(), min_len=v), "min_len", 3),
        ("reversal_pairs max_len", lambda v: tt.reversal_pairs(2, rng=rng(), min_len=1, max_len=v),
         "max_len", 3),
        ("accuracy_by_queried_pair", lambda v: recall_analysis.accuracy_by_queried_pair([0], [0], [0], v),
         "n_pairs", 3),
        ("keyless_ceiling", lambda v: recall_analysis.keyless_ceiling(2, v, rng=rng()), "n_samples", 3),
        ("race.make_model", lambda v: race.make_model("rnn", "associative", rng=rng(), d_h=v), "d_h", 3),
        ("race.sampler", lambda v: race.sampler("associative", v), "size", 3),
        ("race.held_out", lambda v: race.held_out("first_token", 3, v), "n_samples", 3),
        ("race.train_one steps", lambda v: race.train_one("rnn", "associative", 2, steps=v, n_test=4),
         "steps", 3),
        ("race.train_one n_test", lambda v: race.train_one("rnn", "associative", 2, steps=1, n_test=v),
         "n_test", 3),
        ("race.long_run", lambda v: race.long_run(n_pairs=2, steps=v, report_every=3), "steps", 3),
        ("race.step_time_per_example", lambda v: race.step_time_per_example("rnn", 2, steps=v, repeats=1),
         "steps", 3),
        ("first_word_reach", lambda v: bilinear.first_word_reach(v, 2, rng()), "T", 3),
        ("self_weight_vs_dimension dims", lambda v: la.self_weight_vs_dimension([v], rng(), n_sentences=2),
         "d", 3),
        ("self_weight_vs_dimension T", lambda v: la.self_weight_vs_dimension([2], rng(), T=v, n_sentences=2),
         "T", 3),
        ("softmax_saturation", lambda v: la.softmax_saturation([2], rng(), n_trials=v), "n_trials", 3),
        ("solve_query_map", lambda v: la.solve_query_map(np.eye(3)[:, :2] + 0.5, [0.2, 0.3, 0.5],
                                                         query_index=v), "query_index", 1),
        ("plain_example", lambda v: examples.plain_example(v), "d", 2),
        ("identity_maps", lambda v: examples.identity_maps(v), "d", 3),
        ("rotation", lambda v: examples.rotation(30.0, v), "d", 3),
        ("random_maps", lambda v: examples.random_maps(v, rng()), "d", 3),
        ("block_weights", lambda v: lt.block_weights(v), "n_heads", 2),
        ("block_input", lambda v: lt.block_input(["I", "go"], d_model=v), "d_model", 3),
        ("influence_patterns", lambda v: lt.influence_patterns(v, 2, rng()), "T", 3),
        ("start_here_weights", lambda v: start_here.start_here_weights(d=v), "d", 3),
        ("train_dates", lambda v: tx.train_dates(attention=False, n_test=v, **small_run), "n_test", 3),
        ("train_reversal", lambda v: tx.train_reversal(attention=False, n_test=v, max_len=4, **small_run),
         "n_test", 3),
    ]


COUNT_CASES = _count_cases()


@pytest.mark.parametrize(("label", "call", "name", "good"), COUNT_CASES, ids=[c[0] for c in COUNT_CASES])
@pytest.mark.parametrize("kind", ["whole float", "bool", "text"])
def test_a_float_bool_or_text_count_is_refused_naming_it_and_its_value(label, call, name, good, kind):
    bad = {"whole float": float(good), "bool": True, "text": str(good)}[kind]
    with pytest.raises(ValueError) as err:
        call(bad)
    message = str(err.value)
    assert mentions(message, name) and repr(bad) in message, message
    assert "whole number" in message, message


@pytest.mark.parametrize(("label", "call", "name", "good"), COUNT_CASES, ids=[c[0] for c in COUNT_CASES])
def test_a_numpy_integer_is_a_count(label, call, name, good):
    as_int, as_numpy = call(good), call(np.int64(good))
    if isinstance(as_int, np.ndarray):  # the same result, not only no error
        np.testing.assert_array_equal(as_numpy, as_int)


def test_a_fractional_count_is_not_rounded():
    with pytest.raises(ValueError, match=r"d must be a whole number.*got 2\.5"):
        embed_tokens(["a"], 2.5)
    with pytest.raises(ValueError, match=r"n_pairs must be a whole number \(an int\) in 1\.\.32; got 2\.0"):
        associative_recall(2.0, 5, rng=np.random.default_rng(0))
