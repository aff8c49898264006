"""``make serve`` never dies: a broken edit prints its problems, the last good site stays served,
and the next good edit is live again (issue 13). Runs ``build.py serve`` from a copy of the
repository, so that its theme and plugins can be broken without touching the real ones."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import BADGE_CACHE, BUILD_MOMENT, MINIMAL_STORY, ROOT, free_port, write_minimal_content

pytestmark = pytest.mark.build

STORY = "verhalen/een-klein-verhaal/"


def copy_of_the_repository(target: Path) -> Path:
    for name in ("scripts", "plugins", "theme"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pelicanconf.py", "publishconf.py", "requirements.txt", "vendor.json"):
        shutil.copyfile(ROOT / name, target / name)
    (target / ".cache").mkdir()
    (target / ".cache" / "vendor").symlink_to(ROOT / ".cache" / "vendor")  # the pinned Decap bundle
    write_minimal_content(target / "content")
    return target


class Server:
    """``build.py serve`` in a child process; its output collected line by line."""

    def __init__(self, tree: Path, port: int):
        self.port = port
        env = {**os.environ, "PYTHONPATH": str(tree / "plugins"), "SOURCE_DATE_EPOCH": str(int(BUILD_MOMENT.timestamp())),
               "BADGE_CACHE_PATH": str(BADGE_CACHE), "BADGE_SECRET": "test-geheim"}
        env.pop("SITEURL", None)
        self.process = subprocess.Popen(
            [sys.executable, str(tree / "scripts" / "build.py"), "serve", "--port", str(port)],
            cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def text(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            return 0, ""

    def wait(self, condition, what: str, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"serve died while waiting for {what}:\n{self.text()}"
            if condition():
                return
            time.sleep(0.25)
        pytest.fail(f"timed out waiting for {what}:\n{self.text()}")

    def failed_builds(self) -> int:
        return sum(1 for line in self.lines if line.startswith("De vorige goede site blijft te zien"))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)


def test_serve_survives_broken_edits_and_shows_the_next_good_one(tmp_path):
    tree = copy_of_the_repository(tmp_path / "site")
    server = Server(tree, free_port())
    story = tree / "content" / "stories" / "een-klein-verhaal.md"
    event = tree / "content" / "events" / "open-dag.md"
    template = tree / "theme" / "templates" / "article.html"
    plugin = tree / "plugins" / "stories" / "relations.py"
    good_event, good_template, good_plugin = event.read_text(), template.read_text(), plugin.read_text()

    def shows(title):
        def served() -> bool:
            status, body = server.get(STORY)
            return status == 200 and title in body
        return served

    def edit(path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")

    def break_with(path: Path, text: str, title: str, shown: str) -> None:
        """Break the site (and retitle the story in the same edit): the build fails, the old page stays."""
        failures = server.failed_builds()
        edit(story, MINIMAL_STORY.replace("Een klein verhaal", title))
        edit(path, text)
        server.wait(lambda: server.failed_builds() > failures, f"the failed build after breaking {path.name}")
        status, body = server.get(STORY)
        assert status == 200 and shown in body and title not in body

    try:
        server.wait(shows("Een klein verhaal"), "the first build")
        # 1. content the YAML loader cannot even read as a date
        break_with(event, good_event.replace("start: 2027-03-06T10:00:00+01:00", "start: 2027-02-30"),
                   "Titel bij een kapotte datum", "Een klein verhaal")
        edit(event, good_event)
        edit(story, MINIMAL_STORY.replace("Een klein verhaal", "Weer goed na de datum"))
        server.wait(shows("Weer goed na de datum"), "the good edit after the date")
        # 2. a template syntax error in the theme
        break_with(template, good_template + "\n{% if %}\n", "Titel bij een kapot thema", "Weer goed na de datum")
        edit(template, good_template)
        edit(story, MINIMAL_STORY.replace("Een klein verhaal", "Weer goed na het thema"))
        server.wait(shows("Weer goed na het thema"), "the good edit after the template")
        # 3. our own plugin code raises (a fresh process per build runs the edited code)
        break_with(plugin, good_plugin + "\nraise RuntimeError('kapotte plugin')\n", "Titel bij een kapotte plugin",
                   "Weer goed na het thema")
        assert any(line.startswith("build: interne fout in plugins/stories/relations.py:")
                   and "RuntimeError: kapotte plugin (details: --debug)" in line for line in server.lines), server.text()
        edit(plugin, good_plugin)
        edit(story, MINIMAL_STORY.replace("Een klein verhaal", "Weer goed na de plugin"))
        server.wait(shows("Weer goed na de plugin"), "the good edit after the plugin")
        assert "Traceback" not in server.text()
        assert server.process.poll() is None
    finally:
        server.stop()


def test_internal_errors_are_one_line_without_traceback_unless_debug(tmp_path):
    tree = copy_of_the_repository(tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(tree / "plugins"), "SOURCE_DATE_EPOCH": str(int(BUILD_MOMENT.timestamp())),
           "BADGE_CACHE_PATH": str(BADGE_CACHE)}

    def run(*args):
        return subprocess.run([sys.executable, str(tree / "scripts" / "build.py"), *args], cwd=tree, env=env,
                              capture_output=True, text=True, timeout=300)

    plugin = tree / "plugins" / "stories" / "relations.py"
    plugin.write_text(plugin.read_text() + "\nraise RuntimeError('kapotte plugin')\n", encoding="utf-8")
    checker = tree / "plugins" / "content_model" / "problems.py"  # imported by build.py itself
    good_checker = checker.read_text()
    for args in (["html"], ["publish"], ["check"]):
        if args == ["check"]:
            checker.write_text(good_checker + "\nraise KeyError('kapot model')\n", encoding="utf-8")
        result = run(*args)
        assert result.returncode != 0, args
        assert "Traceback" not in result.stdout + result.stderr, (args, result.stderr)
        internal = [line for line in result.stderr.splitlines() if line.startswith("build: interne fout in ")]
        assert len(internal) == 1 and internal[0].endswith("(details: --debug)"), (args, result.stderr)
        where = "plugins/content_model/problems.py:" if args == ["check"] else "plugins/stories/relations.py:"
        assert internal[0].startswith(f"build: interne fout in {where}"), internal
        debug = run(*args, "--debug")
        assert debug.returncode != 0 and "Traceback (most recent call last)" in debug.stderr, args
    assert not (tree / "output").exists()
