"""The order of PLUGINS does not matter: the same site byte for byte, and contracts checked before the build.

Each build runs from a copy of the project whose pelicanconf.py lists the plugins in another order,
with caches of its own (only the badge renders and image variants are shared, as by every test build:
they are content-addressed by infra.cachekey, so sharing them cannot hide a difference), and is compared
with the example site built in the settings' own order.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_MOMENT, ROOT, SHARED_CACHES, SITEURL, project_copy, run_whole

pytestmark = pytest.mark.build

PLUGINS_BLOCK = re.compile(r"^PLUGINS = \[\n(.*?)^\]\n", re.MULTILINE | re.DOTALL)


def settings_order() -> list[str]:
    block = PLUGINS_BLOCK.search((ROOT / "pelicanconf.py").read_text(encoding="utf-8")).group(1)
    return re.findall(r'^\s+"(\w+)",', block, re.MULTILINE)


def shuffled(seed: int) -> list[str]:
    order = settings_order()
    random.Random(seed).shuffle(order)
    return order


def build_in_order(base: Path, order: list[str], edit=lambda text: text) -> subprocess.CompletedProcess:
    """``make html`` of the example content from a project copy whose PLUGINS are ``order`` (and
    whose pelicanconf.py text is then changed by ``edit``)."""
    project = project_copy(base)
    settings = project / "pelicanconf.py"
    listed = "".join(f'    "{name}",\n' for name in order)
    text = PLUGINS_BLOCK.sub(lambda _: f"PLUGINS = [\n{listed}]\n", settings.read_text(encoding="utf-8"))
    settings.write_text(edit(text), encoding="utf-8")
    environment = {**os.environ, "SITEURL": SITEURL, "SOURCE_DATE_EPOCH": str(int(BUILD_MOMENT.timestamp())),
                   "BADGE_SECRET": "test-geheim", **SHARED_CACHES,
                   "PYTHONPATH": str(project / "plugins"),
                   # the example site's Open Badges 3.0 key (the same signatures)
                   "BADGE_DEV_KEY_PATH": os.environ.get("BADGE_DEV_KEY_PATH") or str(ROOT / ".cache" / "badge-signing-dev-key")}
    for name in ("GITHUB_ACTIONS", "DIRECTORY_INDEX_LIMIT"):
        environment.pop(name, None)
    return run_whole([sys.executable, str(project / "scripts" / "build.py"), "html", "--content", str(ROOT / "content"),
                      "--output", str(base / "output"), "--cache", str(base / ".cache")],
                     env=environment, cwd=project, timeout=300)


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("order", [list(reversed(settings_order())), shuffled(17)], ids=["reversed", "shuffled"])
def test_any_order_of_plugins_builds_the_same_site(example_site, tmp_path, order):
    assert order != settings_order()
    # the orders that used to break: badges before the directory, the compression before what it compresses
    assert order.index("badges") < order.index("craft_directory") or order.index("assets") < order.index("site_search")
    result = build_in_order(tmp_path, order)
    assert result.returncode == 0, result.stderr[-3000:]
    expected, built = files(example_site.output), files(tmp_path / "output")
    assert sorted(built) == sorted(expected)
    differing = [path for path in expected if built[path] != expected[path]]
    assert differing == []


def test_a_plugin_whose_reads_no_plugin_adds_stops_the_build_with_one_line_each(tmp_path):
    order = [name for name in reversed(settings_order()) if name != "craft_directory"]
    result = build_in_order(tmp_path, order)
    assert result.returncode == 1
    line = next(number for number, text in enumerate((tmp_path / "project" / "pelicanconf.py").read_text().splitlines(), 1)
                if text.startswith("PLUGINS ="))
    assert result.stderr.splitlines() == [
        f'pelicanconf.py:{line}:1: PLUGINS: plugin "badges" reads "craft_directory", which no enabled plugin adds',
        f'pelicanconf.py:{line}:1: PLUGINS: plugin "badges" reads "profile_records", which no enabled plugin adds',
    ]
    assert not (tmp_path / "output").exists()  # stopped before anything was built


@pytest.mark.parametrize("value", ['"pelican.Pelican"', '"infra.NoSuchPelican"', '"nergens.Pelican"'])
def test_a_pelican_class_that_does_not_own_the_build_stops_it_with_one_line(tmp_path, value):
    """build.py takes PELICAN_CLASS from the settings, as Pelican does; a class without the build's objects
    (stock Pelican) or one that cannot be loaded stops the build before anything is written."""
    setting = re.compile(r'^PELICAN_CLASS = "infra.ScopedPelican"$', flags=re.M)
    assert setting.search((ROOT / "pelicanconf.py").read_text(encoding="utf-8"))
    result = build_in_order(tmp_path, settings_order(), lambda text: setting.sub(f"PELICAN_CLASS = {value}", text, count=1))
    line = next(number for number, row in enumerate((tmp_path / "project" / "pelicanconf.py").read_text().splitlines(), 1)
                if row.startswith("PELICAN_CLASS"))
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert len(problems) == 1, result.stderr[-2000:]
    assert problems[0].startswith(f"pelicanconf.py:{line}:1: PELICAN_CLASS: {value.strip(chr(34))!r} ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()
