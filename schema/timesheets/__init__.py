"""Timesheets and timers in the graph."""
