"""Tickets in the graph: the Ticket node and its replies."""
