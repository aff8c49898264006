"""Every generated HTML and CSS file passes the current Nu Html Checker (v.Nu from vendor.json, needs Java)."""

import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.build


def vnu_jar() -> Path:
    spec = json.loads((ROOT / "vendor.json").read_text())["vnu-jar"]
    jar = ROOT / ".cache" / "vendor" / f"vnu-jar-{spec['version']}" / "vnu.jar"
    assert jar.is_file(), f"{jar} ontbreekt; run `make vendor`"
    return jar


def vnu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", *args],
                          capture_output=True, text=True, timeout=600)


def test_html_is_valid(example_site):
    result = vnu("--skip-non-html", str(example_site.output))
    assert result.returncode == 0, result.stdout + result.stderr


def test_large_directory_pages_are_valid(paged_directory_site):
    """The index, A-Z pages and facets of a directory above DIRECTORY_INDEX_LIMIT (not in the example build)."""
    folder = paged_directory_site.output / "ambachtengids"
    english = paged_directory_site.output / "en" / "directory"
    pages = [folder / "index.html", folder / "a-z", folder / "ambacht", english / "index.html", english / "craft"]
    assert (folder / "a-z" / "index.html").is_file()
    result = vnu("--skip-non-html", *map(str, pages))
    assert result.returncode == 0, result.stdout + result.stderr


def test_css_is_valid(example_site):
    sheets = sorted(example_site.output.rglob("*.css"))
    bundles = [sheet for sheet in sheets if sheet.parent.name == "assets"]
    assert any(sheet.name.startswith("home.") for sheet in bundles) and len(bundles) > 10
    result = vnu("--css", *map(str, sheets))
    assert result.returncode == 0, result.stdout + result.stderr


def test_validator_reports_errors(tmp_path):
    """The checker really checks: a broken page and a broken style sheet are refused."""
    (tmp_path / "page.html").write_text("<!DOCTYPE html><html lang=nl><title>x</title><p><div></span>", encoding="utf-8")
    (tmp_path / "site.css").write_text("a { colour: red; }\n", encoding="utf-8")
    assert vnu("--skip-non-html", str(tmp_path)).returncode != 0
    result = vnu("--css", str(tmp_path / "site.css"))
    assert result.returncode != 0 and "colour" in result.stderr
