"""Build, check and serve the site: the commands behind ``make html|publish|check|serve``.

Content is validated first; every problem is printed as ``path:line:column: field: message``
and the build stops with exit status 1. Pelican builds into a fresh staging folder next to
``output/``; only when the build succeeded does it reach ``output/``, so a failed build never
damages the last good site. The first build swaps the whole folder in. Later builds are
incremental (``plugins/incremental``): a page, badge file, image or search shard whose inputs
did not change is kept where it is, and only what changed moves from staging into ``output/``.

``serve`` runs every build in a fresh process, so a broken edit (or a bug) never stops the server.
An unexpected exception anywhere is one line, ``build: interne fout in <where>: <type>: <message>``;
``--debug`` adds its traceback, and prints one line per page rendered again saying why (which input
changed: a content file, a shared list, the template, plugin code, settings, the clock; ``incremental.explain``).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import hashlib
import importlib
import logging
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _origin(error: BaseException, config: Path) -> str:
    """``path:line:column`` of the template or project file where an unexpected error arose."""
    import traceback

    def shown(path: Path) -> Path:
        with contextlib.suppress(ValueError):
            return path.relative_to(ROOT)
        return path

    if isinstance(error, SyntaxError) and error.filename and Path(error.filename).is_file():
        # the broken file itself, not the import that met it
        return f"{shown(Path(error.filename).resolve())}:{error.lineno or 1}:{error.offset or 1}"
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.suffix in (".html", ".xml", ".txt") or (ROOT in path.parents and ".venv" not in path.parts):
            return f"{shown(path)}:{frame.lineno or 1}:1"
    return f"{config.name}:1:1"


def internal_error(error: BaseException, config: Path | None = None) -> None:
    """An unexpected exception as ONE line naming where it arose; the traceback only with --debug."""
    text = error.msg if isinstance(error, SyntaxError) and error.msg else str(error)  # its place is in `where`
    message = " ".join(text.split()) or "-"
    where = _origin(error, config or ROOT / "pelicanconf.py")
    print(f"build: interne fout in {where}: {type(error).__name__}: {message} (details: --debug)", file=sys.stderr)
    if _debugging():
        import traceback

        traceback.print_exception(error, file=sys.stderr)


def _debugging() -> bool:
    """``--debug``: tracebacks of internal errors, and why each page was rendered again."""
    return bool(os.environ.get("BUILD_DEBUG")) or "--debug" in sys.argv


try:  # our own modules: a bug in one of them is one line too, not a traceback
    from buildstamp import Stamp, environment, file_stamps, next_change, stamps_digest
    from content_model.check import ContentChecker
    from content_model.checkcache import CheckCache, cache_file
    from content_model.problems import ContentError
    from incremental.explain import baseline_parts, document_stamps
    from incremental.overlay import OutputOverlay
    from infra.cachekey import code_digest
    from infra.contracts import contract_problems
    from infra.files import atomic_write
    from infra.plugins import ContractWatch, plugin_contracts, plugins_place
    from infra.scope import Build
    from nl_format.clock import now
except Exception as error:
    if __name__ != "__main__":
        raise
    internal_error(error)
    sys.exit(1)

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


def check(content: Path, github: bool = False, cache: CheckCache | None = None, results: list | None = None,
          workers=None) -> int:
    """Check all content; print every problem. ``workers`` (a build's) check what the cache lacks in parallel."""
    from responsive_images.pipeline import start_map

    start = functools.partial(start_map, shared=workers) if workers is not None else None
    checked, problems = ContentChecker(content, cache=cache).check_all(start)
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
    from responsive_images.pipeline import Workers

    # one set of worker processes for every step that works in parallel (the content check of a first
    # build, badges, drawing data, photos), started when first needed
    workers = Workers()
    try:
        with _collector_for_a_build():
            return _build(config, output, quiet, overrides, workers)
    finally:
        workers.close()


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
        gc.unfreeze()  # a caller that builds again in this process may drop the old context
        gc.set_threshold(*thresholds)


def _build(config: Path, output: Path | None, quiet: bool, overrides: dict | None, workers) -> int:
    from pelican.settings import read_settings

    started = time.perf_counter()
    overrides = dict(overrides or {})
    settings = read_settings(str(config), override=overrides)
    # The enabled plugins' declared contracts hold together (infra.contracts), whatever their order.
    contracts = plugin_contracts(settings["PLUGINS"])
    broken = contract_problems(contracts, plugins_place(config))
    pelican_class, problem = _pelican_class(settings, config)
    if problem:
        broken.append(problem)
    for problem in broken:
        print(problem, file=sys.stderr)
    if broken:
        return 1
    content = Path(settings["PATH"])
    # Every file is checked once per build: the readers and generators reuse these results.
    cache_dir = (ROOT / settings["CACHE_PATH"]).parent
    checks = CheckCache(cache_file(cache_dir, content))
    results: list = []
    if check(content, github=bool(os.environ.get("GITHUB_ACTIONS")), cache=checks, results=results, workers=workers):
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
    # Pelican's reader cache holds documents as the plugins' readers and signals made them; it knows
    # file stamps only. It is loaded only when made by the same plugins and settings (the one cache rule).
    reader_code = code_digest(ROOT / "plugins", config)
    reader_marker = ROOT / settings["CACHE_PATH"] / "made-by.txt"
    same_code = reader_marker.is_file() and reader_marker.read_text(encoding="ascii") == reader_code
    if not same_code:
        overrides["LOAD_CONTENT_CACHE"] = False
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-build-", dir=output.parent))
    is_document = functools.partial(_document_file, content)
    overlay = OutputOverlay(output, staging, cache_dir / f"output-manifest-{tag}.marshal", baseline,
                            baseline_parts=baseline_parts(stamps, str(ROOT), str(content), extra, until.isoformat(),
                                                          is_document),
                            documents=document_stamps(stamps, str(content), is_document), explain=_debugging())
    jinja = _jinja_environment(settings)
    # which variables each template reads (incremental.writer), kept beside the compiled templates
    settings = read_settings(str(config), override={**overrides, "OUTPUT_PATH": str(staging), "JINJA_ENVIRONMENT": jinja,
                                                    "TEMPLATE_NAMES_CACHE_PATH": str(
                                                        Path(jinja["bytecode_cache"].directory) / "template-names")})
    # the objects of this build reach the plugins through the Pelican object and the context, never
    # through the settings, which Pelican pickles into its content cache (infra.scope)
    build_objects = Build(check_cache=checks, overlay=overlay, workers=workers)
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        pelican = pelican_class(settings, build_objects)
        _run(pelican, ContractWatch(contracts))
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        counter.messages.append("content")
    except Exception as error:  # a bug (ours or a library's): one line, the traceback only with --debug
        internal_error(error, config)
        counter.messages.append(str(error))
    finally:
        workers.close()
        logging.getLogger().removeHandler(counter)
    if counter.messages:
        overlay.discard()
        print("De build is mislukt; output/ is niet aangeraakt.", file=sys.stderr)
        return 1
    counts = overlay.commit()
    if not same_code:
        atomic_write(reader_marker, reader_code)
    stamp.save(digest, output, until)
    for name, reason in sorted(overlay.reasons.items()):  # --debug: why each page was rendered again
        print(f"rendered again: {name}: {reason}")
    if not quiet:
        how = (f"{counts['written']} bestanden geschreven, {counts['kept']} ongewijzigd, {counts['deleted']} verwijderd"
               if overlay.incremental else f"{counts['written']} bestanden")
        print(f"Gebouwd in {time.perf_counter() - started:.1f} s: {counts['pages']} HTML-pagina's in "
              f"{_display(output)}/ ({how}; {overlay.rendered} pagina's gerenderd, {overlay.skipped} niet nodig)")
    return 0


def _pelican_class(settings: dict, config: Path) -> tuple[type | None, str | None]:
    """The settings' ``PELICAN_CLASS``, as Pelican itself resolves it; it must own the build's objects
    (``infra.ScopedPelican`` or a subclass), or the build stops with one line saying so."""
    from infra.run import ScopedPelican

    name = settings["PELICAN_CLASS"]
    text = config.read_text(encoding="utf-8")
    found = re.search(r"^PELICAN_CLASS\s*=", text, flags=re.M)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    where = f"{_display(config)}:{line}:1"
    try:
        if isinstance(name, str):
            module, _, attribute = name.rpartition(".")
            cls = getattr(importlib.import_module(module), attribute)
        else:
            cls = name
    except (ImportError, AttributeError, ValueError) as error:
        return None, f"{where}: PELICAN_CLASS: {name!r} is niet te laden ({error})"
    if not (isinstance(cls, type) and issubclass(cls, ScopedPelican)):
        return None, (f"{where}: PELICAN_CLASS: {name!r} moet infra.ScopedPelican zijn of daarvan "
                      "afstammen (die klasse draagt de objecten van de build)")
    return cls, None


def _run(pelican, watch: ContractWatch) -> None:
    """Run Pelican, each generator held to its plugin's contract; once the generators have made the
    context, the collector leaves it alone."""
    from pelican import signals

    def freeze(generators):
        gc.freeze()

    with signals.all_generators_finalized.connected_to(freeze), signals.generator_init.connected_to(watch.generator_init):
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
    from incremental.portable import link_style
    from jinja2 import FileSystemBytecodeCache

    options = dict(settings["JINJA_ENVIRONMENT"])
    # the extensions the plugins add shape the compiled code too: typography (nl_format.templates) and the
    # templates' indentation left out (nl_format.compact) always,
    # portable URLs (incremental.templates) in a portable or published build
    links = link_style(settings) is not None
    extensions = code_digest(ROOT / "plugins" / "nl_format", ROOT / "plugins" / "incremental" / "templates.py",
                             ROOT / "plugins" / "incremental" / "portable.py", repr(links))
    shape = hashlib.sha256(repr((sorted((k, repr(v)) for k, v in options.items()), extensions)).encode()).hexdigest()[:12]
    # JINJA_CACHE_PATH: a folder shared by many builds (the tests'); Jinja checks each template's source
    folder = Path(os.environ.get("JINJA_CACHE_PATH") or Path(settings["CACHE_PATH"]).parent) / f"jinja-{shape}"
    folder.mkdir(parents=True, exist_ok=True)
    return {**options, "bytecode_cache": FileSystemBytecodeCache(str(folder))}


def _display(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(path.relative_to(Path.cwd()))
    return str(path)


def serve(config: Path, port: int, build_args: list[str]) -> int:
    """Build, serve the output on localhost, and build again whenever a source file changes.

    Every build runs in a fresh process (``build.py html``): whatever goes wrong in it (a content
    problem, a broken template, a plugin that raises, even a crash) ends that process only. Its
    problems are printed, the last good site stays served, and the next good edit is live again.
    A fresh process also never runs stale plugin code after an edit."""
    import http.server  # only here: a build does not need it
    import subprocess

    from watchfiles import DefaultFilter, watch

    os.environ.setdefault("SITEURL", f"http://localhost:{port}")  # the site's links point at this server
    output = _option(build_args, "--output") or _output_folder(config)
    content = _option(build_args, "--content") or ROOT / "content"
    command = [sys.executable, str(Path(__file__).resolve()), "html", *build_args]

    def rebuild() -> None:
        code = subprocess.run(command, cwd=ROOT, check=False).returncode
        if code != 0:
            print(f"De vorige goede site blijft te zien op http://localhost:{port}/.", file=sys.stderr)

    rebuild()
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
    print(f"De site draait op http://localhost:{port}/ (stoppen met Ctrl+C). Wijzigingen worden direct gebouwd.",
          flush=True)
    watched = [p for p in (content, ROOT / "theme", ROOT / "plugins", ROOT / "scripts", config,
                           ROOT / "pelicanconf.py") if p.exists()]
    try:
        for _ in watch(*watched, watch_filter=DefaultFilter(), debounce=300, step=50):
            print("Wijziging gezien, opnieuw bouwen ...", flush=True)
            rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def _option(args: list[str], name: str) -> Path | None:
    return Path(args[args.index(name) + 1]) if name in args else None


def _output_folder(config: Path) -> Path:
    """The output folder the settings name (``output/``)."""
    from pelican.settings import read_settings

    return Path(read_settings(str(config))["OUTPUT_PATH"]).resolve()


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
    for name in ("output", "content", "cache"):
        serve_parser.add_argument(f"--{name}", type=Path, help=f"as for html: the {name} folder")
    for command in sub.choices.values():
        command.add_argument("--debug", action="store_true",
                             help="show the traceback of an internal error, and why each page was rendered again")
    args = parser.parse_args(argv)
    if args.debug:
        os.environ["BUILD_DEBUG"] = "1"  # also for the builds that serve starts
    handler = logging.StreamHandler()
    handler.setFormatter(ProblemFormatter())
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    for name in ("output", "content", "cache"):
        if getattr(args, name, None) is not None:
            setattr(args, name, Path(args.__dict__[name]).resolve())
    os.chdir(ROOT)
    try:
        return _command(args)
    except Exception as error:  # a bug: one line naming it, never a traceback (unless --debug)
        internal_error(error)
        return 1


def _command(args) -> int:
    if args.command == "check":
        content = Path(args.content).resolve()
        cache_dir = args.cache or (ROOT / ".cache" if content == (ROOT / "content").resolve() else None)
        cache = CheckCache(cache_file(cache_dir, content)) if cache_dir else None
        code = check(content, github=bool(os.environ.get("GITHUB_ACTIONS")), cache=cache)
        if code == 0:
            print("Alle content is in orde.")
        return code
    if args.command == "serve":
        folders = [item for name in ("output", "content", "cache") if getattr(args, name) is not None
                   for item in (f"--{name}", str(getattr(args, name)))]
        return serve(ROOT / "pelicanconf.py", args.port, folders)
    config = ROOT / ("publishconf.py" if args.command == "publish" else "pelicanconf.py")
    overrides = {}
    if args.content:
        overrides["PATH"] = str(args.content.resolve())
    if args.cache:
        overrides["CACHE_PATH"] = str((args.cache / f"pelican-{args.command}").resolve())
        # badge renders, image variants and compressed copies are named by the hash of their inputs and
        # code (infra.cachekey), so one cache may serve many builds: the tests share one of each
        overrides["IMAGE_CACHE_PATH"] = os.environ.get("IMAGE_CACHE_PATH") or str((args.cache / "images").resolve())
        overrides["BADGE_CACHE_PATH"] = os.environ.get("BADGE_CACHE_PATH") or str((args.cache / "badges").resolve())
        overrides["COMPRESS_CACHE_PATH"] = (os.environ.get("COMPRESS_CACHE_PATH")
                                            or str((args.cache / "compressed").resolve()))
    code = build(config, args.output, overrides=overrides)
    gc.freeze()  # the process ends here; Python's last collection skips frozen objects
    return code


if __name__ == "__main__":
    sys.exit(main())
