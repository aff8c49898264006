"""The hostile-input catalogue: every case in ``cases/`` is refused clearly by ``check`` and ``html``.

A case is a folder whose files are dropped into a copy of a small valid content tree (paths
relative to ``content/``), plus ``case.yaml``::

    covers: what the case is about
    expect: {path: profiles/x.yaml, line: 3, column: 9, field: crafts[0], contains: onbekende ambacht}
    also: [{path: ..., line: ..., column: ..., field: ..., contains: ...}]  # optional: further lines the same run prints
    remove: [profiles/jan-de-vries.yaml]   # optional: files of the valid tree to delete first
    generate: [{png_header: {...}}]        # optional: files made at run time (see GENERATORS)
    needs: {path: plugins/badges, reason: ...}  # optional: expected to fail while that path is missing

Both commands must exit non-zero within 10 s, name the file as ``path:line:column: field: message``
at the expected position (``contains`` is a part of the message; left out where only the field and
position are fixed), print no traceback, and leave the previous good build byte-identical.

A case with ``builds:`` instead of ``expect:`` is content that must be accepted and built safely::

    covers: what the case is about
    builds: [html, publish]                # the builds that must succeed (``check`` must pass too)
    output:                                # assertions on each built output/ (hostile_output.ASSERTIONS)
      - {glob: "open-data/ambachtengids.csv", csv_cells_not_starting: ["=", "+", "-", "@"]}
      - {glob: "images/concept-*", absent: true, in: [publish]}   # ``in``: only for these builds

Every assertion but ``absent`` needs at least one matching file. Every build of every built case
must also print no traceback, load nothing from another host (``hostile_output.foreign_resources``)
and hold no inline script, event handler or ``javascript:`` URL (``hostile_output.active_markup``).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SITEURL, as_typed, make_jpeg, run_build, run_check, tree_digest, write_minimal_content
from hostile_output import ASSERTIONS, LINE, OPTIONS, active_markup, check_output, foreign_resources

pytestmark = pytest.mark.build

CASES = Path(__file__).parent / "cases"
# seconds, for each command of each case: a guard against a build that hangs on hostile input (a pattern that
# backtracks without end), not a measure of speed; a refused build under the full suite's load on 2 cores
# once took over 10 s
TIMEOUT = 60


def load_cases(built: bool = False) -> list:
    """The refusal cases, or with ``built`` the cases that must build."""
    params = []
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        spec = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
        if ("builds" in spec) != built:
            continue
        marks = []
        needs = spec.get("needs")
        if needs and not (ROOT / needs["path"]).exists():
            marks.append(pytest.mark.xfail(strict=False, reason=needs["reason"]))
        params.append(pytest.param(folder, spec, id=folder.name, marks=marks))
    return params


# --- files made at run time: symlinks (git cannot hold them portably) and large or broken binaries ---

def pad(content: Path, outside: Path, path: str, size: int) -> None:
    """Grow a text file to ``size`` bytes with ordinary Markdown lines."""
    target = content / path
    line = "Een regel gewone tekst die het bestand groot maakt.\n"
    missing = size - target.stat().st_size
    with target.open("a", encoding="utf-8") as out:
        out.write(line * (missing // len(line) + 1))


def symlink_outside(content: Path, outside: Path, path: str, kind: str) -> None:
    """A symlink inside content/ to a file outside it that would itself be valid."""
    outside.mkdir(parents=True, exist_ok=True)
    if kind == "jpeg":
        target = outside / "geheim.jpg"
        make_jpeg(target)
    elif kind == "folder":
        target = outside / "fotos"
        make_jpeg(target / "foto.jpg")
    else:
        target = outside / "geheim.yaml"
        shutil.copyfile(content / "profiles" / "jan-de-vries.yaml", target)
    (content / path).parent.mkdir(parents=True, exist_ok=True)
    (content / path).symlink_to(target)


def folder_outside(content: Path, outside: Path, path: str) -> None:
    """Move a content folder (``profiles``, ``images`` ...) outside content/ and leave a symlink to it."""
    outside.mkdir(parents=True, exist_ok=True)
    target = outside / path
    shutil.move(content / path, target)
    (content / path).symlink_to(target, target_is_directory=True)


def jpeg(content: Path, outside: Path, path: str) -> None:
    """A valid JPEG at ``path`` relative to content/ (``../x.jpg`` lies next to it, outside), its colour
    taken from its path: two generated images are never the same photo."""
    import hashlib

    red, green, blue = hashlib.sha256(path.encode()).digest()[:3]
    make_jpeg(content / path, color=(red, green, blue))


def greyscale_png16(content: Path, outside: Path, path: str) -> None:
    """A 16-bit greyscale PNG (mode I;16): a dark-to-mid-grey gradient, mean about a third of white."""
    from PIL import Image

    width, height = 900, 300
    image = Image.new("I;16", (width, height))
    image.putdata([8000 + 30000 * x // width for _ in range(height) for x in range(width)])
    (content / path).parent.mkdir(parents=True, exist_ok=True)
    image.save(content / path, "PNG")


def truncated_jpeg(content: Path, outside: Path, path: str) -> None:
    whole = outside / "heel.jpg"
    make_jpeg(whole, size=(1200, 800), exif=False)
    data = whole.read_bytes()
    (content / path).write_bytes(data[: len(data) // 2])


def png_header(content: Path, outside: Path, path: str, width: int, height: int) -> None:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's promise)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 4096, 9)
    (content / path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b""))


GENERATORS = {"pad": pad, "symlink_outside": symlink_outside, "truncated_jpeg": truncated_jpeg, "png_header": png_header,
              "folder_outside": folder_outside, "jpeg": jpeg, "greyscale_png16": greyscale_png16}


def apply_case(folder: Path, spec: dict, content: Path, outside: Path) -> None:
    for path in spec.get("remove", []):
        (content / path).unlink()
    for source in sorted(folder.rglob("*")):
        if source.is_file() and source.name != "case.yaml":
            target = content / source.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    for step in spec.get("generate", []):
        (name, arguments), = step.items()
        GENERATORS[name](content, outside, **arguments)


# --- the checks ---

def reported(stderr: str) -> list[dict]:
    return [m.groupdict() for m in map(LINE.match, stderr.splitlines()) if m]


def same_file(printed: str, expected: Path) -> bool:
    """The printed path (relative to the repository or absolute) names ``expected``, symlinks unresolved."""
    return os.path.normpath(os.path.join(ROOT, printed)) == os.path.normpath(expected)


def expected_lines(spec: dict) -> list[dict]:
    return [spec["expect"], *spec.get("also", [])]


def assert_refused(command: str, returncode: int, stdout: str, stderr: str, content: Path, expects: list[dict]) -> None:
    shown = f"{command} printed:\n{stdout}{stderr}"
    assert returncode != 0, shown
    assert "Traceback" not in stdout + stderr, shown
    for expect in expects:
        ours = [p for p in reported(stderr) if same_file(p["path"], content / expect["path"])]
        assert ours, f"no problem reported for {expect['path']}; {shown}"
        wanted = (expect["line"], expect["column"], expect["field"])
        assert any((int(p["line"]), int(p["column"]), p["field"]) == wanted
                   and expect.get("contains", "").lower() in p["message"].lower() for p in ours), f"expected {expect}; {shown}"


@pytest.fixture(scope="session")
def good_site(tmp_path_factory):
    """The minimal valid content and its build, made once per test session (worker)."""
    base = tmp_path_factory.mktemp("catalogue")
    content = write_minimal_content(base / "content")
    output = base / "output"
    cache = base / "cache"
    build = run_build(output, content=content, cache=cache)
    assert build.ok, build.stderr
    return content, output, tree_digest(output), cache


def case_copy(tmp_path: Path, good_site) -> tuple[Path, Path, str, Path]:
    content, output, digest, cache = good_site
    shutil.copytree(content, tmp_path / "content", symlinks=True)
    shutil.copytree(output, tmp_path / "site" / "output", symlinks=True)
    return tmp_path / "content", tmp_path / "site" / "output", digest, cache


@pytest.mark.parametrize(("folder", "spec"), load_cases())
def test_hostile_input_is_refused_clearly(tmp_path, good_site, folder, spec):
    content, output, before, cache = case_copy(tmp_path, good_site)
    apply_case(folder, spec, content, tmp_path / "outside")
    checked = run_check(content, timeout=TIMEOUT)
    assert_refused("check", checked.returncode, checked.stdout, checked.stderr, content, expected_lines(spec))
    built = run_build(output, content=content, cache=cache, timeout=TIMEOUT)
    assert_refused("html", built.returncode, built.stdout, built.stderr, content, expected_lines(spec))
    assert tree_digest(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]  # no staging folder left behind


def test_catalogue_is_large_and_well_formed():
    cases = load_cases()
    assert len(cases) >= 25
    for case in cases:
        folder, spec = case.values
        assert set(spec) <= {"covers", "expect", "also", "remove", "generate", "needs"}, folder.name
        for expect in expected_lines(spec):
            assert {"path", "line", "column", "field"} <= set(expect) <= {"path", "line", "column", "field", "contains"}, folder.name
        assert all(next(iter(step)) in GENERATORS for step in spec.get("generate", [])), folder.name
        made = {step[next(iter(step))]["path"] for step in spec.get("generate", [])}
        dropped = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != "case.yaml"}
        removed = set(spec.get("remove", []))
        assert dropped | made | removed, f"{folder.name} changes nothing"


def test_every_problem_is_reported_at_once(tmp_path, good_site):
    """All story and event cases in one tree: one run reports each of them."""
    content, output, before, cache = case_copy(tmp_path, good_site)
    together = [(folder, spec) for folder, spec in (c.values for c in load_cases())
                if not spec.get("generate") and not spec.get("remove") and not spec.get("needs")
                and spec["expect"]["path"].split("/")[0] in ("stories", "events")]
    assert len(together) >= 10
    for folder, spec in together:
        apply_case(folder, spec, content, tmp_path / "outside")
    checked = run_check(content, timeout=TIMEOUT)
    built = run_build(output, content=content, cache=cache, timeout=TIMEOUT)
    for folder, spec in together:
        assert_refused(f"check ({folder.name})", checked.returncode, checked.stdout, checked.stderr, content, expected_lines(spec))
        assert_refused(f"html ({folder.name})", built.returncode, built.stdout, built.stderr, content, expected_lines(spec))
    assert tree_digest(output) == before


# --- hostile content that must be accepted and built safely ---

@pytest.mark.parametrize(("folder", "spec"), load_cases(built=True))
def test_hostile_input_builds_safely(tmp_path, good_site, folder, spec):
    _, _, _, cache = good_site
    content = tmp_path / "content"
    shutil.copytree(good_site[0], content, symlinks=True)
    apply_case(folder, spec, content, tmp_path / "outside")
    checked = run_check(content, timeout=TIMEOUT)
    assert checked.returncode == 0 and "Traceback" not in checked.stdout + checked.stderr, checked.stderr
    for command in spec["builds"]:
        # A copy of the warm cache: image and badge renders are reused, nothing is shared between cases.
        shutil.copytree(cache, tmp_path / f"cache-{command}")
        build = run_build(tmp_path / command / "output", command=command, content=content, cache=tmp_path / f"cache-{command}")
        assert build.ok and "Traceback" not in build.stdout + build.stderr, f"{command}: {build.stdout}{build.stderr}"
        assert not foreign_resources(build.output, SITEURL), command
        assert not active_markup(build.output), command
        check_output(build.output, command, spec.get("output", []), content)


def test_built_cases_are_well_formed():
    cases = load_cases(built=True)
    assert len(cases) >= 6
    for case in cases:
        folder, spec = case.values
        assert set(spec) <= {"covers", "builds", "output", "remove", "generate", "needs"}, folder.name
        assert spec["builds"] and set(spec["builds"]) <= {"html", "publish"}, folder.name
        assert spec.get("output"), f"{folder.name} asserts nothing on its output"
        for assertion in spec["output"]:
            assert len(set(assertion) - OPTIONS) == 1 and set(assertion) - OPTIONS <= set(ASSERTIONS), (folder.name, assertion)
            assert set(assertion.get("in", spec["builds"])) <= set(spec["builds"]), (folder.name, assertion)


def test_output_invariants_hold_for_the_good_site(good_site):
    """The invariants every built case asserts hold for the valid tree, so a failing case means its input."""
    _, output, _, _ = good_site
    assert list(output.rglob("*.html")) and list(output.rglob("*.css"))
    assert not foreign_resources(output, SITEURL)
    assert not active_markup(output)


def test_output_invariants_catch_foreign_resources(tmp_path):
    """The foreign-resource check itself: every spelling of another host is caught, links are not."""
    page = tmp_path / "verhalen" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    hostile = ['<img src="https://evil.example/a.png">', '<img src="//evil.example/a.png">',
               '<img src="\\/\\/evil.example/a.png">', '<img src="/\\evil.example/a.png">',
               '<img src="HTTPS://EVIL.example/a.png">', '<img src="&#104;ttps://evil.example/a.png">',
               '<img srcset="/ok.png 1x, https://evil.example/b.png 2x">', '<video poster="https://evil.example/p.jpg"></video>',
               '<link rel="stylesheet" href="https://evil.example/s.css">', '<meta property="og:image" content="https://evil.example/o.png">',
               '<div style="background: url(//evil.example/bg.png)"></div>']
    allowed = ['<a href="https://elders.example/">link</a>', '<img src="/campagne/images/a.png">', '<img src="../../images/a.png">',
               '<link rel="canonical" href="https://elders.example/">', '<meta property="og:image" content="https://example.test/campagne/a.png">']
    page.write_text("".join(allowed), encoding="utf-8")
    assert foreign_resources(tmp_path, SITEURL) == []
    for snippet in hostile:
        page.write_text("".join(allowed) + snippet, encoding="utf-8")
        assert len(foreign_resources(tmp_path, SITEURL)) == 1, snippet


# --- legitimate oddities must build and render exactly ---

LONG_NAME = "Ĳsbrand Jan-Willem van ’t Hooft tot Oud-Loosdrecht, smid, hoefsmid en siersmid van ’t Gooi en de Vechtstreek 🔨"
LONG_SLUG = "ijsbrand-jan-willem-van-t-hooft-tot-oud-loosdrecht-smid-hoefsmid-en-siersmid"
STORY_TITLE = "🔨 IJzersterk: Ĳsbrand smeedt in 't Gooi"
EVENT_TITLE = "Open smidse in ’s-Hertogenbosch 🎉"


def windows_file(path: Path, text: str) -> None:
    """UTF-8 with a byte order mark and CRLF line endings, as Notepad writes it."""
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


def test_legitimate_oddities_build_and_render(tmp_path, good_site):
    content, output, _, cache = case_copy(tmp_path, good_site)
    assert 100 < len(LONG_NAME) <= 120 and len(LONG_SLUG) <= 80
    windows_file(content / "profiles" / f"{LONG_SLUG}.yaml",
                 f'name: "{LONG_NAME}"\ntype: ambachtsmens\ncrafts: [smeden]\nregion: noord-holland\n'
                 "place: '''t Gooi'\ntagline: \"Smeedt ’t mooiste hekwerk van Ĳmuiden tot Huizen\"\n"
                 "consent:\n  date: 2026-01-01\n  scope: [profiel]\n")
    windows_file(content / "stories" / "ijzersterk-in-t-gooi.md",
                 f'---\ntitle: "{STORY_TITLE}"\ndate: 2026-02-01\nsummary: "Over de ĳzeren wil van een smid. 💪"\n'
                 f"region: noord-holland\nprofiles: [{LONG_SLUG}]\n---\n"
                 "De smid werkt met ĳzer en vuur 🔥.\n\nTweede alinea over Ĳsbrand.\n")
    windows_file(content / "events" / "open-smidse.md",
                 f'---\ntitle: "{EVENT_TITLE}"\nstart: 2027-05-01\nlocation: "’s-Hertogenbosch"\nsummary: "Kom kijken."\n---\nWelkom!\n')
    checked = run_check(content, timeout=TIMEOUT)
    assert checked.returncode == 0, checked.stderr
    build = run_build(output, content=content, cache=cache)
    assert build.ok, build.stderr

    profile = build.page(f"ambachtengids/{LONG_SLUG}/")
    assert profile.h1.get_text(strip=True) == LONG_NAME
    assert LONG_NAME in profile.title.get_text()
    assert "’t Gooi" in profile.get_text()  # typed 't, set as ’t (nl_format.typography)
    assert "Smeedt ’t mooiste hekwerk van Ĳmuiden tot Huizen" in profile.get_text()

    story = build.page("verhalen/ijzersterk-in-t-gooi/")
    assert as_typed(story.h1.get_text(strip=True)) == STORY_TITLE
    assert STORY_TITLE in as_typed(story.title.get_text())
    paragraphs = [p.get_text() for p in story.select("p")]
    assert "De smid werkt met ĳzer en vuur 🔥." in paragraphs
    assert "Tweede alinea over Ĳsbrand." in paragraphs
    assert "\ufeff" not in build.file("verhalen/ijzersterk-in-t-gooi/").read_text(encoding="utf-8")
    article = next(d for d in map(json.loads, (s.string for s in story.select('script[type="application/ld+json"]')))
                   if d["@type"] == "Article")
    assert article["headline"] == STORY_TITLE
    assert LONG_NAME in story.get_text()  # the featured profile's card

    event = build.page("agenda/open-smidse/")
    assert as_typed(event.h1.get_text(strip=True)) == as_typed(EVENT_TITLE)
    assert "’s-\u2060Hertogenbosch" in event.get_text()  # kept together: a word joiner after ’s-
    assert LONG_NAME in build.page("ambachtengids/").get_text()
