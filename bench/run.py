"""``make bench``: build a synthetic corpus and measure our build against stock Pelican and Hugo.

Usage: ``python bench/run.py --scale S|M|L`` (``make bench SCALE=M``). Prints a table and
stores the run under its scale in ``bench/results.json``. See bench/README.md.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import gzip
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from corpus import SCALES, generate  # noqa: E402
from seo.headers import COMPRESSED_SUFFIXES as PRECOMPRESSED_SUFFIXES  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
SAMPLE_SECONDS = 0.05
PSS_EVERY = 10
KB = 1024
GZIP_LEVEL = 6  # what nginx and most CDNs use for text
# The build as deploy.yml runs it for a static host: no .gz/.br copies beside the text files (those are for
# nginx, deploy/nginx-headers.conf); scale_figures adds them back as a separate count.
DEPLOY_ENV = {"PRECOMPRESS": "0"}
BADGE_DOCUMENTS = ("openbadges/assertions", "openbadges/v3/credentials")  # <profile>-<badge>.json
STORY_EDIT = "\n\nDeze alinea is toegevoegd door de benchmark, om één verhaal te wijzigen.\n"


def tree_memory(process, proportional: bool = False) -> int:
    """Memory of a process and all its descendants, in bytes.

    Resident set sizes summed (``proportional=False``) count a page that several processes share
    (a library, a forked child's copy-on-write pages) once per process; proportional set sizes (PSS)
    split each shared page among the processes that map it, so their sum is what the tree occupies.
    """
    import psutil

    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in members:
        try:
            total += member.memory_full_info().pss if proportional else member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def measure(args: list[str], env: dict | None = None) -> dict:
    """Run a command; return its wall time, CPU time, the peak memory of its process tree and its exit status."""
    import psutil

    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a chatty build must never block on it
        started = time.perf_counter()
        process = psutil.Popen(args, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
        peak = peak_pss = 0
        samples = 0
        while process.poll() is None:
            peak = max(peak, tree_memory(process))
            if samples % PSS_EVERY == 0:  # reading smaps is slower: every tenth sample
                peak_pss = max(peak_pss, tree_memory(process, proportional=True))
            samples += 1
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-2000:]
            print(f"  FOUT ({process.returncode}): {' '.join(map(str, args))}\n{tail}", file=sys.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "peak_rss_mb": round(peak / 2**20, 1),
            "peak_pss_mb": round(peak_pss / 2**20, 1),
            "ok": process.returncode == 0}


def folder_stats(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files),
            "html_pages": sum(1 for p in files if p.suffix == ".html")}


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split() and values.get("href"):
            self.urls.append(values["href"])
        elif tag == "script" and values.get("src"):
            self.urls.append(values["src"])


CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)""")
JS_IMPORT = re.compile(r"""(?:^|\s)(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']""")


def _local(output: Path, siteurl: str, url: str, base: Path) -> Path | None:
    if url.startswith(siteurl):
        return output / url[len(siteurl):].lstrip("/")
    if url.startswith(("http://", "https://", "//", "data:")):
        return None
    if url.startswith("/"):
        return output / url.lstrip("/")
    return (base.parent / url).resolve()


def transfer_size(output: Path, page: str, siteurl: str) -> dict | None:
    """gzip bytes of one page plus the CSS and JS it loads (static imports followed), without images."""
    html_file = output / page / "index.html"
    if not html_file.exists():
        return None
    parser = _Assets()
    html = html_file.read_bytes()
    parser.feed(html.decode("utf-8"))
    todo = [_local(output, siteurl, url, html_file) for url in parser.urls]
    seen: dict[Path, int] = {}
    while todo:
        path = todo.pop()
        if path is None or path in seen or not path.is_file():
            continue
        data = path.read_bytes()
        seen[path] = len(gzip.compress(data, GZIP_LEVEL))
        pattern = CSS_IMPORT if path.suffix == ".css" else JS_IMPORT if path.suffix in (".js", ".mjs") else None
        if pattern:
            for match in pattern.finditer(data.decode("utf-8", "replace")):
                todo.append(_local(output, siteurl, next(g for g in match.groups() if g), path))
    html_gzip = len(gzip.compress(html, GZIP_LEVEL))
    return {"page": f"/{page}/", "html_bytes": len(html), "html_gzip": html_gzip,
            "assets": {str(p.relative_to(output)): n for p, n in sorted(seen.items())},
            "total_gzip": html_gzip + sum(seen.values())}


