"""What every resolver function receives: the database, the caller, the request's loaders."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from aiodataloader import DataLoader
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.identity import JwtKeys
from resolvers.core.loaders import BatchFn, Loaders
from resolvers.core.mail import Mailer
from resolvers.core.permissions import Principal

if TYPE_CHECKING:  # the documents package imports this module
    from resolvers.custom_tables import CustomTables
    from resolvers.documents.company import Company

# A row as the service layer hands it out: column name -> value.
Row = Mapping[Any, Any]


class Database(Protocol):
    """The store as resolvers see it; `gateway.database` provides it."""

    dialect: str
    # The reading driver's dialect, for SQL text made once in its own style (first_row).
    driver_dialect: Dialect

    def read(self) -> AbstractAsyncContextManager[AsyncConnection]: ...

    def write(self) -> AbstractAsyncContextManager[AsyncConnection]: ...

    # One read's first row, through the driver alone (SQL text made once, driver style).
    async def first_row(
        self, sql: str, parameters: Sequence[Any] = ()
    ) -> tuple[Any, ...] | None: ...


@dataclass
class Ctx:
    db: Database
    principal: Principal | None = None
    loaders: Loaders = field(default_factory=Loaders)
    keys: JwtKeys | None = None
    # Where uploaded files are kept, and how large one may be.
    storage_dir: Path = Path("storage")
    max_upload_bytes: int = 20 * 1024 * 1024
    # Outgoing email; None when this deployment sends none (resolvers.core.mail).
    mailer: Mailer | None = None
    # The seller printed on documents; None prints resolvers.documents.Company's defaults.
    company: Company | None = None
    # The operator's own tables (CRM_CUSTOM_TABLES); None declares none.
    custom_tables: CustomTables | None = None

    def for_request(self, principal: Principal | None) -> Ctx:
        """A fresh context for one request, from the app's template: own caller, own loaders."""
        return replace(self, principal=principal, loaders=Loaders())

    def loader(self, batch: BatchFn, *args: Hashable) -> DataLoader[Any, Any]:
        """This request's loader for `batch(ctx, *args, keys)`."""
        return self.loaders.get(self, batch, *args)

    @property
    def actor(self) -> tuple[str, int | None]:
        if self.principal is None:
            return ("system", None)
        return (self.principal.kind, self.principal.id)
