"""The compiled path bypasses a domain's read function only where it is declared the
generic read (`resolvers.core.json_select.bypass.generic_read`), and every such declaration
is true: the function adds no rule of its own to the generic read.

The check reads the declared functions' bytecode here, in the test, on the CPython the
suite runs: production decides by the declaration alone."""

from __future__ import annotations

import builtins
import dis
import inspect
from typing import Any

from resolvers.core import reading
from resolvers.core.json_select.bypass import declared, generic_read, is_generic_read
from resolvers.core.resources import REGISTRY, Resource
from schema import schema
from schema.compiled.catalog import catalog_of
from schema.fields import GRAPH, ROOT_READS

# What `return await target(ctx, RESOURCE, *args)` compiles to, and nothing more.
_PLAIN_OPS = frozenset({
    "RETURN_GENERATOR", "POP_TOP", "RESUME", "COPY_FREE_VARS", "MAKE_CELL", "NOP", "CACHE",
    "LOAD_GLOBAL", "LOAD_ATTR", "LOAD_METHOD", "LOAD_FAST", "LOAD_DEREF", "LOAD_CONST",
    "PUSH_NULL", "PRECALL", "CALL", "BUILD_TUPLE", "BUILD_MAP", "DICT_MERGE",
    "CALL_FUNCTION_EX", "GET_AWAITABLE", "SEND", "YIELD_VALUE", "JUMP_BACKWARD_NO_INTERRUPT",
    "RETURN_VALUE", "END_SEND", "CLEANUP_THROW",
})  # fmt: skip
_MISSING = object()


def _closure(fn: Any) -> dict[str, Any]:
    cells = fn.__closure__ or ()
    return dict(zip(fn.__code__.co_freevars, (c.cell_contents for c in cells), strict=True))


def delegates(fn: Any, target: Any, res: Resource) -> bool:
    """Whether `fn` only returns `await target(ctx, res, <its own arguments in order>)`:
    a domain verb that adds no rule of its own to the generic read."""
    code = getattr(fn, "__code__", None)
    if code is None or not inspect.iscoroutinefunction(fn):
        return False
    cells = _closure(fn)
    loaded: list[Any] = []
    arguments: list[str] = []
    for instruction in dis.get_instructions(fn):
        op, value = instruction.opname, instruction.argval
        if op not in _PLAIN_OPS:
            return False
        if op == "LOAD_GLOBAL":
            loaded.append(fn.__globals__.get(value, getattr(builtins, value, _MISSING)))
        elif op == "LOAD_DEREF":
            loaded.append(cells.get(value, _MISSING))
        elif op in ("LOAD_ATTR", "LOAD_METHOD"):
            if not loaded:
                return False
            loaded.append(getattr(loaded.pop(), value, _MISSING))
        elif op == "LOAD_FAST":
            arguments.append(value)
        elif op == "LOAD_CONST" and value is not None:
            return False
    flags = code.co_flags
    count = (
        code.co_argcount
        + code.co_kwonlyargcount
        + bool(flags & inspect.CO_VARARGS)
        + bool(flags & inspect.CO_VARKEYWORDS)
    )
    return (
        len(loaded) == 2
        and loaded[0] is target
        and loaded[1] is res
        and arguments == list(code.co_varnames[:count])
    )


def _root_reads() -> dict[str, tuple[Any, Any, Resource]]:
    """Each root record/connection field: (its read function, the generic one, resource)."""
    found: dict[str, tuple[Any, Any, Resource]] = {}
    for f in schema.query.__strawberry_definition__.fields:  # type: ignore[attr-defined]
        read = ROOT_READS.get(getattr(f.base_resolver, "wrapped_func", None))  # type: ignore[arg-type]
        if read is None or read.resource.name not in GRAPH:
            continue
        name, res = schema.config.name_converter.get_graphql_name(f), read.resource
        if not read.many:
            found[name] = (GRAPH[res.name].fetch, reading.get_record, res)
        elif read.list_fn is not None:
            found[name] = (read.list_fn, reading.list_records, res)
    return found


def test_every_declared_generic_read_only_delegates_to_the_generic_read() -> None:
    # Given every function declared the generic read of its resource
    functions = declared()
    assert len(functions) >= 20

    # Then each only returns the generic read of that resource with its own arguments
    wrong = [
        f"{fn.__module__}.{fn.__qualname__}"
        for fn, name in functions
        if not any(
            delegates(fn, target, REGISTRY[name])
            for target in (reading.get_record, reading.list_records)
        )  # fmt: skip
    ]
    assert wrong == []


def test_a_roots_records_are_compiled_exactly_when_its_read_is_declared_generic() -> None:
    roots = catalog_of(schema).roots
    for name, (fn, _, res) in _root_reads().items():
        # Over a domain's own list verb only the figures (aggregate, groupBy) compile.
        pages = name in roots and roots[name].pages
        assert pages == is_generic_read(fn, res), name


def test_a_read_with_a_rule_of_its_own_is_refused_as_generic() -> None:
    # A function declared generic that checks something first would be bypassed: the
    # check above names it
    res = GRAPH["customers"].resource

    @generic_read(res)
    async def narrowed(ctx: Any, record_id: int) -> Any:
        if record_id > 10:
            return None
        return await reading.get_record(ctx, res, record_id)

    @generic_read(res)
    async def plain(ctx: Any, record_id: int) -> Any:
        return await reading.get_record(ctx, res, record_id)

    assert not delegates(narrowed, reading.get_record, res)
    assert delegates(plain, reading.get_record, res)
    # Declared for another resource, a function is not that resource's generic read
    assert not is_generic_read(plain, GRAPH["contacts"].resource)
