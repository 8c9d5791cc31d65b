"""The heatmap-prediction check of notebooks 03 and 04: which key gets each query's largest weight.

A wrong prediction is answered row by row: which rows are wrong, the weights compared, and, when the
queries and keys are known, why the top key wins (a longer key, a smaller angle, a turned query).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core.attention import softmax
from ..lessons.examples import naive_sentences, plain_example, rotation
from .base import CheckResult, as_option
from .learner import kind

__all__ = ["check_top_keys"]


def check_top_keys(answer: Sequence[str], tokens: Sequence[str], weights, *, what="heatmap",
                   queries=None, keys=None) -> CheckResult:
    """Check a prediction of each query's most-attended key (one token per row of ``weights``).

    A token written in another letter case or with surrounding spaces counts as that token.
    ``queries`` [n_q, d] and ``keys`` [n_k, d] (optional) let a wrong row say why its top key wins;
    for the two exercises of notebooks 03 and 04 the check finds them itself, from ``weights``.
    """
    name = f"prediction of the {what}"
    W = np.asarray(weights, dtype=float)
    tops = [tokens[j] for j in np.argmax(W, axis=1)]
    if isinstance(answer, str) or not isinstance(answer, Sequence | np.ndarray):
        return CheckResult(
            name,
            False,
            f"give a list of {len(tops)} tokens, one per query, e.g. "
            f"{list(tokens)[: len(tops)]}; you gave {kind(answer)}.",
        )
    if len(answer) and all(_is_index(a, len(tokens)) for a in answer):
        first = int(answer[0])
        why = f"give the tokens themselves ({tokens[first]!r}), not their positions ({first}): pick from "
        return CheckResult(name, False, f"{why}{list(tokens)}.")
    answer = [as_option(a, list(tokens)) for a in answer]
    if len(answer) != len(tops):
        return CheckResult(
            name, False, f"give one token per query: {len(tops)} tokens, you gave {len(answer)}."
        )
    unknown = [a for a in answer if a not in tokens]
    if unknown:
        shown = repr(unknown[0]) if isinstance(unknown[0], str) else kind(unknown[0])
        why = f"{shown} is not a token of the sentence; pick tokens from {list(tokens)}."
        return CheckResult(name, False, why)
    rows = ", ".join(
        f"{q} -> {t} ({W[i].max():.2f})" for i, (q, t) in enumerate(zip(tokens, tops, strict=True))
    )
    if answer == tops:
        return CheckResult(name, True, f"correct. Top key per query: {rows}.")
    if queries is None or keys is None:
        queries, keys = _exercise_vectors(W)
    Q, K = _vectors(queries, "queries", len(W)), _vectors(keys, "keys", W.shape[1])
    wrong = [_row(i, answer[i], tops[i], list(tokens), W, Q, K)
             for i in range(len(W)) if answer[i] != tops[i]]
    text = _pattern(answer, list(tokens), W) + _turned_the_other_way(answer, list(tokens), Q, K)
    text += ". ".join(wrong)
    return CheckResult(name, False, f"{text[0].lower()}{text[1:]}. Top key per query: {rows}.")


def _is_index(a, n: int) -> bool:
    return isinstance(a, int | np.integer) and not isinstance(a, bool) and -n <= int(a) < n


def _vectors(v, what: str, n: int) -> np.ndarray | None:
    if v is None:
        return None
    v = np.asarray(v, dtype=float)
    if v.ndim != 2 or len(v) != n:
        raise ValueError(f"check_top_keys({what}=...): expected {n} rows, one vector per token; got shape "
                         f"{v.shape}.")
    return v


def _exercise_vectors(W: np.ndarray):
    """Queries and keys of notebook 03's long "home" and 04's queries turned by 60°, when ``W`` is theirs."""
    X3 = naive_sentences()['long "home" (everyone looks at home)']
    X4 = plain_example(2)[1]
    for Q, K, scale in ((X3, X3, 1.0), (X4 @ rotation(60), X4, 1 / np.sqrt(2))):
        if W.shape == (len(Q), len(K)) and np.allclose(W, softmax(Q @ K.T * scale), atol=1e-9):
            return Q, K
    return None, None


def _pattern(answer: list, tokens: list, W: np.ndarray) -> str:
    """A sentence for an answer that follows one wrong rule on every row, else ``""``."""
    n_q, n_k = W.shape
    if n_q == n_k and answer == tokens[:n_q]:
        return ("you picked each word itself (the diagonal); a word's own key wins its row only when no "
                "other key scores higher with its query. ")
    if n_q == n_k and answer == [tokens[j] for j in np.argmax(W, axis=0)]:
        return ("you read down the columns: each row is one query, and its top key is the largest weight in "
                "that row. ")
    if answer == [tokens[j] for j in np.argmin(W, axis=1)]:
        return "you picked each row's smallest weight; the top key has the largest. "
    return ""


def _turned_the_other_way(answer: list, tokens: list, Q, K) -> str:
    """A sentence when each query is its own key turned by one angle and the answer fits the opposite turn."""
    if Q is None or K is None or Q.shape != K.shape or Q.shape[1] != 2:
        return ""
    turns = np.array([(_angle(q) - _angle(k) + 180) % 360 - 180 for q, k in zip(Q, K, strict=True)])
    if abs(turns[0]) < 1 or np.ptp(turns) > 1:
        return ""
    back = np.radians(-turns[0])
    mirrored = K @ np.array([[np.cos(back), np.sin(back)], [-np.sin(back), np.cos(back)]])  # turned by -turn
    mirrored *= (np.linalg.norm(Q, axis=1) / np.linalg.norm(K, axis=1))[:, None]
    if answer != [tokens[j] for j in np.argmax(mirrored @ K.T, axis=1)]:
        return ""
    side, other = ("anticlockwise", "clockwise") if turns[0] > 0 else ("clockwise", "anticlockwise")
    return (f"your answers fit queries turned the other way ({-turns[0]:+.0f}°, {other}); here each query is "
            f"its own key turned by {turns[0]:+.0f}°, {side} (angles grow anticlockwise). ")


def _row(i: int, said: str, top: str, tokens: list, W: np.ndarray, Q, K) -> str:
    """One wrong row: the weights compared, and why the top key wins when the vectors are known."""
    a, t = tokens.index(said), tokens.index(top)
    line = (f"Row {tokens[i]!r}: you said {said!r} (weight {W[i, a]:.2f}), the top key is {top!r} "
            f"({W[i, t]:.2f})")
    if Q is None or K is None or Q.shape[1] != K.shape[1]:
        return line
    q, s_t, s_a = Q[i], Q[i] @ K[t], Q[i] @ K[a]
    len_t, len_a = np.linalg.norm(K[t]), np.linalg.norm(K[a])
    if Q.shape[1] != 2:
        return (f"{line}: q.k = {s_t:.2f} against {s_a:.2f} (key lengths {len_t:.2f} and {len_a:.2f})")
    ang_q, ang_t, ang_a = (_angle(v) for v in (q, K[t], K[a]))
    off_t, off_a = _apart(ang_q, ang_t), _apart(ang_q, ang_a)
    where = f"the query of {tokens[i]!r} points at {ang_q:.0f}°"
    if len(Q) == len(K):
        turn = (ang_q - _angle(K[i]) + 180) % 360 - 180
        if abs(turn) > 1:
            side = "anticlockwise" if turn > 0 else "clockwise"
            where += f" (its own key at {_angle(K[i]):.0f}°: turned by {turn:+.0f}°, {side})"
    keys = f"{top!r} at {ang_t:.0f}° is {off_t:.0f}° away, {said!r} at {ang_a:.0f}° is {off_a:.0f}° away"
    if abs(len_t - len_a) <= 0.05 * max(len_t, len_a):
        why = "the keys are equally long, so the closer angle wins"
    elif off_t <= off_a:
        why = f"{top!r} is closer and its key is {'longer' if len_t > len_a else 'shorter'} ({len_t:.2f} " \
              f"against {len_a:.2f})"
    else:
        why = (f"the key of {top!r} is longer ({len_t:.2f} against {len_a:.2f}), enough to beat the smaller "
               f"angle: q.k = {s_t:.2f} against {s_a:.2f}")
    return f"{line}: {where}; {keys}; {why}"


def _angle(v: np.ndarray) -> float:
    return float(np.degrees(np.arctan2(v[1], v[0])) % 360)


def _apart(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)
