"""The province map: label positions and shading levels from the vendored SVG paths, and those paths drawn
with fewer points.

The vendored paths hold 6,273 points at a hundredth of a unit (67 KB, 21 KB compressed): 70 % of the
directory page. The map is at most 24rem wide for 613 units, so a unit is under 2 device pixels even at a
3x screen; :func:`simplified` keeps each border within half a unit of the original and draws the points on
whole units (11 KB, 3 KB compressed). The provinces' 1.5 px paper-coloured stroke covers where two
neighbours' shared border now differs by a unit."""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

ASSET = Path(__file__).parent / "assets" / "netherlands.json"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
TOLERANCE = 0.5  # map units a simplified border may stray from the original, before its points are rounded


@dataclass(frozen=True)
class Province:
    id: str
    path: str
    label_x: float
    label_y: float


def rings(path: str) -> list[list[tuple[float, float]]]:
    """Absolute points per ring of a path made of ``m``/``M`` moves, implicit lines and ``z``."""
    result: list[list[tuple[float, float]]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    for command, body in re.findall(r"([mMzZ])([^mMzZ]*)", path):
        if command in "zZ":
            x, y = start
            continue
        numbers = [float(n) for n in NUMBER.findall(body)]
        ring = []
        for index, (dx, dy) in enumerate(zip(numbers[0::2], numbers[1::2], strict=False)):
            if command == "M" and index == 0:
                x, y = dx, dy
            else:
                x, y = x + dx, y + dy
            if index == 0:
                start = (x, y)
            ring.append((x, y))
        result.append(ring)
    return result


def label_position(path: str) -> tuple[float, float]:
    """The centre of the largest ring's bounding box (islands do not pull the label away)."""
    best, best_area = (0.0, 0.0), -1.0
    for ring in rings(path):
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        area = (max(xs) - min(xs)) * (max(ys) - min(ys))
        if area > best_area:
            best_area, best = area, ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    return round(best[0], 1), round(best[1], 1)


def _reduced(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: the first and last point, and between them the points without which the line would
    stray more than ``tolerance`` from one of the others (measured to the segment, not to the line through
    it: a point beyond the segment's end, in line with it, is far from what is drawn)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        squared = dx * dx + dy * dy
        far, distance = first, -1.0
        for index in range(first + 1, last):
            x, y = points[index]
            along = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / squared)) if squared else 0.0
            away = math.hypot(x - x1 - along * dx, y - y1 - along * dy)
            if away > distance:
                far, distance = index, away
        if distance > tolerance:
            keep[far] = True
            spans += [(first, far), (far, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplified_ring(ring: list[tuple[float, float]], tolerance: float = TOLERANCE) -> list[tuple[int, int]]:
    """A closed ring with fewer points, on whole units; empty when fewer than three distinct points are left
    (an islet smaller than the tolerance)."""
    if len(ring) < 3:
        return []
    start = ring[0]
    far = max(range(len(ring)), key=lambda index: math.dist(ring[index], start))
    # a ring is split at its first point and the point farthest from it, so neither half is closed
    kept = _reduced(ring[:far + 1], tolerance)[:-1] + _reduced([*ring[far:], start], tolerance)[:-1]
    points: list[tuple[int, int]] = []
    for x, y in kept:
        point = (round(x), round(y))
        if not points or points[-1] != point:
            points.append(point)
    while len(points) > 1 and points[-1] == points[0]:
        points.pop()
    return points if len(set(points)) >= 3 else []


def simplified(path: str, tolerance: float = TOLERANCE) -> str:
    """``path`` (moves, implicit lines and closes, as :func:`rings` reads) drawn with fewer points: per ring an
    absolute move and relative lines between whole-unit points."""
    parts = []
    for ring in rings(path):
        points = simplified_ring(ring, tolerance)
        if not points:
            continue
        numbers = [value for a, b in itertools.pairwise(points) for value in (b[0] - a[0], b[1] - a[1])]
        lines = "".join(str(n) if n < 0 or index == 0 else f" {n}" for index, n in enumerate(numbers))
        parts.append(f"M{points[0][0]} {points[0][1]}l{lines}z")
    return "".join(parts)


def load_map() -> tuple[str, list[Province]]:
    """The view box and the provinces, drawn :func:`simplified` and labelled from their original paths."""
    data = json.loads(ASSET.read_text(encoding="utf-8"))
    provinces = [Province(pid, simplified(path), *label_position(path))
                 for pid, path in sorted(data["provinces"].items())]
    return data["viewBox"], provinces


def level(count: int, highest: int, levels: int = 4) -> int:
    """Shading level 0 (none) to ``levels`` for a count."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(levels, -(-count * levels // highest)))
