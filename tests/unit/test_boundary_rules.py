"""The content model's rules at the trust boundary: dates, URLs, characters, parsed Markdown, aliases.

Each rule with several spellings of the same trick, and a property over generated input.
"""

import datetime as dt
import re
import string
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from content_model.body import MarkdownParser, check_markdown
from content_model.formats import (
    FormatProblem,
    character_problem,
    http_url_problem,
    parse_date,
    parse_date_or_datetime,
)
from content_model.reserved import alias_problem, alias_target
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

PARSER = MarkdownParser()


# --- dates: real dates, real zones, a sane range ---

@pytest.mark.parametrize("value", [
    "2027-02-30", "2026-02-29", "2027-13-01", "2027-00-10", "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01",
    "2027-02-30T10:00:00", "2027-03-01T25:00", "2027-03-01T10:00:00+25:00", "2027-03-01T10:00+14:30",
    "2027-03-01T10:00:00-15:00", "2027-03-01T10:61", "2027-3-1", "27-03-01", "2027-03-01T10:00:00+01:99",
])
def test_impossible_dates_are_refused_with_a_reason(value):
    with pytest.raises(FormatProblem) as error:
        parse_date_or_datetime(value)
    assert "datum" in str(error.value)


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-03-12", dt.date(2026, 3, 12)),
    ("2028-02-29", dt.date(2028, 2, 29)),
    ("2026-03-12T10:00", dt.datetime(2026, 3, 12, 10, 0)),
    ("2026-03-12 10:00:00 +01:00", dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
    ("2026-03-12T10:00:00Z", dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC)),
    ("2026-03-12T10:00:00-0330", dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(-dt.timedelta(hours=3, minutes=30)))),
])
def test_real_dates_parse_with_their_zone(value, expected):
    assert parse_date_or_datetime(value) == expected


@settings(max_examples=200)
@given(st.text(alphabet=string.digits + "-:T+Z ", max_size=25))
def test_date_parsing_only_ever_raises_format_problems(text):
    try:
        parsed = parse_date_or_datetime(text)
    except FormatProblem:
        return
    day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    assert 1900 <= day.year <= 2100


def test_dates_in_range_round_trip():
    assert parse_date("1900-01-01").year == 1900 and parse_date("2100-12-31").year == 2100


# --- web addresses: parsed, no userinfo, bounded, a public host ---

@pytest.mark.parametrize("url", [
    "https://trusted.nl@evil.example/", "https://user:pw@x.nl/", "https://@x.nl/", "https://x.nl" + "/a" * 1500,
    "https://localhost/", "https://127.0.0.1/", "https://[::1]/", "http://2130706433/", "http://exa mple.nl",
    "javascript:alert(1)", "https:/x.nl", "ftp://x.nl/", "https://x.nl\u202e/", "https://-x.nl/", "https://x..nl/",
    "https://x.nl:0/", "https://x.nl:99999/", "https://nl/", "//x.nl/", "https://x.nl\t/", "https://x_y.nl/",
])
def test_bad_web_addresses_are_refused(url):
    assert http_url_problem(url)


@pytest.mark.parametrize("url", [
    "https://example.nl", "http://www.smederij-de-vries.nl/over/?a=1#b", "https://bakkerij.café/",
    "https://xn--bakkerij-caf-dbb.nl/", "https://example.org:8443/x", "HTTPS://EXAMPLE.NL/",
])
def test_ordinary_web_addresses_pass(url):
    assert http_url_problem(url) is None


# --- characters: no control or invisible format characters ---

@pytest.mark.parametrize("text", [
    "Gilde\r\nX-INJECT: 1", "Jan\x00", "Jan\x1b[31m", "Jan\x7f", "Jan\x85", "\u202eeD naJ", "Jan\u200bde Vries",
    "Jan\u2066x\u2069", "Jan\ufeffde", "Jan\u061c", "a\u2028b", "Jan\ue000",
])
def test_control_and_format_characters_are_refused_in_one_line_fields(text):
    index, message = character_problem(text, multiline=False)
    assert "teken" in message and 0 <= index < len(text)


