"""What every table shares: an integer id, UTC timestamps and a restorable delete."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any, cast

from sqlalchemy import MetaData, Table
from sqlmodel import Field, SQLModel
from sqlmodel.main import default_registry

from resolvers.models.types import Money, UTCDateTime, utcnow

# Named constraints let Alembic alter tables on SQLite (batch mode) and PostgreSQL alike.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata: MetaData = SQLModel.metadata


class Record(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)


class Named(Record):
    """A list row known by its unique name, which is all most reference lists carry."""

    name: str = Field(max_length=100, unique=True)


class Link(SQLModel):
    """A join row between two records; it has no life of its own, so no soft delete."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def money(default: Decimal | None = Decimal("0"), *, required: bool = False) -> Any:
    """An amount of money: a Decimal with two places (types.Money), 0 unless said
    otherwise; a `required` one has no default."""
    if required:
        return Field(sa_type=Money())
    return Field(default=default, sa_type=Money())


def moment() -> Any:
    """A point in time that may be unset: aware UTC (types.UTCDateTime), None until set."""
    return Field(default=None, sa_type=UTCDateTime)


def fk(
    target: str, *, nullable: bool = True, ondelete: str | None = None, index: bool = True
) -> Any:
    """A foreign key column; `target` is "table.column"."""
    kwargs: dict[str, Any] = {"foreign_key": target, "index": index, "nullable": nullable}
    if ondelete:
        kwargs["ondelete"] = ondelete
    if nullable:
        kwargs["default"] = None
    return Field(**kwargs)


@cache
def model_of(table: str) -> type[SQLModel]:
    """The model of a table, by the table's name."""
    for mapper in default_registry.mappers:
        model = cast(type[SQLModel], mapper.class_)
        if table_of(model).name == table:
            return model
    raise KeyError(table)


def table_of(model: type[SQLModel]) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]
