"""Generated hostile content: whatever an editor or attacker writes, nothing crashes, leaks or loads from elsewhere.

Hypothesis mixes hostile fragments (images from other hosts in every Markdown spelling, control
and invisible format characters, impossible dates and offsets, spreadsheet formula prefixes,
aliases onto reserved paths, markup in summaries, a profile's photo used as a story image) with
ordinary text into a story, an event and a profile inside a small valid tree. The real ``check``
runs on it; when it accepts, the real publish build runs too. Either refuses with problem lines
only, or the build's ``output/`` loads nothing from another host, holds no script an editor
wrote, and publishes no unconsented photo and no draft or future document.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import BUILD_MOMENT, SITEURL, make_jpeg, run_build, run_check, write_minimal_content
from hostile_output import active_markup, foreign_resources, unexplained_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.build

TIMEOUT = 60

# --- the fragments ---

ORDINARY = ["Smeden is een vak.", "Ĳzer en vuur 🔥", "’s-Hertogenbosch", "Jan & Piet", "50% korting", "Een \"citaat\"",
            "Over 't Gooi", "Tekst met *nadruk*.", "Zie [de site](https://gilde.example/over).", "Ga naar <https://gilde.example/>."]
FOREIGN_IMAGES = [
    "![Foto](https://evil.example/a.png)", "![Foto](//evil.example/a.png)", "![Foto](HTTPS://EVIL.example/a.png)",
    "![Foto](&#104;ttps://evil.example/a.png)", "![Foto](\\/\\/evil.example/a.png)", "![Foto](/\\evil.example/a.png)",
    "![Foto](<https://evil.example/a.png>)", "![Een\nfoto](https://evil.example/a.png)",
    "![Foto][p]\n\n[p]: https://evil.example/a.png", "![Foto][P]\n\n[p]: //evil.example/a.png",
    "![p][]\n\n[p]: <https://evil.example/a.png> \"Titel\"", "![p]\n\n[p]: https://evil.example/a.png",
]
LOCAL_IMAGES = ["![Een beeld](images/tekst-beeld.jpg)", "![Portret](images/profiles/portret-geheim.jpg)",
                "![Portret]({static}/images/profiles/portret-geheim.jpg)", "![Uit](images/../../geheim.jpg)"]
CHARACTERS = ["\u202e", "\u200b", "\u2066", "\u2069", "\ufeff", "\u061c", "\r\n", "\r", "\n", "\x00", "\x1b", "\x7f",
              "\x85", "\x9b", "\t"]
FORMULAS = ["=1+1", "+31 6 1234", "-2+3", "@SUM(A1)", "=HYPERLINK(\"https://evil.example\";\"x\")"]
MARKUP = ["<b>vet</b>", "<img src=https://evil.example/x.png>", "<script>alert(1)</script>", "&amp; &lt;",
          "<a href=\"javascript:alert(1)\">x</a>", "]]></summary><x>"]
DATES = ["2026-01-05", "2026-06-30T12:00:00", "2026-03-01T10:00:00+01:00", "2027-02-30", "\"2026-02-29\"", "0001-01-01",
         "9999-12-31", "1899-12-31", "2027-13-01T10:00:00", "2026-03-01T10:00:00+25:00", "2027-05-01"]
ALIASES = ["/_headers", "/_redirects", "/robots.txt", "/sitemap.xml", "/.well-known/security.txt", "/admin/",
           "/openbadges/", "/theme/css/x/", "/pagefind/", "/verhalen/", "/Agenda/", "/over/index.html",
           "/404.html", "/feeds/verhalen.atom.xml", "/oud/adres/", "/nog-ouder/"]
URLS = ["https://example.nl", "https://trusted.nl@evil.example/", "https://localhost/", "https://127.0.0.1/",
        "https://[::1]/", "http://exa mple.nl", "javascript:alert(1)", "https://example.nl/" + "a" * 3000]
SCOPES = ["profiel", "foto", "badge", "open-data"]
PHOTO = "images/profiles/portret-geheim.jpg"


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar whose value is exactly ``text`` (non-printables as escapes)."""
    out = []
    for char in text:
        code = ord(char)
        if char in "\\\"":
            out.append("\\" + char)
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or code in (0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def pieces(*hostile: list[str], size: int = 3):
    return st.lists(st.one_of(st.sampled_from(ORDINARY), *(st.sampled_from(h) for h in hostile)),
                    min_size=1, max_size=size).map(" ".join)


@st.composite
def sites(draw) -> dict:
    return {
        "story": {
            "title": draw(pieces(CHARACTERS, FORMULAS)),
            "summary": draw(pieces(MARKUP, CHARACTERS)),
            "date": draw(st.sampled_from(DATES)),
            "status": draw(st.sampled_from(["published", "draft"])),
            "image": draw(st.sampled_from(["images/verhaal-beeld.jpg", PHOTO, "images/../../geheim.jpg"])),
            "aliases": draw(st.lists(st.sampled_from(ALIASES), max_size=2, unique=True)),
            "body": draw(st.lists(st.one_of(st.sampled_from(ORDINARY), st.sampled_from(FOREIGN_IMAGES),
                                            st.sampled_from(LOCAL_IMAGES), st.sampled_from(CHARACTERS)),
                                  min_size=1, max_size=4)),
        },
        "event": {
            "title": draw(pieces(CHARACTERS)),
            "organizer": draw(pieces(CHARACTERS, MARKUP, ["Gilde; Hout, Metaal \\ Co"])),
            "start": draw(st.sampled_from(DATES)),
            "end": draw(st.one_of(st.none(), st.sampled_from(DATES))),
            "aliases": draw(st.lists(st.sampled_from(ALIASES), max_size=1)),
        },
        "profile": {
            "name": draw(pieces(FORMULAS, CHARACTERS, size=2)),
            "tagline": draw(pieces(FORMULAS, MARKUP, size=2)),
            "website": draw(st.sampled_from(URLS)),
            "bio": draw(st.lists(st.one_of(st.sampled_from(ORDINARY), st.sampled_from(FOREIGN_IMAGES),
                                           st.sampled_from(CHARACTERS)), min_size=1, max_size=3)),
            "scope": draw(st.lists(st.sampled_from(SCOPES), unique=True, max_size=4)),
            "consent_date": draw(st.sampled_from(DATES)),
            "withdrawn": draw(st.booleans()),
        },
    }


def write_site(content, site: dict) -> None:
    story, event, profile = site["story"], site["event"], site["profile"]
    aliases = lambda items: f"aliases: [{', '.join(yaml_string(a) for a in items)}]\n" if items else ""  # noqa: E731
    (content / "stories" / "gegenereerd-verhaal.md").write_text(
        f"---\ntitle: {yaml_string(story['title'])}\ndate: {story['date']}\nsummary: {yaml_string(story['summary'])}\n"
        f"image: {story['image']}\nimage_alt: \"Een beeld\"\nstatus: {story['status']}\n"
        f"profiles: [gen-profiel]\n{aliases(story['aliases'])}---\n" + "\n\n".join(story["body"]) + "\n",
        encoding="utf-8", newline="")
    (content / "events" / "gegenereerd-evenement.md").write_text(
        f"---\ntitle: {yaml_string(event['title'])}\nstart: {event['start']}\n"
        + (f"end: {event['end']}\n" if event["end"] else "")
        + f"location: \"Utrecht\"\norganizer: {yaml_string(event['organizer'])}\nsummary: \"Kom kijken.\"\n"
        f"{aliases(event['aliases'])}---\nProgramma.\n", encoding="utf-8", newline="")
    (content / "profiles" / "gen-profiel.yaml").write_text(
        f"name: {yaml_string(profile['name'])}\ntype: ambachtsmens\ncrafts: [smeden]\nregion: utrecht\n"
        f"tagline: {yaml_string(profile['tagline'])}\nwebsite: {yaml_string(profile['website'])}\n"
        f"bio: {yaml_string(chr(10).join(profile['bio']))}\nphoto: {PHOTO}\nphoto_alt: \"Een portret\"\n"
        f"consent:\n  date: {profile['consent_date']}\n  scope: [{', '.join(profile['scope'])}]\n"
        + ("status: withdrawn\n" if profile["withdrawn"] else ""), encoding="utf-8", newline="")


def story_is_published(story: dict) -> bool:
    """Whether the publish build may show the story (the check accepted its date, so it parses)."""
    if story["status"] == "draft":
        return False
    try:
        moment = dt.datetime.fromisoformat(story["date"].strip('"'))
    except ValueError:  # an impossible date the check let through: nothing may be published from it
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BUILD_MOMENT.tzinfo)
    return moment <= BUILD_MOMENT


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A valid tree with the images the generated documents use, and a warm cache of its publish build."""
    root = tmp_path_factory.mktemp("properties")
    content = write_minimal_content(root / "content")
    for path in ("images/verhaal-beeld.jpg", "images/tekst-beeld.jpg", PHOTO):
        make_jpeg(content / path)
    make_jpeg(root / "geheim.jpg")  # what images/../../geheim.jpg would reach from a case's content/
    build = run_build(root / "output", command="publish", content=content, cache=root / "cache")
    assert build.ok, build.stderr
    return root


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(site=sites())
def test_generated_hostile_content_never_crashes_leaks_or_loads_from_elsewhere(base, tmp_path_factory, site):
    work = tmp_path_factory.mktemp("example")
    content = work / "content"
    shutil.copytree(base / "content", content)
    shutil.copyfile(base / "geheim.jpg", work / "geheim.jpg")
    write_site(content, site)

    checked = run_check(content, timeout=TIMEOUT)
    assert "Traceback" not in checked.stdout + checked.stderr, checked.stderr
    if checked.returncode != 0:
        assert checked.returncode == 1 and not unexplained_lines(checked.stderr), checked.stderr
        return

    shutil.copytree(base / "cache", work / "cache")
    build = run_build(work / "output", command="publish", content=content, cache=work / "cache", timeout=TIMEOUT * 3)
    assert "Traceback" not in build.stdout + build.stderr, build.stderr
    if not build.ok:
        assert not unexplained_lines(build.stderr), build.stderr
        return
    output = build.output
    assert not foreign_resources(output, SITEURL)
    assert not active_markup(output)

    profile = site["profile"]
    published = "profiel" in profile["scope"] and not profile["withdrawn"]
    if not (published and "foto" in profile["scope"]):
        assert not list(output.glob("images/portret-geheim-*")), "a photo without foto consent is published"
    if not published:
        assert not build.file("ambachtengids/gen-profiel/").exists()
        if not profile["withdrawn"]:
            assert not list(output.glob("openbadges/**/*gen-profiel*")), "a never-published profile has badge files"
    if not story_is_published(site["story"]):
        assert not build.file("verhalen/gegenereerd-verhaal/").exists()
        assert not list(output.glob("images/verhaal-beeld-*")), "an unpublished story's image is published"
        assert not list(output.glob("images/tekst-beeld-*")), "an unpublished story's body image is published"
    assert not list(output.glob("images/geheim-*")), "a file outside content/ is published"
