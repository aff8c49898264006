"""A profile's badge kit in Chromium: every size in both colours drawn in the browser, as the build draws it.

The kit page hosts only the share card and the e-mail signature; the other sizes, the dark variants, the
SVG of the dark variant, the verifiable (baked) badge and the QR code's PNG are made by
theme/static/js/badge-kit.js from the design the build wrote. Here a real browser on a real build
downloads every one of them, and each PNG is compared with the build's own render of the same badge
(designs.Designer + to_png, the code that drew every size before).

Tolerance: both images are composited on mid-grey and blurred (Gaussian, radius 2 px), which evens out
anti-aliasing: Pillow supersamples the geometry 2x and draws hinted text with FreeType, the build quantises
to a 256-colour palette, Skia draws analytic edges and unhinted text. Then the mean absolute difference per
channel (0-255) must be at most ``MEAN_TOLERANCE`` and no pixel may differ by more than ``MAX_TOLERANCE``.
Measured on the example kit: correct drawings stay at a mean of 2.3 and a maximum of 72 at worst; the texts
moved by 2 px give a mean of 3.5 to 7.5, another subline gives a maximum of 124 or more, two letters of the
name swapped a maximum of 178 or more (at 1080 px; at 400 px the small texts sit within the noise), the
other colour variant a mean far above 10.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from badges import baking
from badges.designs import FORMATS, BadgeArt, Designer
from badges.fonts import FontSet
from badges.generator import subline
from badges.kit import plan_files, render_file
from browser_support import visit
from bs4 import BeautifulSoup
from conftest import ROOT, SITEURL, site_file
from PIL import Image, ImageChops, ImageFilter, ImageStat
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

# long: the module's downloads (every size of three badges, drawn in Chromium) take a minute or more;
# its tests start first and together, so they share one worker's fixture
pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.long]

SLUG = "maria-louise-van-den-heuvel-vanderbroeck"  # the longest name: fitted on two lines, three badges
MEAN_TOLERANCE = 3.0
MAX_TOLERANCE = 96
VARIANTS = ("licht", "donker")
OB2_PYTHON = ROOT / ".venv-ob2" / "bin" / "python"


def art_for(slug: str, badge_id: str, host: str = "dekrachtvanambacht.nl") -> BadgeArt:
    """The badge the build draws for a profile, from the content files (as BadgesGenerator makes it)."""
    data = yaml.safe_load((ROOT / "content" / "profiles" / f"{slug}.yaml").read_text(encoding="utf-8"))
    crafts = yaml.safe_load((ROOT / "content" / "data" / "crafts.yaml").read_text(encoding="utf-8"))
    regions = yaml.safe_load((ROOT / "content" / "data" / "regions.yaml").read_text(encoding="utf-8"))
    badges = yaml.safe_load((ROOT / "content" / "data" / "badges.yaml").read_text(encoding="utf-8"))
    badge = next(b for b in badges["badges"] if b["id"] == badge_id)
    taxonomy = SimpleNamespace(crafts={c["id"]: c for c in crafts["crafts"]},
                               regions={r["id"]: r["name"] for r in regions["regions"]})
    profile = SimpleNamespace(crafts=data.get("crafts", []), region=data.get("region"))
    return BadgeArt(badge["name"], badge.get("label", "Ik ben"), badge.get("colour", "copper"), host, data["name"],
                    subline(profile, taxonomy), data.get("tagline") or "")


def build_png(art: BadgeArt, fmt: str, variant: str) -> bytes:
    """The PNG the build renders of ``art`` in ``fmt`` and ``variant`` (``kit.render_file``)."""
    fonts = FontSet()
    file = plan_files("badges/x", "x", art, "test", formats=(fmt,), variants=(variant,))[0]
    return render_file(Designer(fonts), fonts, file)


def build_render(art: BadgeArt, fmt: str, variant: str) -> Image.Image:
    return Image.open(io.BytesIO(build_png(art, fmt, variant)))


def on_grey(image: Image.Image) -> Image.Image:
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (128, 128, 128, 255))
    return Image.alpha_composite(background, rgba).convert("RGB")


def difference(drawn: Image.Image, built: Image.Image) -> tuple[float, int]:
    """(mean absolute difference per channel, largest difference in any channel), both images blurred."""
    blurred = [on_grey(image).filter(ImageFilter.GaussianBlur(2)) for image in (drawn, built)]
    delta = ImageChops.difference(*blurred)
    return sum(ImageStat.Stat(delta).mean) / 3, max(high for _low, high in delta.getextrema())


def badge_ids(output: Path) -> list[str]:
    page = (output / "badges" / SLUG / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<section class="badge-block" id="badge-([^"]+)"', page)


def download(page, control, folder: Path, index: int) -> Path:
    """Click a download control and save what it gives."""
    try:
        with page.expect_download(timeout=20000) as info:
            control.click()
    except PlaywrightTimeout:
        # A loaded machine can let the click's activation lapse: the page then offers a link to the file,
        # or Chromium held the download back; either way a person clicks again.
        ready = control.locator("xpath=..").locator("a[data-ready]")
        status = page.locator("[data-copy-status]").text_content()
        with page.expect_download(timeout=20000) as info:
            (ready if ready.count() else control).click()
        assert status, "the page said nothing about the first click"
    target = folder / f"{index}-{info.value.suggested_filename}"
    info.value.save_as(target)
    return target


@pytest.fixture(scope="module")
def downloads(browser, example_site, tmp_path_factory):
    """Every download of the kit page, clicked in Chromium: {(badge index, name): path}."""
    folder = tmp_path_factory.mktemp("kit-downloads")
    files: dict = {}
    with visit(browser, example_site.output, f"badges/{SLUG}/") as record:
        page = record.page
        expect(page.locator("figure.badge-previews__item--staand").first).to_be_visible(timeout=20000)
        blocks = page.locator("[data-badge]")
        for index in range(blocks.count()):
            block = blocks.nth(index)
            rows = block.locator("tbody tr")
            for row_number, fmt in enumerate((*FORMATS, "svg")):
                for column, variant in enumerate(VARIANTS):
                    control = rows.nth(row_number).locator("td").nth(column).locator("a, button").first
                    href = control.get_attribute("href") or ""
                    if href.startswith(SITEURL + "/"):  # hosted: Playwright cancels downloads it routes
                        files[(index, fmt, variant)] = site_file(example_site.output, href)
                        continue
                    files[(index, fmt, variant)] = download(page, control, folder, index)
            for kind in ("png", "svg", "png-v3", "svg-v3"):
                files[(index, "verifieerbaar", kind)] = download(page, block.locator(f"button[data-bake='{kind}']"),
                                                                 folder, index)
        with page.expect_download() as info:
            page.locator("[data-qr-download]").click()
        files["qr"] = folder / info.value.suggested_filename
        info.value.save_as(files["qr"])
        with page.expect_download() as info:
            page.locator("[data-qr-svg]").click()
        files["qr-svg"] = folder / info.value.suggested_filename
        info.value.save_as(files["qr-svg"])
        # offline once loaded: no request leaves the page any more, and drawing still works
        record.context.set_offline(True)
        with page.expect_download() as info:
            blocks.nth(0).locator("button[data-draw='staand-1080x1350'][data-variant='donker']").click()
        files["offline"] = folder / "offline.png"
        info.value.save_as(files["offline"])
        foreign, errors = list(record.foreign_requests), list(record.console_errors)
    return {"files": files, "foreign": foreign, "errors": errors, "ids": badge_ids(example_site.output)}


def test_every_size_downloads_in_both_colours_at_its_exact_pixel_size(downloads):
    files, ids = downloads["files"], downloads["ids"]
    assert len(ids) == 3
    for index, badge_id in enumerate(ids):
        for fmt, size in FORMATS.items():
            for variant in VARIANTS:
                path = files[(index, fmt, variant)]
                assert path.name.endswith(f"{SLUG}-{badge_id}-{fmt}-{variant}.png"), path.name
                with Image.open(path) as image:
                    assert image.format == "PNG" and image.size == size, (path.name, image.size)
                    assert not image.getexif()
        for variant in VARIANTS:
            root = ET.fromstring(files[(index, "svg", variant)].read_text(encoding="utf-8"))
            assert root.get("viewBox") == "0 0 1080 1080"
            text = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
            assert "Maria-Louise" in text and "Ruwenborgh" in text, text  # real text, nothing cut
    with Image.open(downloads["files"]["offline"]) as image:
        assert image.size == FORMATS["staand-1080x1350"]
    assert downloads["foreign"] == [] and downloads["errors"] == []


def test_browser_drawings_match_the_builds_renders(downloads):
    files, ids = downloads["files"], downloads["ids"]
    report = []
    for index, badge_id in enumerate(ids):
        art = art_for(SLUG, badge_id)
        for fmt in FORMATS:
            for variant in VARIANTS:
                with Image.open(files[(index, fmt, variant)]) as drawn:
                    mean, largest = difference(drawn, build_render(art, fmt, variant))
                report.append((badge_id, fmt, variant, round(mean, 2), largest))
    worst = [row for row in report if row[3] > MEAN_TOLERANCE or row[4] > MAX_TOLERANCE]
    assert worst == [], worst
    # the comparison can fail: the other variant of the same badge is far off
    with Image.open(files[(0, "vierkant-1080", "licht")]) as drawn:
        assert difference(drawn, build_render(art_for(SLUG, ids[0]), "vierkant-1080", "donker"))[0] > 10 * MEAN_TOLERANCE


def test_the_hosted_share_card_is_the_builds_render_of_the_same_badge(downloads):
    """The art rebuilt here from the content files is the build's: its share card is the same PNG, byte for byte."""
    files, ids = downloads["files"], downloads["ids"]
    assert files[(0, "deelkaart-1200x630", "licht")].read_bytes() == build_png(art_for(SLUG, ids[0]),
                                                                             "deelkaart-1200x630", "licht")


