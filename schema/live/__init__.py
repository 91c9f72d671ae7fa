"""The change feed and live subscriptions over the event log."""

from schema.live.context import ChangeFeed, LiveContext

__all__ = ["ChangeFeed", "LiveContext"]
