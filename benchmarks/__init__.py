"""The benchmark suite: `make bench` or `python -m benchmarks --help`."""