def test_the_verifiable_badges_carry_the_hosted_assertion(downloads, example_site):
    files, ids = downloads["files"], downloads["ids"]
    for index, badge_id in enumerate(ids):
        hosted = example_site.output / "openbadges" / "assertions" / f"{SLUG}-{badge_id}.json"
        png = files[(index, "verifieerbaar", "png")]
        assert png.name.endswith(f"{SLUG}-{badge_id}-verifieerbaar.png")
        assert baking.unbake_png(png.read_bytes()) == hosted.read_text(encoding="utf-8")
        with Image.open(png) as image:
            assert image.size == (400, 400)
            image.verify()
        svg = files[(index, "verifieerbaar", "svg")].read_text(encoding="utf-8")
        assert json.loads(baking.unbake_svg(svg)) == json.loads(hosted.read_text(encoding="utf-8"))
        assert re.search(r"<svg\b", svg[:256])


def test_the_signed_badges_carry_the_hosted_credential(downloads, example_site):
    """Open Badges 3.0: the browser bakes the hosted signed credential, byte for byte, as baking.py does."""
    files, ids = downloads["files"], downloads["ids"]
    for index, badge_id in enumerate(ids):
        hosted = (example_site.output / "openbadges" / "v3" / "credentials" / f"{SLUG}-{badge_id}.json").read_text(
            encoding="utf-8")
        png = files[(index, "verifieerbaar", "png-v3")]
        assert png.name.endswith(f"{SLUG}-{badge_id}-verifieerbaar-v3.png"), png.name
        assert baking.unbake_png(png.read_bytes(), baking.KEYWORD_V3) == hosted
        assert baking.unbake_png(png.read_bytes()) is None  # not the 2.0 assertion
        with Image.open(png) as image:
            assert image.size == (400, 400)
            image.verify()
        svg = files[(index, "verifieerbaar", "svg-v3")]
        assert svg.name.endswith(f"{SLUG}-{badge_id}-verifieerbaar-v3.svg"), svg.name
        text = svg.read_text(encoding="utf-8")
        assert json.loads(baking.unbake_svg_credential(text)) == json.loads(hosted)  # CDATA text, stripped
        assert baking.unbake_svg(text) is None
        ET.fromstring(text)  # well-formed


