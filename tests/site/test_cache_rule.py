"""The one cache rule in real builds: an edit to the code or assets that shape a cached file makes
exactly the files it shapes again, and nothing else (issue 17).

The builds run from a copy of the project (plugins, theme, scripts, settings) in ``tmp_path``, so the
test can edit a drawing function, a template and a font file, with caches of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_copy as build
from conftest import project_copy, write_minimal_content


def files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` and its bytes; a .gz/.br copy follows its file and is left out."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix not in (".gz", ".br")}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def rendered_badges(cache: Path) -> int:
    """How many badge files the last build drew (the badge plugin's own count)."""
    return json.loads((cache / "badges" / "stats.json").read_text())["rendered"]


@pytest.mark.build
def test_an_edit_to_drawing_code_a_template_or_a_font_remakes_exactly_what_it_shapes(tmp_path):
    project = project_copy(tmp_path)
    content = write_minimal_content(tmp_path / "content")
    output, cache = tmp_path / "output", tmp_path / "cache"
    log = build(project, content, output, cache)
    assert rendered_badges(cache) > 0
    images = files(cache / "images")
    assert images, "the profile photo and the story image have variants"
    site = files(output)

    # 1. A template: the story page changes; no badge or image is made again.
    template = project / "theme" / "templates" / "article.html"
    text = template.read_text(encoding="utf-8")
    assert "{% block content %}" in text
    template.write_text(text.replace("{% block content %}", "{% block content %}<!-- cache-rule -->", 1), encoding="utf-8")
    log = build(project, content, output, cache)
    assert rendered_badges(cache) == 0
    assert files(cache / "images") == images
    after = files(output)
    assert changed(site, after) == {"verhalen/een-klein-verhaal/index.html"}, sorted(changed(site, after))
    site = after

    # 2. A drawing function: every badge file is drawn again (with the new look), the photos are not.
    designs = project / "plugins" / "badges" / "designs.py"
    code = designs.read_text(encoding="utf-8")
    assert code.count('"#fffdf9"') >= 1
    designs.write_text(code.replace('"#fffdf9"', '"#fffdfa"'), encoding="utf-8")  # the light paper colour
    log = build(project, content, output, cache)
    assert rendered_badges(cache) > 0
    assert files(cache / "images") == images
    after = files(output)
    remade = changed(site, after)
    assert any(name.endswith("-handtekening-600x200-licht.png") for name in remade), sorted(remade)
    assert any(name.startswith("openbadges/badges/") and name.endswith(".png") for name in remade), sorted(remade)
    assert not [name for name in remade if name.startswith(("verhalen/", "agenda/", "images/"))], sorted(remade)
    site = after

    # 3. A font file (same glyphs, other bytes): the badges again, nothing else of the content.
    font = sorted((project / "theme" / "ttf").glob("*.ttf"))[0]
    font.write_bytes(font.read_bytes() + b"\0\0\0\0")
    log = build(project, content, output, cache)
    assert rendered_badges(cache) > 0
    assert files(cache / "images") == images
    after = files(output)
    assert not [name for name in changed(site, after) if name.startswith(("verhalen/", "agenda/", "images/"))]

    # 4. And the same code again: nothing is made.
    log = build(project, content, output, cache)
    assert "Niets veranderd sinds de vorige build" in log
    assert files(output) == after


@pytest.mark.build
def test_an_edit_to_the_image_code_renders_every_variant_again_under_new_names(tmp_path):
    project = project_copy(tmp_path)
    content = write_minimal_content(tmp_path / "content")
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(project, content, output, cache)
    before = set(files(output / "images"))
    pipeline = project / "plugins" / "responsive_images" / "pipeline.py"
    pipeline.write_text(pipeline.read_text(encoding="utf-8").replace("WEBP_QUALITY = 78", "WEBP_QUALITY = 77"),
                        encoding="utf-8")
    build(project, content, output, cache)
    after = set(files(output / "images"))
    assert before and after and not before & after, (sorted(before)[:3], sorted(after)[:3])


@pytest.mark.build
def test_an_edit_to_the_reader_is_never_served_from_pelicans_reader_cache(tmp_path):
    """Pelican's own reader cache knows file stamps only; the build loads it only when the same plugin code
    made it, so an edit to how a story is read shows in the next build."""
    project = project_copy(tmp_path)
    content = write_minimal_content(tmp_path / "content")
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(project, content, output, cache)
    story = output / "verhalen" / "een-klein-verhaal" / "index.html"
    assert "Tekst van het verhaal." in story.read_text(encoding="utf-8")
    reader = project / "plugins" / "content_model" / "reader.py"
    line = ('        content = render(checked.body, self.markdown_extensions(), siteurl=self.settings["SITEURL"], '
            'parsed=parsed)\n')
    code = reader.read_text(encoding="utf-8")
    assert line in code
    reader.write_text(code.replace(line, line + '        content = content.replace("verhaal.", "verhaal, gelezen.")\n'),
                      encoding="utf-8")
    build(project, content, output, cache)
    assert "Tekst van het verhaal, gelezen." in story.read_text(encoding="utf-8")
