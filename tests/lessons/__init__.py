"""Tests of helpers/lessons, one file per module: the experiments and lesson data behind each notebook."""
