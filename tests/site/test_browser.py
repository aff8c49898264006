"""Every page type in a real browser: accessibility, privacy, CSP, layout at 375 and 1280 px."""

from __future__ import annotations

import pytest

from browser_support import AXE_TAGS, CHROMIUM, LAUNCH_ARGS, visit
from conftest import ROOT
from content_model.check import ContentChecker

pytestmark = [pytest.mark.browser, pytest.mark.build]


def first(kind, **where):
    results, _ = ContentChecker(ROOT / "content").check_all()
    return next(r.slug for r in results if r.kind == kind and r.data.get("status", "published") == "published"
                and all(r.data.get(k) for k in where))


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
}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def page_path(name):
    if name == "story":
        return f"verhalen/{first('story', image=True)}/"
    if name == "event":
        return f"agenda/{first('event', registration_url=True)}/"
    return PAGE_TYPES[name]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_type_in_browser(browser, example_site, name, width):
    from axe_playwright_python.sync_playwright import Axe

    with visit(browser, example_site.output, page_path(name), width=width) as seen:
        page = seen.page
        assert seen.foreign_requests == []
        assert seen.context.cookies() == []
        assert seen.console_errors == []  # includes CSP violations
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
        assert violations == []


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
