"""This notebook prints the same strings with nudged initial weights and two BLAS threads."""

from tests.notebooks.same_numbers import N_SEEDS, make_tests

nudged_run, test_cell_prints_the_same_after_a_nudge = make_tests("05_learning_to_reach_far", N_SEEDS)
