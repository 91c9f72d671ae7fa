"""What every resolver function receives: the database, the caller, the request's loaders."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.loaders import Loaders
from resolvers.permissions import Principal

Row = Mapping[str, Any]


class Database(Protocol):
    """The store as resolvers see it; `gateway.database` provides it."""

    dialect: str

    def read(self) -> AbstractAsyncContextManager[AsyncConnection]: ...

    def write(self) -> AbstractAsyncContextManager[AsyncConnection]: ...


@dataclass
class Ctx:
    db: Database
    principal: Principal | None = None
    loaders: Loaders = field(default_factory=Loaders)

    @property
    def actor(self) -> tuple[str, int | None]:
        if self.principal is None:
            return ("system", None)
        return (self.principal.kind, self.principal.id)


