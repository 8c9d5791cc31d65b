"""Tests of helpers/core, one file per module (tests/core/test_<module>.py for helpers/core/<module>.py)."""
