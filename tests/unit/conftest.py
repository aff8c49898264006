"""Fixtures shared by the unit tests of the badge drawing (one FontSet per module: loading the fonts is the slow part)."""

from __future__ import annotations

import pytest
from badges.designs import Designer
from badges.fonts import FontSet


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet()


@pytest.fixture(scope="module")
def designer(fonts) -> Designer:
    return Designer(fonts)