@pytest.mark.skipif(not OB2_PYTHON.exists(), reason="run `make .venv-ob2/.ready` (make test does this itself)")
def test_the_browser_baked_badges_pass_the_ims_validator(downloads, example_site, tmp_path):
    """badgecheck, offline against the built site, on the PNG and SVG the browser baked."""
    from test_openbadges_site import expected_recipient, run_ob2

    items = []
    for index, badge_id in enumerate(downloads["ids"]):
        assertion = json.loads((example_site.output / "openbadges" / "assertions" / f"{SLUG}-{badge_id}.json").read_text())
        for kind in ("png", "svg"):
            copy = tmp_path / f"{badge_id}.{kind}"
            shutil.copyfile(downloads["files"][(index, "verifieerbaar", kind)], copy)
            items.append({"label": f"{badge_id}-{kind}", "input": str(copy), "recipient": expected_recipient(assertion)})
    reports = run_ob2(items, example_site.output)
    failures = {label: report["messages"] for label, report in reports.items()
                if not (report["valid"] and report["errorCount"] == 0 and not report["refused"])}
    assert failures == {}


def test_qr_code_png_is_drawn_from_the_inline_svg(downloads, example_site):
    qr = downloads["files"]["qr"]
    assert qr.name == f"{SLUG}-qr.png"
    with Image.open(qr) as image:
        assert image.size[0] == image.size[1] and image.size[0] % 12 == 0
        pixels = image.convert("L")
        assert pixels.getpixel((0, 0)) == 255  # the quiet zone is white
        assert pixels.getpixel((2 * 12 + 3, 2 * 12 + 3)) < 64  # the finder pattern's corner is dark
    zbar = shutil.which("zbarimg")
    assert zbar, "zbarimg is missing: `make test` installs Debian's zbar-tools"
    decoded = subprocess.run([zbar, "--raw", "-q", str(qr)], capture_output=True, text=True).stdout.strip()
    assert decoded == f"{SITEURL}/ambachtengids/{SLUG}/"  # a real reader reads the code (fixed mask included)
    svg = downloads["files"]["qr-svg"]
    assert svg.name == f"{SLUG}-qr.svg"
    root = ET.fromstring(svg.read_bytes())  # a well-formed SVG file: the page's inline code
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and "QR-code" in "".join(root.itertext())
    page_svg = BeautifulSoup((example_site.output / "badges" / SLUG / "index.html").read_text(encoding="utf-8"),
                             "html.parser").select_one(".badge-share__qr svg")
    assert root.find("{http://www.w3.org/2000/svg}g/{http://www.w3.org/2000/svg}path[@stroke]").get("d") == \
        page_svg.select_one("path[stroke]")["d"]


