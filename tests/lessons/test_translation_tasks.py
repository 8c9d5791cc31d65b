"""The date and reversal tasks of notebook 06, checked against an independent reader (strptime)."""

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
