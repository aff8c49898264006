"""Shared helpers: real Pelican builds of real content into temporary folders."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import hashlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

# Speed is measured in make bench, never asserted: no Hypothesis deadline (a loaded CI machine overran it).
settings.register_profile("project", deadline=None)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parent.parent
SITEURL = "https://example.test/campagne"
SITE_PATH = urlsplit(SITEURL).path  # where a published page's links to its own site start (publishconf.LINKS_FROM_ROOT)
# "Today" for every test build: 21 November 2026, noon in Amsterdam.
BUILD_MOMENT = dt.datetime(2026, 11, 21, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
# Badge renders, image variants and the costly compressed copies are content-addressed (named by the hash of
# their inputs and of the code that makes them), so every test build may share one cache of each (safe across
# processes). Tests of the caches themselves build a project copy with caches of its own (build_copy).
BADGE_CACHE = Path(tempfile.gettempdir()) / "dkva-test-badge-cache"
IMAGE_CACHE = Path(tempfile.gettempdir()) / "dkva-test-image-cache"
COMPRESS_CACHE = Path(tempfile.gettempdir()) / "dkva-test-compress-cache"
# Compiled templates: Jinja keys them by template file and checks their source (build.py's _jinja_environment).
JINJA_CACHE = Path(tempfile.gettempdir()) / "dkva-test-jinja-cache"
SHARED_CACHES = {"BADGE_CACHE_PATH": str(BADGE_CACHE), "IMAGE_CACHE_PATH": str(IMAGE_CACHE),
                 "COMPRESS_CACHE_PATH": str(COMPRESS_CACHE), "JINJA_CACHE_PATH": str(JINJA_CACHE)}


def site_file(output: Path, url: str) -> Path | None:
    """The file in ``output`` behind a URL of the test site, or None for a URL elsewhere: absolute
    (``SITEURL/…``, as a development build and the documents for other sites name it) or from the server's
    root (``SITE_PATH/…``, as published pages link); without its query and fragment; a folder's
    ``index.html`` for a URL that ends in ``/``."""
    url = urldefrag(url)[0].split("?", 1)[0]
    for start in (SITEURL, SITE_PATH):
        if url == start or url.startswith(start + "/"):
            rest = url[len(start):].lstrip("/")
            return output / rest / "index.html" if rest == "" or rest.endswith("/") else output / rest
    return None


def free_port() -> int:
    """A port nothing listens on now (never 8000, the default of ``make serve``)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert port != 8000
    return port


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def file(self, url_path: str) -> Path:
        """The output file behind a site path such as ``verhalen/`` or ``agenda.ics``."""
        path = self.output / url_path.lstrip("/")
        return path / "index.html" if url_path.endswith("/") or url_path == "" else path

    def at(self, url: str) -> Path:
        """The output file behind a URL of the test site (see :func:`site_file`)."""
        path = site_file(self.output, url)
        assert path is not None, f"{url} is not a URL of the test site"
        return path

    def page(self, url_path: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(url_path).read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


def as_typed(text: str) -> str:
    """Page text with the site's typography undone (nl_format.typography: ’ for ', a word joiner
    in ’s-Hertogenbosch), to compare with what editors typed in the content."""
    return text.replace("\u2019", "'").replace("\u2060", "")


BUILD_SCRIPT = str(ROOT / "scripts" / "build.py")


def run_build(output: Path, *, command: str = "html", content: Path | None = None, cache: Path | None = None,
              siteurl: str = SITEURL, env: dict | None = None, timeout: int = 180) -> Build:
    """Run ``scripts/build.py`` as ``make html``/``make publish`` do, in a subprocess."""
    args, environment = build_command(output, command=command, content=content, cache=cache, siteurl=siteurl, env=env)
    result = run_whole(args, env=environment, timeout=timeout, cwd=ROOT)
    return Build(result.returncode, result.stdout, result.stderr, output)


def build_command(output: Path, *, command: str = "html", content: Path | None = None, cache: Path | None = None,
                  siteurl: str = SITEURL, env: dict | None = None) -> tuple[list[str], dict]:
    """The command line and environment of :func:`run_build`."""
    args = [sys.executable, BUILD_SCRIPT, command, "--output", str(output)]
    if content is not None:
        args += ["--content", str(content)]
    args += ["--cache", str(cache or output.parent / ".cache")]
    environment = {
        **os.environ,
        "SITEURL": siteurl,
        "SOURCE_DATE_EPOCH": str(int(BUILD_MOMENT.timestamp())),
        "BADGE_SECRET": "test-geheim",
        **SHARED_CACHES,
        "PYTHONPATH": str(ROOT / "plugins"),
        **(env or {}),
    }
    environment.pop("GITHUB_ACTIONS", None)
    if "DIRECTORY_INDEX_LIMIT" not in (env or {}):
        environment.pop("DIRECTORY_INDEX_LIMIT", None)  # the settings' own limit unless a test sets one
    return args, environment


def run_whole(args: list[str], *, env: dict, timeout: int, cwd: Path) -> subprocess.CompletedProcess:
    """``subprocess.run`` of a build in a session of its own: on a timeout the build and its worker
    processes are stopped together (a killed build would leave its workers running and slow every
    later test); the timeout is then raised as subprocess.run raises it. A run of this repository's
    ``scripts/build.py`` is forked from the worker's build server (tests/buildserver.py: the same
    process but for the imports, done once); any other command (a project copy's build) is started."""
    if args[:2] == [sys.executable, BUILD_SCRIPT] and Path(cwd) == ROOT and env.get("PYTHONPATH") == str(ROOT / "plugins"):
        return build_server().run(args, env=env, timeout=timeout, cwd=cwd)
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
                          start_new_session=True) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


