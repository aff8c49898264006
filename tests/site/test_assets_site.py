"""The published site's assets: fingerprinted stylesheets per page type, precompressed copies."""

import gzip
import hashlib
import re
import tomllib

import brotli
import pytest
from assets.bundle import HASH_LENGTH, load_spec
from assets.compress import compressible
from assets.media import MEDIA
from assets.usage import applicable, markup_classes, script_classes
from conftest import ROOT, SITE_PATH, SITEURL
from seo.headers import COMPRESSED_SUFFIXES

pytestmark = pytest.mark.build

# an asset as a published page links it (from the server's root) or a development build with a SITEURL (absolute)
FINGERPRINTED = re.compile(rf"^(?:{re.escape(SITEURL)}|{re.escape(SITE_PATH)})/theme/assets/([\w-]+)\.([0-9a-f]{{{HASH_LENGTH}}})\.(css|js|woff2)$")


def compressible_files(output):
    return [p for p in output.rglob("*") if p.is_file() and compressible(p.name, COMPRESSED_SUFFIXES)]


def test_every_page_loads_existing_fingerprinted_assets(published_site):
    bundles = set(load_spec(ROOT / "theme" / "css" / "bundles.toml").bundles)
    seen = set()
    pages = [p for p in published_site.html_files() if "/admin/" not in str(p)]
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
        media = re.findall(r'<link rel="stylesheet" href="([^"]+)" media="([^"]+)">', html)
        assert len(links) == 1, path  # the page type's bundle; its sheets for forced colours, a pointer
        # that hovers, wider windows, the dark scheme and reduced motion (plugins/assets/media.py) in that
        # order, those it has; and the two for other media:
        named = [(FINGERPRINTED.match(url).group(1), medium) for url, medium in media]
        assert named[-2:] == [("print", "print"), ("forced-colors", "(forced-colors: active)")], path
        own = named[:-2]
        assert [name for name, _ in own] == [name for name in MEDIA if name in dict(own)], path
        assert own[-2:] == [("dark", "(prefers-color-scheme: dark)"),
                            ("reduced-motion", "(prefers-reduced-motion: reduce)")], path
        assert all(re.fullmatch(r"\(min-width: [\d.]+rem\)", medium) if name == "wide" else medium == MEDIA[name][1]
                   for name, medium in own), path
        scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
        preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin fetchpriority="low">', html)
        if 'http-equiv="refresh"' not in html:  # redirect stubs show a line of text, no font to hurry
            # at least the body's and the headings' latin faces, each once, at low priority (base.html says
            # why; which faces exactly is held to what Chromium loads in test_css_per_page.py)
            names = [FINGERPRINTED.match(url).group(1) for url in preloads]
            assert {"atkinson-hyperlegible-next-latin-wght-normal", "bricolage-grotesque-latin-opsz-normal"} <= \
                set(names) and len(set(names)) == len(names), (path, names)
        # a sheet a script links when it needs it (the search results: bundles.toml [scripted])
        scripted = re.findall(r' data-results-css="([^"]+)"', html)
        seen |= {FINGERPRINTED.match(url).group(1) for url in scripted if FINGERPRINTED.match(url)}
        for url in links + [url for url, _ in media] + [s for s in scripts if "/theme/" in s] + preloads + scripted:
            match = FINGERPRINTED.match(url)
            assert match, f"{path}: {url} is not a fingerprinted asset"
            data = published_site.at(url).read_bytes()
            assert hashlib.sha256(data).hexdigest()[:HASH_LENGTH] == match.group(2), url
        bundle = FINGERPRINTED.match(links[0]).group(1)
        assert bundle in bundles
        seen.add(bundle)
    # every page type's bundle is in use (the draft banner's only on drafts, which are not published)
    assert bundles - seen <= {"base", "print", "forced-colors", "draft"}, bundles - seen


def test_a_bundle_holds_only_rules_that_can_apply_on_a_narrow_light_screen(published_site):
    """The rules for wider windows, the dark scheme and reduced motion are in the sheets linked
    with those media, not in the bundle every page waits for."""
    home = (published_site.output / "index.html").read_text(encoding="utf-8")
    sheets = dict((medium, published_site.at(url).read_text(encoding="utf-8")) for url, medium in
                  re.findall(r'<link rel="stylesheet" href="([^"]+)" media="([^"]+)">', home))
    bundle = published_site.at(re.findall(r'<link rel="stylesheet" href="([^"]+)">', home)[0]).read_text(encoding="utf-8")
    queries = re.findall(r"@media ?([^{]+)\{", bundle)
    assert queries and not [query for query in queries if "min-width" in query or "prefers-color-scheme" in query
                            or "reduced-motion:reduce" in query or "reduced-motion: reduce" in query
                            or re.search(r"\((?:hover|forced-colors):", query)]
    assert any("max-width" in query for query in queries)  # what applies below a width stays
    wide = next(css for medium, css in sheets.items() if medium.startswith("(min-width"))
    assert ".theme-tiles{grid-template-columns:repeat(3" in wide
    assert "--c-bg:#15191b" in sheets["(prefers-color-scheme: dark)"]


