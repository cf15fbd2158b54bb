"""Batch work without the cyclic garbage collector.

Matching allocates millions of small objects (tokens, profiles, links) and holds millions
more (the catalogue). CPython's cyclic collector rescans the long-lived ones again and again
as allocations pile up: on a million-product catalogue that cost more than the matching
itself. Nothing the engine allocates forms reference cycles, so reference counting frees
it all; the collector is paused for the batch and restored after, whatever happens.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block (if it was enabled), re-enable it after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