class BuildServer:
    """The client of one xdist worker's build server (tests/buildserver.py), started when first used."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("buildserver.py"))], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})
        self.folder = Path(tempfile.mkdtemp(prefix="dkva-build-server-"))
        self.lock = threading.Lock()  # one run at a time: the server forks, then waits for its child

    def _reply(self, timeout: float | None) -> dict | None:
        if timeout is not None and not select.select([self.process.stdout], [], [], max(timeout, 0))[0]:
            return None
        line = self.process.stdout.readline()
        assert line, f"the build server stopped (status {self.process.poll()})"
        return json.loads(line)

    def run(self, args: list[str], *, env: dict, timeout: float, cwd: Path) -> subprocess.CompletedProcess:
        with self.lock:
            return self._run(args, env=env, timeout=timeout, cwd=cwd)

    def _run(self, args: list[str], *, env: dict, timeout: float, cwd: Path) -> subprocess.CompletedProcess:
        out, err = self.folder / "stdout", self.folder / "stderr"
        request = {"argv": [args[1], *args[2:]], "env": dict(env), "cwd": str(cwd), "stdout": str(out), "stderr": str(err)}
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()
        started = time.monotonic()
        pid = self._reply(None)["pid"]
        reply = self._reply(timeout - (time.monotonic() - started))
        if reply is None:  # stop the build and its workers, as run_whole does, and let the server reap it
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            self._reply(None)
            raise subprocess.TimeoutExpired(args, timeout)
        return subprocess.CompletedProcess(args, reply["status"], out.read_text(encoding="utf-8", errors="replace"),
                                           err.read_text(encoding="utf-8", errors="replace"))


@functools.cache
def build_server() -> BuildServer:
    return BuildServer()


def run_check(content: Path, env: dict | None = None, timeout: int = 60) -> subprocess.CompletedProcess:
    return run_whole([sys.executable, BUILD_SCRIPT, "check", str(content)], cwd=ROOT, timeout=timeout,
                     env={**os.environ, "PYTHONPATH": str(ROOT / "plugins"), **(env or {})})


def tree_digest(folder: Path) -> str:
    """A digest of every file's path and bytes below ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def shared_build(tmp_path_factory, name: str, **options) -> Build:
    """``run_build(**options)`` once per test run, not once per xdist worker: the first worker to ask
    builds (holding a lock), the others wait for it and read the same output. Read-only for the tests
    (a test that changes a site builds or copies its own)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above every worker's own
    folder = base / f"shared-{name}"
    folder.mkdir(exist_ok=True)
    result = folder / "result.json"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.is_file():
            build = run_build(folder / "output", **options)
            result.write_text(json.dumps([build.returncode, build.stdout, build.stderr]), encoding="utf-8")
    returncode, stdout, stderr = json.loads(result.read_text(encoding="utf-8"))
    return Build(returncode, stdout, stderr, folder / "output")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Build:
    """The repository's own content, built as ``make html`` does, with a SITEURL that has a path."""
    build = shared_build(tmp_path_factory, "example", content=ROOT / "content")
    assert build.ok, build.stderr
    return build


