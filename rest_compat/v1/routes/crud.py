"""A v1 resource's ordinary rows from one declaration: list, create, get, update and
delete at `/api/v1/<things>` and `/api/v1/<things>/{id}`.

Only what varies between resources is declared (the path, the noun, the services, the
reply shape, the body fields and list filters); the rows' readers, shapers, statuses and
labels are the same for all. A title the documents word otherwise is given in `titles`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from resolvers.core.json_records import JsonShape
from rest_compat import plans
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.renames import FieldMap
from rest_compat.routing import Endpoint, Operation
from rest_compat.v1.routes.common import (
    PAGE_PARAMS,
    AsyncShape,
    Q,
    deleted,
    listing,
    page_body,
    page_of,
    pages,
    params,
    record,
)


@dataclass(frozen=True)
class Crud:
    """The five service functions behind a resource's ordinary rows."""

    list: Operation
    create: Operation
    get: Operation
    update: Operation
    delete: Operation


@dataclass(frozen=True)
class Noun:
    """How the documents name one record: "credit note", article "a", plural "credit
    notes"; the label (what a bad path id failed to find) is the noun capitalised."""

    one: str
    article: str = "a"
    many: str = ""
    titles: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.one[:1].upper() + self.one[1:]

    def title(self, verb: str) -> str:
        many = self.many or f"{self.one}s"
        usual = {
            "list": f"List all {many} with pagination",
            "create": f"Create a new {self.one}",
            "get": f"Get {self.one} details by ID",
            "update": f"Update an existing {self.one}",
            "delete": f"Delete {self.article} {self.one}",
        }
        return self.titles.get(verb, usual[verb])


def crud_rows(
    path: str,
    noun: Noun,
    verbs: Crud,
    shape: AsyncShape,
    fields: FieldMap,
    filters: tuple[Q, ...],
    made: JsonShape | None = None,
) -> list[Endpoint]:
    """`made`: the shape as the database makes it, for the reads' plans (rest_compat.plans)."""
    one = f"{path}/{{id}}"
    label = noun.label
    page = None if made is None else plans.page(made, page_of, page_body, PAGE_PARAMS)
    return [
        Endpoint("GET", path, verbs.list, pages(*filters), listing(shape), noun.title("list"),
                 query=params(*filters), plan=page),
        Endpoint("POST", path, verbs.create, body(), record(shape, 201), noun.title("create"),
                 fields=fields, status=201),
        Endpoint("GET", one, verbs.get, path_id(), record(shape), noun.title("get"),
                 label=label, plan=None if made is None else plans.record(made)),
        Endpoint("PUT", one, verbs.update, id_and_body(), record(shape), noun.title("update"),
                 fields=fields, label=label),
        Endpoint("DELETE", one, verbs.delete, path_id(), deleted, noun.title("delete"),
                 label=label),
    ]  # fmt: skip
