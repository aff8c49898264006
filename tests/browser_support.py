"""Open built pages in Debian Chromium with Playwright, served from the output folder.

Every request to SITEURL is answered from the build output with the strict
Content-Security-Policy of the site's headers; a request to any other host is aborted
and recorded.
"""

from __future__ import annotations

import mimetypes
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from conftest import SITEURL, site_file
from seo.headers import HEADERS, headers_for

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
CSP = dict(HEADERS)["Content-Security-Policy"]  # exactly what the site's _headers and nginx snippet send
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@dataclass
class Visit:
    page: object
    context: object
    foreign_requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)


@contextmanager
def visit(browser, output, path, width=1280, height=900, rewrite=None, javascript=True, slow=None, refuse=None):
    """Open ``path``; ``rewrite`` maps a site path to a function that changes that file's text; ``slow``,
    a (regular expression, seconds) pair, answers the requests whose URL it matches that much later;
    the requests whose URL ``refuse`` (a regular expression) matches fail."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL",
                                  timezone_id="Europe/Amsterdam", java_script_enabled=javascript)
    record = Visit(page=None, context=context)

    def handle(route):
        url = route.request.url
        target = site_file(output, url)
        if slow and re.search(slow[0], url):
            time.sleep(slow[1])  # the browser goes on meanwhile (it lays out and paints without the file)
        if refuse and re.search(refuse, url):
            route.abort()
            return
        if target is None:
            record.foreign_requests.append(url)
            route.abort()
        elif rewrite and str(target.relative_to(output)) in rewrite:
            text = rewrite[str(target.relative_to(output))](target.read_text(encoding="utf-8"))
            route.fulfill(body=text, headers=dict(headers_for(str(target.relative_to(output)))),
                          content_type=mimetypes.guess_type(target.name)[0] or "text/plain")
        elif target.is_file():
            headers = dict(headers_for(str(target.relative_to(output))))
            route.fulfill(path=str(target), headers={"Content-Security-Policy": headers["Content-Security-Policy"],
                                                     "X-Content-Type-Options": "nosniff"})
        else:
            route.fulfill(status=404, path=str(output / "404.html"), headers={"Content-Type": "text/html"})

    context.route("**/*", handle)
    page = context.new_page()
    page.on("console", lambda message: record.console_errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    record.page = page
    page.goto(f"{SITEURL}/{path}", wait_until="load")
    try:
        yield record
    finally:
        context.close()
