"""Tests of helpers/checks, one file per module: each check fed right answers and the slips it names."""
