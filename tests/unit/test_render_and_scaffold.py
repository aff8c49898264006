import datetime as dt
from pathlib import Path

import pytest
from content_model.check import ContentChecker
from content_model.render import reading_minutes, render, sanitize
from content_model.scaffold import scaffold, slugify

ROOT = Path(__file__).resolve().parents[2]


def test_render_produces_heading_ids_and_tables():
    html = render("## Een kop\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert '<h2 id="een-kop">Een kop</h2>' in html
    assert "<table>" in html and "<td>1</td>" in html


def test_site_links_get_the_siteurl_and_other_links_stay():
    html = render("[agenda](/agenda/) [extern](https://example.nl/) [anker](#kop) [mail](mailto:a@b.nl)",
                  siteurl="https://example.test/campagne")
    assert 'href="https://example.test/campagne/agenda/"' in html
    assert 'href="https://example.nl/"' in html and 'href="#kop"' in html and 'href="mailto:a@b.nl"' in html


def test_sanitize_removes_scripts_handlers_and_styles():
    html = sanitize('<p style="color:red" onclick="x()">a<script>b</script><a href="javascript:x">c</a></p>')
    assert "style" not in html and "onclick" not in html and "<script" not in html and "javascript" not in html
    assert html.startswith("<p>a")


def test_reading_minutes():
    assert reading_minutes("woord " * 10) == 1
    assert reading_minutes("woord " * 1100) == 5


@pytest.mark.parametrize("text, slug", [
    ("De smid die de binnenstad bijeenhoudt", "de-smid-die-de-binnenstad-bijeenhoudt"),
    ("'t Ĳsselmeer: café Zoë", "t-ijsselmeer-cafe-zoe"),
    ("Ómar’s werkplaats!!", "omars-werkplaats"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("kind, folder", [("story", "stories"), ("event", "events"), ("page", "pages"),
                                          ("profile", "profiles")])
def test_scaffold_is_valid_as_written(tmp_path, kind, folder):
    root = tmp_path / "content"
    (root / folder).mkdir(parents=True)
    (root / "data").mkdir()
    for name in ("crafts.yaml", "regions.yaml"):
        (root / "data" / name).write_text((ROOT / "content" / "data" / name).read_text(encoding="utf-8"))
    path = root / folder / ("nieuw.yaml" if kind == "profile" else "nieuw.md")
    text = scaffold(kind, "Een nieuw stuk met ‘aanhalingstekens’", dt.date(2026, 11, 21))
    path.write_text(text, encoding="utf-8")
    checked = ContentChecker(root).check_file(kind, path)
    assert checked.problems == []
    if kind == "profile":
        assert checked.data["crafts"] and checked.data["consent"]["scope"] == ["profiel"]
        assert "# photo:" in text
    else:
        assert checked.data["status"] == "draft"
        assert "# image:" in text  # optional fields are present, commented
