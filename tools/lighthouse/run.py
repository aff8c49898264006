"""``make lighthouse``: Lighthouse on every page type of a local publish build.

Builds the site with ``publishconf.py`` for ``https://127.0.0.1:<port>`` (unless ``--output``
names a built site), serves it as production does (``scripts/preview_server.py``: Debian's nginx
over HTTPS and HTTP/2 with the site's own snippet, ``deploy/nginx-headers.conf``: CSP, caching, the
precompressed copies; a certificate made for the run), and runs the pinned Lighthouse from
``tools/lighthouse/node_modules`` against Debian's chromium, mobile preset with simulated
throttling, one page type at a time. Prints the four category scores per page type and every
audit that cost points, writes them to ``bench/lighthouse.json`` (``make bench`` includes it)
and exits 1 when any score is below 100 (apart from the deliberate exceptions in ``ACCEPTED``).
Also measures, in the same Chromium, the unused share of each page's CSS (rule coverage at 412 px).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from assets.usage import split_selector_list  # the project's packages are installed (editable) in .venv

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from preview_server import serve  # noqa: E402  (production's nginx and header snippet)

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGE_TIMEOUT = 240  # seconds for one Lighthouse run (the whole run is bounded by the page count)
# A page type whose first run misses 100 is measured twice more and the median run (by
# performance) counts, as Lighthouse CI does: the CPU-bound metrics (total blocking time) vary
# with the load of the machine, which Lighthouse reports as its benchmark index.
RUNS_WHEN_SHORT = 3
FACET_KINDS = {"a-z", "ambacht", "regio", "type", "aanbod"}
OTHER_MEDIA = re.compile(r"/theme/assets/(?:print|forced-colors)\.[0-9a-f]+\.css$")

# Audits that fail by design on one page type, with the reason (printed with the scores).
ACCEPTED = {
    "404": {"is-crawlable": "the error page is noindex on purpose: an error page must not be in a search index"},
}


def _first(output: Path, folder: str, skip=frozenset(), prefer: str | None = None) -> str | None:
    """The first page in a sub-folder of ``folder`` (sorted), preferring one whose HTML holds ``prefer``."""
    base = output / folder
    if not base.is_dir():
        return None
    pages = sorted(p for p in base.iterdir() if p.name not in skip and (p / "index.html").is_file())
    if prefer:
        pages = sorted(pages, key=lambda p: prefer not in (p / "index.html").read_text(encoding="utf-8"))
    return f"{folder}/{pages[0].name}/" if pages else None


def page_types(output: Path) -> dict[str, str]:
    """One URL path per page type of the built site."""
    facet_folder = "ambachtengids/ambacht"
    found = {
        "home": "",
        "story": _first(output, "verhalen", {"pagina"}, prefer="<picture"),
        "story index": "verhalen/",
        "campaign page": "over/",
        "theme page": "communicatie/",
        "agenda": "agenda/",
        "event": _first(output, "agenda"),
        "ambachtengids": "ambachtengids/",
        "facet": _first(output, facet_folder),
        "profile": _first(output, "ambachtengids", FACET_KINDS, prefer="<picture"),
        "badge kit": _first(output, "badges"),
        "badges page": "badges/",
        "search": "zoeken/",
        "open data": "open-data/",
        "404": "404.html",
    }
    return {name: path for name, path in found.items()
            if path is not None and (output / (path + "index.html" if path == "" or path.endswith("/") else path)).is_file()}


def build(output: Path, cache: Path, port: int) -> None:
    env = {**os.environ, "SITEURL": f"https://127.0.0.1:{port}", "PYTHONPATH": str(ROOT / "plugins")}
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "publish", "--output", str(output),
                    "--cache", str(cache)], check=True, cwd=ROOT, env=env)


def lighthouse(url: str, report: Path, attempts: int = 2) -> dict:
    """One Lighthouse run; once more if Lighthouse itself fails (on a loaded machine it may lose
    the trace: NO_NAVSTART)."""
    for attempt in range(1, attempts + 1):
        try:
            return _lighthouse(url, report)
        except subprocess.SubprocessError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def _lighthouse(url: str, report: Path) -> dict:
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               "--form-factor=mobile", "--throttling-method=simulate", "--max-wait-for-load=45000",
               f"--only-categories={','.join(CATEGORIES)}",
               # the run's own certificate (scripts/preview_server.py)
               "--chrome-flags=--headless=new --no-sandbox --ignore-certificate-errors"]
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, timeout=PAGE_TIMEOUT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise subprocess.SubprocessError(f"lighthouse exit {done.returncode}: {' | '.join(lines[-3:])}")
    return json.loads(report.read_text(encoding="utf-8"))


def summarise(result: dict) -> dict:
    """Scores (0-100), the audits that cost points per category, and the figures worth keeping."""
    audits = result["audits"]
    scores, lost = {}, {}
    for name in CATEGORIES:
        category = result["categories"][name]
        scores[name] = round((category["score"] or 0) * 100)
        lost[name] = sorted(ref["id"] for ref in category["auditRefs"]
                            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None
                            and audits[ref["id"]]["score"] < 1)
    metrics = {key: audits[key].get("numericValue") for key in
               ("first-contentful-paint", "largest-contentful-paint", "cumulative-layout-shift", "total-blocking-time")}
    blocking = audits.get("render-blocking-resources", {}).get("details", {}).get("items", [])
    unused_css = audits.get("unused-css-rules", {}).get("details", {}).get("items", [])
    return {"scores": scores, "lost": lost, "metrics": metrics,
            "render_blocking_bytes": sum(item.get("totalBytes", 0) for item in blocking),
            # Lighthouse's own unused-css-rules: bytes (as transferred) it would save, per its threshold
            "lighthouse_unused_css_bytes": sum(item.get("wastedBytes", 0) for item in unused_css),
            "benchmark_index": result.get("environment", {}).get("benchmarkIndex")}


def short(summary: dict, accepted: dict) -> bool:
    """Whether a category is below 100 through an audit that is not a deliberate exception."""
    return any(summary["scores"][category] < 100 and any(audit not in accepted for audit in summary["lost"][category])
               for category in CATEGORIES)


def measure(url: str, report: Path, accepted: dict) -> dict:
    """One run, or the median of RUNS_WHEN_SHORT runs when the first misses 100."""
    reports = [report.with_name(f"{report.stem}-{number}{report.suffix}") for number in range(1, RUNS_WHEN_SHORT + 1)]
    runs = [summarise(lighthouse(url, reports[0]))]
    if short(runs[0], accepted):
        runs += [summarise(lighthouse(url, path)) for path in reports[1:]]
    ranked = sorted(range(len(runs)), key=lambda index: runs[index]["scores"]["performance"])
    middle = ranked[len(ranked) // 2]
    chosen = dict(runs[middle], report=str(reports[middle]))
    chosen["runs"] = [run["scores"]["performance"] for run in runs]
    return chosen


# The stylesheets of the page whose media attribute does not match now (what the page does not wait for).
NOT_MATCHING = """[...document.styleSheets].filter(sheet => sheet.href && sheet.media.mediaText
    && !matchMedia(sheet.media.mediaText).matches).map(sheet => sheet.href)"""


def _unused(sheets: dict[str, int], used: dict[str, int], counted: set[str], suffix: str) -> dict:
    total = sum(length for sheet, length in sheets.items() if sheet in counted)
    spent = sum(length for sheet, length in used.items() if sheet in counted)
    return {f"css_bytes{suffix}": total, f"unused_percent{suffix}": round(100 * (1 - spent / total), 1) if total else 0.0}


STATES = re.compile(r":(?:hover|focus-visible|focus-within|focus|active)")
PSEUDO_ELEMENT = re.compile(r"::?(?:before|after|marker|placeholder)\b")
# whether a selector (states and pseudo-elements taken off) matches an element of the page
HAS_ELEMENT = "selector => { try { return !!document.querySelector(selector); } catch (e) { return false; } }"


def unused_pieces(text: str, usage: list[dict], sheet: str) -> list[str]:
    """The text of a sheet outside its used rules, cut after each ``}`` (a rule, or the end of an at-rule)."""
    spans = sorted((rule["startOffset"], rule["endOffset"]) for rule in usage if rule["used"] and rule["styleSheetId"] == sheet)
    pieces, position = [], 0
    for start, end in [*spans, (len(text), len(text))]:
        if start > position:
            pieces += [piece for piece in re.findall(r"[^}]*\}|[^}]+$", text[position:start]) if piece.strip()]
        position = max(position, end)
    return pieces


def reachable(piece: str, fetched: set[str], has_element) -> bool:
    """Whether an unused piece of CSS is in use all the same (see ``css_coverage``): an ``@font-face``
    whose file was fetched (a fallback face whose family's file was), or a state of an element on the page."""
    if piece.lstrip().startswith("@font-face"):
        source = re.search(r"""url\(["']?([^"')]+)""", piece)
        if source:
            return source.group(1).rsplit("/", 1)[-1] in fetched
        family = re.search(r"""font-family:\s*["']?([^"';]+?)(?: Fallback)?["']?\s*[;}]""", piece)
        return bool(family) and any(name.startswith(family.group(1).lower().replace(" ", "-")) for name in fetched)
    if "{" not in piece:
        return False
    selector_list = piece.split("{")[-2] if piece.lstrip().startswith("@") else piece.split("{", 1)[0]
    if not STATES.search(selector_list):
        return False
    return any(has_element(PSEUDO_ELEMENT.sub("", STATES.sub("", selector)).strip() or "*")
               for selector in split_selector_list(selector_list) if STATES.search(selector))


def css_coverage(urls: dict[str, str]) -> dict[str, dict]:
    """Per page type: bytes of the screen CSS that applies at 412 px in the light scheme and the
    share of it that no element used (Chromium's rule usage after load, as Lighthouse's
    unused-css-rules counts it: states such as :hover and @font-face count as unused).

    ``css_bytes``/``unused_percent`` count the sheets whose media matches (the bundle; not the
    sheets for wider windows, the dark scheme or reduced motion, which the page links with their
    media and does not wait for); ``css_bytes_all``/``unused_percent_all`` count those too. The
    print and forced-colours sheets are in neither.

    ``unused_percent_in_use`` counts the matching sheets as well, but a rule that Chromium's rule
    usage cannot see used while the page does use it counts as used: an ``@font-face`` whose font
    file the page fetched (its fallback face with it: it draws that family until the file is in),
    and a ``:hover``/``:focus``/``:active`` rule whose element is on the page (the state applies
    when the visitor points at it or tabs to it). Everything else unused stays unused: a face the
    page never fetched, a state of an element it does not have."""
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
        try:
            for name, url in urls.items():
                # a phone as Lighthouse's mobile preset emulates one: touch, so (hover: hover) does not match
                page = browser.new_page(viewport={"width": 412, "height": 823}, device_scale_factor=2.625,
                                        is_mobile=True, has_touch=True, ignore_https_errors=True)
                cdp = page.context.new_cdp_session(page)
                sheets: dict[str, int] = {}
                urls_of: dict[str, str] = {}

                def added(event, sheets=sheets, urls_of=urls_of):
                    # the print and forced-colours sheets apply to other media; not counted
                    header = event["header"]
                    if not OTHER_MEDIA.search(header.get("sourceURL", "")):
                        sheets[header["styleSheetId"]] = int(header["length"])
                        urls_of[header["styleSheetId"]] = header.get("sourceURL", "")

                cdp.on("CSS.styleSheetAdded", added)
                cdp.send("DOM.enable")
                cdp.send("CSS.enable")
                cdp.send("CSS.startRuleUsageTracking")
                page.goto(url, wait_until="load")
                page.wait_for_timeout(300)
                usage = cdp.send("CSS.stopRuleUsageTracking")["ruleUsage"]
                waiting = set(page.evaluate(NOT_MATCHING))
                used = {}
                for rule in usage:
                    if rule["used"] and rule["styleSheetId"] in sheets:
                        used[rule["styleSheetId"]] = used.get(rule["styleSheetId"], 0) + rule["endOffset"] - rule["startOffset"]
                matching = {sheet for sheet, url in urls_of.items() if url not in waiting}
                figures[name] = {**_unused(sheets, used, matching, ""), **_unused(sheets, used, set(sheets), "_all")}
                texts = {sheet: cdp.send("CSS.getStyleSheetText", {"styleSheetId": sheet})["text"] for sheet in matching}
                fetched = set(page.evaluate("performance.getEntriesByType('resource').map(e => e.name.split('/').pop())"))
                in_use = sum(len(piece) for sheet in matching for piece in unused_pieces(texts[sheet], usage, sheet)
                             if reachable(piece, fetched, partial(page.evaluate, HAS_ELEMENT)))
                total = sum(sheets[sheet] for sheet in matching)
                spent = sum(used.get(sheet, 0) for sheet in matching) + in_use
                figures[name]["unused_percent_in_use"] = round(100 * (1 - spent / total), 1) if total else 0.0
                page.close()
        finally:
            browser.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="a site already built for https://127.0.0.1:<port>")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", action="append", help="only this page type (repeatable)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "lighthouse.json")
    parser.add_argument("--reports", type=Path, help="keep each page type's full Lighthouse report (JSON) here")
    parser.add_argument("--coverage-only", action="store_true",
                        help="only the CSS coverage per page type (seconds, not minutes; nothing written)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        print("Lighthouse ontbreekt: npm ci --prefix tools/lighthouse", file=sys.stderr)
        return 2
    output = args.output
    if output is None:
        output = ROOT / ".cache" / "lighthouse" / "output"
        build(output, ROOT / ".cache" / "lighthouse" / "cache", args.port)
    base = f"https://127.0.0.1:{args.port}/"
    pages = {name: path for name, path in page_types(output).items() if not args.only or name in args.only}
    results, failed = {}, False
    server_files = tempfile.TemporaryDirectory()
    preview = serve(output, args.port, Path(server_files.name))
    try:
        coverage = css_coverage({name: base + path for name, path in pages.items()})
        if args.coverage_only:
            for name, figures in coverage.items():
                print(f"{name:14} CSS {figures['css_bytes'] / 1024:5.1f} KB: {figures['unused_percent']:4.1f}% ongebruikt, "
                      f"in gebruik gerekend {figures['unused_percent_in_use']:4.1f}%; met de sheets voor andere media "
                      f"{figures['css_bytes_all'] / 1024:5.1f} KB, {figures['unused_percent_all']:4.1f}%  /{pages[name]}")
            return 0
        with tempfile.TemporaryDirectory() as scratch:
            for name, path in pages.items():
                started = time.perf_counter()
                try:
                    report = (args.reports or Path(scratch)) / f"{name.replace(' ', '-')}.json"
                    report.parent.mkdir(parents=True, exist_ok=True)
                    summary = measure(base + path, report, ACCEPTED.get(name, {}))
                except (subprocess.SubprocessError, OSError, ValueError, KeyError) as error:
                    print(f"{name:14} /{path}: Lighthouse mislukt: {error}", file=sys.stderr)
                    failed = True
                    continue
                summary.update(path="/" + path, seconds=round(time.perf_counter() - started, 1), **coverage[name])
                if args.reports is None:
                    summary.pop("report")
                accepted = ACCEPTED.get(name, {})
                failed |= short(summary, accepted)
                summary["accepted"] = {a: accepted[a] for audits in summary["lost"].values() for a in audits if a in accepted}
                results[name] = summary
                scores = " ".join(f"{summary['scores'][c]:3d}" for c in CATEGORIES)
                print(f"{name:14} {scores}  CLS {summary['metrics']['cumulative-layout-shift']:.3f}  "
                      f"CSS {summary['css_bytes'] / 1024:5.1f} KB ({summary['unused_percent']:4.1f}% ongebruikt; "
                      f"met de sheets voor andere media {summary['css_bytes_all'] / 1024:5.1f} KB, "
                      f"{summary['unused_percent_all']:4.1f}%; in gebruik gerekend "
                      f"{summary['unused_percent_in_use']:4.1f}%)  /{path}"
                      + (f"  (mediaan van perf {summary['runs']})" if len(summary["runs"]) > 1 else ""),
                      flush=True)
                for category, audits in summary["lost"].items():
                    for audit in audits:
                        note = f" (verwacht: {accepted[audit]})" if audit in accepted else ""
                        print(f"{'':14}   {category}: {audit}{note}")
    finally:
        preview.terminate()
        preview.wait()
        server_files.cleanup()
    print(f"{'':14} perf a11y  bp  seo")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/lighthouse"]["version"]
    args.json.write_text(json.dumps({"lighthouse": version, "preset": "mobile, simulated throttling",
                                     "pages": results}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if failed or len(results) < len(pages) else 0


if __name__ == "__main__":
    sys.exit(main())
