"""Every page type in a real browser: accessibility, privacy, CSP, layout at 375 and 1280 px."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pytest
from browser_support import AXE_TAGS, visit
from conftest import ROOT, SITEURL, as_typed
from content_model.check import ContentChecker
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.build]


def first(kind, **where):
    results, _ = ContentChecker(ROOT / "content").check_all()
    return next(r.slug for r in results if r.kind == kind and r.data.get("status", "published") == "published"
                and all(bool(r.data.get(k)) == bool(v) for k, v in where.items())
                and (kind != "profile" or "profiel" in r.data["consent"]["scope"]))


def published_profiles():
    results, _ = ContentChecker(ROOT / "content").check_all()
    return [r for r in results if r.kind == "profile" and r.data.get("status", "published") == "published"
            and "profiel" in r.data["consent"]["scope"]]


PAGE_TYPES = {
    "home": "",
    "campaign page": "over/",
    "theme page": "communicatie/",
    "news": "nieuws/",
    "accessibility statement": "toegankelijkheid/",
    "stories index": "verhalen/",
    "story": None,
    "agenda": "agenda/",
    "event": None,
    "404": "404.html",
    "directory index": "ambachtengids/",
    "directory index, large (A–Z letters)": "ambachtengids/",
    "directory A–Z overview": "ambachtengids/a-z/",
    "directory letter page": None,
    "directory letter page 2": None,
    "facet": None,
    "facet page 2 (large directory)": "ambachtengids/type/ambachtsmens/2/",
    "profile": None,
    "profile without photo": None,
    "open data": "open-data/",
    "search": "zoeken/",
    "join form": "doe-mee/",
    "badge kit (longest name)": "badges/maria-louise-van-den-heuvel-vanderbroeck/",
    "generic badges and photo frame": "badges/",
    "English home": "en/",
    "English page": "en/about/",
    "English badges page": "en/badges/",
    "English directory": "en/directory/",
    "English directory, large": "en/directory/",
    "English facet": "en/directory/craft/smeden/",
    "English facet page 2 (large directory)": "en/directory/type/ambachtsmens/2/",
    "English search": "en/search/",
}

# Built with DIRECTORY_INDEX_LIMIT lowered (conftest.paged_directory_site): the large directory's pages.
PAGED_DIRECTORY = {"directory index, large (A–Z letters)", "directory A–Z overview", "directory letter page",
                   "directory letter page 2", "English directory, large", "facet page 2 (large directory)",
                   "English facet page 2 (large directory)"}


def largest_initial():
    """The letter with the most published profiles (paginated in the paged directory build)."""
    counts = Counter(unicodedata.normalize("NFKD", p.data["name"])[0].lower() for p in published_profiles())
    return counts.most_common(1)[0][0]


def page_path(name):
    if name == "story":
        return f"verhalen/{first('story', image=True)}/"
    if name == "event":
        return f"agenda/{first('event', registration_url=True)}/"
    if name == "profile":
        return f"ambachtengids/{first('profile', photo=True)}/"
    if name == "profile without photo":
        return f"ambachtengids/{first('profile', photo=False)}/"
    if name == "directory letter page":
        return f"ambachtengids/a-z/{largest_initial()}/"
    if name == "directory letter page 2":
        return f"ambachtengids/a-z/{largest_initial()}/2/"
    if name == "facet":
        craft = next(p for p in published_profiles() if p.data.get("crafts")).data["crafts"][0]
        return f"ambachtengids/ambacht/{craft}/"
    return PAGE_TYPES[name]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_type_in_browser(request, browser, name, width):
    from axe_playwright_python.sync_playwright import Axe

    site = request.getfixturevalue("paged_directory_site" if name in PAGED_DIRECTORY else "example_site")
    assert site.file(page_path(name)).is_file(), page_path(name)
    with visit(browser, site.output, page_path(name), width=width) as seen:
        page = seen.page
        assert seen.foreign_requests == []
        assert seen.context.cookies() == []
        assert seen.console_errors == []  # includes CSP violations
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
        assert violations == []


@pytest.mark.parametrize("width", [375, 1280])
def test_not_found_page_at_a_missing_address_has_large_enough_targets(browser, example_site, width):
    from axe_playwright_python.sync_playwright import Axe

    with visit(browser, example_site.output, "verhalen/bestaat-niet/meer/", width=width) as seen:
        page = seen.page
        assert page.locator("h1").inner_text().startswith("Deze pagina bestaat niet")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert [v["id"] for v in results.response["violations"]] == []
        heights = page.eval_on_selector_all(".error-page li a", "els => els.map(e => e.getBoundingClientRect().height)")
        assert heights and min(heights) >= 24
        assert [error for error in seen.console_errors if "status of 404" not in error] == []  # only the page's own 404


def test_skip_link_is_first_and_moves_focus_to_main(browser, example_site):
    with visit(browser, example_site.output, "verhalen/") as seen:
        page = seen.page
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert "skip-link" in focused
        box = page.evaluate("JSON.stringify(document.activeElement.getBoundingClientRect())")
        assert '"width":0' not in box  # visible when focused
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "inhoud"


def test_focus_is_visible_on_links(browser, example_site):
    with visit(browser, example_site.output, "") as seen:
        page = seen.page
        for _ in range(3):
            page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        shadow = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
        assert outline != "none" or shadow != "none"


def test_readable_at_200_percent_zoom(browser, example_site):
    # 200% zoom of a 1280 px window is a 640 px CSS viewport
    with visit(browser, example_site.output, page_path("story"), width=640) as seen:
        assert seen.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_reduced_motion_is_respected(browser, example_site):
    with visit(browser, example_site.output, "") as seen:
        seen.page.emulate_media(reduced_motion="reduce")
        durations = seen.page.evaluate(
            "[...document.querySelectorAll('a, .card, .button')].map(e => getComputedStyle(e).transitionDuration)"
        )
        assert all(d in ("0s", "0.001s", "1e-05s") or float(d.rstrip("ms") or 0) < 0.02 for d in durations)


def visible_names(page):
    return [as_typed(name) for name in
            page.eval_on_selector_all(".directory-item:not([hidden]) > a", "els => els.map(e => e.textContent)")]


def test_directory_filters_with_keyboard_url_and_announcement(browser, example_site):
    craft = next(p for p in published_profiles() if p.data.get("crafts")).data["crafts"][0]
    expected = sorted(p.data["name"] for p in published_profiles() if craft in p.data.get("crafts", []))
    with visit(browser, example_site.output, "ambachtengids/") as seen:
        page = seen.page
        assert page.is_visible("form[data-directory-filter]")
        everyone = visible_names(page)
        assert len(everyone) == len(published_profiles())
        select = page.locator("#filter-ambacht")
        select.focus()
        assert page.evaluate("document.activeElement.id") == "filter-ambacht"
        select.select_option(craft)
        page.wait_for_url(re.compile(r"[?&]ambacht="))
        assert f"ambacht={craft}" in page.url
        assert sorted(visible_names(page)) == expected
        status = page.locator("[data-filter-status]")
        assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
        assert status.inner_text().startswith(f"{len(expected)} ")
        page.go_back()
        page.wait_for_url(lambda url: "ambacht=" not in url)
        assert len(visible_names(page)) == len(everyone)
        assert page.locator("#filter-ambacht").input_value() == ""


@pytest.mark.parametrize("chosen", [{"ambacht": "smeden"}, {"type": "leerbedrijf"}, {"regio": "groningen", "aanbod": "leerplek"}])
def test_directory_filter_counts_follow_the_other_filters_and_never_dead_end(browser, example_site, chosen):
    profiles = [p.data for p in published_profiles()]
    key = {"ambacht": "crafts", "regio": "region", "type": "type", "aanbod": "offers"}

    def has(data, name, value):
        field = data.get(key[name]) or []
        return value in (field if isinstance(field, list) else [field])

    query = "&".join(f"{name}={value}" for name, value in chosen.items())
    with visit(browser, example_site.output, f"ambachtengids/?{query}") as seen:
        page = seen.page
        for name in ("ambacht", "regio", "type", "aanbod"):
            others = [p for p in profiles if all(has(p, n, v) for n, v in chosen.items() if n != name)]
            options = page.eval_on_selector_all(f"#filter-{name} option",
                                                "els => els.map(o => [o.value, o.textContent, o.disabled])")
            for value, text, disabled in options[1:]:
                count = sum(1 for p in others if has(p, name, value))
                assert text.endswith(f"({count})"), (name, value, text, count)
                assert disabled == (count == 0 and chosen.get(name) != value), (name, value, text, disabled)
        # the keyboard skips what would show nobody: arrow keys move only over enabled options
        select = page.locator("#filter-regio")
        select.focus()
        enabled = page.eval_on_selector_all("#filter-regio option", "els => els.filter(o => !o.disabled).map(o => o.value)")
        for _ in range(len(enabled) + 2):
            page.keyboard.press("ArrowDown")
            assert select.input_value() in enabled
            assert visible_names(page), "a filter choice reached by keyboard must show someone"
        assert seen.console_errors == []


def test_directory_filters_from_a_shared_url(browser, example_site):
    profile = published_profiles()[0]
    region = profile.data["region"]
    kind = profile.data["type"]
    expected = sorted(p.data["name"] for p in published_profiles() if p.data["region"] == region and p.data["type"] == kind)
    with visit(browser, example_site.output, f"ambachtengids/?regio={region}&type={kind}") as seen:
        assert sorted(visible_names(seen.page)) == expected
        assert seen.page.locator("#filter-regio").input_value() == region
        seen.page.get_by_role("button", name="Wis filters").click()
        seen.page.wait_for_url(lambda url: "?" not in url)
        assert len(visible_names(seen.page)) == len(published_profiles())


def test_letter_page_filters_its_list_and_keeps_filters_across_letters(browser, paged_directory_site):
    """The same script on one initial's page of a large directory; the letter links carry the filters."""
    site = paged_directory_site
    path = page_path("directory letter page")
    by_name = {p.data["name"]: p.data for p in published_profiles()}
    with visit(browser, site.output, path) as seen:
        page = seen.page
        assert page.is_visible("form[data-directory-filter]")
        here = visible_names(page)
        assert here and len(here) < len(published_profiles())
        status = page.locator("[data-filter-status]")
        assert status.inner_text() == f"{len(here)} deelnemers op deze pagina"  # page 1 of 2: not "Alle"
        region = by_name[here[0]]["region"]
        page.locator("#filter-regio").select_option(region)
        page.wait_for_url(re.compile(r"[?&]regio="))
        assert sorted(visible_names(page)) == sorted(n for n in here if by_name[n]["region"] == region)
        assert re.fullmatch(rf"{len(visible_names(page))} deelnemers? gevonden op deze pagina", status.inner_text())
        hrefs = page.eval_on_selector_all(".letter-nav a", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs and all(href.endswith(f"/?regio={region}") for href in hrefs)
        other = next((h for h in hrefs if f"/a-z/{largest_initial()}/" not in h and site.page(
            h.split("?")[0].removeprefix(SITEURL + "/")).select_one(f'#filter-regio option[value="{region}"]')), None)
        if other:
            page.click(f'.letter-nav a[href="{other}"]')
            page.wait_for_url(other)
            assert page.locator("#filter-regio").input_value() == region
            assert all(by_name[n]["region"] == region for n in visible_names(page))
        page.go_back()
        page.get_by_role("button", name="Wis filters").click()
        page.wait_for_url(lambda url: "?" not in url)
        assert visible_names(page) == here
        assert all("?" not in h for h in page.eval_on_selector_all(".letter-nav a", "els => els.map(e => e.href)"))
        assert seen.console_errors == []


def test_large_index_passes_filters_from_its_address_to_the_letters(browser, paged_directory_site):
    with visit(browser, paged_directory_site.output, "ambachtengids/?type=museum&onbekend=x") as seen:
        hrefs = seen.page.eval_on_selector_all(".letter-nav a", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs and all(href.endswith("/?type=museum") for href in hrefs)
        assert seen.console_errors == []


# The layout shifts of the page so far that no input caused (buffered), once the observer has had a moment to report them.
LAYOUT_SHIFTS = """() => new Promise(done => { const seen = [];
    new PerformanceObserver(list => seen.push(...list.getEntries().filter(shift => !shift.hadRecentInput)
        .map(shift => [shift.value, ...shift.sources.map(source => source.node && source.node.nodeName + '.' +
            source.node.className + ' ' + [source.previousRect.y, source.previousRect.height, source.currentRect.y,
                                           source.currentRect.height].map(Math.round).join(','))])))
        .observe({type: 'layout-shift', buffered: true});
    setTimeout(() => done(seen), 300); })"""


# Pages with a part that works only with their script: (path, width at which a late script moved the
# page, what is true once the script has run, the notices that stand in for it without scripts).
SCRIPT_PARTS = [
    ("zoeken/", 375, "document.querySelector('[data-search-nojs]').hidden", 1),
    ("en/search/", 375, "document.querySelector('[data-search-nojs]').hidden", 1),
    ("verifieer/", 1280, "document.querySelector('[data-verify-nojs]').hidden", 1),
    ("ambachtengids/", 1280, "document.querySelector('[data-filter-status]').textContent.trim() !== ''", 0),
    ("en/directory/", 1280, "document.querySelector('[data-filter-status]').textContent.trim() !== ''", 0),
]


@pytest.mark.parametrize(("path", "width", "ran", "notices"), SCRIPT_PARTS)
def test_parts_that_need_the_script_are_laid_out_from_the_first_paint(browser, example_site, path, width, ran,
                                                                      notices):
    """A part that works only with the page's script (search, the badge check, the directory's filters) is
    there from the first paint, also when the script comes late (held back here until the page has
    painted), so nothing below it moves; its notice for pages without scripts is not. Without scripts it
    is the other way round: the notice says where else to look, and no form is shown that cannot work."""
    # the web fonts are refused: their swap (metric-matched, but not to the last pixel of every line) is not
    # what this test is about, and the page is drawn in the fallback faces from the start
    with visit(browser, example_site.output, path, width=width, height=800, slow=(r"\.js$", 0.6),
               refuse=r"\.woff2$") as seen:
        page = seen.page
        page.wait_for_function(ran)
        assert page.locator("[data-script-only]").count() == 1
        expect(page.locator("[data-script-only]")).to_be_visible()
        assert all(not notice.is_visible() for notice in page.locator("[data-script-notice]").all())
        assert page.evaluate(LAYOUT_SHIFTS) == []
        assert [error for error in seen.console_errors if error != "Failed to load resource: net::ERR_FAILED"] == []
    with visit(browser, example_site.output, path, width=width, height=800, javascript=False) as seen:
        assert not seen.page.is_visible("[data-script-only]")
        shown = seen.page.locator("[data-script-notice]")
        assert all(notice.is_visible() for notice in shown.all())
        assert shown.count() == notices


def test_search_finds_a_profile_and_a_story(browser, example_site):
    profile = published_profiles()[0]
    surname = profile.data["name"].split()[-1]
    with visit(browser, example_site.output, "zoeken/") as seen:
        page = seen.page
        assert not page.is_visible("[data-search-nojs]")
        page.keyboard.press("Tab")  # skip link
        page.locator("#zoekterm").focus()
        page.keyboard.type(surname)
        # the results follow the typing (a prefix of the name may show others first): wait for the profile
        expect(page.locator(f".search-result a[href$='/ambachtengids/{profile.slug}/']").first).to_be_visible(timeout=15000)
        kinds = page.eval_on_selector_all(".search-result__kind", "els => els.map(e => e.textContent)")
        assert any(kind.startswith("Profiel") for kind in kinds)
        assert re.match(r"\d+ resulta", page.locator("[data-search-status]").inner_text())
        assert f"q={surname}" in page.url
        assert seen.foreign_requests == [] and seen.console_errors == []
        page.locator("#zoekterm").fill("orgel")
        expect(page.locator(".search-result a[href*='/verhalen/']").first).to_be_visible(timeout=15000)


def test_web_editor_runs_on_the_generated_config(browser, example_site):
    import yaml

    def test_backend(text):  # Decap's in-memory backend instead of GitHub, nothing else changed
        data = yaml.safe_load(text)
        data["backend"] = {"name": "test-repo"}
        return yaml.safe_dump(data, allow_unicode=True)

    config = yaml.safe_load(example_site.file("admin/config.yml").read_text(encoding="utf-8"))
    with visit(browser, example_site.output, "admin/", rewrite={"admin/config.yml": test_backend}) as seen:
        page = seen.page
        page.get_by_role("button", name="Inloggen").click()
        for collection in config["collections"]:
            expect(page.get_by_role("link", name=collection["label"]).first).to_be_visible()
        page.goto(f"{page.url.split('#')[0]}#/collections/profiles/new")
        expect(page.get_by_text("Naam van de persoon of organisatie.")).to_be_visible()
        page.locator("input").first.fill("Jan de Vries")
        assert seen.foreign_requests == [] and seen.console_errors == []
    assert config["backend"]["name"] == "github"
    robots = example_site.file("robots.txt").read_text()
    assert "Disallow: /admin/" in robots or "Disallow: /campagne/admin/" in robots
    assert "/admin/" not in example_site.file("sitemap.xml").read_text()


def test_copy_buttons_work_with_the_keyboard_and_announce_success(browser, example_site):
    slug = "ingrid-van-t-hof"
    with visit(browser, example_site.output, f"badges/{slug}/") as seen:
        page = seen.page
        seen.context.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://example.test")
        button = page.locator("button[data-copy='code-ambachtsmens-website']")
        expect(button).to_be_visible()  # the script unhides the buttons
        page.locator("#code-ambachtsmens-website").focus()
        page.keyboard.press("Tab")
        expect(button).to_be_focused()
        outline = button.evaluate("b => getComputedStyle(b).outlineStyle")
        assert outline != "none"
        page.keyboard.press("Enter")
        expect(page.locator("[data-copy-status]")).to_have_text("Code gekopieerd naar het klembord.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#code-ambachtsmens-website").inner_text()
        assert f"/ambachtengids/{slug}/" in copied and "<img" in copied
        page.keyboard.press("Tab")  # focus moves on: not trapped
        assert page.evaluate("document.activeElement.id || document.activeElement.tagName") != button.get_attribute("id")
        assert seen.console_errors == []


# The focus ring may sit on the element, on a card around it (:focus-within) or on an SVG shape inside it.
FOCUS_STYLE = """(el) => {
  const parts = [];
  let node = el;
  for (let depth = 0; node && node.nodeType === 1 && depth < 4; depth += 1, node = node.parentElement) {
    const s = getComputedStyle(node);
    parts.push(['ring', s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset, s.boxShadow].join('|'));
  }
  for (const shape of el.querySelectorAll('path, text, rect, circle')) {
    const s = getComputedStyle(shape);
    parts.push(['shape', s.fill, s.stroke].join('|'));
  }
  return parts;
}"""
DESCRIBE = """(el) => {
  if (!el || el === document.body || el === document.documentElement) return null;
  const path = [];
  for (let node = el; node && node.parentElement; node = node.parentElement) {
    path.unshift(node.tagName.toLowerCase() + ':' + [...node.parentElement.children].indexOf(node));
  }
  return {path: path.join('>'), text: (el.getAttribute('aria-label') || el.textContent || el.id || '').trim().slice(0, 60)};
}"""


def visible_change(focused, unfocused):
    """True when focusing added a ring (outline or box-shadow) or recoloured an SVG shape."""
    for now, before in zip(focused, unfocused, strict=True):
        if now == before:
            continue
        kind, *values = now.split("|")
        if kind == "shape":
            return True
        style, width, _colour, _offset, shadow = values
        if (style != "none" and width != "0px") or shadow != "none":
            return True
    return False


@dataclass
class KeyboardWalk:
    visited: list  # what Tab focused, in order
    reached_footer_end: bool
    trapped_at: dict | None  # an element focused a second time before the footer's end
    after_footer: dict | None  # what the Tab after the footer's last link focused (None: left the page)
    invisible: list  # focused elements without a visible focus indicator


def walk_with_tab(page) -> KeyboardWalk:
    """Press Tab until the footer's last link is focused (or something repeats), then once more."""
    last_footer_link = page.locator("footer a").last.element_handle()
    limit = page.evaluate("document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length") + 5
    visited, seen_styles, trapped_at, reached = [], [], None, False
    for _ in range(limit):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        where = handle.evaluate(DESCRIBE)
        if where is None or where["path"] in [v["path"] for v in visited]:
            trapped_at = where or {"path": "(buiten de pagina)", "text": ""}
            break
        visited.append(where)
        seen_styles.append((where, handle, handle.evaluate(FOCUS_STYLE)))
        if handle.evaluate("(el, last) => el === last", last_footer_link):
            reached = True
            break
    after = None
    if reached:
        page.keyboard.press("Tab")
        after = page.evaluate_handle("document.activeElement").evaluate(DESCRIBE)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    invisible = [where for where, handle, focused in seen_styles if not visible_change(focused, handle.evaluate(FOCUS_STYLE))]
    return KeyboardWalk(visited, reached, trapped_at, after, invisible)


@pytest.mark.parametrize("name", ["directory index", "search", "directory letter page"])
def test_keyboard_reaches_the_footer_without_traps_and_focus_is_always_visible(request, browser, name):
    site = request.getfixturevalue("paged_directory_site" if name in PAGED_DIRECTORY else "example_site")
    with visit(browser, site.output, page_path(name)) as seen:
        walk = walk_with_tab(seen.page)
    assert walk.trapped_at is None, f"focus trapped at {walk.trapped_at} after {walk.visited[-3:]}"
    assert walk.reached_footer_end, f"Tab did not reach the footer's last link; last: {walk.visited[-3:]}"
    assert walk.after_footer is None or walk.after_footer["path"] == walk.visited[0]["path"], walk.after_footer
    assert walk.invisible == [], f"no visible focus indicator on {walk.invisible}"
    assert len(walk.visited) > 20  # the whole page was walked, not just the header


def test_keyboard_walk_detects_traps_and_invisible_focus(browser, example_site):
    """The walk above can fail: without focus styles, and with a script that swallows Tab on a filter."""
    def no_focus_styles(css):
        return css + "\n*, *:focus, *:focus-visible, *:focus-within { outline: none !important; box-shadow: none !important; }\n"

    def trap(js):
        return js + ("\ndocument.addEventListener('keydown', (e) => {"
                     " if (e.key === 'Tab' && document.activeElement.id === 'filter-regio') e.preventDefault(); });\n")

    page = example_site.file("ambachtengids/").read_text(encoding="utf-8")
    css, js = (re.search(rf'{SITEURL}/(theme/assets/directory\.[0-9a-f]+\.{kind})"', page).group(1) for kind in ("css", "js"))
    with visit(browser, example_site.output, "ambachtengids/", rewrite={css: no_focus_styles, js: trap}) as seen:
        walk = walk_with_tab(seen.page)
    assert walk.trapped_at is not None and walk.visited[-1]["path"] == walk.trapped_at["path"]
    assert walk.visited[-1]["path"].endswith(">select:1")  # the province filter: label, then select
    assert not walk.reached_footer_end
    assert walk.invisible == [v for v in walk.visited if ">svg:" not in v["path"]]  # map shapes still change colour
