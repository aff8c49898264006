"""A development build without SITEURL works from any port and under any path (issue 16, item 6).

The build is served by a real HTTP server on a free port below ``/sub/dir/`` and opened in
Chromium: stylesheets, scripts, images, the search index and links all come from there."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from browser_support import CSP
from conftest import run_build, write_minimal_content

pytestmark = [pytest.mark.browser, pytest.mark.build]


class Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def portable_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("portable")
    content = write_minimal_content(base / "content")
    build = run_build(base / "www" / "sub" / "dir", content=content, siteurl="")  # as `make html` does
    assert build.ok, build.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(base / "www")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield build, f"http://127.0.0.1:{server.server_address[1]}/sub/dir/"
    finally:
        server.shutdown()
        server.server_close()


def test_pages_link_relatively_and_name_the_site_absolutely(portable_site):
    build, _ = portable_site
    story = build.page("verhalen/een-klein-verhaal/")
    assert story.select_one("link[rel=canonical]")["href"].startswith("http://localhost:8000/")
    assert story.select_one("meta[property='og:url']")["content"].startswith("http://localhost:8000/")
    hrefs = [a["href"] for a in story.select("a[href]")] + [s["src"] for s in story.select("script[src], img[src]")]
    assert hrefs and not [h for h in hrefs if h.startswith("http://localhost")]
    assert story.select_one("a[href='../../over/']")
    assert "http://localhost:8000/verhalen/" in build.file("feeds/verhalen.atom.xml").read_text()


def test_published_builds_stay_absolute(published_site):
    page = published_site.page("over/")
    scripts = [s["src"] for s in page.select("script[src]")] + [a["href"] for a in page.select("a.site-nav__link, nav a")]
    assert scripts and all(s.startswith(("https://", "#")) for s in scripts)


@pytest.mark.parametrize("path", ["", "verhalen/een-klein-verhaal/", "ambachtengids/", "zoeken/?q=Vries",
                                  "badges/jan-de-vries/"])
def test_served_under_a_path_on_another_port(browser, portable_site, path):
    _, base = portable_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed, elsewhere, errors = [], [], []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith((base, "blob:", "data:")) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(base + path, wait_until="networkidle")
        assert page.evaluate("[...document.styleSheets].filter(s => s.cssRules.length > 0).length") >= 1
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Atkinson')
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)")
        assert [link for link in links if link.startswith("http://") and not link.startswith(base)] == []
        if path.startswith("zoeken/"):
            page.wait_for_selector(".search-result__title a", timeout=20000)
            href = page.get_attribute(".search-result__title a", "href")
            page.click(".search-result__title a")
            page.wait_for_load_state("load")
            assert page.url.startswith(base), href
        if path.startswith("badges/"):  # the kit's script finds the design, fonts and documents here too
            page.wait_for_function("[...document.querySelectorAll('img[data-draw-preview]')]"
                                   ".every(image => image.src.startsWith('blob:'))", timeout=30000)
        assert failed == [] and elsewhere == [] and errors == []
    finally:
        context.close()
