"""Tests of helpers.checks, one file (or more) per check module."""