def test_screenshots_at_phone_and_desktop_width(browser, example_site, tmp_path):
    """The drawn previews replace the placeholders and nothing overflows the page at 375 and 1280 px."""
    for width in (375, 1280):
        with visit(browser, example_site.output, f"badges/{SLUG}/", width=width) as record:
            page = record.page
            expect(page.locator("figure.badge-previews__item--staand").first).to_be_visible(timeout=20000)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            seal = page.locator(".badge-block__seal").first
            expect(seal).to_have_attribute("src", re.compile(r"^blob:"))
            page.screenshot(path=str(tmp_path / f"kit-{width}.png"), full_page=True)
            assert record.console_errors == [] and record.foreign_requests == []


# what the previews fetch: the design, the drawing fonts, the hosted assertions and credentials, the SVG
PREVIEW_FETCHES = re.compile(r"/badges/ontwerp-[0-9a-f]+\.json$|/fonts/badges/|/openbadges/(?:assertions|credentials)/|/badges/[^/]+/[^/]+\.svg$")


def test_the_previews_wait_until_the_page_has_loaded(browser, example_site):
    """The previews' design, fonts and hosted documents are fetched after the page's load event and its
    first contentful paint, so a phone
    draws the page before it spends time on the drawings (Lighthouse counts what comes before the first
    paint into it); the previews are drawn all the same."""
    with visit(browser, example_site.output, f"badges/{SLUG}/", width=375) as record:
        page = record.page
        expect(page.locator(".badge-block__seal").first).to_have_attribute("src", re.compile(r"^blob:"), timeout=20000)
        timing = page.evaluate("""() => ({load: performance.getEntriesByType('navigation')[0].loadEventEnd,
            painted: performance.getEntriesByName('first-contentful-paint')[0].startTime,
            fetched: performance.getEntriesByType('resource').map(entry => [entry.name, entry.startTime])})""")
        assert record.console_errors == [] and record.foreign_requests == []
    previews = [(url, start) for url, start in timing["fetched"] if PREVIEW_FETCHES.search(url)]
    assert any("/fonts/badges/" in url for url, _ in previews) and any("ontwerp-" in url for url, _ in previews)
    assert timing["load"] > 0 and timing["painted"] > 0
    # after the load event, and after the first paint is on the screen (a fast page loads before that)
    assert [(url, start) for url, start in previews if start < max(timing["load"], timing["painted"])] == []