@pytest.mark.parametrize("text", [
    "Smeedt ’t mooiste hekwerk", "zeer\u00adlange\u00adwoorden", "Bakker 👩\u200d🍳", "Een zin.\n", "Ĳsbrand",
])
def test_ordinary_text_passes(text):
    assert character_problem(text, multiline=False) is None


def test_markdown_text_may_have_newlines_and_tabs_but_not_bidi_overrides():
    assert character_problem("Regel\n\n\tcode", multiline=True) is None
    assert character_problem("Regel\n\u202e", multiline=True)[0] == 6


# --- Markdown: what the parser produces is checked, in every spelling ---

FOREIGN = [
    "![x][p]\n\n[p]: https://evil.example/x.png",
    "![x][p]\n\n[p]: //evil.example/x.png",
    "![x][p]\n\n[p]: <https://evil.example/x.png> \"titel\"",
    "![x][P]\n\n[p]: https://evil.example/x.png",
    "![p][]\n\n[p]: https://evil.example/x.png",
    "![p]\n\n[p]: https://evil.example/x.png",
    "![een\nbeeld](https://evil.example/x.png)",
    "![x](HTTPS://evil.example/x.png)",
    "![x](&#104;ttps://evil.example/x.png)",
    "![x](/\\evil.example/x.png)",
    "![x](<https://evil.example/x.png)",
    "[![x](https://evil.example/x.png)](https://example.nl)",
    "Tekst[^1]\n\n[^1]: ![x](https://evil.example/x.png)",
    "| a |\n|---|\n| ![x](//evil.example/x.png) |",
]


@pytest.mark.parametrize("text", FOREIGN)
def test_images_from_other_hosts_are_refused_in_every_form(text):
    problems = check_markdown("x.md", "tekst", text, 10, None, parser=PARSER)
    assert any("andere sites" in p.message for p in problems), problems


def test_reference_image_is_reported_where_its_url_stands():
    [problem] = check_markdown("x.md", "tekst", "Intro\n\n![x][p]\n\n[p]: https://evil.example/x.png", 10, None,
                               parser=PARSER)
    assert (problem.line, problem.column) == (14, 6)
    [problem] = check_markdown("x.md", "tekst", "![x][p]\n\n[p]: <//evil.example/x.png>", 10, None, parser=PARSER)
    assert (problem.line, problem.column) == (12, 6)


def test_links_to_other_hosts_stay_allowed():
    assert check_markdown("x.md", "tekst", "[site](https://example.nl) en <https://example.org/a>", 1, None,
                          parser=PARSER) == []


@pytest.mark.parametrize("text", [
    "[x](https://trusted.nl@evil.example/)", "[x][r]\n\n[r]: https://a:b@evil.example/", "<https://u@evil.example/>",
])
def test_links_with_userinfo_are_refused(text):
    assert check_markdown("x.md", "tekst", text, 1, None, parser=PARSER)


def test_unused_reference_definitions_publish_nothing_and_pass():
    assert check_markdown("x.md", "tekst", "Tekst.\n\n[p]: https://evil.example/x.png", 1, None, parser=PARSER) == []


def test_images_leaving_content_are_refused_at_their_position(tmp_path):
    (tmp_path / "images").mkdir()
    Image.new("RGB", (8, 8)).save(tmp_path / "images" / "a.jpg")
    for target in ("../../geheim.jpg", "images/../../x.jpg", "{static}/../x.jpg", "/images/../../x.jpg"):
        problems = check_markdown("x.md", "tekst", f"Tekst\n\n![x][p]\n\n[p]: {target}", 1, tmp_path, parser=PARSER)
        assert problems and problems[0].line == 5, (target, problems)
    assert check_markdown("x.md", "tekst", "![x](images/a.jpg)", 1, tmp_path, parser=PARSER) == []