def badge_stats(cache: Path, before: dict | None = None) -> dict | None:
    """What the badges plugin says about its last build (``<cache>/badges/stats.json``), if it exists.

    A build that found nothing changed does not run the plugin at all: the file is then the one of
    the build ``before``, and this build rendered nothing."""
    path = cache / "badges" / "stats.json"
    if not path.exists():
        return None
    stats = json.loads(path.read_text(encoding="utf-8"))
    if before is not None and path.stat().st_mtime_ns == before.get("mtime_ns"):
        return {"rendered": 0, "reused": 0, "seconds": 0.0, "workers": 0, "files_per_second": None,
                "note": "build skipped: nothing changed", "mtime_ns": path.stat().st_mtime_ns}
    stats["mtime_ns"] = path.stat().st_mtime_ns
    seconds = stats.get("seconds") or 0
    stats["files_per_second"] = round(stats.get("rendered", 0) / seconds, 1) if seconds else None
    return stats


def count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def ours(content: Path, work: Path, command: str = "html") -> list[str]:
    return [sys.executable, str(ROOT / "scripts" / "build.py"), command, "--content", str(content),
            "--output", str(work / "output"), "--cache", str(work / "cache")]


def fresh(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def per_page(step: dict, pages: int, key: str = "seconds") -> float | None:
    return step[key] / pages if step.get("ok") and pages else None


def ratio(value: float | None, base: float | None) -> float | None:
    return round(value / base, 3) if value is not None and base else None


def run(scale: str) -> dict:
    base = ROOT / ".cache" / "bench" / scale
    print(f"Corpus {scale} maken of hergebruiken in {base.relative_to(ROOT)} ...")
    started = time.perf_counter()
    info = generate(scale, base)
    print(f"  {info['stories']} verhalen, {info['profiles']} profielen ({info['profile_photos']} met foto) "
          f"in {time.perf_counter() - started:.1f} s")
    content = base / "content"
    work = base / "run"
    cache = work / "cache"
    steps: dict[str, dict] = {}
    results: dict = {"scale": scale, "corpus": {k: v for k, v in info.items() if k != "signature"}}

    def step(name: str, label: str, args: list[str], env: dict | None = None) -> dict:
        print(f"  {label} ...", flush=True)
        steps[name] = measure(args, env)
        result = steps[name]
        print(f"    {result['seconds']:.2f} s (cpu {result['cpu_seconds']:.2f} s), "
              f"piek {result['peak_pss_mb']:.0f} MB PSS, {result['peak_rss_mb']:.0f} MB RSS")
        return steps[name]

    fresh(work)
    step("cold", "koude build (lege cache en output)", ours(content, work), DEPLOY_ENV)
    results["output"] = folder_stats(work / "output")
    results["scale_figures"] = scale_figures(work / "output", content)
    images_cold = count_files(cache / "images")
    badges_cold = badge_stats(cache)
    step("warm", "warme build, niets gewijzigd", ours(content, work), DEPLOY_ENV)
    badges_warm = badge_stats(cache, before=badges_cold)
    images_warm = count_files(cache / "images")

    story_file = content / "stories" / f"{info['first_story']}.md"
    profile_file = content / "profiles" / f"{info['first_profile']}.yaml"
    originals = {story_file: story_file.read_bytes(), profile_file: profile_file.read_bytes()}
    try:
        story_file.write_bytes(originals[story_file] + STORY_EDIT.encode())
        step("edit_story", "build na wijziging van één verhaal", ours(content, work), DEPLOY_ENV)
        text = originals[profile_file].decode()
        profile_file.write_text(re.sub(r"^tagline: .*$", 'tagline: "Gewijzigd voor de benchmark"', text, flags=re.M),
                                encoding="utf-8")
        step("edit_profile", "build na wijziging van één profiel", ours(content, work), DEPLOY_ENV)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    check_args = [sys.executable, str(ROOT / "scripts" / "build.py"), "check", str(content)]
    step("check_cold", "make check zonder eerdere resultaten", check_args)
    step("check", "make check na een build (hergebruikt diens resultaten)", [*check_args, "--cache", str(cache)])
    siteurl = "http://localhost:8000"
    results["transfer"] = {
        "story": transfer_size(work / "output", f"verhalen/{info['first_story']}", siteurl),
        "directory": transfer_size(work / "output", "ambachtengids", siteurl),
    }
    results["badges"] = {"cold": badges_cold, "warm": badges_warm}
    results["images"] = {"variants_in_cache_after_cold": images_cold,
                         "variants_rendered_on_warm": images_warm - images_cold}

    stock = base / "stock"
    stock_args = [sys.executable, "-m", "pelican", str(stock / "content"), "-s", str(ROOT / "bench" / "stock" / "pelicanconf.py"),
                  "-o", str(stock / "output"), "-e", f'CACHE_PATH="{stock / "cache"}"', "-q"]
    fresh(stock / "output", stock / "cache")
    step("stock_cold", "stock Pelican, koud", stock_args)
    step("stock_warm", "stock Pelican, warm", stock_args)
    stock_output = folder_stats(stock / "output")

    hugo_binary = Path(sys.executable).parent / "hugo"
    hugo_output = None
    if hugo_binary.exists():
        hugo = base / "hugo"
        fresh(hugo / "output", hugo / "cache")
        step("hugo_cold", "Hugo, koud", [str(hugo_binary), "--source", str(ROOT / "bench" / "hugo"), "--contentDir",
                                          str(hugo / "content"), "--destination", str(hugo / "output"),
                                          "--cacheDir", str(hugo / "cache"), "--quiet", "--noBuildLock"])
        hugo_output = folder_stats(hugo / "output")

    pages = results["output"]["html_pages"]
    content_files = sum(1 for kind in ("stories", "profiles", "pages", "events") for _ in (content / kind).iterdir())
    stock_pages = stock_output["html_pages"]
    stock_warm = per_page(steps["stock_warm"], stock_pages)
    stock_warm_cpu = per_page(steps["stock_warm"], stock_pages, "cpu_seconds")
    table = []
    for name, step_result in steps.items():
        count = stock_pages if name.startswith("stock") else hugo_output["html_pages"] if name.startswith("hugo") else pages
        builds = not name.startswith("check")
        page_seconds = per_page(step_result, count) if builds else None
        table.append({"step": name, **step_result, "html_pages": count if builds else None,
                      "ms_per_page": round(page_seconds * 1000, 3) if page_seconds is not None else None,
                      "ratio_vs_stock_warm": ratio(page_seconds, stock_warm),
                      "cpu_ratio_vs_stock_warm": ratio(per_page(step_result, count, "cpu_seconds"), stock_warm_cpu)
                      if builds else None})
    results["steps"] = table
    results["stock_output"] = stock_output
    results["hugo_output"] = hugo_output
    results["content_files"] = content_files
    figures = results["scale_figures"]
    figures["cold_vs_stock_cold"] = ratio(steps["cold"]["seconds"] if steps["cold"]["ok"] else None,
                                          steps["stock_cold"]["seconds"] if steps["stock_cold"]["ok"] else None)
    figures["cold_seconds"], figures["stock_cold_seconds"] = steps["cold"]["seconds"], steps["stock_cold"]["seconds"]
    # CPU seconds are steadier than wall seconds on a shared machine (bench/README.md); shown beside them
    figures["cold_vs_stock_cold_cpu"] = ratio(steps["cold"]["cpu_seconds"] if steps["cold"]["ok"] else None,
                                              steps["stock_cold"]["cpu_seconds"] if steps["stock_cold"]["ok"] else None)
    results["targets"] = targets(results, steps, pages, stock_warm, content_files, info, hugo_output)
    results["targets"] += scale_targets(results)
    results["environment"] = {
        "python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
        "pelican": _version("pelican"), "hugo": _version("hugo"), "measured": dt.date.today().isoformat(),
    }
    return results


GB = 10**9  # the hosts state decimal gigabytes; counted so, a fit is never claimed too early
# Published limits of common static hosts (docs/publiceren.md names the sources).
HOSTS = [
    {"host": "GitHub Pages", "bytes": 1 * GB, "files": None, "files_per_folder": None,
     "note": "site <= 1 GB; a deployment times out after 10 minutes"},
    {"host": "GitLab Pages", "bytes": 1 * GB, "files": 200_000, "files_per_folder": None,
     "note": "GitLab.com: site <= 1 GB, <= 200,000 files"},
    {"host": "Cloudflare Pages", "bytes": None, "files": 20_000, "files_per_folder": None,
     "note": "<= 20,000 files per deployment (free plan), <= 25 MiB per file"},
    {"host": "Netlify", "bytes": None, "files": None, "files_per_folder": 54_000,
     "note": "no limit on files per deploy, but <= 54,000 files per folder"},
]


def folder_totals(folder: Path) -> tuple[int, int]:
    """(files, bytes) below a folder; (0, 0) if it does not exist."""
    files = size = 0
    for path in folder.rglob("*") if folder.is_dir() else ():
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size


def scale_figures(output: Path, content: Path) -> dict:
    """What a profile and a story add to the published site, and which hosts the site fits.

    A profile: its page (``ambachtengids/<slug>/``), its badge kit (``badges/<slug>/``) and its Open Badges
    documents (the 2.0 assertions and 3.0 credentials, ``<slug>-<badge>.json`` in ``BADGE_DOCUMENTS``), beside
    its photo variants (shared image folder). The build is the deploy's (``DEPLOY_ENV``: no .gz/.br copies);
    ``with_precompressed_files`` adds the two copies per text file a server like nginx would be given.
    A story: its page folder (``verhalen/<slug>/``)."""
    profiles = sorted(p.stem for p in (content / "profiles").glob("*.yaml"))
    profile_files = profile_bytes = most_files = most_bytes = 0
    documents = {path.name: path for folder in BADGE_DOCUMENTS for path in (output / folder).glob("*.json")}
    names = sorted(documents)
    for slug in profiles:
        files, size = 0, 0
        for folder in (output / "ambachtengids" / slug, output / "badges" / slug):
            counted = folder_totals(folder)
            files, size = files + counted[0], size + counted[1]
        prefix = f"{slug}-"
        for name in names[_first_at_or_after(names, prefix):]:
            if not name.startswith(prefix):
                break
            files, size = files + 1, size + documents[name].stat().st_size
        profile_files, profile_bytes = profile_files + files, profile_bytes + size
        most_files, most_bytes = max(most_files, files), max(most_bytes, size)
    stories = sorted(p.stem for p in (content / "stories").glob("*.md"))
    story_files = story_bytes = 0
    for slug in stories:
        files, size = folder_totals(output / "verhalen" / slug)
        story_files, story_bytes = story_files + files, story_bytes + size
    total = folder_stats(output)
    text_files = sum(1 for path in output.rglob("*") if path.suffix in PRECOMPRESSED_SUFFIXES and path.is_file())
    widest = max((len(os.listdir(folder)) for folder, _, _ in os.walk(output)), default=0)
    hosts = []
    for host in HOSTS:
        checks = [(total["bytes"] <= host["bytes"]) if host["bytes"] else None,
                  (total["files"] <= host["files"]) if host["files"] else None,
                  (widest <= host["files_per_folder"]) if host["files_per_folder"] else None]
        fits = all(check for check in checks if check is not None)
        hosts.append({**host, "fits": fits})
    return {
        "output_bytes": total["bytes"], "output_files": total["files"], "most_files_in_a_folder": widest,
        "with_precompressed_files": total["files"] + 2 * text_files,
        "profiles": len(profiles),
        "per_profile": {"files": round(profile_files / max(len(profiles), 1), 2),
                        "kb": round(profile_bytes / max(len(profiles), 1) / KB, 1),
                        "most_files": most_files, "most_kb": round(most_bytes / KB, 1)},
        "stories": len(stories),
        "per_story": {"files": round(story_files / max(len(stories), 1), 2),
                      "kb": round(story_bytes / max(len(stories), 1) / KB, 1),
                      "site_kb": round(total["bytes"] / max(len(stories), 1) / KB, 1)},
        "hosts": hosts,
    }


def _first_at_or_after(names: list[str], prefix: str) -> int:
    return bisect.bisect_left(names, prefix)


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def targets(results, steps, pages, stock_warm, content_files, info, hugo_output) -> list[dict]:
    """The targets of issue 6; each PASS, FAIL or n/a (not measurable in this run)."""
    def verdict(value, limit, higher_is_better=False):
        if value is None:
            return "n/a"
        return "PASS" if (value >= limit if higher_is_better else value <= limit) else "FAIL"

    rows = []
    stock_cpu = per_page(steps["stock_warm"], results["stock_output"]["html_pages"], "cpu_seconds")
    warm = ratio(per_page(steps["warm"], pages), stock_warm)
    rows.append({"target": "warme rebuild per pagina <= 1.0x stock Pelican warm", "value": warm, "limit": 1.0,
                 "status": verdict(warm, 1.0), "cpu_value": ratio(per_page(steps["warm"], pages, "cpu_seconds"), stock_cpu)})
    edit = ratio(per_page(steps["edit_story"], pages), stock_warm)
    rows.append({"target": "rebuild na één verhaal per pagina <= 0.5x stock Pelican warm", "value": edit, "limit": 0.5,
                 "status": verdict(edit, 0.5),
                 "cpu_value": ratio(per_page(steps["edit_story"], pages, "cpu_seconds"), stock_cpu)})
    stock_per_story = steps["stock_warm"]["seconds"] / info["stories"] if steps["stock_warm"]["ok"] else None
    check = ratio(steps["check"]["seconds"] / content_files if steps["check"]["ok"] else None, stock_per_story)
    rows.append({"target": "make check per contentbestand <= 0.5x stock Pelican warm per verhaal", "value": check,
                 "limit": 0.5, "status": verdict(check, 0.5)})
    check_cold = ratio(steps["check_cold"]["seconds"] / content_files if steps["check_cold"]["ok"] else None, stock_per_story)
    rows.append({"target": "idem, zonder eerdere resultaten (ter informatie)", "value": check_cold, "limit": 0.5,
                 "status": "info"})
    cold_badges, warm_badges = results["badges"]["cold"], results["badges"]["warm"]
    rate = cold_badges.get("files_per_second") if cold_badges else None
    rows.append({"target": "badge-bestanden per seconde (koud) >= 40", "value": rate, "limit": 40,
                 "status": verdict(rate, 40, higher_is_better=True)})
    rerendered = warm_badges.get("rendered") if warm_badges else None
    rows.append({"target": "badges opnieuw gerenderd bij warme build == 0", "value": rerendered, "limit": 0,
                 "status": verdict(rerendered, 0)})
    story = results["transfer"]["story"]
    story_kb = round(story["total_gzip"] / KB, 1) if story else None
    rows.append({"target": "verhaalpagina overgedragen (gzip, zonder afbeeldingen) <= 30 KB", "value": story_kb,
                 "limit": 30, "status": verdict(story_kb, 30)})
    directory = results["transfer"]["directory"]
    directory_kb = round(directory["total_gzip"] / KB, 1) if directory else None
    rows.append({"target": "ambachtengids-index overgedragen (gzip) <= 150 KB", "value": directory_kb, "limit": 150,
                 "status": verdict(directory_kb, 150)})
    own_steps = [s for name, s in steps.items() if not name.startswith(("stock", "hugo"))]
    peak = max(s["peak_pss_mb"] for s in own_steps)  # PSS: shared pages counted once
    rows.append({"target": "piekgeheugen bij schaal L <= 1024 MB", "value": peak, "limit": 1024,
                 "status": verdict(peak, 1024) if results["scale"] == "L" else "n/a (alleen bij L)",
                 "rss_value": max(s["peak_rss_mb"] for s in own_steps),
                 "note": "som van PSS over het procesboom (gedeelde pagina's één keer); rss_value telt ze per proces"})
    hugo_ratio = None
    if hugo_output and steps.get("hugo_cold", {}).get("ok"):
        hugo_ratio = ratio(per_page(steps["cold"], pages), per_page(steps["hugo_cold"], hugo_output["html_pages"]))
    rows.append({"target": "koude build per pagina t.o.v. Hugo (ter informatie)", "value": hugo_ratio, "limit": None,
                 "status": "info"})
    if results["scale"] != "M":
        for row in rows:
            row["note"] = "doelen gelden voor schaal M"
    return rows


def scale_targets(results: dict) -> list[dict]:
    """The targets of issue 14 (national scale): they hold at L; at other scales they are shown for information."""
    figures = results["scale_figures"]
    at_l = results["scale"] == "L"

    def row(target, value, limit):
        status = ("PASS" if value is not None and value <= limit else "FAIL") if at_l else "info"
        return {"target": target, "value": value, "limit": limit, "status": status,
                **({} if at_l else {"note": "doel geldt voor schaal L"})}

    per_profile = figures["per_profile"]
    return [
        row("output <= 1 GB", round(figures["output_bytes"] / GB, 3), 1.0),
        row("output <= 150.000 bestanden", figures["output_files"], 150_000),
        {**row("koude build <= 15x stock Pelican koud", figures.get("cold_vs_stock_cold"), 15),
         "cpu_value": figures.get("cold_vs_stock_cold_cpu")},
        {**row("bestanden per profiel (gemiddeld) <= 10", per_profile["files"], 10),
         "status": "PASS" if per_profile["files"] <= 10 else "FAIL"},
        {**row("KB per profiel (gemiddeld, zonder foto) <= 80", per_profile["kb"], 80),
         "status": "PASS" if per_profile["kb"] <= 80 else "FAIL"},
    ]


def show_scale(figures: dict) -> None:
    per_profile, per_story = figures["per_profile"], figures["per_story"]
    print(f"\nOutput: {figures['output_bytes'] / GB:.3f} GB ({figures['output_bytes'] / 2**20:.1f} MiB) in "
          f"{figures['output_files']} bestanden (grootste map: {figures['most_files_in_a_folder']} items); "
          f"met .gz/.br voor nginx {figures.get('with_precompressed_files')} bestanden")
    print(f"per profiel ({figures['profiles']}): {per_profile['files']} bestanden, {per_profile['kb']} KB "
          f"(hoogstens {per_profile['most_files']} bestanden, {per_profile['most_kb']} KB)")
    print(f"per verhaal ({figures['stories']}): {per_story['files']} bestanden, {per_story['kb']} KB; "
          f"hele site gedeeld door de verhalen: {per_story['site_kb']} KB")
    print(f"koude build {figures['cold_seconds']:.1f} s, stock Pelican koud {figures['stock_cold_seconds']:.1f} s: "
          f"{figures['cold_vs_stock_cold']}x (cpu-tijd: {figures.get('cold_vs_stock_cold_cpu')}x)")
    for host in figures["hosts"]:
        print(f"  {'past' if host['fits'] else 'PAST NIET':<10} {host['host']}: {host['note']}")


def show(results: dict) -> None:
    print(f"\nSchaal {results['scale']}: {results['corpus']['stories']} verhalen, {results['corpus']['profiles']} profielen; "
          f"output {results['output']['html_pages']} HTML-pagina's, {results['output']['files']} bestanden, "
          f"{results['output']['bytes'] / 2**20:.1f} MB")
    print(f"{'stap':<14}{'seconden':>10}{'cpu s':>8}{'piek MB':>10}{'pagina':>8}{'ms/pagina':>11}{'x stock warm':>14}"
          f"{'cpu x stock':>13}")
    for row in results["steps"]:
        pages = row["html_pages"] if row["html_pages"] is not None else "-"
        per = f"{row['ms_per_page']:.2f}" if row["ms_per_page"] is not None else "-"
        factor = f"{row['ratio_vs_stock_warm']:.2f}" if row["ratio_vs_stock_warm"] is not None else "-"
        cpu = f"{row['cpu_ratio_vs_stock_warm']:.2f}" if row["cpu_ratio_vs_stock_warm"] is not None else "-"
        print(f"{row['step']:<14}{row['seconds']:>10.2f}{row['cpu_seconds']:>8.2f}{row['peak_rss_mb']:>10.0f}{pages:>8}{per:>11}"
              f"{factor:>14}{cpu:>13}")
    for name, transfer in results["transfer"].items():
        if transfer:
            print(f"overdracht {name}: {transfer['page']} {transfer['total_gzip'] / KB:.1f} KB gzip "
                  f"(HTML {transfer['html_gzip'] / KB:.1f} KB van {transfer['html_bytes'] / KB:.1f} KB)")
    print(f"badges: koud {results['badges']['cold']}, warm {results['badges']['warm']}")
    show_scale(results["scale_figures"])
    print(f"afbeeldingen: {results['images']}")
    print("\nDoelen:")
    for row in results["targets"]:
        cpu = f" (op cpu-tijd: {row['cpu_value']})" if row.get("cpu_value") is not None else ""
        print(f"  {row['status']:<6} {row['target']}: {row['value']}{cpu}")


def lighthouse_scores(path: Path = ROOT / "bench" / "lighthouse.json") -> dict | None:
    """The scores of the last ``make lighthouse`` (the example site, every page type), if it ran."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"lighthouse": data["lighthouse"], "preset": data["preset"],
            "pages": {name: {**page["scores"], "cls": page["metrics"]["cumulative-layout-shift"],
                             "css_bytes": page["css_bytes"], "unused_css_percent": page["unused_percent"],
                             "unused_css_percent_in_use": page.get("unused_percent_in_use")}
                      for name, page in data["pages"].items()}}


def show_lighthouse(scores: dict | None) -> None:
    if scores is None:
        print("\nLighthouse: nog niet gemeten (make lighthouse)")
        return
    print(f"\nLighthouse {scores['lighthouse']} ({scores['preset']}; make lighthouse): perf a11y bp seo")
    for name, page in scores["pages"].items():
        print(f"  {name:<14}{page['performance']:>4}{page['accessibility']:>5}{page['best-practices']:>4}{page['seo']:>4}"
              f"  CLS {page['cls']:.3f}  CSS {page['css_bytes'] / 1024:.1f} KB, {page['unused_css_percent']}% ongebruikt"
              + (f" ({page['unused_css_percent_in_use']}% in gebruik gerekend)"
                 if page.get("unused_css_percent_in_use") is not None else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py")
    parser.add_argument("--scale", choices=sorted(SCALES), default="S")
    parser.add_argument("--no-save", action="store_true", help="do not update bench/results.json")
    args = parser.parse_args(argv)
    results = run(args.scale)
    results["lighthouse"] = lighthouse_scores()
    show(results)
    show_lighthouse(results["lighthouse"])
    if not args.no_save:
        stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        stored[args.scale] = results
        RESULTS.write_text(json.dumps(dict(sorted(stored.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nOpgeslagen in {RESULTS.relative_to(ROOT)} onder '{args.scale}'.")
    return 0 if all(s["ok"] for s in results["steps"]) else 1


if __name__ == "__main__":
    sys.exit(main())
