"""The documented legacy REST paths, each a row in its dialect's route table.

`build_routes(settings, ctx=...)` gives the Starlette routes of every dialect; mount them
in the application behind `gateway.authentication.AuthenticationMiddleware`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from starlette.routing import BaseRoute

from resolvers.core.context import Ctx
from rest_compat import ninja, perfex, tech9, v1, v2
from rest_compat.join import join
from rest_compat.ninja import routes as ninja_routes
from rest_compat.perfex import routes as perfex_routes
from rest_compat.routing import Dialect, Endpoint, Services, build
from rest_compat.tech9 import routes as tech9_routes
from rest_compat.v1 import routes as v1_routes
from rest_compat.v2 import routes as v2_routes

Tables = Sequence[tuple[Dialect, Sequence[Endpoint]]]


class SettingsLike(Protocol):
    @property
    def secret_key(self) -> str: ...


def route_tables(settings: SettingsLike, *, public_url: str = "") -> Tables:
    """Every dialect with its rows; perfex before tech9 (the join rule reads them so).
    Quotas are the gateway's (gateway/limits), counted once per request for all of them.
    `public_url` is where clients reach the gateway: the links a reply carries start with
    it (never with the request's Host header, which the client chooses)."""
    return (
        (perfex.DIALECT, perfex_routes.ROUTES),
        (tech9.DIALECT, tech9_routes.ROUTES),
        (v1.DIALECT, v1_routes.ROUTES),
        (v2.DIALECT, v2_routes.ROUTES),
        (ninja.dialect(settings.secret_key, public_url), ninja_routes.ROUTES),
    )


def build_routes(
    settings: SettingsLike,
    *,
    ctx: Ctx,
    public_url: str = "",
) -> list[BaseRoute]:
    return build(Services(ctx=ctx), route_tables(settings, public_url=public_url), join)


__all__ = ["build_routes", "route_tables"]
