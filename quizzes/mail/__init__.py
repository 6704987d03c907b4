"""Scheduled mail: hourly rollups, daily reminders, the weekly review email, unsubscribe and dead
letters of tasks that failed for good."""
