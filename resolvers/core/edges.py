"""Both edges of a reference: a record's column naming its parent gives the record a
`one` edge to the parent, and the parent a `many` edge back to the records naming it;
a link table gives each side a `through` edge to the other."""

from __future__ import annotations

from sqlmodel import SQLModel

from resolvers.core.resources import Relation, relate


def belongs_to(
    child: str, parent: str, column: str, *, one: str | None = None, many: str | None = None
) -> None:
    """`child.<one>` (by default the column without "_id") and `parent.<many>` (by default
    the child resource's name)."""
    relate(child, one or column.removesuffix("_id"), Relation(parent, "one", column))
    relate(parent, many or child, Relation(child, "many", column))


def joined_by(
    owner: str, edge: str, target: str, inverse: str, link: type[SQLModel], columns: tuple[str, str]
) -> None:
    """`owner.<edge>` and `target.<inverse>` through a link table whose `columns` name the
    owner and the target (task_assignees: task_id, staff_id)."""
    owner_column, target_column = columns
    relate(owner, edge, Relation(target, "through", owner_column, link, target_column))
    relate(target, inverse, Relation(owner, "through", target_column, link, owner_column))