# A directory limit below the example content's size, so that the index links to one page per
# initial and the initials with more profiles than this are paginated (pelicanconf.py).
SMALL_DIRECTORY_LIMIT = 2
QR_BATCH_IN_TESTS = 2


@pytest.fixture(scope="session")
def paged_directory_site(tmp_path_factory) -> Build:
    """The repository's own content with DIRECTORY_INDEX_LIMIT lowered: the large directory's A-Z pages.
    Its kit pages' QR codes are made on the build's workers in jobs of two (BADGE_QR_BATCH), as a cold
    build with 100 or more kits makes them (test_badges_site compares its kit pages with example_site's)."""
    build = shared_build(tmp_path_factory, "paged-directory", content=ROOT / "content",
                         env={"DIRECTORY_INDEX_LIMIT": str(SMALL_DIRECTORY_LIMIT), "BADGE_QR_BATCH": str(QR_BATCH_IN_TESTS)})
    assert build.ok, build.stderr
    return build


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Build:
    """The repository's own content, built as ``make publish`` does."""
    build = shared_build(tmp_path_factory, "published", command="publish", content=ROOT / "content")
    assert build.ok, build.stderr
    return build


MINIMAL_STORY = """---
title: "Een klein verhaal"
date: 2026-01-05
summary: "Een korte samenvatting."
crafts: [smeden]
region: utrecht
image: images/foto.jpg
image_alt: "Een smidse"
---
Tekst van het verhaal.
"""
MINIMAL_PAGE = """---
title: "Over"
summary: "Over de campagne."
---
Tekst.
"""
MINIMAL_HOME = """---
title: "De kracht van ambacht"
summary: "De campagne."
template: home
---
Welkom.
"""
MINIMAL_PROFILE = """name: "Jan de Vries"
type: ambachtsmens
crafts: [smeden]
region: utrecht
place: "Utrecht"
photo: images/profiles/jan-de-vries.jpg
photo_alt: "Jan in de smidse"
website: https://example.nl
email: jan@example.nl
consent:
  date: 2026-01-01
  scope: [profiel, foto, badge, open-data]
"""
MINIMAL_EVENT = """---
title: "Open dag"
start: 2027-03-06T10:00:00+01:00
end: 2027-03-06T16:00:00+01:00
location: "Utrecht"
summary: "Kom kijken."
---
Programma.
"""


def make_jpeg(path: Path, size=(640, 400), exif: bool = True, color=(170, 80, 40)) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, color)
    data = image.getexif()
    if exif:
        data[0x010F] = "ExampleCam"  # Make
        gps = data.get_ifd(0x8825)
        gps[1], gps[2] = "N", (52.0, 5.0, 0.0)
    image.save(path, "JPEG", exif=data.tobytes() if exif else b"")


def write_minimal_content(content: Path) -> Path:
    """Write a small valid content tree: reference data, home, a page, a story with an image, an event."""
    shutil.copytree(ROOT / "content" / "data", content / "data")
    (content / "stories").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "events").mkdir()
    (content / "profiles").mkdir()
    (content / "profiles" / "jan-de-vries.yaml").write_text(MINIMAL_PROFILE, encoding="utf-8")
    (content / "stories" / "een-klein-verhaal.md").write_text(MINIMAL_STORY, encoding="utf-8")
    (content / "pages" / "home.md").write_text(MINIMAL_HOME, encoding="utf-8")
    (content / "pages" / "over.md").write_text(MINIMAL_PAGE, encoding="utf-8")
    (content / "events" / "open-dag.md").write_text(MINIMAL_EVENT, encoding="utf-8")
    make_jpeg(content / "images" / "foto.jpg")
    make_jpeg(content / "images" / "profiles" / "jan-de-vries.jpg", size=(480, 600), color=(60, 90, 120))
    return content


