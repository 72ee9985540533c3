"""`make bench` (bench/run.py) and what it serves and measures beside the app: the floor (bench/floor.py)."""
