"""Tests behind the sentences of the notebooks, by notebook and subject: tests/claims/test_0N_<subject>.py
(docs/CLAIMS.md names the test behind each sentence)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
