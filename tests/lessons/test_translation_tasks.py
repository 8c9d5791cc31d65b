"""The date and reversal tasks of notebook 06, checked against an independent reader (strptime)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from helpers.lessons.translation_tasks import (
    DATE_FORMATS,
    TARGET_FORMATS,
    date_pairs,
    date_source,
    date_spans,
    date_vocab,
    parse_date,
    reversal_pairs,
)
from tests.support.messages import raises_naming

# Independent reading of each format with the standard library (C locale month names).
STRPTIME = {
    "month_day_year": "%B %d, %Y",
    "day_mon_year": "%d %b %Y",
    "korean_dots": "%Y. %m. %d.",
    "mon_day_year": "%b %d %Y",
    "weekday_long": "%A, %B %d, %Y",
    "korean": "%Y년 %m월 %d일",
    "numeric_short": "%m/%d/%y",
    "numeric_long": "%m/%d/%Y",
}


def read_independently(text: str) -> set[dt.date]:
    """Every date that some format's strptime reads from ``text`` (century rule 50-99 -> 19xx)."""
    found = set()
    for name, pattern in STRPTIME.items():
        try:
            day = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if name == "numeric_short":  # strptime's own pivot is 69; the task's is 50
            yy = day.year % 100
            day = day.replace(year=1900 + yy if yy >= 50 else 2000 + yy)
        found.add(day)
    return found


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_target_is_the_date_of_its_source_and_unambiguous(seed):
    sources, targets = date_pairs(400, rng=np.random.default_rng(seed))
    for s, t in zip(sources, targets, strict=True):
        assert read_independently(s) == {dt.date.fromisoformat(t)}, s  # one reading, the right one
        assert parse_date(s) == dt.date.fromisoformat(t)
        assert len(t) == 10 and t[4] == t[7] == "-"


def test_all_formats_are_produced_and_years_stay_in_range():
    sources, targets = date_pairs(2000, rng=np.random.default_rng(5))
    seen = {next(f for f in DATE_FORMATS if date_source(parse_date(s), f) == s) for s in sources}
    assert seen == set(DATE_FORMATS)
    years = [int(t[:4]) for t in targets]
    assert min(years) >= 1950 and max(years) <= 2049
    assert min(years) < 1960 and max(years) > 2040  # the whole range is used


def test_the_examples_of_the_docstring():
    day = dt.date(1994, 9, 27)
    got = [date_source(day, f) for f in DATE_FORMATS]
    assert got == ["september 27, 1994", "27 SEP 1994", "1994. 9. 27.", "Sep 27 1994",
                   "tuesday, september 27, 1994", "1994년 9월 27일", "9/27/94", "09/27/1994"]


def test_century_rule_at_its_edges():
    assert parse_date("1/1/50") == dt.date(1950, 1, 1)
    assert parse_date("12/31/49") == dt.date(2049, 12, 31)
    assert parse_date("6/15/00") == dt.date(2000, 6, 15)


def test_seeded_determinism_and_formats_argument():
    a = date_pairs(50, rng=np.random.default_rng(3), formats=["korean", "numeric_long"])
    b = date_pairs(50, rng=np.random.default_rng(3), formats=["korean", "numeric_long"])
    assert a == b
    assert all("년" in s or "/" in s for s in a[0])
    assert date_pairs(50, rng=np.random.default_rng(4)) != date_pairs(50, rng=np.random.default_rng(3))
    with pytest.raises(ValueError, match="unknown date format"):
        date_pairs(3, rng=np.random.default_rng(0), formats=["iso"])


def test_spans_cover_the_determining_characters():
    sources, targets = date_pairs(300, rng=np.random.default_rng(7))
    for s, t in zip(sources, targets, strict=True):
        sp = date_spans(s)
        year, day = s[slice(*sp["year"])], s[slice(*sp["day"])]
        assert t[:4].endswith(year) and int(day) == int(t[8:])
        month = s[slice(*sp["month"])]
        assert month.isdigit() and int(month) == int(t[5:7]) or month.isalpha()


def test_vocab_covers_every_source_character():
    vocab_in, vocab_out = date_vocab()
    sources, targets = date_pairs(1000, rng=np.random.default_rng(8))
    assert set("".join(sources)) <= set(vocab_in)
    assert set("".join(targets)) == set(vocab_out)


def test_parse_date_rejects_bad_text():
    for bad in ["hello", "2/30/94", "13/01/1994", "monday, september 27, 1994", "2050년 1월 1일"]:
        with pytest.raises(ValueError):
            parse_date(bad)


@pytest.mark.parametrize("seed", [0, 1])
def test_reversal_pairs(seed):
    sources, targets = reversal_pairs(500, rng=np.random.default_rng(seed), min_len=3, max_len=9)
    assert all(t == s[::-1] and s.isdigit() for s, t in zip(sources, targets, strict=True))
    assert {len(s) for s in sources} == set(range(3, 10))
    again = reversal_pairs(20, rng=np.random.default_rng(seed))
    assert reversal_pairs(20, rng=np.random.default_rng(seed)) == again
    with pytest.raises(ValueError):
        reversal_pairs(3, rng=np.random.default_rng(0), min_len=6, max_len=5)


def test_day_first_targets_are_the_same_dates_in_the_other_order():
    iso = date_pairs(300, rng=np.random.default_rng(9))
    day_first = date_pairs(300, rng=np.random.default_rng(9), target="day_first")
    assert day_first[0] == iso[0]  # the target format draws nothing: the same sources
    for t_iso, t_day in zip(iso[1], day_first[1], strict=True):
        d = dt.date.fromisoformat(t_iso)
        assert t_day == f"{d.day:02d}-{d.month:02d}-{d.year}" and len(t_day) == 10
    assert set("".join(day_first[1])) <= set(date_vocab()[1])
    assert TARGET_FORMATS["day_first"](dt.date(1994, 9, 7)) == "07-09-1994"
    with pytest.raises(ValueError, match="'dmy'") as err:
        date_pairs(3, rng=np.random.default_rng(0), target="dmy")
    assert "day_first" in str(err.value)  # names the choices


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
