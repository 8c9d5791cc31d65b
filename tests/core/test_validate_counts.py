"""Every public function that takes a count refuses a float, a bool or text, naming the argument.

A count (a size, a width, a number of steps) given as 3.0, True or "3" is a ValueError that names
the argument and the value given (helpers.core._validate.as_count); a numpy integer is a count like
any int. One table covers the compute functions and the lesson functions that take counts.
"""

import numpy as np
import pytest

from helpers.core import block, masks, positions, rnn, rnn_analysis
from helpers.core.classifiers import AttentionClassifier
from helpers.core.embeddings import embed_tokens
from helpers.lessons.recall_tasks import associative_recall
from tests.support.core import D_H, D_IN, T, a, probe
from tests.support.messages import mentions

# ---------------------------------------------------------------- counts and sizes
# Every public function that takes a count (a size, a width, a number of steps): a float, even a
# whole one, a bool or text is refused with a ValueError that names the argument and the value
# given; a numpy integer is a count like any int. Each row: label, call(value), argument name, a
# valid value.


def _count_cases():
    from helpers.core import compute_cost, embeddings, training
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
        ("causal_mask", lambda v: masks.causal_mask(v), "T", 3),
        ("padding_mask lengths", lambda v: masks.padding_mask([v, 1]), "length", 3),
        ("padding_mask T", lambda v: masks.padding_mask([2, 1], v), "T", 3),
        ("sinusoidal_positions T", lambda v: positions.sinusoidal_positions(v, 4), "T", 3),
        ("sinusoidal_positions d", lambda v: positions.sinusoidal_positions(3, v), "d", 4),
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
        ("sequential_steps", lambda v: compute_cost.sequential_steps(v, "rnn"), "T", 3),
        ("multiply_adds T", lambda v: compute_cost.multiply_adds(v, 2, "attention"), "T", 3),
        ("multiply_adds d", lambda v: compute_cost.multiply_adds(2, v, "attention"), "d", 3),
        ("time_rnn_vs_attention T", lambda v: compute_cost.time_rnn_vs_attention([v], 2, rng(), repeats=1),
         "T", 3),
        ("time_rnn_vs_attention repeats",
         lambda v: compute_cost.time_rnn_vs_attention([2], 2, rng(), repeats=v), "repeats", 3),
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
