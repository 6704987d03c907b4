"""Writes of the scheduled mail: rollups, sending emails, dead letters."""
