"""Per-request dataloaders, created lazily inside the running loop.

aiodataloader binds the event loop when a loader is built, so a request builds its
loaders on first use; each is keyed by its batch function, and named like it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any

from aiodataloader import DataLoader

BatchFn = Callable[[Sequence[Any]], Awaitable[Sequence[Any]]]


class Loaders:
    def __init__(self) -> None:
        self._loaders: dict[Hashable, DataLoader] = {}

    def get(self, key: Hashable, batch: BatchFn) -> DataLoader:
        loader = self._loaders.get(key)
        if loader is None:
            loader = DataLoader(batch_load_fn=batch)
            self._loaders[key] = loader
        return loader
