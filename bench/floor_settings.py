"""bench/review.py's settings: the app's own, routed through bench/floor.py's URLs (the app's URLs
plus the two floor views). Only the benchmark loads it."""

from studyhub.settings import *  # noqa: F403 - the app's settings, unchanged but for ROOT_URLCONF

ROOT_URLCONF = "bench.floor"
