"""Reporting details of ``make check``; the hostile-input cases themselves live in tests/bad_input/."""

from __future__ import annotations

import re

import pytest
from conftest import MINIMAL_EVENT, MINIMAL_STORY, run_check

pytestmark = pytest.mark.build


def test_make_check_prints_github_annotations(minimal_content):
    (minimal_content / "stories" / "een-klein-verhaal.md").write_text(
        MINIMAL_STORY.replace("[smeden]", "[smeeden]"), encoding="utf-8")
    result = run_check(minimal_content, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    annotation = next(line for line in result.stdout.splitlines() if line.startswith("::error "))
    assert re.match(r"::error file=[^,]+een-klein-verhaal\.md,line=5,col=\d+,title=crafts\[0\]::onbekende ambacht", annotation)
    plain = run_check(minimal_content)
    assert "::error" not in plain.stdout + plain.stderr


def test_aliases_must_not_hide_pages_or_repeat(minimal_content):
    story = minimal_content / "stories" / "een-klein-verhaal.md"
    story.write_text(MINIMAL_STORY.replace("---\nTekst", "aliases: [/over/, /oud/]\n---\nTekst"), encoding="utf-8")
    event = minimal_content / "events" / "open-dag.md"
    event.write_text(MINIMAL_EVENT.replace("---\nProgramma", "aliases: [/oud/]\n---\nProgramma"), encoding="utf-8")
    result = run_check(minimal_content)
    assert result.returncode == 1
    assert re.search(r"een-klein-verhaal\.md:9:\d+: aliases\[0\]: '/over/' is het adres van een bestaande pagina", result.stderr)
    assert (re.search(r"open-dag\.md:7:\d+: aliases\[0\]: '/oud/' wordt ook gebruikt door .*een-klein-verhaal\.md", result.stderr)
            or re.search(r"een-klein-verhaal\.md:9:\d+: aliases\[1\]: '/oud/' wordt ook gebruikt door .*open-dag\.md", result.stderr))
