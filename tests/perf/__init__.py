"""Timing assertions (``pytest -m perf``, run by ``make bench``)."""
