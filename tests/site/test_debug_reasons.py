"""``build.py --debug`` names, per page rendered again, the input that changed (incremental.explain)."""

import re

import pytest
from conftest import run_build

pytestmark = pytest.mark.build

LINE = re.compile(r"^rendered again: (\S+): (.+)$", re.M)
STORY = "stories/een-klein-verhaal.md"


def reasons(stdout: str) -> dict[str, str]:
    return dict(LINE.findall(stdout))


def test_debug_names_the_changed_story_on_its_page_and_the_lists_only(tmp_path, minimal_content):
    output, cache = tmp_path / "output", tmp_path / ".cache"
    first = run_build(output, content=minimal_content, cache=cache, env={"BUILD_DEBUG": "1"})
    assert first.ok, first.stderr
    first_reasons = reasons(first.stdout)
    assert first_reasons and set(first_reasons.values()) == {"no earlier build in this folder"}

    story = minimal_content / STORY
    story.write_text(story.read_text(encoding="utf-8").replace("Een klein verhaal", "Een ander verhaal"),
                     encoding="utf-8")
    again = run_build(output, content=minimal_content, cache=cache, env={"BUILD_DEBUG": "1"})
    assert again.ok, again.stderr
    found = reasons(again.stdout)
    # the story's own page: its document changed
    assert found["verhalen/een-klein-verhaal/index.html"] == f"argument article ({STORY})"
    # the lists that show it: the shared list of stories changed, naming the file
    assert f"articles ({STORY})" in found["verhalen/index.html"], found
    assert STORY in found["index.html"], found
    # pages that do not show the story are not rendered again, so not listed
    assert "over/index.html" not in found and "agenda/open-dag/index.html" not in found
    assert "ambachtengids/jan-de-vries/index.html" not in found
    # without --debug, a build says nothing per page
    story.write_text(story.read_text(encoding="utf-8").replace("Een ander verhaal", "Nog een verhaal"),
                     encoding="utf-8")
    quiet = run_build(output, content=minimal_content, cache=cache)
    assert quiet.ok and reasons(quiet.stdout) == {}


def test_debug_names_the_baseline_part_for_reference_data(tmp_path, minimal_content):
    output, cache = tmp_path / "output", tmp_path / ".cache"
    assert run_build(output, content=minimal_content, cache=cache).ok
    regions = minimal_content / "data" / "regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8") + "\n# een opmerking\n", encoding="utf-8")
    again = run_build(output, content=minimal_content, cache=cache, env={"BUILD_DEBUG": "1"})
    assert again.ok, again.stderr
    found = reasons(again.stdout)
    assert found and set(found.values()) == {"baseline: reference data and images"}
