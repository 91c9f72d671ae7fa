"""Tasks in the graph: the Task node, its checklist items and comments."""