@pytest.fixture
def minimal_content(tmp_path) -> Path:
    """A small valid content tree (see :func:`write_minimal_content`)."""
    return write_minimal_content(tmp_path / "content")


@pytest.fixture(scope="module")
def fonts():
    """The badge drawing's fonts, once per module: loading them is the slow part of its unit tests."""
    from badges.fonts import FontSet

    return FontSet()


@pytest.fixture(scope="module")
def designer(fonts):
    from badges.designs import Designer

    return Designer(fonts)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser. One per worker: every visit
    opens a context of its own (browser_support.visit), so tests share no page, storage or cookie."""
    from browser_support import CHROMIUM, LAUNCH_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


# --- Builds from a copy of the project (tests that edit code, templates, fonts or settings) ----------------

COPIED = ("plugins", "theme", "scripts", "pelicanconf.py", "publishconf.py", "requirements.txt", "vendor.json")
LINKED = (".cache/vendor", "tools")  # large and read-only here: the pinned npm bundles


def project_copy(base: Path) -> Path:
    """A copy of the project's code, theme and settings, to edit in a test; the npm bundles are linked."""
    project = base / "project"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    for name in LINKED:
        if (ROOT / name).exists():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            (project / name).symlink_to(ROOT / name)
    return project


def build_copy(project: Path, content: Path, output: Path, cache: Path, moment: int | None = None,
               key: Path | None = None) -> str:
    """``make html`` of a project copy (its own plugins, theme, settings) with caches of its own only.

    ``moment`` is the build's clock (seconds); ``key`` the Open Badges 3.0 development key file (two
    builds compared byte for byte must sign with the same key).

    One cache is shared all the same: the precompressed copies (``COMPRESS_CACHE_PATH``). It holds no
    build state, only pure functions of bytes: each file is named by the digest of its original and of
    the compressing code of the build that made it (``assets.compress.cached_copy``; the copy's own
    module, so an edit to it names new files). Without it every build of a copy would compress the
    vendored Decap bundle and the assets at Brotli's best quality again, about 5 CPU-seconds each."""
    environment = {**os.environ, "SITEURL": SITEURL,
                   "SOURCE_DATE_EPOCH": str(moment if moment is not None else int(BUILD_MOMENT.timestamp())),
                   "BADGE_SECRET": "test-geheim", "PYTHONPATH": str(project / "plugins"),
                   "BADGE_DEV_KEY_PATH": str(key or cache / "dev-key")}
    for name in (*SHARED_CACHES, "GITHUB_ACTIONS", "DIRECTORY_INDEX_LIMIT"):
        environment.pop(name, None)  # the caches of this test only
    environment["COMPRESS_CACHE_PATH"] = str(COMPRESS_CACHE)
    result = run_whole([sys.executable, str(project / "scripts" / "build.py"), "html", "--content", str(content),
                        "--output", str(output), "--cache", str(cache)], env=environment, cwd=project, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


# --- Scheduling on xdist workers (`make test`: -n auto) ----------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Order only, never select: the tests marked ``long`` (half a minute or more each) start first, so
    that no worker is left running one at the end while the other has nothing to do. ``make test``
    schedules with ``--dist worksteal``: each worker starts with a consecutive half of the tests (a
    module's fixtures mostly stay on one worker) and a worker that runs out takes half of what the other
    still has queued. (With xdist's default ``load``, one worker was left with 200 s of queued site tests
    while the other had finished. Its ``xdist_group`` marks have no effect with pytest 9.2, which no
    longer reads an item's ``_nodeid``.)"""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)  # stable: otherwise as collected
