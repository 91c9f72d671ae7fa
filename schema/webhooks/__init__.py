"""Webhooks in the graph: the Webhook and WebhookDelivery nodes, their roots, and the
mutations that register, change, delete webhooks and replay dead deliveries."""
