"""The request quota store moved to gateway/limits (rate limits are transport policy and
apply to every surface); these names stay importable from here for existing callers."""

from gateway.limits.store import DEFAULT_PER_HOUR, WINDOW_SECONDS, Limiter, MemoryLimiter, Quota

__all__ = ["DEFAULT_PER_HOUR", "WINDOW_SECONDS", "Limiter", "MemoryLimiter", "Quota"]
