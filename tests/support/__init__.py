"""Helpers the tests share that are not tests themselves (test modules never import each other)."""
