"""make bench: page timings under gunicorn over generated data (see __main__.py)."""
