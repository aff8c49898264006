"""Each page links the sheet of its bundle with only the optional parts (bundles.toml [optional]) that
its markup uses, and looks exactly as it does with the whole bundle."""

from __future__ import annotations

import io
import re

import pytest
import soupsieve
from assets.bundle import collect, load_spec, minify_css
from assets.fontuse import faces, writes_text
from assets.media import blocks, split
from assets.usage import selectors, split_selector_list
from browser_support import visit
from bs4 import BeautifulSoup
from conftest import ROOT, site_file
from test_browser import PAGE_TYPES, PAGED_DIRECTORY, page_path

pytestmark = [pytest.mark.build]

SPEC = load_spec(ROOT / "theme" / "css" / "bundles.toml")
BUNDLE = re.compile(r"/theme/assets/([\w-]+)\.[0-9a-f]{10}\.css$")
# what a rule needs on the page, whatever state it is in: states and pseudo-elements taken off
STATES = re.compile(r"::?(?:hover|focus-visible|focus-within|focus|active|before|after|marker|placeholder)\b")


def main_sheet(site, path):
    """The page's first stylesheet (its bundle's, all media): the bundle's name and the sheet's text."""
    html = path.read_text(encoding="utf-8")
    href = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)[0]
    file = site_file(site.output, href) if "://" in href else (path.parent / href).resolve()
    return BUNDLE.search(href).group(1), file.read_text(encoding="utf-8"), html


def part_rules(part: str) -> list[str]:
    """A part's rules as its bundle's main sheet holds them (minified, without the media-split blocks;
    @font-face left out: the sheet names their fonts by their fingerprinted names)."""
    text = split(minify_css((ROOT / "theme" / "css" / f"{part}.css").read_text(encoding="utf-8")))[0]
    return [block for block in blocks(text) if not block.startswith("@font-face")]


def matches(soup, part: str) -> list[str]:
    """The selectors of a part that match an element of the page (parsed, with its structure)."""
    found = []
    for selector_list in selectors((ROOT / "theme" / "css" / f"{part}.css").read_text(encoding="utf-8")):
        # a state taken off; a :not() left empty by that (``:not(:focus)``) holds for an element at rest
        selector = STATES.sub("", selector_list).replace(":not()", "")
        try:
            hit = soup.select_one(selector)
        except soupsieve.SelectorSyntaxError:  # a :has() soupsieve does not take: judged without it (looser)
            try:
                hit = soup.select_one(without_has(selector))
            except soupsieve.SelectorSyntaxError:
                hit = True  # one it cannot judge counts as used
        if hit:
            found.append(selector_list)
    return found


def without_has(selector: str) -> str:
    out, depth, index = [], 0, 0
    while index < len(selector):
        if depth == 0 and selector.startswith(":has(", index):
            depth, index = 1, index + 5
            continue
        if depth:
            depth += selector[index] == "("
            depth -= selector[index] == ")"
        else:
            out.append(selector[index])
        index += 1
    return "".join(out)


