"""Milestones in the graph."""
