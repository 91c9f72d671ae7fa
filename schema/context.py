"""What GraphQL resolvers get as `info.context`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry

from resolvers.core.context import Ctx


@dataclass
class GraphQLContext:
    ctx: Ctx
    extensions: dict[str, Any] = field(default_factory=dict)


Info = strawberry.Info[GraphQLContext, None]
