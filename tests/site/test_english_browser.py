"""A visitor who reads no Dutch, in Chromium at 375 and 1280 px: from /en/ to a blacksmith in Utrecht with the
English filters, and to how a badge is verified. Screenshots go to $SHOTS_DIR when it is set."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser_support import AXE_TAGS, visit
from conftest import SITEURL
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.build]


def shot(page, tmp_path, name):
    folder = Path(os.environ.get("SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


@pytest.mark.parametrize("width", [375, 1280])
def test_from_english_home_to_a_blacksmith_in_utrecht(browser, example_site, tmp_path, width):
    with visit(browser, example_site.output, "en/", width=width) as seen:
        page = seen.page
        assert page.evaluate("document.documentElement.lang") == "en"
        shot(page, tmp_path, f"en-home-{width}")
        page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Directory").click()
        page.wait_for_url(f"{SITEURL}/en/directory/")
        form = page.locator("[data-directory-filter]")
        form.get_by_label("Craft").select_option(label=page.locator('#filter-ambacht option[value="smeden"]').inner_text())
        form.get_by_label("Province").select_option("utrecht")
        status = page.locator("[data-filter-status]")
        assert status.inner_text().endswith(("participant found", "participants found"))
        names = page.locator(".directory-item:not([hidden]) > a")
        assert names.count() >= 1
        assert int(status.inner_text().split()[0]) == names.count()
        assert "craft=" not in page.url and "ambacht=smeden" in page.url and "regio=utrecht" in page.url
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        page.locator("[data-directory-filter]").scroll_into_view_if_needed()
        shot(page, tmp_path, f"en-directory-blacksmith-utrecht-{width}")
        meta = page.locator(".directory-item:not([hidden]) > span").first.inner_text()
        assert "Blacksmithing" in meta
        names.first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(f"{SITEURL}/ambachtengids/")
        assert page.evaluate("document.documentElement.lang") == "nl"  # the profile itself is Dutch
        shot(page, tmp_path, f"en-profile-{width}")
        assert seen.foreign_requests == [] and seen.console_errors == [] and seen.context.cookies() == []


@pytest.mark.parametrize("width", [375, 1280])
def test_without_javascript_the_english_facets_lead_to_the_blacksmith(browser, example_site, width):
    with visit(browser, example_site.output, "en/directory/", width=width) as seen:
        page = seen.page
        page.get_by_role("navigation", name="Browse").get_by_role("link", name="Blacksmithing", exact=True).click()
        page.wait_for_url(f"{SITEURL}/en/directory/craft/smeden/")
        cards = page.locator(".profile-card").filter(has_text="Utrecht")
        assert cards.count() >= 1
        assert page.get_by_role("heading", level=1).inner_text() == "Blacksmithing"
        assert axe_violations(page) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_learn_how_to_join_and_verify_a_badge_and_switch_language(browser, example_site, tmp_path, width):
    with visit(browser, example_site.output, "en/", width=width) as seen:
        page = seen.page
        page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Join").click()
        page.wait_for_url(f"{SITEURL}/en/join/")
        assert page.get_by_role("heading", level=1).inner_text() == "How to join"
        page.get_by_role("link", name="Read how the badges work and how to verify them").click()
        page.wait_for_url(f"{SITEURL}/en/badges/")
        assert page.locator("#badge-ambachtsmens h3").inner_text().startswith("Craftsperson")
        assert axe_violations(page) == []
        shot(page, tmp_path, f"en-badges-{width}")
        page.get_by_role("link", name="badge checker").click()
        page.wait_for_url(f"{SITEURL}/verifieer/")
        page.go_back()
        page.get_by_role("link", name="Nederlands").click()  # the language switch
        page.wait_for_url(f"{SITEURL}/badges/")
        page.get_by_role("link", name="English").first.click()
        page.wait_for_url(f"{SITEURL}/en/badges/")
        assert seen.foreign_requests == [] and seen.console_errors == []


def test_english_search_finds_english_pages_only(browser, example_site):
    with visit(browser, example_site.output, "en/search/") as seen:
        page = seen.page
        assert not page.is_visible("[data-search-nojs]")
        page.locator("#zoekterm").fill("verify")
        page.wait_for_selector(".search-result a", timeout=15000)
        hrefs = page.eval_on_selector_all(".search-result a", "els => els.map(e => e.href)")
        assert f"{SITEURL}/en/badges/" in hrefs
        assert all(href.startswith(f"{SITEURL}/en/") for href in hrefs), hrefs
        assert re.match(r"\d+ results? for “verify”", page.locator("[data-search-status]").inner_text())
        kinds = page.eval_on_selector_all(".search-result__kind", "els => els.map(e => e.textContent)")
        assert kinds and all(kind.startswith("Page") for kind in kinds), kinds  # not the Dutch "Pagina"
        page.locator("#zoekterm").fill("smederij")  # a Dutch word: the Dutch pages are not in this index
        expect(page.locator("[data-search-status]")).to_contain_text("Nothing found", timeout=15000)
        assert axe_violations(page) == []
        assert seen.foreign_requests == [] and seen.console_errors == []
