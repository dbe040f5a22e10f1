"""The build benchmark (issue #7): `python -m bench.run`, or `make bench`. See bench/run.py."""
