"""Projects in the graph: the Project node, its members, discussions and comments."""
