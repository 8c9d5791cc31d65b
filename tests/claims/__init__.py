"""Claim tests, one file per notebook and subject: each backs a sentence that docs/CLAIMS.md names."""
