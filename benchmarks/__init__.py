"""The interactive-speed bench (``python -m benchmarks.bench``); see bench.py."""
