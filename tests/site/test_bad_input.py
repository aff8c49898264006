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


def bomb(path):
    from PIL import Image

    Image.new("1", (10_000, 6_000)).save(path)


PROFILE = "profiles/jan-de-vries.yaml"

# name -> (how to break the profile, the line and field the message must name)
PROFILE_CASES = {
    "malformed-yaml": (lambda c, t: t.replace('name: "Jan de Vries"', 'name: "Jan de Vries'), 5, "yaml"),
    "tab-indentation": (lambda c, t: t.replace("  date:", "\tdate:"), 11, "yaml"),
    "empty-file": (lambda c, t: "", 1, "bestand"),
    "list-instead-of-mapping": (lambda c, t: "- naam: Jan\n- type: ambachtsmens\n", 1, "yaml"),
    "unknown-field": (lambda c, t: t + "leeftijd: 40\n", 13, "leeftijd"),
    "wrong-type": (lambda c, t: t + 'since: "lang geleden"\n', 13, "since"),
    "missing-required": (lambda c, t: t.replace("region: utrecht\n", ""), 1, "region"),
    "unknown-craft": (lambda c, t: t.replace("[smeden]", "[smeeden]"), 3, "crafts[0]"),
    "unknown-region": (lambda c, t: t.replace("region: utrecht", "region: utrech"), 4, "region"),
    "unknown-type": (lambda c, t: t.replace("type: ambachtsmens", "type: smid"), 2, "type"),
    "missing-crafts-for-craftsperson": (lambda c, t: t.replace("crafts: [smeden]\n", ""), 1, "crafts"),
    "photo-missing": (lambda c, t: t.replace("images/foto.jpg", "images/weg.jpg"), 6, "photo"),
    "photo-outside-content": (lambda c, t: t.replace("images/foto.jpg", "../../../etc/hostname"), 6, "photo"),
    "photo-not-an-image": (lambda c, t: ((c / "images" / "nep.jpg").write_text("<svg onload=alert(1)>"),
                                         t.replace("images/foto.jpg", "images/nep.jpg"))[1], 6, "photo"),
    "photo-decompression-bomb": (lambda c, t: (bomb(c / "images" / "groot.png"),
                                               t.replace("images/foto.jpg", "images/groot.png"))[1], 6, "photo"),
    "photo-without-alt": (lambda c, t: t.replace('photo_alt: "Jan in de smidse"\n', ""), 6, "photo_alt"),
    "javascript-url": (lambda c, t: t.replace("https://example.nl", "javascript:alert(1)"), 8, "website"),
    "invalid-email": (lambda c, t: t.replace("jan@example.nl", "jan@"), 9, "email"),
    "raw-html-in-bio": (lambda c, t: t + "bio: |\n  Hallo <img src=x onerror=alert(1)>\n", 14, "bio"),
    "street-address-as-place": (lambda c, t: t.replace('place: "Utrecht"', 'place: "Oudegracht 12, 3511 AB"'),
                                5, "place"),
    "yaml-alias-bomb": (lambda c, t: t + 'skills: &a ["x", "x"]\nbadges: [*a, *a]\n', 13, "yaml"),
}


@pytest.mark.parametrize("case", sorted(PROFILE_CASES))
def test_bad_profile_is_refused_clearly(good_build, case):
    output, content, before = good_build
    mutate, line, field = PROFILE_CASES[case]
    path = content / PROFILE
    path.write_text(mutate(content, path.read_text(encoding="utf-8")), encoding="utf-8")
    checked = run_check(content)
    assert_clear_failure(checked.returncode, checked.stderr, PROFILE, line, field)
    build = run_build(output, content=content)
    assert_clear_failure(build.returncode, build.stderr, PROFILE, line, field)
    assert tree_digest(output) == before


def test_invalid_utf8_profile(good_build):
    output, content, before = good_build
    path = content / PROFILE
    path.write_bytes(path.read_bytes().replace(b'"Utrecht"', b'"Utr\xe9cht"'))
    checked = run_check(content)
    assert_clear_failure(checked.returncode, checked.stderr, PROFILE, 5, "bestand")
    assert "UTF-8" in checked.stderr
    assert tree_digest(output) == before


def test_file_name_must_be_a_slug(good_build):
    _, content, _ = good_build
    (content / PROFILE).rename(content / "profiles" / "Jan de Vries.yaml")
    checked = run_check(content)
    assert_clear_failure(checked.returncode, checked.stderr, "profiles/Jan de Vries.yaml", 1, "slug")


def test_bom_crlf_emoji_and_dutch_names_build(good_build):
    output, content, _ = good_build
    text = ('name: "Ĳsbrand van \'t Hof 🔨"\r\ntype: ambachtsmens\r\ncrafts: [smeden]\r\nregion: friesland\r\n'
            'place: "Ljouwert"\r\ntagline: "Smeedt ’t mooiste hekwerk"\r\nconsent:\r\n  date: 2026-01-01\r\n'
            '  scope: [profiel]\r\n')
    (content / "profiles" / "ijsbrand-van-t-hof.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    build = run_build(output, content=content)
    assert build.ok, build.stderr
    assert "Ĳsbrand van 't Hof 🔨" in build.page("ambachtengids/ijsbrand-van-t-hof/").h1.get_text()


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
