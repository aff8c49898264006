"""Splitting a sequence into consecutive parts: the batches of a task pool, the pages of a list."""

from __future__ import annotations

from collections.abc import Sequence


def batches(items: Sequence, size: int) -> list[Sequence]:
    """``items`` in consecutive slices of ``size`` (the last may be shorter), in order; none for no items.

    The slices concatenate to ``items``; none is empty or longer than ``size``.
    """
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    return [items[start : start + size] for start in range(0, len(items), size)]
