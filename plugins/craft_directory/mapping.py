"""The province map: label positions and shading levels from the vendored SVG paths."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ASSET = Path(__file__).parent / "assets" / "netherlands.json"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


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


def load_map() -> tuple[str, list[Province]]:
    data = json.loads(ASSET.read_text(encoding="utf-8"))
    provinces = [Province(pid, path, *label_position(path)) for pid, path in sorted(data["provinces"].items())]
    return data["viewBox"], provinces


def level(count: int, highest: int, levels: int = 4) -> int:
    """Shading level 0 (none) to ``levels`` for a count."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(levels, -(-count * levels // highest)))
