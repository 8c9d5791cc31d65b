"""Tests of helpers/core, one file per module (new modules first; the older flat files move here later)."""
