"""The ordinary mutations of a resource, generated from its declared verbs.

`createX(input)`, `updateX(id, input)`, `deleteX(id)` and `restoreX(id)` answer
`XPayload { record userErrors }` and call `resolvers.core.writes`, which does the permission,
existence, precondition and event once; `schema.preconditions` adds `expectedUpdatedAt`
to update/delete as it does for every hand-written one. Only the GraphQL side lives
here: decoding global ids and naming errors after the input's fields.
"""

# No `from __future__ import annotations`: the resolvers below are annotated with the
# generated types themselves, which Strawberry reads from the live objects.

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.types.field import StrawberryField

from resolvers.core import writes
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, NotFound
from resolvers.core.resources import Resource
from schema.context import Info
from schema.errors import Payload, mutate
from schema.ids import decode_id
from schema.lookups.references import References, naming, renamed, service_data, targets
from schema.node import RowType

Write = Callable[[], Awaitable[Row]]
Data = dict[str, Any]


@dataclass(frozen=True)
class Writer:
    """The service functions the mutations call; None: no such mutation."""

    create: Callable[[Ctx, Data], Awaitable[Row]] | None = None
    update: Callable[[Ctx, int, Data], Awaitable[Row]] | None = None
    delete: Callable[[Ctx, int], Awaitable[Row]] | None = None
    restore: Callable[[Ctx, int], Awaitable[Row]] | None = None


def generic(resource: Resource) -> Writer:
    """The resource's declared verbs, done by `resolvers.core.writes`."""
    verbs = writes.verbs_of(resource)
    return Writer(
        (lambda ctx, data: writes.create(ctx, resource, data)) if verbs.create else None,
        (lambda ctx, pk, data: writes.update(ctx, resource, pk, data)) if verbs.update else None,
        (lambda ctx, pk: writes.delete(ctx, resource, pk)) if verbs.delete else None,
        (lambda ctx, pk: writes.restore(ctx, resource, pk)) if verbs.restore else None,
    )


# (resource, verb) -> the mutation generated for it ("createStaff"): its name follows the
# node, not the resource's label (the parity test reads it).
GENERATED: dict[tuple[str, str], str] = {}


async def _parent_found(
    resource: Resource, references: References, data: Mapping[str, Any], write: Write
) -> Row:
    """A parent named by a global id that matches no record is not found, as a path that
    names it is (rest_compat.readers.path_parent); the service calls it an invalid field."""
    declared = resource.verbs.parent if resource.verbs is not None else None
    try:
        return await write()
    except Invalid as exc:
        if declared is None or list(exc.errors) != [declared.column]:
            raise
        type_name = next(
            (t for t, target in targets(references).values() if target == declared.column), None
        )
        if type_name is None or data.get(declared.column) is None:
            raise
        raise NotFound(type_name, data[declared.column]) from None


def mutations(
    resource: Resource,
    node: type[RowType],
    *,
    input: type | None = None,
    create_input: type | None = None,
    update_input: type | None = None,
    references: References | None = None,
    descriptions: Mapping[str, str] | None = None,
    data: Callable[[Any], dict[str, Any]] | None = None,
    names: Mapping[str, str] | None = None,
    label: str | None = None,
    writer: Writer | None = None,
) -> type:
    """A Strawberry type holding the resource's generated mutations, for `merge_types`.

    `input` is the input of both create and update, unless `create_input` or
    `update_input` says otherwise. `references` decode global ids; a domain
    whose input needs more (a tax list, a polymorphic record id) gives `data`, the input
    -> service data conversion, and `names`, service field -> input field for errors.
    `writer` replaces the declared verbs for a resource its own service writes."""
    service = writer or generic(resource)
    create_input, update_input = create_input or input, update_input or input
    refs = dict(references or {})
    to_data = data or (lambda given: service_data(given, refs))
    error_names = {**renamed(refs), **(names or {})}
    # The name after the verb: the node's, unless the schema always called it otherwise
    # (createDiscussion writes a ProjectDiscussion).
    label = label or node.graphql_name()
    payload = Payload[node]  # type: ignore[valid-type]
    about = dict(descriptions or {})
    fields: dict[str, StrawberryField] = {}

    def field(verb: str, resolver: Callable[..., Any]) -> None:
        resolver.__name__ = f"{verb}_{resource.name}"
        if writer is None:
            GENERATED[(resource.name, verb)] = f"{verb}{label}"
        fields[f"{verb}_{label[0].lower()}{label[1:]}"] = strawberry.mutation(
            resolver, name=f"{verb}{label}", description=about.get(verb)
        )

    async def run(
        info: Info, call: Callable[[Ctx], Awaitable[Row]], data: Mapping[str, Any] | None = None
    ) -> Payload[Any]:
        ctx = info.context.ctx

        def checked() -> Awaitable[Row]:
            return _parent_found(resource, refs, {} if data is None else data, lambda: call(ctx))

        return await mutate(lambda: naming(checked, error_names), node.from_row)

    if service.create is not None and create_input is not None:
        create_with = service.create

        async def create(info: Info, input: create_input) -> payload:  # type: ignore[valid-type]
            sent: dict[str, Any] = {}

            async def write(ctx: Ctx) -> Row:
                sent.update(to_data(input))
                return await create_with(ctx, sent)

            return await run(info, write, sent)

        field("create", create)

    if service.update is not None and update_input is not None:
        update_with = service.update

        async def update(info: Info, id: strawberry.ID, input: update_input) -> payload:  # type: ignore[valid-type]
            sent: dict[str, Any] = {}

            async def write(ctx: Ctx) -> Row:
                sent.update(to_data(input))
                return await update_with(ctx, decode_id(id, node), sent)

            return await run(info, write, sent)

        field("update", update)

    if service.delete is not None:
        delete_with = service.delete

        async def delete(info: Info, id: strawberry.ID) -> payload:  # type: ignore[valid-type]
            return await run(info, lambda ctx: delete_with(ctx, decode_id(id, node)))

        field("delete", delete)

    if service.restore is not None:
        restore_with = service.restore

        async def restore(info: Info, id: strawberry.ID) -> payload:  # type: ignore[valid-type]
            return await run(info, lambda ctx: restore_with(ctx, decode_id(id, node)))

        field("restore", restore)

    generated = type(f"{label}Mutation", (), fields)
    return strawberry.type(generated)
