"""Tests of helpers/ui, one file per module: live widgets read back as the learner sees them."""