# Every element of a badge block the script adds or shows, as [tag, attributes, text]; a drawn image's
# address is "blob:" (it differs per visit).
DESCRIBE_BLOCKS = """() => Array.from(document.querySelectorAll('main [data-badge]'), block => {
  const describe = element => {
    const attributes = {};
    for (const a of element.attributes) attributes[a.name] = a.value.startsWith('blob:') ? 'blob:' : a.value;
    return [element.tagName.toLowerCase(), attributes, element.textContent.replace(/\\s+/g, ' ').trim()];
  };
  return {
    previews: Array.from(block.querySelector('.badge-previews').children, figure =>
      [describe(figure).slice(0, 2), ...Array.from(figure.children, describe)]),
    rows: Array.from(block.querySelectorAll('.download-table tbody tr'), row =>
      [describe(row).slice(0, 2), ...Array.from(row.children, cell => [describe(cell), ...Array.from(cell.children, describe)])]),
    verifiable: Array.from(block.querySelectorAll('.verifiable > ul'), list =>
      Array.from(list.children, item => Array.from(item.children, describe).slice(0, 1))),
    copy: Array.from(block.querySelectorAll('.snippet'), snippet =>
      Array.from(snippet.children, describe).filter(d => d[0] === 'button')),
    title: block.querySelector('.badge-block__title').textContent,
    seal: block.querySelector('.badge-block__seal').getAttribute('alt'),
    snippetTitles: Array.from(block.querySelectorAll('.snippet__title'), title => title.textContent),
  };
})"""


