"""The comment nodes of discussions, tasks, contracts and proposals: a text, its stamps,
the record it is on and its author, declared once."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.core.resources import Resource
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType
from schema.projects.refs import fetch_of


def comment_node(
    comments: Resource,
    name: str,
    parent: str,
    *,
    staff: str = "The author, when a staff member.",
    contact: bool = True,
    attachments: bool = False,
) -> type[RowType]:
    """The node `name` over `comments`; `staff` describes the staff author, `contact` and
    `attachments` say whether the comments have those edges."""
    body = {
        "__module__": __name__,
        "__annotations__": {"content": str, "created_at": datetime, "updated_at": datetime},
        parent: relation_field(parent),
        "staff": relation_field("staff", description=staff),
    }
    if contact:
        body["contact"] = relation_field("contact", description="The author, when a contact.")
    if attachments:
        body["attachments"] = relation_field("attachments")
    node = strawberry.type(name=name)(type(f"{name}Type", (RowType, Node), body))
    return graph_node(comments, fetch_of(comments))(node)