def test_each_page_links_only_the_optional_parts_its_markup_uses(example_site):
    """Judged independently of the build's class test: a part left out has no selector that matches an
    element of the parsed page (nothing the page needs is missing); a part linked has one that does,
    or a reason the page may need it that a parsed page cannot show (a class set by a script)."""
    missing, needless, linked = [], [], 0
    for path in example_site.html_files():
        if "/admin/" in str(path) or 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        bundle, sheet, html = main_sheet(example_site, path)
        soup = BeautifulSoup(html, "html.parser")
        scripts = "".join((example_site.output / "theme" / "assets" / name).read_text(encoding="utf-8")
                          for name in re.findall(r'/theme/assets/([\w.-]+\.js)"', html))
        for group in SPEC.optional.get(bundle, ()):
            for part in group:
                rules = part_rules(part)
                if not rules:  # font faces alone: linked when the page's text may need one of them
                    linked += face_part_problems(part, sheet, html, missing, path.relative_to(example_site.output))
                    continue
                held = all(rule in sheet for rule in rules)
                assert held or not any(rule in sheet for rule in rules), (path, part)  # whole or not at all
                used = matches(soup, part)
                if not held and used:
                    missing.append(f"{path.relative_to(example_site.output)}: {part} left out, needed by {used[0]}")
                elif held and len(group) == 1 and not used and not any(
                        name in scripts for name in re.findall(r"\.([\w-]+)", " ".join(selectors("".join(rules))))):
                    needless.append(f"{path.relative_to(example_site.output)}: {part}")
                linked += held
    assert missing == []
    # the build's judgement ignores structure (a table anywhere on a page with prose counts): it may
    # link a part that no element matches, but rarely
    assert len(needless) <= max(3, linked // 20), needless


def face_part_problems(part: str, sheet: str, html: str, missing: list[str], where) -> bool:
    """A part of @font-face rules alone (the latin-ext faces): whole or not at all in the page's sheet, and
    held where the page's text (what it shows, its alt texts and field values) has a character in one of
    its faces' ranges or where text may come later (a script, a form field). Whether it is linked without
    need is the preload test's business (a linked face the page does not fetch is no error)."""
    source = (ROOT / "theme" / "css" / f"{part}.css").read_text(encoding="utf-8")
    part_faces = faces(source)
    stems = [face.url.rsplit("/", 1)[-1].removesuffix(".woff2") for face in part_faces]
    held = [re.search(rf'url\("?{re.escape(stem)}\.[0-9a-f]{{10}}\.woff2', sheet) is not None for stem in stems]
    assert all(held) or not any(held), part
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.select("script, style, template"):
        hidden.decompose()
    text = soup.get_text() + "".join(str(tag.get(name, "")) for tag in soup.find_all(True) for name in ("alt", "value"))
    codes = sorted({ord(char) for char in text})
    needed = any(face.covers(codes) for face in part_faces) or writes_text(html)
    if needed and not all(held):
        missing.append(f"{where}: {part} left out, though the page's text may need it")
    return all(held)


def settle(page, network: bool = True) -> None:
    """Every image loaded (lazy ones too), the fonts in, the network quiet and the page's height and its
    images' chosen sources steady (the badge kits draw their previews after load; a srcset may choose
    again), so that two states of a page can be compared.
    ``network=False`` when nothing can have been fetched since the last settle (a colour scheme
    switched: every stylesheet was fetched with the page, whatever its media): the wait for a quiet
    network alone is half a second."""
    page.evaluate("() => { for (const img of document.images) img.loading = 'eager'; }")
    if network:
        page.wait_for_load_state("networkidle")
    height = None
    for _ in range(40):
        page.evaluate("""async () => {
            await Promise.all([...document.images].map(img => img.decode().catch(() => null)));
            await document.fonts.ready; }""")
        # the height, and each image's chosen source and whether it is in (a srcset may pick again)
        now = page.evaluate("""() => [document.documentElement.scrollHeight,
            ...[...document.images].map(img => img.currentSrc + (img.complete ? '' : ' (loading)'))].join('|')""")
        if now == height and "(loading)" not in now:
            return
        height = now
        page.wait_for_timeout(120)
    raise AssertionError(f"the page's height and images do not settle: {height}")


# One page per distinct sheet: the pages left out link the same sheet as one here and are built from
# the same templates (their English twins, a second plain page). The test above judges every page.
LOOKS = [name for name in PAGE_TYPES if name not in PAGED_DIRECTORY and name not in {
    "accessibility statement", "English home", "English page", "English directory", "English facet",
    "English search"}]

SWAP = """async (whole) => {
    const link = document.querySelector('link[rel=stylesheet]');
    const loaded = new Promise((done, failed) => {
        link.addEventListener('load', done, {once: true}); link.addEventListener('error', failed, {once: true}); });
    link.href = link.href.replace(/[^/]+$/, whole);
    await loaded;
    return link.href;
}"""


@pytest.fixture(scope="module")
def theme_assets():
    """The theme's assets as the build makes them (the bundles, their variants and media sheets), once."""
    return collect(ROOT / "theme")


@pytest.mark.browser
@pytest.mark.parametrize("name", LOOKS)
def test_a_page_looks_the_same_with_its_whole_bundle(browser, example_site, theme_assets, name):
    """Screenshots at 375 and 1280 px, light and dark, of the page as built and of the same page once
    its first stylesheet links the bundle's whole sheet instead: pixel for pixel the same. At 375 px, the
    fonts the page preloads are those its text made Chromium load (fontuse; see the test below)."""
    from PIL import Image, ImageChops

    path = page_path(name)
    file = example_site.file(path)
    bundle, _sheet, html = main_sheet(example_site, file)
    whole = theme_assets.names[f"css/{bundle}.css"]
    own = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)[0].rsplit("/", 1)[1]
    assert own != whole, "this page links its whole bundle: nothing to compare"
    for width in (375, 1280):
        shots = {}
        # one load per width: the page's own sheet, then the whole sheet swapped in; each shot in both
        # colour schemes (emulate_media applies at once)
        with visit(browser, example_site.output, path, width=width) as seen:
            page = seen.page
            for variant in ("page", "whole"):
                if variant == "whole":
                    assert page.evaluate(SWAP, whole).endswith("/" + whole)
                first = page.evaluate("document.querySelector('link[rel=stylesheet]').href")
                assert first.endswith("/" + (whole if variant == "whole" else own)), first
                for scheme in ("light", "dark"):
                    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
                    settle(page, network=scheme == "light")
                    shots[variant, scheme] = Image.open(io.BytesIO(page.screenshot(full_page=True, animations="disabled")))
                if variant == "page":  # its text is set in weights its web fonts have
                    assert weights_without_a_face(page, theme_assets, bundle) == []
                if (width, variant) == (375, "page"):  # it preloads exactly the fonts its text needs
                    preloaded, loaded = preloaded_and_loaded_fonts(page, html, theme_assets, bundle)
                    assert preloaded == loaded, (preloaded, loaded)
            assert seen.console_errors == [], seen.console_errors
        for scheme in ("light", "dark"):
            a, b = shots["page", scheme].convert("RGB"), shots["whole", scheme].convert("RGB")
            assert a.size == b.size, (width, scheme, a.size, b.size)
            assert ImageChops.difference(a, b).getbbox() is None, (width, scheme)


