"""Two small translation tasks for the encoder-decoder notebook (06), generated locally. numpy only.

**Dates.** A calendar date between 1950-01-01 and 2049-12-31, written one of eight ways people
write dates, is translated to its ISO form ``"1994-09-27"``. The eight source formats
(``DATE_FORMATS``, with the example date 27 September 1994)::

    month_day_year      september 27, 1994
    day_mon_year        27 SEP 1994
    korean_dots         1994. 9. 27.
    mon_day_year        Sep 27 1994
    weekday_long        tuesday, september 27, 1994
    korean              1994년 9월 27일
    numeric_short       9/27/94
    numeric_long        09/27/1994

Numerals are never ambiguous: every all-numeric form with slashes is month first (US order), and
no format puts the day first in numerals (``27 SEP 1994`` spells the month). **Century rule** for
the two-digit year of ``numeric_short``: ``50``-``99`` mean 1950-1999 and ``00``-``49`` mean
2000-2049, which is exactly the range of years generated, so every source names one date.

**Digit reversal.** A string of random digits, 5 to 20 long by default, and the same string
backwards: the task where a fixed-size summary of the input runs out of room as inputs grow.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from ..core._validate import as_count

__all__ = [
    "DATE_FORMATS",
    "FIRST_DAY",
    "LAST_DAY",
    "date_pairs",
    "date_source",
    "date_format",
    "date_vocab",
    "parse_date",
    "date_spans",
    "reversal_pairs",
    "DIGITS",
    "TARGET_FORMATS",
]

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FIRST_DAY = dt.date(1950, 1, 1)
LAST_DAY = dt.date(2049, 12, 31)
DIGITS = "0123456789"
#: How a target date is written: ISO ``1994-09-27`` (the default), or day first ``27-09-1994``
#: (the same characters in the opposite field order; notebook 06 trains on both).
TARGET_FORMATS = {"iso": lambda d: d.isoformat(),
                  "day_first": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}"}


def _two_digit_year(yy: int) -> int:
    """The century rule: 50-99 -> 1950-1999, 00-49 -> 2000-2049."""
    return 1900 + yy if yy >= 50 else 2000 + yy


# name -> (writer: date -> str, reader: regex with named groups year / month / day)
_M = r"(?P<month>[A-Za-z]+)"
_D = r"(?P<day>\d{1,2})"
_Y = r"(?P<year>\d{4})"
_FORMATS = {
    "month_day_year": (lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}", rf"{_M} {_D}, {_Y}"),
    "day_mon_year": (lambda d: f"{d.day} {MONTHS[d.month - 1][:3].upper()} {d.year}", rf"{_D} {_M} {_Y}"),
    "korean_dots": (lambda d: f"{d.year}. {d.month}. {d.day}.", rf"{_Y}\. (?P<month>\d{{1,2}})\. {_D}\."),
    "mon_day_year": (lambda d: f"{MONTHS[d.month - 1][:3].title()} {d.day} {d.year}", rf"{_M} {_D} {_Y}"),
    "weekday_long": (lambda d: f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}",
                     rf"(?P<weekday>[A-Za-z]+), {_M} {_D}, {_Y}"),
    "korean": (lambda d: f"{d.year}년 {d.month}월 {d.day}일", rf"{_Y}년 (?P<month>\d{{1,2}})월 {_D}일"),
    "numeric_short": (lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
                      r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2})"),
    "numeric_long": (lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
                     r"(?P<month>\d{2})/(?P<day>\d{2})/(?P<year>\d{4})"),
}
#: The names of the supported source formats, in a fixed order.
DATE_FORMATS = tuple(_FORMATS)
_READERS = {name: re.compile(rx) for name, (_, rx) in _FORMATS.items()}


def _check_formats(formats) -> tuple[str, ...]:
    if formats is None:
        return DATE_FORMATS
    formats = (formats,) if isinstance(formats, str) else tuple(formats)
    unknown = [f for f in formats if f not in _FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown date format(s) {unknown}; choose from {list(DATE_FORMATS)}.")
    return formats


def date_source(day: dt.date, fmt: str) -> str:
    """Write ``day`` in the source format ``fmt`` (one of ``DATE_FORMATS``)."""
    return _FORMATS[_check_formats(fmt)[0]][0](day)


def date_pairs(n: int, *, rng: np.random.Generator, formats=None,
               target: str = "iso") -> tuple[list[str], list[str]]:
    """``n`` random dates written as a person might, and each one in ISO form.

    ``int -> (list[str] (n), list[str] (n))``

    Parameters
    ----------
    n : int
        Number of pairs (>= 0).
    rng : numpy.random.Generator
        The only source of randomness: days are uniform over 1950-01-01 .. 2049-12-31, formats
        uniform over ``formats``.
    formats : sequence of str, optional
        Names from ``DATE_FORMATS``; all of them by default.
    target : str
        How targets are written, a key of ``TARGET_FORMATS``: ``"iso"`` or ``"day_first"``. It
        draws nothing from ``rng``, so one seed gives the same dates in either target format.

    Returns
    -------
    sources : list of str
        e.g. ``"tuesday, september 27, 1994"``.
    targets : list of str
        e.g. ``"1994-09-27"`` (``"27-09-1994"`` day first; always 10 characters).
    """
    n = as_count(n, "n", minimum=0)
    if target not in TARGET_FORMATS:
        raise ValueError(f"unknown target format {target!r}; choose from {list(TARGET_FORMATS)}.")
    formats = _check_formats(formats)
    ordinals = rng.integers(FIRST_DAY.toordinal(), LAST_DAY.toordinal() + 1, size=n)
    which = rng.integers(0, len(formats), size=n)
    days = [dt.date.fromordinal(int(o)) for o in ordinals]
    sources = [_FORMATS[formats[w]][0](d) for d, w in zip(days, which, strict=True)]
    return sources, [TARGET_FORMATS[target](d) for d in days]


def _match(text: str):
    for name, reader in _READERS.items():
        m = reader.fullmatch(text)
        if m:
            return name, m
    raise ValueError(
        f"{text!r} is not written in a supported date format; examples: "
        + "; ".join(repr(date_source(dt.date(1994, 9, 27), f)) for f in DATE_FORMATS)
    )


def date_format(text: str) -> str:
    """The name of the format ``text`` is written in (one of ``DATE_FORMATS``), or ValueError."""
    return _match(text.strip())[0]


def parse_date(text: str) -> dt.date:
    """Read a date written in any of ``DATE_FORMATS`` (month words in any letter case).

    ``str -> datetime.date``. Raises ValueError for text in no supported format, for a date
    that does not exist, for a date outside 1950-2049, and for a weekday that does not match.
    """
    name, m = _match(text.strip())
    g = m.groupdict()
    if g["month"].isdigit():
        month = int(g["month"])
    else:
        word = g["month"].lower()
        names = [k for k, full in enumerate(MONTHS) if word in (full, full[:3])]
        if not names:
            raise ValueError(f"{g['month']!r} is not a month name (use e.g. 'september' or 'sep').")
        month = names[0] + 1
    year = _two_digit_year(int(g["year"])) if len(g["year"]) == 2 else int(g["year"])
    try:
        day = dt.date(year, month, int(g["day"]))
    except ValueError as err:
        raise ValueError(f"{text!r} is not a real date ({err}).") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{text!r}: only years 1950-2049 are supported.")
    if g.get("weekday") and g["weekday"].lower() != WEEKDAYS[day.weekday()]:
        raise ValueError(f"{text!r}: {day.isoformat()} is a {WEEKDAYS[day.weekday()]}.")
    return day


def date_spans(text: str) -> dict[str, tuple[int, int]]:
    """Where the year, month and day are written in a source: ``{"year": (start, stop), ...}``.

    Character positions, stop exclusive, e.g. ``date_spans("9/27/94")["day"] == (2, 4)``. These
    are the spans that *determine* the output digits: ISO positions 0-3 come from the year span,
    5-6 from the month span, 8-9 from the day span (a weekday word determines nothing).
    """
    parse_date(text)  # validates
    _, m = _match(text.strip())
    offset = len(text) - len(text.lstrip())
    return {k: (m.start(k) + offset, m.end(k) + offset) for k in ("year", "month", "day")}


def date_vocab() -> tuple[str, str]:
    """The characters of every source format and of the ISO targets: ``(vocab_in, vocab_out)``."""
    chars = set(" ,./년월일" + DIGITS)
    for name in MONTHS:
        chars |= set(name) | set(name[:3].upper()) | set(name[:3].title())
    for name in WEEKDAYS:
        chars |= set(name)
    return "".join(sorted(chars)), DIGITS + "-"


def reversal_pairs(n: int, *, rng: np.random.Generator, min_len: int = 5,
                   max_len: int = 20) -> tuple[list[str], list[str]]:
    """``n`` random digit strings and the same strings reversed.

    ``int -> (list[str] (n), list[str] (n))``; lengths uniform over ``min_len..max_len``.

    Parameters
    ----------
    n : int
    rng : numpy.random.Generator
    min_len, max_len : int
        Inclusive range of lengths, ``1 <= min_len <= max_len``.
    """
    n = as_count(n, "n", minimum=0)
    min_len, max_len = as_count(min_len, "min_len", minimum=None), as_count(max_len, "max_len", minimum=None)
    if not 1 <= min_len <= max_len:
        raise ValueError(f"need 1 <= min_len <= max_len; got min_len={min_len}, max_len={max_len}.")
    lengths = rng.integers(min_len, max_len + 1, size=n)
    digits = rng.integers(0, 10, size=(n, max_len))
    sources = ["".join(DIGITS[k] for k in row[:length]) for row, length in zip(digits, lengths, strict=True)]
    return sources, [s[::-1] for s in sources]
