"""Tests of helpers/plots, one file per module: the static figures read back as drawn."""
