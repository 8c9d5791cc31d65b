"""helpers.core.vocab: named special ids, encoding with padding and end, decoding, bad input named."""

import numpy as np
import pytest

from helpers.core.vocab import END, END_ID, PAD, PAD_ID, START, START_ID, Vocab


def test_the_special_symbols_come_first_with_fixed_ids():
    source, target = Vocab("ab", role="input"), Vocab("ab", role="output")
    assert source.tokens == [PAD, "a", "b"] and source.tokens[PAD_ID] == PAD
    assert target.tokens == [PAD, START, END, "a", "b"]
    assert (target.tokens[START_ID], target.tokens[END_ID]) == (START, END) and len(target) == 5


def test_encode_pads_with_pad_id_and_appends_end_when_asked():
    v = Vocab("abc", role="output")
    ids = v.encode(["ab", "c"], end=True)
    assert ids.tolist() == [[3, 4, END_ID], [5, END_ID, PAD_ID]] and ids.dtype == np.int64
    assert Vocab("abc", role="input").encode(["ab", "c"]).tolist() == [[1, 2], [3, PAD_ID]]


def test_decode_stops_at_the_first_end_and_marks_stray_specials():
    v = Vocab("abc", role="output")
    assert v.decode([[3, PAD_ID, 4, END_ID, 5], [START_ID, 5, 5, 5, 5]]) == ["a?b", "?cccc"]
    assert v.decode(v.encode(["cab", ""], end=True)) == ["cab", ""]


def test_unknown_characters_and_bad_vocabularies_are_named():
    v = Vocab("ab", role="input")
    assert v.unknown(["abz", "yb"]) == ["y", "z"]
    with pytest.raises(ValueError, match=r"input vocabulary: \['z'\]"):
        v.encode(["az"])
    with pytest.raises(ValueError, match="^vocab_out "):
        Vocab("aa", role="output")
    with pytest.raises(ValueError, match="role"):
        Vocab("ab", role="source")
