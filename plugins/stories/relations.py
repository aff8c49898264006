"""Neighbours and related stories, computed once per build in linear-ish time."""

from __future__ import annotations

from collections import defaultdict


def link_neighbours(stories: list) -> None:
    """Set ``newer`` and ``older`` on stories ordered newest first."""
    for index, story in enumerate(stories):
        story.newer = stories[index - 1] if index > 0 else None
        story.older = stories[index + 1] if index + 1 < len(stories) else None


def related(stories: list, limit: int = 3) -> dict[int, list]:
    """For each story (by position), up to ``limit`` others sharing a craft (2 points) or region (1)."""
    by_craft = defaultdict(list)
    by_region = defaultdict(list)
    for index, story in enumerate(stories):
        for craft in getattr(story, "crafts", None) or []:
            by_craft[craft].append(index)
        region = getattr(story, "region", None)
        if region:
            by_region[region].append(index)
    result = {}
    for index, story in enumerate(stories):
        scores: dict[int, int] = defaultdict(int)
        for craft in getattr(story, "crafts", None) or []:
            for other in by_craft[craft][: 50]:
                scores[other] += 2
        region = getattr(story, "region", None)
        if region:
            for other in by_region[region][: 50]:
                scores[other] += 1
        scores.pop(index, None)
        ranked = sorted(scores, key=lambda other: (-scores[other], other))
        result[index] = [stories[other] for other in ranked[:limit]]
    return result
