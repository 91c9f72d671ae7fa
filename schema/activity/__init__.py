"""Activity feeds in the graph: the ActivityEvent type any node can list."""