# The computed style of an element and of what it holds (its first dozen elements, with their ::before
# and ::after where they have content), every property: what pointing at it shows, once its transitions have run.
SNAPSHOT = """(element) => {
    document.getAnimations().forEach(animation => animation.finish());
    const seen = [element, ...[...element.querySelectorAll('*')].slice(0, 12)];
    return seen.flatMap(node => [null, '::before', '::after'].map(pseudo => [pseudo, getComputedStyle(node, pseudo)])
        .filter(([pseudo, style]) => !pseudo || style.content !== 'none')
        .map(([pseudo, style]) => [node.tagName + (pseudo || ''),
                                   Object.fromEntries([...style].map(name => [name, style.getPropertyValue(name)]))]));
}"""
HOVER_SUBJECT = re.compile(r"^(.*?:hover)")
MEDIA_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*/([^"/]+)" media="[^"]*">')


def hover_subjects(css: str) -> list[str]:
    """Per selector with ``:hover``: the elements it applies to while pointed at (the selector up to the
    compound with ``:hover``, states and pseudo-elements taken off)."""
    found = []
    for selector_list in selectors(css):
        for selector in split_selector_list(selector_list):
            cut = HOVER_SUBJECT.match(selector.strip())
            if cut:
                subject = STATES.sub("", cut.group(1)).strip() or "*"
                if subject not in found:
                    found.append(subject)
    return found


def hovered_styles(page, subjects: list[str]) -> dict:
    """Per subject, the snapshot of its first element forced into :hover (Chromium's DevTools protocol, as
    the Elements panel does)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    styles = {}
    for subject in subjects:
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": subject})["nodeId"]
        if not node:  # none on this page
            continue
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": ["hover"]})
        cdp.send("DOM.setAttributeValue", {"nodeId": node, "name": "data-test-hovered", "value": ""})
        styles[subject] = page.locator("[data-test-hovered]").evaluate(SNAPSHOT)
        cdp.send("DOM.removeAttribute", {"nodeId": node, "name": "data-test-hovered"})
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": []})
    cdp.detach()
    return styles


@pytest.mark.browser
@pytest.mark.parametrize("name", LOOKS)
def test_hover_states_are_those_of_the_unsplit_bundle(browser, example_site, theme_assets, name):
    """The :hover rules are written in ``@media (hover: hover)`` and published in a sheet of their own
    (a phone does not wait for them), linked after the bundle, so they come later in the cascade than
    they were written. Pointed at (at 1280 px, where a mouse hovers), every element a hover rule is for,
    and everything it holds, has the same computed style as with the page's whole bundle as one
    unsplit sheet, every rule in its written order."""
    path = page_path(name)
    file = example_site.file(path)
    bundle, _sheet, html = main_sheet(example_site, file)
    unsplit = minify_css("\n".join((ROOT / "theme" / "css" / f"{part}.css").read_text(encoding="utf-8")
                                   for part in SPEC.bundles[bundle]))
    subjects = hover_subjects(unsplit)
    own = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)[0]
    own_file = str(site_file(example_site.output, own).relative_to(example_site.output))
    # the bundle's sheets for other media (media.split), left out where the bundle is one sheet
    split_off = {sheet.rsplit("/", 1)[1] for sheet, _media in theme_assets.stylesheets(bundle)[1:]}

    def one_sheet(text: str) -> str:
        return MEDIA_LINK.sub(lambda link: "" if link.group(1) in split_off else link.group(0), text)

    assert re.search(r'media="\(hover: hover\)"', html), "the page links no hover sheet"
    styles = {}
    for variant, rewrite in (("page", None),
                             ("unsplit", {str(file.relative_to(example_site.output)): one_sheet,
                                          own_file: lambda _text: unsplit})):
        with visit(browser, example_site.output, path, width=1280, rewrite=rewrite) as seen:
            page = seen.page
            page.wait_for_load_state("load")
            assert page.evaluate("matchMedia('(hover: hover)').matches")
            if variant == "unsplit":  # one sheet applies: the bundle as written (print and forced colours do not)
                assert page.evaluate("[...document.styleSheets].filter(s => !s.media.mediaText || "
                                     "matchMedia(s.media.mediaText).matches).length") == 1
            styles[variant] = hovered_styles(page, subjects)
    assert styles["page"].keys() == styles["unsplit"].keys() and len(styles["page"]) >= 3, sorted(styles["page"])
    differences = []
    for subject, snapshot in styles["page"].items():
        for (tag, mine), (_, theirs) in zip(snapshot, styles["unsplit"][subject], strict=True):
            differences += [f"{subject} {tag}: {prop}: {mine[prop]!r} != {theirs.get(prop)!r}"
                            for prop in mine if mine[prop] != theirs.get(prop)]
    assert differences == []


# The faces the page's text made the browser load: each FontFace of the page's CSS that has loaded, by
# its family, style and unicode-range (a FontFace from @font-face does not say its file).
LOADED_FACES = """() => [...document.fonts].filter(face => face.status === 'loaded')
    .map(face => [face.family.replace(/^["']|["']$/g, ''), face.style, face.unicodeRange])"""
FONT_PRELOAD = re.compile(r'<link rel="preload" href="[^"]*/([^"/]+)" as="font" type="font/woff2" crossorigin fetchpriority="low">')


# Each laid-out text's first font family, style and computed weight, with an example element.
TEXT_WEIGHTS = """() => { const seen = {}; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) { const element = walk.currentNode.parentElement;
        if (!walk.currentNode.data.trim() || !element.getClientRects().length) continue;
        const style = getComputedStyle(element);
        seen[[style.fontFamily.split(',')[0].replace(/^["']|["']$/g, ''), style.fontStyle, style.fontWeight]] ||=
            element.tagName + '.' + element.className; }
    return Object.entries(seen).map(([key, example]) => [...key.split(','), example]); }"""


def weights_without_a_face(page, theme_assets, bundle: str) -> list:
    """The texts of the page set in a web font family at a weight none of its faces declares."""
    faces = theme_assets.font_use(bundle.partition('+')[0]).faces
    families = {face.family for face in faces}
    styles = {(face.family, face.style) for face in faces}  # an italic without its face is synthesised
    return [(family, style, weight, example) for family, style, weight, example in page.evaluate(TEXT_WEIGHTS)
            if family in families
            and not any(face.family == family and (face.style == style or (family, style) not in styles)
                        and face.weight[0] <= float(weight) <= face.weight[1] for face in faces)]


def unicode_range(spans) -> str:
    return ", ".join(f"U+{first:X}" if first == last else f"U+{first:X}-{last:X}" for first, last in spans)


def preloaded_and_loaded_fonts(page, html: str, theme_assets, bundle: str) -> tuple[list[str], list[str]]:
    """The font files a page preloads, and those of the faces its text made Chromium load."""
    preloaded = sorted(FONT_PRELOAD.findall(html))
    assert len(preloaded) == html.count('as="font"')
    by_face = {(face.family, face.style, unicode_range(face.spans)): face.url
               for face in theme_assets.font_use(bundle.partition('+')[0]).faces}
    families = {family for family, _, _ in by_face}  # the local() fallback faces load too: left out
    loaded = sorted(by_face[family, style, spans] for family, style, spans in page.evaluate(LOADED_FACES)
                    if family in families)
    return preloaded, loaded


@pytest.mark.browser
@pytest.mark.parametrize("name", ["profile with a latin-ext name", "news"])
def test_a_page_preloads_exactly_the_fonts_it_fetches(browser, example_site, theme_assets, name):
    """The fonts a page preloads (at low priority, plugins/assets/fontuse.py) are the fonts its text makes
    Chromium load: none left to a late request at the highest priority, none fetched for nothing. Every
    page type is checked in the screenshot test above; these two need more than the latin faces."""
    path = "ambachtengids/anouk-brinkman-sahin/" if name == "profile with a latin-ext name" else page_path(name)
    bundle, _sheet, html = main_sheet(example_site, example_site.file(path))
    with visit(browser, example_site.output, path, width=375) as seen:
        settle(seen.page)
        preloaded, loaded = preloaded_and_loaded_fonts(seen.page, html, theme_assets, bundle)
    assert preloaded == loaded
    if name == "news":  # its dates are in <em>
        assert any("italic" in file for file in loaded), loaded
    else:  # Şahin in the heading and in the text: the latin-ext faces of both families
        assert sum("latin-ext" in file for file in loaded) == 2, loaded
