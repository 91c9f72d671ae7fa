"""Request limits (transport policy, not business rules): hourly quotas per caller in
process or in Redis, the GraphQL cost budget, abuse, size and time limits.

Light on purpose: rest_compat imports the store from here, so the middleware modules
(which import rest_compat for the dialect map) are imported by their full names.
"""

from gateway.limits.rejections import on_rejection, record_rejection, rejections
from gateway.limits.store import DEFAULT_PER_HOUR, WINDOW_SECONDS, Limiter, MemoryLimiter, Quota

__all__ = [
    "DEFAULT_PER_HOUR",
    "WINDOW_SECONDS",
    "Limiter",
    "MemoryLimiter",
    "Quota",
    "on_rejection",
    "record_rejection",
    "rejections",
]
