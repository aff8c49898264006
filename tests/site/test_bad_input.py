"""Broken content stops the build with one clear line per problem and leaves output/ alone."""

from __future__ import annotations

import re

import pytest

from conftest import MINIMAL_EVENT, MINIMAL_STORY, run_build, run_check, tree_digest

pytestmark = pytest.mark.build

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<field>[^:]+): (?P<message>.+)$")

CASES = {
    "broken-front-matter": ("stories/kapot.md", "---\ntitle: [niet gesloten\ndate: 2026-01-01\n---\nTekst\n",
                            "stories/kapot.md", 3, "yaml"),
    "missing-field": ("stories/leeg.md", MINIMAL_STORY.replace('summary: "Een korte samenvatting."\n', ""),
                      "stories/leeg.md", 2, "summary"),
    "unknown-field": ("stories/onbekend.md", MINIMAL_STORY.replace("region:", "regio: utrecht\nregion:"),
                      "stories/onbekend.md", 6, "regio"),
    "image-missing": ("stories/foto.md", MINIMAL_STORY.replace("images/foto.jpg", "images/weg.jpg"),
                      "stories/foto.md", 7, "image"),
    "image-outside": ("stories/foto.md", MINIMAL_STORY.replace("images/foto.jpg", "../../../etc/hostname"),
                      "stories/foto.md", 7, "image"),
    "image-without-alt": ("stories/foto.md", MINIMAL_STORY.replace('image_alt: "Een smidse"\n', ""),
                          "stories/foto.md", 7, "image_alt"),
    "event-ends-before-start": ("events/omgekeerd.md", MINIMAL_EVENT.replace("T16:00", "T08:00"),
                                "events/omgekeerd.md", 4, "end"),
    "raw-html": ("stories/html.md", MINIMAL_STORY + "\n<script>alert(1)</script>\n", "stories/html.md", 12, "tekst"),
    "javascript-link": ("events/link.md", MINIMAL_EVENT + "\n[Aanmelden](javascript:alert(1))\n",
                        "events/link.md", 10, "tekst"),
}


@pytest.fixture
def good_build(tmp_path, minimal_content):
    output = tmp_path / "output"
    build = run_build(output, content=minimal_content)
    assert build.ok, build.stderr
    return output, minimal_content, tree_digest(output)


def assert_clear_failure(result_code, stderr, path, line, field):
    assert result_code != 0
    assert "Traceback" not in stderr
    problems = [LINE.match(row) for row in stderr.splitlines() if LINE.match(row)]
    assert problems, stderr
    ours = [p for p in problems if p["path"].endswith(path)]
    assert ours, stderr
    assert any(int(p["line"]) == line and p["field"] == field for p in ours), stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_stops_the_build_and_keeps_output(good_build, case):
    output, content, before = good_build
    relative, text, path, line, field = CASES[case]
    (content / relative).write_text(text, encoding="utf-8")
    build = run_build(output, content=content)
    assert_clear_failure(build.returncode, build.stderr, path, line, field)
    assert tree_digest(output) == before
    checked = run_check(content)
    assert_clear_failure(checked.returncode, checked.stderr, path, line, field)


def test_every_problem_is_reported_at_once(good_build):
    output, content, before = good_build
    for name, (relative, text, *_rest) in CASES.items():
        (content / relative.replace(".md", f"-{name}.md")).write_text(text, encoding="utf-8")
    build = run_build(output, content=content)
    assert build.returncode != 0
    reported = {line.split(":", 1)[0] for line in build.stderr.splitlines() if LINE.match(line)}
    assert len(reported) == len(CASES)
    assert tree_digest(output) == before
