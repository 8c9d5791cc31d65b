"""Tests of helpers/ui/explorers, one file per module (or per explorer of a module)."""
