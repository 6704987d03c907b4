"""The timed mock exam: drawing by blueprint, answers and flags, scoring (pure, ``scoring.py``) and
the report."""
