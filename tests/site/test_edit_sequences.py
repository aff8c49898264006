"""Never stale: random sequences of edits (content, images, templates, plugin code, settings, the clock),
each followed by an incremental build that must equal a clean build of the same state, byte for byte
(issue 17). The builds run from a copy of the project, so code and settings can be edited, with
caches of their own; the clean builds share nothing with the incremental one but the signing key.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import BUILD_MOMENT, build_copy, make_jpeg, project_copy, write_minimal_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DAY = 24 * 3600


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def story_text(state):
    story = state.content / "stories" / "een-klein-verhaal.md"
    story.write_text(story.read_text(encoding="utf-8") + f"\nEen alinea erbij ({state.step}).\n", encoding="utf-8")


def story_title(state):
    story = state.content / "stories" / "een-klein-verhaal.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(re.sub(r'^title: .*$', f'title: "Een ander verhaal {state.step}"', text, count=1, flags=re.M),
                     encoding="utf-8")


def new_story(state):
    source = (state.content / "stories" / "een-klein-verhaal.md").read_text(encoding="utf-8")
    text = re.sub(r'^title: .*$', f'title: "Nieuw verhaal {state.step}"', source, count=1, flags=re.M)
    (state.content / "stories" / f"nieuw-verhaal-{state.step}.md").write_text(text, encoding="utf-8")


def profile_consent(state):
    """Badge consent withdrawn, or given again: the kit, its files and its credentials follow."""
    profile = state.content / "profiles" / "jan-de-vries.yaml"
    text = profile.read_text(encoding="utf-8")
    with_badge = "scope: [profiel, foto, badge, open-data]"
    without = "scope: [profiel, foto, open-data]"
    profile.write_text(text.replace(with_badge, without) if with_badge in text else text.replace(without, with_badge),
                       encoding="utf-8")


def image(state):
    make_jpeg(state.content / "images" / "foto.jpg", color=(30 * (state.step % 8), 120, 60))


def reference_data(state):
    crafts = state.content / "data" / "crafts.yaml"
    text = crafts.read_text(encoding="utf-8")
    crafts.write_text(re.sub(r'name: "Smeden[^"]*"', f'name: "Smeden {state.step}"', text, count=1), encoding="utf-8")


def template(state):
    _replace(state.project / "theme" / "templates" / "article.html", "{% block content %}",
             "{% block content %}" + f"<!-- stap {state.step} -->")


def drawing_code(state):
    designs = state.project / "plugins" / "badges" / "designs.py"
    text = designs.read_text(encoding="utf-8")
    colour = re.search(r'"seal": "(#[0-9a-f]{6})"', text).group(1)
    other = "#fffdfa" if colour != "#fffdfa" else "#fffdf9"
    designs.write_text(text.replace(f'"seal": "{colour}"', f'"seal": "{other}"', 1), encoding="utf-8")


def reader_code(state):
    reader = state.project / "plugins" / "content_model" / "reader.py"
    # the one line where the reader renders a text's body (test_cache_rule edits it as well)
    line = next(line for line in reader.read_text(encoding="utf-8").splitlines(keepends=True)
                if line.startswith("        content = render(checked.body, "))
    _replace(reader, line, line + f'        content = content.replace("Tekst van", "Tekst ({state.step}) van")\n')


def setting(state):
    conf = state.project / "pelicanconf.py"
    text = conf.read_text(encoding="utf-8")
    value = int(re.search(r"^DEFAULT_PAGINATION = (\d+)", text, flags=re.M).group(1))
    conf.write_text(re.sub(r"^DEFAULT_PAGINATION = \d+", f"DEFAULT_PAGINATION = {value + 1}", text, count=1, flags=re.M),
                    encoding="utf-8")


def clock(state):
    """Time passes: the open day (6 March 2027) moves from the agenda to its archive along the way."""
    state.moment += 60 * DAY


EDITS = [story_text, story_title, new_story, profile_consent, image, reference_data, template, drawing_code,
         reader_code, setting, clock]


class State:
    def __init__(self, base: Path):
        self.base = base
        self.project = project_copy(base)
        self.content = write_minimal_content(base / "content")
        self.key = base / "dev-key"
        self.moment = int(BUILD_MOMENT.timestamp())
        self.step = 0

    def build(self, name: str) -> Path:
        output = self.base / name / "output"
        build_copy(self.project, self.content, output, self.base / name / "cache", self.moment, self.key)
        return output


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
@pytest.mark.long
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(EDITS), min_size=2, max_size=3))
def test_random_edit_sequences_build_what_a_clean_build_builds(tmp_path_factory, edits):
    state = State(tmp_path_factory.mktemp("edits"))
    incremental = state.build("incremental")
    for number, edit in enumerate(edits, start=1):
        state.step = number
        edit(state)
        incremental = state.build("incremental")
        clean = state.build(f"clean-{number}")
        ours, theirs = tree(incremental), tree(clean)
        differing = sorted(name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name))
        assert differing == [], (f"after {[e.__name__ for e in edits[:number]]}", differing[:10])
        shutil.rmtree(clean.parent)
