"""`make editor`: the web editor saves a story through Decap's local backend into content/.

A real decap-server (tools/decap-server, pinned) serves a temporary copy of a content tree; the
development build's /admin/ finds it on localhost and Chromium writes a story with Decap's own
forms. Nothing is mocked: the file that appears is the one the editor wrote.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, free_port, run_build, write_minimal_content
from content_model.check import ContentChecker
from seo.headers import headers_for

pytestmark = [pytest.mark.browser, pytest.mark.build]

SERVER = ROOT / "tools" / "decap-server" / "node_modules" / "decap-server" / "dist" / "index.js"


def wait_for(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


def site_server(output: Path, port: int, backend_origin: str) -> http.server.ThreadingHTTPServer:
    """The output on localhost with the site's own headers; /admin/ may also reach the local backend.

    (`make serve` sends no policy at all; this is the production policy with the one origin added.)"""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            for name, value in headers_for(self.path.split("?")[0].lstrip("/")):
                if name == "Content-Security-Policy":
                    self.send_header(name, value.replace("connect-src 'self'", f"connect-src 'self' {backend_origin}"))
                elif name != "Strict-Transport-Security":
                    self.send_header(name, value)
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def local_editor(tmp_path):
    """A copy of a content tree served by decap-server, and a development build whose /admin/ points at it."""
    if not SERVER.is_file():
        pytest.fail("decap-server is not installed: make tools/decap-server/node_modules/.package-lock.json")
    from editor import backend_command

    repo = tmp_path / "repo"
    write_minimal_content(repo / "content")
    backend_port, site_port = free_port(), free_port()
    siteurl = f"http://localhost:{site_port}"
    build = run_build(tmp_path / "output", content=repo / "content", siteurl=siteurl,
                      env={"EDITOR_PORT": str(backend_port)})
    assert build.ok, build.stderr
    config = yaml.safe_load((tmp_path / "output" / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["local_backend"] == {"url": f"http://127.0.0.1:{backend_port}/api/v1"}
    command, environment = backend_command(repo, backend_port)
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    server = site_server(tmp_path / "output", site_port, f"http://127.0.0.1:{backend_port}")
    try:
        wait_for(backend_port)
        yield repo, siteurl, f"http://127.0.0.1:{backend_port}"
    finally:
        server.shutdown()
        process.terminate()
        process.wait(timeout=10)


def test_a_story_saved_in_the_local_editor_lands_in_content(browser, local_editor):
    repo, siteurl, backend = local_editor
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", timezone_id="Europe/Amsterdam")
    foreign, errors = [], []

    def only_local(route):
        url = route.request.url
        if url.startswith((siteurl + "/", backend + "/", "blob:", "data:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(f"{siteurl}/admin/")
        page.get_by_role("button", name="Inloggen").click()  # the local backend: no account, no password
        page.wait_for_url("**/admin/#/collections/**")
        page.goto(f"{siteurl}/admin/#/collections/stories/new")
        page.get_by_label("Titel").fill("Een smid in de webredactie")
        page.locator("input[type=datetime-local]").first.fill("2026-11-20T10:00")
        page.get_by_label("Samenvatting").fill("Een verhaal dat in de lokale webredactie is gemaakt.")
        page.locator("[contenteditable=true]").first.focus()
        page.keyboard.type("Het eerste verhaal uit de lokale webredactie.")
        page.get_by_role("button", name="Publiceer").click()
        page.get_by_role("menuitem", name="Publiceer nu").click()
        page.get_by_text("Item opgeslagen").wait_for(timeout=60_000)
        story = repo / "content" / "stories" / "een-smid-in-de-webredactie.md"
        assert story.exists(), sorted(p.name for p in (repo / "content" / "stories").iterdir())
    finally:
        context.close()
    checked = ContentChecker(repo / "content").check_file("story", story)
    assert checked.problems == []
    assert checked.data["title"] == "Een smid in de webredactie"
    assert "Het eerste verhaal uit de lokale webredactie." in checked.body
    assert not (ROOT / "content" / "stories" / story.name).exists()  # the copy was edited, not the repository
    assert foreign == [] and errors == []


def test_the_editor_script_starts_the_backend_on_localhost_only(tmp_path):
    from editor import backend_command

    command, environment = backend_command(tmp_path, 8781)
    assert command[-1] == str(SERVER) and environment["BIND_HOST"] == "127.0.0.1"
    assert environment["PORT"] == "8781" and environment["GIT_REPO_DIRECTORY"] == str(tmp_path)
    assert shutil.which(command[0])
