"""Build, check and serve the site: the commands behind ``make html|publish|check|serve``.

Content is validated first; every problem is printed as ``path:line:column: field: message``
and the build stops with exit status 1. Pelican builds into a fresh staging folder next to
``output/``; only when the build succeeded does it reach ``output/``, so a failed build never
damages the last good site. The first build swaps the whole folder in. Later builds are
incremental (``plugins/incremental``): a page, badge file, image or search shard whose inputs
did not change is kept where it is, and only what changed moves from staging into ``output/``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import hashlib
import logging
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from buildstamp import Stamp, environment, file_stamps, next_change, stamps_digest  # noqa: E402
from content_model.check import ContentChecker  # noqa: E402
from content_model.checkcache import CheckCache, cache_file  # noqa: E402
from content_model.problems import ContentError  # noqa: E402
from incremental.overlay import OutputOverlay  # noqa: E402
from nl_format.clock import now  # noqa: E402

logger = logging.getLogger("build")

# Code and settings: a change to any of these shapes every page.
CODE = [ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py", ROOT / "publishconf.py",
        ROOT / "scripts" / "build.py", ROOT / "scripts" / "buildstamp.py", ROOT / "requirements.txt", ROOT / "vendor.json"]
DOCUMENT_FOLDERS = {"stories", "pages", "profiles", "events"}


class ErrorCounter(logging.Handler):
    """Remembers every error Pelican or a plugin logs, so that the build can fail on them."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class ProblemFormatter(logging.Formatter):
    """``path:line:column: field: message`` lines stay bare; anything else gets its level in front."""

    PROBLEM = re.compile(r"^[^\s:]+:\d+:\d+: ")

    def format(self, record):
        message = record.getMessage()
        return message if self.PROBLEM.match(message) else f"{record.levelname}: {message}"


def check(content: Path, github: bool = False, cache: CheckCache | None = None, results: list | None = None) -> int:
    checked, problems = ContentChecker(content, cache=cache).check_all()
    if results is not None:
        results += checked
    if cache is not None:
        cache.save()
    for problem in problems:
        print(problem, file=sys.stderr)
        if github:
            print(problem.github_annotation())
    if problems:
        print(f"{len(problems)} probleem/problemen gevonden; er is niets gebouwd.", file=sys.stderr)
        return 1
    return 0


def build(config: Path, output: Path | None = None, quiet: bool = False, overrides: dict | None = None) -> int:
    """Validate, build into a temporary folder, and swap it in on success."""
    with _collector_for_a_build():
        return _build(config, output, quiet, overrides)


