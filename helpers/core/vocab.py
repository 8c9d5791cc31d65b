"""Characters <-> ids, with the special symbols named: pad, start, end. numpy only.

The special symbols come first in every vocabulary, so their ids are fixed: ``PAD_ID = 0`` (in a
source and a target vocabulary), ``START_ID = 1`` and ``END_ID = 2`` (in a target vocabulary).
"""

from __future__ import annotations

import numpy as np

__all__ = ["PAD", "START", "END", "PAD_ID", "START_ID", "END_ID", "Vocab"]

PAD, START, END = "<pad>", "<s>", "</s>"
PAD_ID, START_ID, END_ID = 0, 1, 2


def _check_chars(given, name):
    chars = list(given)
    single = all(isinstance(c, str) and len(c) == 1 for c in chars)
    if not chars or not single or len(set(chars)) != len(chars):
        raise ValueError(f"{name} must be a non-empty sequence of distinct single characters; got {given!r}.")
    return chars


class Vocab:
    """The characters a model reads or writes, after its special symbols.

    ``Vocab("abc", role="input")``: ids ``<pad> a b c`` (what a source may hold).
    ``Vocab("abc", role="output")``: ids ``<pad> <s> </s> a b c`` (a target needs start and end).

    Attributes
    ----------
    tokens : list of str
        Symbol of every id; ``tokens[PAD_ID]`` is ``PAD``.
    role : {"input", "output"}
        Named in messages: ``vocab_in``/``vocab_out`` for a bad vocabulary, "the model's input
        vocabulary" for an unknown character.
    """

    def __init__(self, chars, *, role: str):
        if role not in ("input", "output"):
            raise ValueError(f"role must be 'input' or 'output'; got {role!r}.")
        specials = [PAD] if role == "input" else [PAD, START, END]
        self.role = role
        self.tokens = specials + _check_chars(chars, "vocab_in" if role == "input" else "vocab_out")
        self.n_special = len(specials)
        self._ids = {c: i for i, c in enumerate(self.tokens)}

    def __len__(self) -> int:
        return len(self.tokens)

    def unknown(self, texts) -> list[str]:
        """The characters of ``texts`` this vocabulary lacks, sorted."""
        return sorted({c for t in texts for c in t} - self._ids.keys())

    def encode(self, texts, *, end: bool = False) -> np.ndarray:  # list[str] (N) -> [N, L] int
        """Ids of each text (then ``END_ID`` when ``end``), padded with ``PAD_ID`` to the longest."""
        unknown = self.unknown(texts)
        if unknown:
            raise ValueError(f"characters not in the model's {self.role} vocabulary: {unknown}.")
        tail = [END_ID] if end else []
        ids = np.full((len(texts), max(map(len, texts)) + len(tail)), PAD_ID, dtype=np.int64)
        for n, t in enumerate(texts):
            ids[n, : len(t) + len(tail)] = [self._ids[c] for c in t] + tail
        return ids

    def decode(self, ids) -> list[str]:  # [N, L] int -> list[str] (N)
        """Each row of ids as text, cut at its first ``END_ID``; another special symbol shows as "?"."""
        out = []
        for row in np.atleast_2d(ids):
            chars = []
            for i in row:
                if i == END_ID:
                    break
                chars.append(self.tokens[i] if i >= self.n_special else "?")
            out.append("".join(chars))
        return out