def test_fields_take_no_images_at_all():
    problems = check_markdown("p.yaml", "bio", "![x](images/a.jpg)", 3, None, 6, parser=PARSER, images=False)
    assert problems and "geen afbeeldingen" in problems[0].message


def image_host(src: str) -> str:
    """The host a browser fetches ``src`` from, on a page of https://site.test/ (WHATWG URL rules that
    matter here; Python's urljoin does the rest)."""
    cleaned = re.sub(r"[\t\n\r]", "", src).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                   "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    return urlsplit(urljoin("https://site.test/verhalen/x/", cleaned.replace("\\", "/"))).netloc


def test_image_host_reads_sources_as_a_browser_does():
    assert image_host("images/a.jpg") == image_host("tekst //evil.example/y.png") == "site.test"
    assert image_host("//evil.example/y.png") == image_host(" \\\\evil.example/y.png") == "evil.example"
    assert image_host("https://evil.example/x.png") == image_host("ht\ttps://evil.example/") == "evil.example"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "tekst ", "![a](", "](", "[p]: ", "https://evil.example/x.png", "//evil.example/y.png", ")", "\n", "\n\n", "<",
    ">", "`", "```\n", "[", "]", "&#104;", "\\", "javascript:", "images/x.jpg", "<img src=x>", "*", "> ", "    ",
]), max_size=30).map("".join))
@example("![a](tekst //evil.example/y.png)")  # a relative path with a space: stays on the site
def test_no_foreign_image_survives_the_check(text):
    """Whatever the check lets through renders with no image from another host, resolved as a browser
    resolves it (tabs and line breaks dropped, C0 and spaces trimmed, a backslash read as a slash)."""
    from content_model.render import render

    if check_markdown("x.md", "tekst", text, 1, None, parser=PARSER):
        return
    html = render(text)
    sources = [unescape(src) for src in re.findall(r"<img[^>]*?\ssrc=\"([^\"]*)\"", html)]
    assert all(src and image_host(src) == "site.test" for src in sources), html
    assert "<script" not in html


# --- aliases: never onto a page that exists or a file the build writes ---

@pytest.mark.parametrize("alias", [
    "/_headers", "/_redirects", "/robots.txt", "/sitemap.xml", "/.well-known/security.txt", "/admin/", "/openbadges/",
    "/openbadges/assertions/x.json", "/theme/css/x/", "/pagefind/", "/verhalen/", "/verhalen/pagina/2/", "/agenda/",
    "/ambachtengids/", "/ambachtengids/a-z/", "/ambachtengids/ambacht/smeden/", "/badges/", "/badges/jan/",
    "/feeds/verhalen.atom.xml", "/404.html", "/index.html", "/Verhalen/", "/VERHALEN", "/ADMIN/index.html",
    "/x/../robots.txt", "/agenda.ics", "/404.html.br", "/over/index.html.gz", "/zoeken/", "/open-data/", "/images/a.jpg", "/", "/.git/config",
])
def test_aliases_onto_the_builds_own_files_are_refused(alias):
    assert "adres" in alias_problem(alias, {"/over/", "/verhalen/mijn-verhaal/"})


@pytest.mark.parametrize("alias", ["/over/index.html", "/Over", "/over", "/verhalen/mijn-verhaal/index.html"])
def test_aliases_onto_existing_pages_are_refused_in_every_spelling(alias):
    assert "bestaande pagina" in alias_problem(alias, {"/over/", "/verhalen/mijn-verhaal/"})


@pytest.mark.parametrize("alias", ["/oude/plek/", "/verhalen/oude-titel/", "/agenda/2025-open-dag/",
                                   "/ambachtengids/jan-oud/", "/contact.html", "/nieuws/2024/x/"])
def test_ordinary_old_addresses_are_fine(alias):
    assert alias_problem(alias, {"/over/"}) is None


def test_alias_target_normalises_spellings():
    assert alias_target("/Over/index.html") == alias_target("/over") == "over/"
