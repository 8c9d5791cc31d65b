"""What the notebooks say, one file per notebook: each general sentence tested over seeds, sizes and widths
(docs/CLAIMS.md names the test behind every sentence)."""
