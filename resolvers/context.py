"""What every resolver function receives: the database, the caller, the request's loaders."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiodataloader import DataLoader
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.identity import JwtKeys
from resolvers.loaders import BatchFn, Loaders
from resolvers.permissions import Principal

# A row as the service layer hands it out: column name -> value.
Row = Mapping[Any, Any]


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
    keys: JwtKeys | None = None

    def loader(self, batch: BatchFn, *args: Hashable) -> DataLoader[Any, Any]:
        """This request's loader for `batch(ctx, *args, keys)`."""
        return self.loaders.get(self, batch, *args)

    @property
    def actor(self) -> tuple[str, int | None]:
        if self.principal is None:
            return ("system", None)
        return (self.principal.kind, self.principal.id)