@contextlib.contextmanager
def _collector_for_a_build():
    """The garbage collector set for one build.

    A build makes millions of objects and few reference cycles. With Python's defaults the
    collector walks the whole heap again and again as it grows (a fifth of an incremental
    build at M scale). Young objects are therefore collected less often, and the context the
    generators made, which lives until the end, is frozen (see :func:`_run`): collections skip it.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.unfreeze()  # make serve builds again in this process: the old context may go
        gc.set_threshold(*thresholds)


def _build(config: Path, output: Path | None, quiet: bool, overrides: dict | None) -> int:
    from pelican import Pelican
    from pelican.settings import read_settings

    started = time.perf_counter()
    overrides = dict(overrides or {})
    settings = read_settings(str(config), override=overrides)
    content = Path(settings["PATH"])
    # Every file is checked once per build: the readers and generators reuse these results.
    cache_dir = (ROOT / settings["CACHE_PATH"]).parent
    checks = CheckCache(cache_file(cache_dir, content))
    results: list = []
    if check(content, github=bool(os.environ.get("GITHUB_ACTIONS")), cache=checks, results=results):
        return 1
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    # Nothing changed since the last build into this folder, and no event or story date has
    # passed since: the output is already what a build would write.
    tag = hashlib.sha256(str(output).encode()).hexdigest()[:12]
    stamp = Stamp(cache_dir / f"build-stamp-{tag}.json")
    extra = {"config": str(config), "overrides": repr(sorted(overrides.items())), **environment()}
    stamps = file_stamps([content, *CODE])  # one walk for the stamp and the baseline
    digest = stamps_digest(stamps, extra)
    moment = now()
    until = next_change([(r.kind, r.data) for r in results], moment)
    if stamp.fresh(digest, output, moment):
        if not quiet:
            print(f"Niets veranderd sinds de vorige build: {_display(output)}/ is al bij.")
        return 0
    stamp.clear()
    # What every page may depend on besides its own documents: code, theme, settings, the
    # reference data and images, and the calendar (the site changes at midnight and at every
    # event or story date). Pages are kept only while this stays the same.
    baseline = stamps_digest(stamps, {**extra, "until": until.isoformat()},
                             skip=functools.partial(_document_file, content))
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-build-", dir=output.parent))
    overlay = OutputOverlay(output, staging, cache_dir / f"output-manifest-{tag}.marshal", baseline)
    settings = read_settings(str(config), override={**overrides, "OUTPUT_PATH": str(staging),
                                                    "CONTENT_CHECK_CACHE": checks, "OUTPUT_OVERLAY": overlay,
                                                    "JINJA_ENVIRONMENT": _jinja_environment(settings)})
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        pelican = Pelican(settings)
        _run(pelican)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        counter.messages.append("content")
    except Exception as error:  # report in one line; never a traceback for content problems
        print(f"{_origin(error, config)}: build: {type(error).__name__}: {error}", file=sys.stderr)
        counter.messages.append(str(error))
    finally:
        logging.getLogger().removeHandler(counter)
    if counter.messages:
        overlay.discard()
        print("De build is mislukt; output/ is niet aangeraakt.", file=sys.stderr)
        return 1
    counts = overlay.commit()
    stamp.save(digest, output, until)
    if not quiet:
        how = (f"{counts['written']} bestanden geschreven, {counts['kept']} ongewijzigd, {counts['deleted']} verwijderd"
               if overlay.incremental else f"{counts['written']} bestanden")
        print(f"Gebouwd in {time.perf_counter() - started:.1f} s: {counts['pages']} HTML-pagina's in "
              f"{_display(output)}/ ({how}; {overlay.rendered} pagina's gerenderd, {overlay.skipped} niet nodig)")
    return 0


def _run(pelican) -> None:
    """Run Pelican; once the generators have made the context, the collector leaves it alone."""
    from pelican import signals

    def freeze(generators):
        gc.freeze()

    with signals.all_generators_finalized.connected_to(freeze):
        pelican.run()


def _document_file(content: Path, path: str) -> bool:
    """Stories, pages, profiles and events reach the pages as documents, fingerprinted one by one."""
    relative = os.path.relpath(path, content).split(os.sep)
    return relative[0] in DOCUMENT_FOLDERS and relative[-1].endswith((".md", ".yaml", ".yml"))


def _jinja_environment(settings: dict) -> dict:
    """The Jinja options plus a bytecode cache, so that templates are compiled once, not every build.

    Jinja keys cached code by template file and checks its source; the options that shape the
    compiled code name the folder, so other options never pick up stale code.
    """
    from jinja2 import FileSystemBytecodeCache

    options = dict(settings["JINJA_ENVIRONMENT"])
    shape = hashlib.sha256(repr(sorted((k, repr(v)) for k, v in options.items())).encode()).hexdigest()[:12]
    folder = Path(settings["CACHE_PATH"]).parent / f"jinja-{shape}"
    folder.mkdir(parents=True, exist_ok=True)
    return {**options, "bytecode_cache": FileSystemBytecodeCache(str(folder))}


def _origin(error: BaseException, config: Path) -> str:
    """``path:line:column`` of the template or project file where an unexpected error arose."""
    import traceback

    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.suffix in (".html", ".xml", ".txt") or (ROOT in path.parents and ".venv" not in path.parts):
            with contextlib.suppress(ValueError):
                path = path.relative_to(ROOT)
            return f"{path}:{frame.lineno or 1}:1"
    return f"{config.name}:1:1"


def _display(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(path.relative_to(Path.cwd()))
    return str(path)


def _snapshot(paths: list[Path]) -> dict[str, float]:
    stamps = {}
    for base in paths:
        if base.is_file():
            stamps[str(base)] = base.stat().st_mtime
            continue
        for path in base.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                stamps[str(path)] = path.stat().st_mtime
    return stamps


def serve(config: Path, port: int) -> int:
    """Build, serve output/ on localhost, and rebuild whenever a source file changes."""
    import http.server  # only here: a build does not need it

    from pelican.settings import read_settings

    settings = read_settings(str(config))
    output = Path(settings["OUTPUT_PATH"]).resolve()
    build(config)
    output.mkdir(parents=True, exist_ok=True)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            page = output / "404.html"
            if code == 404 and page.exists():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().send_error(code, message, explain)

    handler = functools.partial(Handler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"De site draait op http://localhost:{port}/ (stoppen met Ctrl+C). Wijzigingen worden direct gebouwd.")
    watched = [ROOT / "content", ROOT / "theme", ROOT / "plugins", config, ROOT / "pelicanconf.py"]
    stamps = _snapshot(watched)
    try:
        while True:
            time.sleep(0.7)
            current = _snapshot(watched)
            if current != stamps:
                stamps = current
                print("Wijziging gezien, opnieuw bouwen ...")
                build(config)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("html", "publish"):
        command = sub.add_parser(name)
        command.add_argument("--output", type=Path, help="build into this folder instead of output/")
        command.add_argument("--content", type=Path, help="read content from this folder instead of content/")
        command.add_argument("--cache", type=Path, help="keep caches in this folder instead of .cache/")
    check_parser = sub.add_parser("check")
    check_parser.add_argument("content", nargs="?", default=str(ROOT / "content"))
    check_parser.add_argument("--cache", type=Path, help="reuse earlier results kept in this folder (default .cache/ "
                                                          "for content/; none for other folders)")
    serve_parser = sub.add_parser("serve")
    serve_parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(ProblemFormatter())
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    for name in ("output", "content", "cache"):
        if getattr(args, name, None) is not None:
            setattr(args, name, Path(args.__dict__[name]).resolve())
    os.chdir(ROOT)
    if args.command == "check":
        content = Path(args.content).resolve()
        cache_dir = args.cache or (ROOT / ".cache" if content == (ROOT / "content").resolve() else None)
        cache = CheckCache(cache_file(cache_dir, content)) if cache_dir else None
        code = check(content, github=bool(os.environ.get("GITHUB_ACTIONS")), cache=cache)
        if code == 0:
            print("Alle content is in orde.")
        return code
    if args.command == "serve":
        return serve(ROOT / "pelicanconf.py", args.port)
    config = ROOT / ("publishconf.py" if args.command == "publish" else "pelicanconf.py")
    overrides = {}
    if args.content:
        overrides["PATH"] = str(args.content.resolve())
    if args.cache:
        overrides["CACHE_PATH"] = str((args.cache / f"pelican-{args.command}").resolve())
        overrides["IMAGE_CACHE_PATH"] = str((args.cache / "images").resolve())
        # badge renders are keyed by content hash, so one cache may serve many builds (the tests share one)
        overrides["BADGE_CACHE_PATH"] = os.environ.get("BADGE_CACHE_PATH") or str((args.cache / "badges").resolve())
    code = build(config, args.output, overrides=overrides)
    gc.freeze()  # the process ends here; Python's last collection skips frozen objects
    return code


if __name__ == "__main__":
    sys.exit(main())