def test_the_script_completes_each_badge_block_as_the_page_had_it(browser, example_site):
    """badge-kit.js makes what only it uses from the page's template: after it ran, every preview figure,
    download row, cell and button and every bake and copy button is there with the classes, attributes,
    accessible names and order the page had when they were written (hidden) into every badge block."""
    from badges.kit import FORMAT_LABELS

    folder = example_site.output / "badges" / SLUG
    hosted = {p.name for p in folder.iterdir()}
    ids = badge_ids(example_site.output)
    with visit(browser, example_site.output, f"badges/{SLUG}/") as record:
        page = record.page
        expect(page.locator("figure.badge-previews__item--vierkant")).to_have_count(len(ids), timeout=20000)
        for figure in page.locator("figure.badge-previews__item").all():
            expect(figure).to_be_visible(timeout=20000)  # drawn, then shown
        blocks = page.evaluate(DESCRIBE_BLOCKS)
        buttons = page.locator("main [data-badge] button")
        for number in range(buttons.count()):  # the name is the button's text, with its visually hidden part
            button = buttons.nth(number)
            text = button.text_content().split()  # Chromium may name the visually hidden part with a space before it
            expect(button).to_have_accessible_name(re.compile(r"^\s*" + r"\s*".join(map(re.escape, "".join(text))) + r"\s*$"))
        qr = page.evaluate("""() => Array.from(document.querySelectorAll('.badge-share__qr figcaption > *'), e =>
            [e.tagName.toLowerCase(), Array.from(e.attributes, a => a.name), e.textContent,
             Array.from(e.querySelectorAll('button'), b => [b.type, b.className, Array.from(b.attributes, a => a.name)])])""")
        assert record.console_errors == [] and record.foreign_requests == []
    assert len(blocks) == len(ids) == 3
    for index, (block, badge_id) in enumerate(zip(blocks, ids, strict=True)):
        name, seal = block["title"], block["seal"]
        # previews: the share card (hosted for the first badge, drawn for the others), portrait, dark square
        previews = []
        for fmt, variant, caption in (("deelkaart-1200x630", "licht", FORMAT_LABELS["deelkaart-1200x630"]),
                                      ("staand-1080x1350", "licht", FORMAT_LABELS["staand-1080x1350"]),
                                      ("vierkant-1080", "donker", "Donkere versie")):
            figure = {"class": f"badge-previews__item badge-previews__item--{fmt.split('-')[0]}" +
                      (" badge-previews__item--dark" if variant == "donker" else "")}
            width, height = FORMATS[fmt]
            image = {"src": "blob:", "width": str(width), "height": str(height),
                     "alt": seal + (", donkere versie" if variant == "donker" else ""), "loading": "lazy",
                     "data-draw-preview": fmt, "data-variant": variant}
            previews.append([["figure", figure], ["img", image, ""], ["figcaption", {}, caption]])
        assert block["previews"] == previews, index
        # the download table: every size in the design's order; a hosted file is a link, the rest a button
        rows = []
        for fmt, label in FORMAT_LABELS.items():
            px = "schaalbaar" if fmt == "svg" else f"{FORMATS[fmt][0]} × {FORMATS[fmt][1]} px"
            files = {variant: f"{SLUG}-{badge_id}" + ("" if fmt == "svg" else f"-{fmt}") + f"-{variant}." +
                     ("svg" if fmt == "svg" else "png") for variant in VARIANTS}
            offered = [variant for variant in VARIANTS if files[variant] in hosted]
            row = {"data-format": fmt, **({} if offered else {"data-drawn-only": ""})}
            cells = [[["th", {"scope": "row"}, label + px], ["span", {"class": "download-table__px"}, px]]]
            kind = "SVG" if fmt == "svg" else "PNG"
            for variant in VARIANTS:
                if variant in offered:
                    link = {"href": f"{SITEURL}/badges/{SLUG}/{files[variant]}", "download": "",
                            "type": "image/svg+xml" if fmt == "svg" else "image/png", **({"data-svg": ""} if fmt == "svg" else {})}
                    cells.append([["td", {}, f"{kind}, {variant}"], ["a", link, f"{kind}, {variant}"]])
                else:
                    button = {"type": "button", "class": "download-table__draw", "data-draw": fmt, "data-variant": variant}
                    cells.append([["td", {"data-draw": ""}, f"{kind}, {variant}"], ["button", button, f"{kind}, {variant}"]])
            rows.append([["tr", row], *cells])
        assert block["rows"] == rows, index
        # the verifiable badge: PNG and SVG, Open Badges 2.0 in the first list and 3.0 in the second
        bake = [[[["button", {"type": "button", "class": "download-table__draw", "data-bake": kind},
                   f"{text} ({kind.split('-')[0].upper()}): {name}"]] for kind in kinds]
                for kinds, text in ((("png", "svg"), "Verifieerbare badge"),
                                    (("png-v3", "svg-v3"), "Ondertekende badge, Open Badges 3.0"))]
        assert [items[:2] for items in block["verifiable"]] == bake, index
        assert [len(items) for items in block["verifiable"]] == [4, 3]
        # a copy button after each snippet's code, named by the snippet's title
        copy = [[["button", {"type": "button", "class": "button button--secondary copy-button",
                             "data-copy": f"code-{badge_id}-{part}"}, f"Kopieer code: {title.lower()}"]]
                for part, title in zip(("website", "mail"), block["snippetTitles"], strict=True)]
        assert block["copy"] == copy, index
        assert block["snippetTitles"] == ["Op je website", "In je e-mailhandtekening"]
    assert qr == [["span", ["data-qr-png"], " Download: SVG · PNG",
                   [["button", "download-table__draw", ["type", "class", "data-qr-svg"]],
                    ["button", "download-table__draw", ["type", "class", "data-qr-download"]]]]]
