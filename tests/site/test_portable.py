"""A development build without SITEURL works from any port and under any path (issue 16, item 6).

The build is served by a real HTTP server on a free port below ``/sub/dir/`` and opened in
Chromium: stylesheets, scripts, images, the search index and links all come from there."""

from __future__ import annotations

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from browser_support import CSP
from conftest import SITE_PATH, SITEURL, run_build, write_minimal_content

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
    with serving(base / "www") as origin:
        yield build, f"{origin}/sub/dir/"


@contextlib.contextmanager
def serving(folder):
    """``folder`` served with the site's CSP on a free port, by its origin (``http://127.0.0.1:<port>``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
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


def test_published_pages_link_from_the_servers_root_and_name_the_site_absolutely(published_site):
    """A published page links to its own site from the server's root, SITEURL's path (1.4 KB less per page
    than absolute URLs: issue 14), and names it absolutely where another site or a reader needs that."""
    for path in ("over/", "verhalen/", "ambachtengids/anouk-brinkman-sahin/", "badges/ambachtenmarkt-harlingen/",
                 "404.html"):
        page = published_site.page(path)
        own = ([s["src"] for s in page.select("script[src], img[src]")] + [a["href"] for a in page.select("nav a, a.card__link")]
               + [link["href"] for link in page.select("link[rel=stylesheet], link[rel=preload], link[rel=icon]")])
        assert own and all(url.startswith((SITE_PATH + "/", "#")) for url in own), (path, own)
        assert published_site.at(own[0]).is_file(), own[0]
        assert not [tag for tag in page.select("[href], [src]") if (tag.get("href") or tag.get("src")).startswith(SITEURL)
                    and not (tag.name == "link" and set(tag["rel"]) & {"canonical", "alternate"})], path
        if path != "404.html":
            assert page.select_one("link[rel=canonical]")["href"] == SITEURL + "/" + path
            assert page.select_one("meta[property='og:url']")["content"] == SITEURL + "/" + path
            assert page.select_one("meta[property='og:image']")["content"].startswith(SITEURL + "/")
    story = published_site.page("verhalen/")
    assert SITEURL + "/verhalen/" in published_site.file("feeds/verhalen.atom.xml").read_text()
    assert story.select_one(f"a[href='{SITE_PATH}/ambachtengids/']")


@pytest.mark.parametrize("path", ["", "verhalen/een-klein-verhaal/", "ambachtengids/", "zoeken/?q=Vries",
                                  "badges/jan-de-vries/"])
def test_served_under_a_path_on_another_port(browser, portable_site, path):
    _, base = portable_site
    open_and_walk(browser, base, path)


@pytest.fixture(scope="module")
def published_server(published_site, tmp_path_factory):
    """The published example site served at SITEURL's path (``/campagne/``) on a free port."""
    www = tmp_path_factory.mktemp("published-www")
    (www / SITE_PATH.strip("/")).symlink_to(published_site.output, target_is_directory=True)
    with serving(www) as origin:
        yield f"{origin}{SITE_PATH}/"


@pytest.mark.parametrize("path", ["", "verhalen/", "zoeken/?q=smid", "badges/ambachtenmarkt-harlingen/"])
def test_a_published_site_served_at_its_path_loads_everything_from_there(browser, published_server, path):
    """Links from the server's root work on any host and port that serves the site at SITEURL's path."""
    open_and_walk(browser, published_server, path)


def open_and_walk(browser, base: str, path: str) -> None:
    """Open ``base + path`` in Chromium: its styles, fonts and scripts load from ``base``, every link stays
    there, nothing fails and nothing goes to another host; the search and the kit's drawings work."""
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
