"""Seq2Seq (notebook 06): gradients against central finite differences, decoding, input checks."""

import math

import numpy as np
import pytest

from helpers.core.gradcheck import largest_gradient_error
from helpers.core.seq2seq import Seq2Seq
from tests.reference import loop_cross_entropy
from tests.support.core import assert_scale

VARIANTS = [(att, bi) for att in (False, True) for bi in (True, False)]


def small_model(attention, bidirectional, seed=0):
    return Seq2Seq("abcd", "xyz", 3, 4, attention=attention, bidirectional=bidirectional,
                   rng=np.random.default_rng(seed))


def batch(model, seed=1):
    rng = np.random.default_rng(seed)
    # different lengths, so padding on both sides is exercised
    src = ["".join(rng.choice(list("abcd"), size=k)) for k in (1, 3, 5, 2)]
    tgt = ["".join(rng.choice(list("xyz"), size=k)) for k in (2, 4, 1, 3)]
    return model.encode(src), model.encode_targets(tgt)


@pytest.mark.parametrize(("attention", "bidirectional"), VARIANTS)
def test_gradients_match_central_differences(attention, bidirectional):
    model = small_model(attention, bidirectional)
    src, tgt = batch(model)
    for p in model.params.values():  # move the biases off zero so their gradients are generic
        p += np.random.default_rng(2).normal(0, 0.3, p.shape)
    _, grads = model.loss_and_grads(src, tgt)
    assert all(grads[name].dtype == np.float64 for name in model.params)
    assert largest_gradient_error(model, src, tgt) < 1e-6  # every parameter, central differences


@pytest.mark.parametrize(("attention", "bidirectional"), VARIANTS)
def test_padding_does_not_change_a_string_loss_or_translation(attention, bidirectional):
    model = small_model(attention, bidirectional, seed=3)
    alone = model.loss_and_grads(model.encode(["abc"]), model.encode_targets(["xy"]))[0]
    src = model.encode(["abc", "abcdabcd"])[:1]  # "abc" padded to 8
    tgt = model.encode_targets(["xy", "xyzxyz"])[:1]
    assert model.loss_and_grads(src, tgt)[0] == pytest.approx(alone, rel=1e-12)
    out, w = model.translate("abc")
    ids, w_batch = model.greedy(model.encode(["abc", "abcdabcd"]))
    assert model.decode_ids(ids)[0][: model.max_output_len] == out
    if attention:
        np.testing.assert_allclose(w_batch[0, : len(out), :3], w, atol=1e-12)
        assert np.all(w_batch[0, :, 3:] == 0)  # padding gets no weight


def test_translate_returns_one_weight_row_per_output_character():
    model = small_model(True, True)
    out, w = model.translate("abcab")
    assert w.shape == (len(out), 5)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    assert small_model(False, True).translate("abcab")[1] is None


def test_greedy_decoding_stops_at_the_stated_maximum():
    model = small_model(True, True)
    model.params["b_out"][:] = 0
    model.params["b_out"][model.vocab_out.index("x")] = 100.0  # never ends
    model.max_output_len = 7
    out, w = model.translate("abc")
    assert out == "x" * 7 and w.shape == (7, 3)


def test_greedy_decoding_stops_at_the_end_symbol():
    model = small_model(False, True)
    model.params["b_out"][:] = 0
    model.params["b_out"][2] = 100.0  # the end symbol first
    assert model.translate("abc") == ("", None)


def test_accuracy_is_whole_string_match():
    model = small_model(True, True)
    model.params["b_out"][2] = 1.5  # outputs end after a few characters
    sources = ["ab", "abc", "d", "dcb"]
    outs = [model.translate(s)[0] for s in sources]  # one string at a time
    assert all(len(o) < model.max_output_len for o in outs)
    targets = [outs[0], outs[1] + "x", outs[2], outs[3][:-1] if outs[3] else "y"]
    src, tgt = model.encode(sources), model.encode_targets(targets)
    assert model.accuracy(src, tgt) == 0.5
    # per character: target + end against output + end, position by position (missing = wrong)
    pairs = [(list(t) + ["$"], list(o) + ["$"]) for t, o in zip(targets, outs, strict=True)]
    hits = [a == (b[i] if i < len(b) else None) for a_s, b in pairs for i, a in enumerate(a_s)]
    assert model.char_accuracy(src, tgt) == pytest.approx(np.mean(hits))


def test_unknown_characters_are_named():
    model = small_model(True, True)
    with pytest.raises(ValueError, match=r"\['Q', 'e'\]"):
        model.translate("abQe")
    with pytest.raises(ValueError):
        model.encode([""])
    with pytest.raises(ValueError, match="distinct single characters"):
        Seq2Seq(["ab"], "x", 2, 4, attention=True, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="even d_h"):
        Seq2Seq("ab", "x", 2, 5, attention=True, rng=np.random.default_rng(0))


def test_encode_pads_with_zero_and_appends_end():
    model = small_model(True, True)
    src = model.encode(["ab", "dcba"])
    assert src.shape == (2, 4) and list(src[0, 2:]) == [0, 0]
    tgt = model.encode_targets(["x", "zy"])
    assert tgt.shape == (2, 3) and tgt[0, 1] == 2 and tgt[0, 2] == 0 and tgt[1, 2] == 2
    assert model.decode_ids(tgt) == ["x", "zy"]


