"""Tests behind the sentences of the notebooks, one file per notebook (docs/CLAIMS.md names each)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
