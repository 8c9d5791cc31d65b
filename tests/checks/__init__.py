"""Tests of helpers.checks, one file (or more) per check module: each check fed right answers and the
slips it names."""
