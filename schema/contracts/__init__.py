"""Contracts in the graph: the Contract node, its renewals and comments."""
