"""Trusted documents: the operations a frontend was built with, known to the server.

`CRM_TRUSTED_DOCUMENTS` names a manifest in either format the client tools write:

- Apollo's (`@apollo/generate-persisted-query-manifest`):
  `{"format": "apollo-persisted-query-manifest", "version": 1,
    "operations": [{"id", "name", "type", "body"}]}`;
- Relay's (`relay-compiler` with `persistConfig.file`): `{"<id>": "<document text>"}`.

A request names a listed document by `documentId` (the GraphQL over HTTP proposal, with
or without its `sha256:` prefix), Relay's `doc_id` or `id`, or Apollo's
`extensions.persistedQuery.sha256Hash`. With `CRM_TRUSTED_DOCUMENTS_MODE=enforce` nothing
else runs: an unknown id is PERSISTED_QUERY_NOT_FOUND and a document sent as text that is
not in the manifest is PERSISTED_QUERY_NOT_IN_LIST, over HTTP and the WebSocket alike;
`allow` (the default) serves listed ids and any text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson
import strawberry
from graphql import GraphQLError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES

from gateway.persisted_queries import BAD_REQUEST, NOT_FOUND, PersistedQueryError

NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"
APOLLO_FORMAT = "apollo-persisted-query-manifest"
MODES = ("allow", "enforce")
# Where a request names its document, in the order they are read.
ID_KEYS = ("documentId", "doc_id", "id")
SHA256_PREFIX = "sha256:"

Mode = Literal["allow", "enforce"]


class ManifestError(ValueError):
    """A manifest the server cannot use: it refuses to start, saying why."""


@dataclass(frozen=True)
class TrustedOperation:
    id: str
    name: str | None
    body: str


@dataclass(frozen=True)
class TrustedDocuments:
    operations: Mapping[str, TrustedOperation]
    mode: Mode = "allow"
    # A body sent as text, or named by its own hash (Apollo's link hashes the text).
    bodies: frozenset[str] = field(init=False)
    hashes: Mapping[str, TrustedOperation] = field(init=False)

    def __post_init__(self) -> None:
        listed = self.operations.values()
        object.__setattr__(self, "bodies", frozenset(op.body for op in listed))
        object.__setattr__(self, "hashes", {_sha256(op.body): op for op in listed})

    @property
    def enforce(self) -> bool:
        return self.mode == "enforce"

    def __iter__(self) -> Iterator[TrustedOperation]:
        return iter(self.operations.values())

    def __len__(self) -> int:
        return len(self.operations)

    def lookup(self, document_id: str) -> TrustedOperation | None:
        found = self.operations.get(document_id)
        if found is None and document_id.startswith(SHA256_PREFIX):
            found = self.operations.get(document_id[len(SHA256_PREFIX) :])
        if found is None:
            found = self.hashes.get(document_id.removeprefix(SHA256_PREFIX).lower())
        return found

    def knows(self, text: str) -> bool:
        return text in self.bodies

    def resolve(self, request: MutableMapping[str, Any]) -> None:
        """Puts the text of the document `request` names into its `query`; refuses, as
        PersistedQueryError, an unknown id and (enforced) any text not listed."""
        query = request.get("query")
        # Relay's plain `id` names a document only in a request without a query.
        keys = ID_KEYS if query is None else ID_KEYS[:2]
        named = next((request[k] for k in keys if request.get(k) is not None), None)
        if named is not None:
            self._by_id(request, named, query)
            return
        extensions = request.get("extensions")
        persisted = extensions.get("persistedQuery") if isinstance(extensions, Mapping) else None
        sha256 = persisted.get("sha256Hash") if isinstance(persisted, Mapping) else None
        if isinstance(sha256, str) and sha256:
            found = self.lookup(sha256)
            if found is not None:
                if query is not None and query != found.body:
                    raise PersistedQueryError(
                        "The persisted query's sha256Hash does not match the query",
                        "PERSISTED_QUERY_HASH_MISMATCH",
                    )
                request["query"] = found.body
                # Answered from the manifest: the hash need not be the body's own.
                assert isinstance(extensions, Mapping)
                request["extensions"] = {
                    k: v for k, v in extensions.items() if k != "persistedQuery"
                }
                return
            if self.enforce and query is None:
                raise PersistedQueryError("PersistedQueryNotFound", NOT_FOUND)
        if self.enforce and isinstance(query, str) and not self.knows(query):
            raise PersistedQueryError(
                "This server runs trusted documents only: send the id of a document in "
                "its manifest (documentId), not the document's text",
                NOT_IN_LIST,
            )

    def _by_id(self, request: MutableMapping[str, Any], named: object, query: object) -> None:
        if not isinstance(named, str) or not named:
            raise PersistedQueryError("documentId must be a non-empty string", BAD_REQUEST)
        found = self.lookup(named)
        if found is None:
            raise PersistedQueryError(
                f"PersistedQueryNotFound: no trusted document has the id {named[:80]!r}",
                NOT_FOUND,
            )
        if query is not None and query != found.body:
            raise PersistedQueryError(
                "Send either a documentId or the query, not both", BAD_REQUEST
            )
        request["query"] = found.body


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_manifest(raw: bytes, mode: Mode = "allow") -> TrustedDocuments:
    try:
        manifest = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ManifestError(f"not JSON: {exc}") from exc
    if not isinstance(manifest, dict):
        raise ManifestError("expected a JSON object")
    if manifest.get("format") == APOLLO_FORMAT:
        return TrustedDocuments(_apollo(manifest), mode)
    if "format" in manifest or "operations" in manifest:
        raise ManifestError(
            f"unknown format {manifest.get('format')!r}: expected {APOLLO_FORMAT!r} "
            "version 1 or Relay's {id: text} object"
        )
    operations: dict[str, TrustedOperation] = {}
    for key, body in manifest.items():
        if not isinstance(body, str) or not body.strip():
            raise ManifestError(f"document {key!r}: expected its text as a string")
        operations[key] = TrustedOperation(key, None, body)
    return TrustedDocuments(operations, mode)


def _apollo(manifest: dict[str, Any]) -> dict[str, TrustedOperation]:
    if manifest.get("version") != 1:
        raise ManifestError(f"unsupported version {manifest.get('version')!r}: expected 1")
    listed = manifest.get("operations")
    if not isinstance(listed, list):
        raise ManifestError("`operations` must be a list")
    operations: dict[str, TrustedOperation] = {}
    for index, item in enumerate(listed):
        if not isinstance(item, dict):
            raise ManifestError(f"operations[{index}] must be an object")
        op_id, name, body = item.get("id"), item.get("name"), item.get("body")
        if not isinstance(op_id, str) or not op_id:
            raise ManifestError(f"operations[{index}].id must be a non-empty string")
        if not isinstance(body, str) or not body.strip():
            raise ManifestError(f"operations[{index}].body must be the document's text")
        if name is not None and not isinstance(name, str):
            raise ManifestError(f"operations[{index}].name must be a string")
        operations[op_id] = TrustedOperation(op_id, name, body)
    return operations


def load_manifest(path: Path, mode: str = "allow") -> TrustedDocuments:
    mode = mode.strip()
    if mode not in MODES:
        raise ManifestError(f"CRM_TRUSTED_DOCUMENTS_MODE must be one of {MODES}, not {mode!r}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{path}: {exc.strerror}") from exc
    try:
        return parse_manifest(raw, "enforce" if mode == "enforce" else "allow")
    except ManifestError as exc:
        raise ManifestError(f"{path}: {exc}") from exc


def plan_documents(schema: strawberry.Schema, trusted: TrustedDocuments) -> None:
    """Parses and validates every listed document at start-up, through the schema's own
    parse and validation pipeline (every extension's verdict: the limits, the input
    rules, the operation's choice), warming their caches; a document the server would
    refuse stops it from starting, named."""
    failures: list[str] = []
    for op in trusted:
        context = schema._create_execution_context(
            query=op.body,
            allowed_operation_types=DEFAULT_ALLOWED_OPERATION_TYPES,
            operation_name=op.name,
        )
        extensions = schema.get_extensions(sync=True)
        for extension in extensions:
            extension.execution_context = context
        runner = schema.create_extensions_runner(context, extensions)
        try:
            refused = schema._prepare_operation_sync(context, runner)
        except GraphQLError as exc:
            failures.append(f"{op.name or op.id}: {exc}")
            continue
        except (CannotGetOperationTypeError, InvalidOperationTypeError) as exc:
            failures.append(f"{op.name or op.id}: {exc}")
            continue
        for error in (refused.errors or []) if refused is not None else []:
            failures.append(f"{op.name or op.id}: {error.message}")
    if failures:
        shown = "; ".join(failures[:10])
        more = f" (and {len(failures) - 10} more)" if len(failures) > 10 else ""
        raise ManifestError(f"{len(failures)} trusted documents are refused: {shown}{more}")
