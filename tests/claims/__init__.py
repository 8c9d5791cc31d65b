"""Tests behind the sentences of docs/CLAIMS.md, one file per notebook and subject (test_07_<subject>.py)."""
