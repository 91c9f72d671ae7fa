"""Per-request dataloaders, created lazily inside the running loop.

aiodataloader binds the event loop when a loader is built, so a request builds each
loader on first use. A loader is keyed by its batch function (and any extra arguments,
such as a relation's filter), so it is named like the function it batches.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from functools import partial
from typing import Any

from aiodataloader import DataLoader

BatchFn = Callable[..., Awaitable[Sequence[Any]]]


class Loaders:
    def __init__(self) -> None:
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}

    def clear(self) -> None:
        """Forget every cached read: called when the request writes."""
        self._loaders.clear()

    def get(self, owner: Any, batch: BatchFn, *args: Hashable) -> DataLoader[Any, Any]:
        """The loader for `batch(owner, *args, keys)`, built on first use."""
        key = (batch, *args)
        loader = self._loaders.get(key)
        if loader is None:
            loader = DataLoader(batch_load_fn=partial(batch, owner, *args))  # type: ignore[arg-type]
            self._loaders[key] = loader
        return loader