@pytest.mark.parametrize(("attention", "bidirectional"), VARIANTS)
def test_teacher_forcing_on_its_own_greedy_output_repeats_it(attention, bidirectional):
    # Fed its own greedy guesses as the "true" previous characters, the decoder takes the same steps.
    model = small_model(attention, bidirectional, seed=4)
    model.max_output_len = 6
    src = model.encode(["abc", "dd", "cadb"])
    ids, _ = model.greedy(src, steps=6)
    forced = model.forced_predictions(src, ids)
    assert forced.shape == ids.shape and forced.dtype.kind == "i"
    np.testing.assert_array_equal(forced, ids)
    other = ids.copy()
    other[:, 0] = 3 + (ids[:, 0] - 2) % (len(model.vocab_out) - 3)  # another first character
    assert np.array_equal(model.forced_predictions(src, other)[:, 0], ids[:, 0])  # step 0 reads <s> only
    assert not np.array_equal(model.forced_predictions(src, other)[:, 1:], ids[:, 1:])


def test_forced_predictions_come_from_the_logits_training_scores():
    # The cross-entropy of the teacher-forced logits, computed here by hand, is the training loss;
    # the forced guesses are their most likely characters other than pad and start.
    model = small_model(True, False, seed=5)
    src, tgt = batch(model)
    logits = model._teacher_forced(src, tgt)[0]
    expected = loop_cross_entropy(logits, tgt, mask=tgt != 0)  # padding (id 0) does not count
    assert model.loss_and_grads(src, tgt)[0] == pytest.approx(expected, rel=1e-12)
    guess = model.forced_predictions(src, tgt)
    assert np.all((guess >= 2) & (guess < len(model.vocab_out)))
    np.testing.assert_array_equal(guess, 2 + logits[..., 2:].argmax(axis=-1))


@pytest.mark.parametrize("bidirectional", [True, False])
def test_without_attention_the_decoder_sees_the_source_only_through_s0(bidirectional):
    # Replace every encoder state but keep s_0: the model without attention writes the same; with
    # attention (the negative control) the output changes, because it reads the states directly.
    for attention, same in ((False, True), (True, False)):
        model = small_model(attention, bidirectional, seed=6)
        src, tgt = batch(model)
        before = (model.greedy(src, steps=5)[0], model.forced_predictions(src, tgt),
                  model.loss_and_grads(src, tgt)[0])
        encoder = model._encoder

        def other_states(ids, encoder=encoder):
            H, s0, cache = encoder(ids)
            return np.random.default_rng(7).normal(size=H.shape), s0, cache

        model._encoder = other_states
        after = (model.greedy(src, steps=5)[0], model.forced_predictions(src, tgt),
                 model.loss_and_grads(src, tgt)[0])
        assert (np.array_equal(before[0], after[0]) and np.array_equal(before[1], after[1])
                and before[2] == after[2]) == same


# ---------------------------------------------------------------- Seq2Seq


def test_seq2seq_initial_scales():
    m = Seq2Seq("0123456789", "0123456789", 24, 64, attention=True, rng=np.random.default_rng(5))
    p = m.params
    assert_scale(np.vstack([p["E_in"], p["E_out"]]), 1.0, "embeddings")
    assert_scale(p["enc_f_W_xh"], 1 / math.sqrt(24), "enc_f_W_xh")
    assert_scale(p["enc_b_W_hh"], 1 / math.sqrt(32), "enc_b_W_hh")  # each direction has d_h / 2
    assert_scale(p["dec_W_hh"], 1 / math.sqrt(64), "dec_W_hh")
    assert_scale(p["W_out"], 1 / math.sqrt(128), "W_out")  # attention: state and context, 2 d_h
    assert p["W_out"].shape[0] == 128
    plain = Seq2Seq("ab", "ab", 3, 4, attention=False, rng=np.random.default_rng(0))
    assert plain.params["W_out"].shape[0] == 4


@pytest.mark.parametrize(("d_emb", "d_h", "bidirectional"), [(1, 2, True), (1, 3, False), (2, 4, True)])
def test_seq2seq_smallest_sizes_are_accepted(d_emb, d_h, bidirectional):
    m = Seq2Seq("ab", "ab", d_emb, d_h, attention=True, rng=np.random.default_rng(0),
                bidirectional=bidirectional)
    out, _ = m.translate("ab")
    assert isinstance(out, str)


@pytest.mark.parametrize(("d_emb", "d_h", "bidirectional"), [(0, 4, True), (2, 1, False), (2, 3, True)])
def test_seq2seq_impossible_sizes_are_refused_naming_them(d_emb, d_h, bidirectional):
    with pytest.raises(ValueError) as err:
        Seq2Seq("ab", "ab", d_emb, d_h, attention=True, rng=np.random.default_rng(0),
                bidirectional=bidirectional)
    assert f"{d_emb}, {d_h}" in str(err.value)


@pytest.mark.parametrize("side", ["vocab_in", "vocab_out"])
@pytest.mark.parametrize("vocab", ["", ["ab", "c"], "aba"])
def test_a_bad_vocabulary_is_refused_naming_which_one(side, vocab):
    kwargs = {"vocab_in": "ab", "vocab_out": "ab", side: vocab}
    with pytest.raises(ValueError) as err:
        Seq2Seq(d_emb=2, d_h=2, attention=False, rng=np.random.default_rng(0), **kwargs)
    assert str(err.value).startswith(side + " ")