def test_fonts_in_the_css_are_fingerprinted_and_exist(published_site):
    for css in (published_site.output / "theme" / "assets").glob("*.css"):
        for reference in re.findall(r'url\("?([^")]+)"?\)', css.read_text(encoding="utf-8")):
            if reference.startswith("data:"):
                continue
            target = (css.parent / reference).resolve()
            assert target.is_file(), f"{css.name}: {reference}"


def test_first_image_is_fetched_first_and_others_lazily(published_site):
    home = published_site.page("")
    images = home.select("main img")
    assert images[0].get("fetchpriority") == "high" and images[0].get("loading") == "eager"
    assert all(img.get("loading") == "lazy" and not img.get("fetchpriority") for img in images[1:] if img.get("srcset"))
    assert len(home.select('img[fetchpriority="high"]')) == 1
    # the story list: its first card's image is above the fold on a phone
    cards = published_site.page("verhalen/").select("main .card-grid img")
    assert cards[0].get("fetchpriority") == "high" and cards[0].get("loading") == "eager"
    assert len(cards) > 1 and all(img.get("loading") == "lazy" and not img.get("fetchpriority") for img in cards[1:])


def test_each_precompressed_copy_is_its_original(published_site):
    files = compressible_files(published_site.output)
    assert len(files) > 100
    kinds = {path.suffix for path in files}
    assert {".html", ".css", ".js", ".xml", ".ics", ".json", ".csv", ".svg"} <= kinds
    for path in files:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
    strays = [p for p in published_site.output.rglob("*") if p.suffix in (".gz", ".br")
              and not p.with_suffix("").is_file()]
    assert strays == []


def bundle_usage(site):
    """Per CSS bundle: the classes its pages use, in their markup and in the scripts they load."""
    assets = site.output / "theme" / "assets"
    present: dict[str, set[str]] = {}
    for path in site.html_files():
        if "/admin/" in str(path):
            continue
        html = path.read_text(encoding="utf-8")
        bundle = FINGERPRINTED.match(re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)[0]).group(1)
        classes = present.setdefault(bundle, set())
        classes |= markup_classes(html)
        scripts = [FINGERPRINTED.match(url) for url in re.findall(r'<script[^>]* src="([^"]+)"', html)]
        queue = [f"{m.group(1)}.{m.group(2)}.js" for m in scripts if m]
        while queue:  # a module and the modules it imports
            js = (assets / queue.pop()).read_text(encoding="utf-8")
            classes |= script_classes(js)
            queue += re.findall(r'from\s*"\./([\w.-]+\.js)"', js)
    return present


def bundle_problems(site, spec):
    """Per bundle, the component files it lacks for its pages and those no page of it uses."""
    components = [part for part in spec.order if part.startswith("components/")]
    sources = {part: (ROOT / "theme" / "css" / f"{part}.css").read_text(encoding="utf-8") for part in components}
    present = bundle_usage(site)
    with open(ROOT / "theme" / "css" / "bundles.toml", "rb") as handle:
        data = tomllib.load(handle)
    scripted = data.get("scripted", {})  # sheets its pages' scripts link
    missing, extra = [], {}
    for bundle, found in sorted(present.items()):
        classes = found - set(data.get("script-text", {}).get(bundle, []))  # a script's words that are text
        holds = set(spec.bundles[bundle]).union(*(spec.bundles[sheet] for sheet in scripted.get(bundle, [])))
        needed = {part for part in components if applicable(sources[part], classes)}
        missing += [f"{bundle}: needs {part} ({applicable(sources[part], classes)[0]})" for part in sorted(needed - holds)]
        extra[bundle] = {part for part in holds & set(components) if part not in needed}
    return present, missing, extra


def test_each_bundle_holds_exactly_the_components_its_pages_use(published_site):
    """A bundle has every component file with a rule for the classes its pages use, and no other
    (but the parts bundles.toml lists under [unseen], for markup the example site does not make)."""
    spec_path = ROOT / "theme" / "css" / "bundles.toml"
    spec = load_spec(spec_path)
    with open(spec_path, "rb") as handle:
        unseen = tomllib.load(handle).get("unseen", {})
    present, problems, extra = bundle_problems(published_site, spec)
    assert {"home", "story", "stories", "directory", "facet", "profile", "search"} <= set(present)
    for bundle, parts in sorted(extra.items()):
        problems += [f"{bundle}: holds {part}, which no page of it uses" for part in sorted(parts - set(unseen.get(bundle, [])))]
        problems += [f"{bundle}: [unseen] {part} is used after all, or not in the bundle"
                     for part in unseen.get(bundle, []) if part not in parts]
    assert problems == []


def test_the_large_directory_pages_have_the_components_they_use(paged_directory_site):
    """The A-Z pages of a large directory (one page per initial, paginated) and its paginated facets use
    parts the example site's small directory does not: their bundles have them."""
    spec = load_spec(ROOT / "theme" / "css" / "bundles.toml")
    _present, missing, extra = bundle_problems(paged_directory_site, spec)
    assert [problem for problem in missing if problem.startswith(("directory:", "facet:"))] == []
    # what [unseen] holds for the directory and the facets is in use here
    assert not extra["directory"] & {"components/letter-nav", "components/pagination"}
    assert "components/pagination" not in extra["facet"]
