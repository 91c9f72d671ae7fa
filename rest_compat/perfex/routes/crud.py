"""A perfex resource's ordinary rows from one declaration: add, delete, read one, search
and update.

The documents word every resource's titles and messages their own way ("Invoice Added
Successfully", "Project add successful."), so those are what a resource declares; the
readers, shapers and labels are the same for all. The rows come in the documents' order:
add, delete, read, search, update.
"""

from __future__ import annotations

from dataclasses import dataclass

from rest_compat.perfex.bodies import Prepare, change, create
from rest_compat.perfex.listing import every, keywords
from rest_compat.perfex.replies import NO_DATA, Batch, many, one, wrote
from rest_compat.readers import path_id
from rest_compat.renames import FieldMap
from rest_compat.routing import Endpoint, Operation, Reader


@dataclass(frozen=True)
class Said:
    """A write's title, and the messages its success and its failure answer."""

    title: str
    done: str
    fail: str


def worded(title: str, what: str) -> Said:
    """The messages of projects, tasks, leads, staff...: "Task add successful.", "Task add
    fail.", "Task Delete Successful.": the outcome is capitalised as the verb is."""
    done, fail = (
        ("successful.", "fail.") if what.split()[-1].islower() else ("Successful.", "Fail.")
    )
    return Said(title, f"{what} {done}", f"{what} {fail}")


@dataclass(frozen=True)
class Write:
    """A write row: the service, what the document says, and where it differs from the
    usual path and body reader."""

    operation: Operation
    said: Said
    path: str = ""
    read: Reader | None = None
    # The body, where it differs from the resource's (an update's own model).
    fields: FieldMap | None = None


@dataclass(frozen=True)
class Read:
    """A read row: the service, its title, and the message an empty search answers."""

    operation: Operation
    title: str
    missing: str = NO_DATA


def perfex_rows(
    path: str,
    label: str,
    fields: FieldMap,
    *,
    add: Write,
    delete: Write,
    get: Read,
    shown: Batch,
    search: Read | None = None,
    searched: Batch | None = None,
    update: Write | None = None,
    prepare: Prepare | None = None,
) -> list[Endpoint]:
    """`path` is the collection's (/api/invoices); a record's is `path/{id}` unless a
    write names its own. `searched` shapes search results when they differ from `shown`."""
    one_path = f"{path}/{{id}}"
    rows = [
        Endpoint("POST", add.path or path, add.operation, add.read or create(prepare),
                 wrote(add.said.done), add.said.title, fields=fields, fail=add.said.fail),
        Endpoint("DELETE", delete.path or one_path, delete.operation, delete.read or path_id(),
                 wrote(delete.said.done), delete.said.title, fail=delete.said.fail, label=label),
        Endpoint("GET", one_path, get.operation, path_id(), one(shown), get.title,
                 fail=get.missing, label=label),
    ]  # fmt: skip
    if search is not None:
        rows.append(
            Endpoint("GET", f"{path}/search/{{keysearch}}", every(search.operation), keywords,
                     many(searched or shown, missing=search.missing), search.title,
                     fail=search.missing)
        )  # fmt: skip
    if update is not None:
        rows.append(
            Endpoint("PUT", update.path or one_path, update.operation,
                     update.read or change(prepare=prepare), wrote(update.said.done),
                     update.said.title, fields=update.fields or fields, fail=update.said.fail,
                     label=label)
        )  # fmt: skip
    return rows
