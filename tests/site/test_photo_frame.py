"""The photo frame on /badges/ in a real browser: positioning, download, keyboard, privacy, offline, axe.

Until the badges page is built by the site, the partial is rendered into a small harness page
(the site's own stylesheet and script, served under the site's strict CSP). As soon as the
example build has a ``badges/index.html`` that contains the partial, that page is used instead;
``PHOTO_FRAME_HARNESS=1`` forces the harness, to tell the tool's problems from the page's.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from assets.bundle import collect
from browser_support import AXE_TAGS, visit
from bs4 import BeautifulSoup
from conftest import ROOT, SITEURL
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.build]

SUPPORTER_BADGES = [
    {"id": "ik-steun", "text": "Ik steun de kracht van ambacht"},
    {"id": "vakmanschap", "text": "Wij kiezen voor vakmanschap"},
]
ROOT_SELECTOR = "[data-photo-frame]"
FILE_NAME = "kracht-van-ambacht-fotolijst.png"
COPPER = (0xA1, 0x43, 0x1D)
INK = (0x1D, 0x26, 0x2B)
PHOTO_CENTRE = (40, 150, 90)  # the solid square in the middle of the test photo
RING_POINT = (540, 540 - 425)  # in the ring, between the photo's rule and the lettering
CORNER_POINT = (24, 24)

HARNESS = """<!DOCTYPE html>
<html lang="nl" dir="ltr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Badges | De kracht van ambacht</title>
  <link rel="stylesheet" href="{siteurl}/{css}">
  <script src="{siteurl}/{js}" defer></script>
</head>
<body>
  <main id="inhoud" class="site-main" tabindex="-1">
    <div class="container">
      <h1>Badges</h1>
      {partial}
    </div>
  </main>
</body>
</html>
"""


@dataclass
class FrameSite:
    output: Path
    path: str
    harness: bool


def render_partial(assets) -> str:
    from jinja2 import Environment, FileSystemLoader

    # The same Jinja settings as pelicanconf.JINJA_ENVIRONMENT.
    environment = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), trim_blocks=True,
                              lstrip_blocks=True, autoescape=True, keep_trailing_newline=True)
    return environment.get_template("partials/photo_frame.html").render(
        supporter_badges=SUPPORTER_BADGES, SITEURL=SITEURL, asset=lambda name: f"{SITEURL}/{assets.path(name)}")


@pytest.fixture(scope="module")
def frame_site(example_site, tmp_path_factory) -> FrameSite:
    """The real /badges/ page once it includes the partial; until then a harness page."""
    real = example_site.output / "badges" / "index.html"
    forced = os.environ.get("PHOTO_FRAME_HARNESS") == "1"  # to test the tool apart from the page
    if not forced and real.is_file() and "data-photo-frame" in real.read_text(encoding="utf-8"):
        return FrameSite(example_site.output, "badges/", harness=False)
    output = tmp_path_factory.mktemp("photo-frame") / "output"
    shutil.copytree(example_site.output / "theme", output / "theme")
    # The files under test, as they are in the working tree now.
    assets = collect(ROOT / "theme")
    for name, data in assets.files.items():
        (output / assets.folder / name).write_bytes(data)
    shutil.copy(example_site.output / "404.html", output / "404.html")
    (output / "badges").mkdir()
    (output / "badges" / "index.html").write_text(HARNESS.format(
        siteurl=SITEURL, partial=render_partial(assets), css=assets.path("css/badges.css"), js=assets.path("js/photo-frame.js")),
                                                  encoding="utf-8")
    return FrameSite(output, "badges/", harness=True)


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    """A landscape JPEG: a horizontal gradient with stripes, a solid square in the middle."""
    from PIL import Image, ImageDraw

    width, height = 1600, 1000
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for x in range(width):
        shade = int(60 + 160 * x / width)
        draw.line([(x, 0), (x, height)], fill=(shade, 90, 200 - shade // 2))
    for x in range(0, width, 100):
        draw.rectangle([x, 0, x + 24, height], fill=(240, 230, 60))
    draw.rectangle([width // 2 - 130, height // 2 - 130, width // 2 + 130, height // 2 + 130], fill=PHOTO_CENTRE)
    path = tmp_path_factory.mktemp("photo") / "portret.jpg"
    image.save(path, "JPEG", quality=95)
    return path


# ---- helpers ---------------------------------------------------------------------------------


def tool(page):
    """Everything is looked up inside the photo frame: the badges page repeats the texts."""
    return page.locator(ROOT_SELECTOR)


def canvas_data(page) -> str:
    return page.evaluate("() => document.querySelector('[data-photo-frame-canvas]').toDataURL('image/png')")


def canvas_pixel(page, x, y) -> tuple:
    return tuple(page.evaluate(
        "([x, y]) => Array.from(document.querySelector('[data-photo-frame-canvas]')"
        ".getContext('2d').getImageData(x, y, 1, 1).data).slice(0, 3)", [x, y]))


def close_to(actual, expected, tolerance=14) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def wait_ready(page):
    expect(page.locator(ROOT_SELECTOR)).to_have_attribute("data-ready", "true")


def load_lazy_images(page):
    """Let the page's lazily loaded images (badges below the fold) arrive before the flow starts, so
    that whatever is requested afterwards is the photo frame's doing."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("Array.from(document.images).every((image) => image.complete)")
    page.evaluate("window.scrollTo(0, 0)")


def load_photo(page, photo):
    tool(page).get_by_label("Kies een foto").set_input_files(photo)
    expect(page.locator("[data-photo-frame-file-status]")).to_contain_text("Foto geladen")
    expect(page.locator(ROOT_SELECTOR)).to_have_attribute("data-photo", "true")


def zoom_value(page) -> int:
    return int(tool(page).get_by_label("Zoom", exact=True).input_value())


def drag(page, dx, dy):
    canvas = page.locator("[data-photo-frame-canvas]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=6)
    page.mouse.up()


def download_png(page, trigger):
    from PIL import Image

    with page.expect_download() as info:
        trigger()
    download = info.value
    assert download.suggested_filename == FILE_NAME
    image = Image.open(io.BytesIO(Path(download.path()).read_bytes()))
    assert image.format == "PNG"
    return image.convert("RGB")


def record_requests(page) -> list:
    requests = []
    page.on("request", lambda request: requests.append(request))  # noqa: PLW0108 (Playwright needs a Python function)
    return requests


def not_favicon(requests) -> list:
    """Requests other than the favicon, which the browser fetches on its own, whenever it likes."""
    return [r.url for r in requests if "/favicon." not in urlsplit(r.url).path]


def assert_nothing_sent(requests):
    origin = urlsplit(SITEURL).netloc
    for request in requests:
        scheme = urlsplit(request.url).scheme
        assert scheme not in ("blob", "data"), f"local URL seen as a request: {request.url[:80]}"
        assert request.method == "GET", f"{request.method} {request.url}"
        assert request.post_data_buffer is None, f"request with a body: {request.url}"
        assert urlsplit(request.url).netloc == origin, f"request to another host: {request.url}"
        assert request.url.startswith(SITEURL + "/"), request.url


def storage_is_empty(page) -> bool:
    return page.evaluate("() => localStorage.length === 0 && sessionStorage.length === 0")


def run_flow(page, photo):
    """Choose a photo, move and zoom it in every way, switch text and colour, download twice."""
    canvas = page.locator("[data-photo-frame-canvas]")
    viewport = page.locator("[data-photo-frame-viewport]")
    placeholder = canvas_data(page)
    expect(canvas).to_have_attribute("aria-label", re.compile("nog geen foto gekozen"))

    load_photo(page, photo)
    expect(page.locator("[data-photo-frame-file-name]")).to_have_text(photo.name)
    loaded = canvas_data(page)
    assert loaded != placeholder
    expect(canvas).to_have_attribute(
        "aria-label", "Voorbeeld: jouw foto in een ronde koperkleurige lijst met de tekst Ik steun de kracht van ambacht")
    assert close_to(canvas_pixel(page, 540, 540), PHOTO_CENTRE)

    # Drag with the mouse: sideways moves (a landscape photo), up/down is clamped at zoom 100 %.
    drag(page, 70, 0)
    dragged = canvas_data(page)
    assert dragged != loaded
    assert not close_to(canvas_pixel(page, 540, 540), PHOTO_CENTRE)
    drag(page, 0, 80)
    assert canvas_data(page) == dragged, "at 100 % the photo must not leave the circle vertically"

    # Keyboard on the preview: 0 resets, arrows move, Shift moves further.
    viewport.focus()
    page.keyboard.press("0")
    assert canvas_data(page) == loaded
    page.keyboard.press("ArrowLeft")
    left = canvas_data(page)
    assert left != loaded
    page.keyboard.press("Shift+ArrowLeft")
    assert canvas_data(page) != left
    page.keyboard.press("ArrowUp")  # nothing to gain vertically at 100 %
    expect(page.locator("[data-photo-frame-status]")).to_contain_text("kan niet verder")

    # Zoom: slider, keys, buttons and the wheel all change the picture and the slider.
    page.keyboard.press("0")
    slider = tool(page).get_by_label("Zoom", exact=True)
    slider.focus()
    page.keyboard.press("End")
    assert zoom_value(page) == 400
    expect(slider).to_have_attribute("aria-valuetext", "400 procent")
    zoomed = canvas_data(page)
    assert zoomed != loaded
    tool(page).get_by_role("button", name="Uitzoomen").click()
    assert zoom_value(page) < 400
    # Without focus on the preview the wheel scrolls the page, it does not zoom.
    before_wheel = zoom_value(page)
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(300)
    assert zoom_value(page) == before_wheel
    viewport.focus()
    page.keyboard.press("0")
    assert zoom_value(page) == 100
    page.keyboard.press("+")
    assert zoom_value(page) > 100
    page.keyboard.press("-")
    assert zoom_value(page) == 100
    page.keyboard.press("ArrowUp")  # now there is room: zoomed in a little first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)  # the preview has focus: the wheel zooms
    expect(slider).not_to_have_value("100")
    tool(page).get_by_role("button", name="Herstel").click()
    assert zoom_value(page) == 100
    assert canvas_data(page) == loaded

    # Frame text and colour.
    tool(page).get_by_label("Wij kiezen voor vakmanschap").check()
    expect(canvas).to_have_attribute("aria-label", re.compile("met de tekst Wij kiezen voor vakmanschap$"))
    assert canvas_data(page) != loaded
    tool(page).get_by_label("Ik steun de kracht van ambacht").check()

    # Download: a 1080x1080 PNG with the photo in the middle and the copper ring around it.
    image = download_png(page, lambda: tool(page).get_by_role("button", name="Download PNG").click())
    assert image.size == (1080, 1080)
    assert close_to(image.getpixel((540, 540)), PHOTO_CENTRE)
    assert close_to(image.getpixel(RING_POINT), COPPER, 2)
    assert close_to(image.getpixel(CORNER_POINT), COPPER, 2)
    expect(page.locator("[data-photo-frame-status]")).to_contain_text("Afbeelding gedownload")

    tool(page).get_by_label("Donker: inkt").check()
    expect(canvas).to_have_attribute("aria-label", re.compile("donkere lijst"))
    image = download_png(page, lambda: tool(page).get_by_role("button", name="Download PNG").click())
    assert close_to(image.getpixel(RING_POINT), INK, 2)
    assert close_to(image.getpixel((540, 540)), PHOTO_CENTRE)
    tool(page).get_by_label("Licht: koper").check()


# ---- tests -----------------------------------------------------------------------------------


def test_partial_is_progressive_and_csp_clean(frame_site):
    soup = BeautifulSoup((frame_site.output / frame_site.path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    root = soup.select_one(ROOT_SELECTOR)
    assert root is not None
    # Without JavaScript: a note, no tool.
    note = root.select_one("[data-photo-frame-nojs]")
    assert note is not None and not note.has_attr("hidden") and "JavaScript" in note.get_text()
    assert root.select_one("[data-photo-frame-tool]").has_attr("hidden")
    # Strict CSP: no inline script or style, no event handler attributes.
    for element in root.find_all(True):
        assert element.name not in ("script", "style")
        assert not element.has_attr("style")
        assert not [name for name in element.attrs if name.lower().startswith("on")]
    script = soup.find("script", src=re.compile(r"/theme/assets/photo-frame\.[0-9a-f]+\.js$"))
    assert script is not None and script.has_attr("defer") and script.get("type") in (None, "text/javascript")
    # One text choice per supporter badge, the first one chosen.
    radios = root.select('input[name="fotolijst-tekst"]')
    assert [r["value"] for r in radios] == [b["id"] for b in SUPPORTER_BADGES]
    assert radios[0].has_attr("checked")
    canvas = root.select_one("canvas")
    assert (canvas["width"], canvas["height"], canvas["role"]) == ("1080", "1080", "img")


def test_flow_in_browser_sends_nothing(browser, frame_site, photo):
    with visit(browser, frame_site.output, frame_site.path) as seen:
        page = seen.page
        requests = record_requests(page)
        page.reload(wait_until="load")  # record the page load itself as well
        wait_ready(page)
        expect(page.locator("[data-photo-frame-nojs]")).to_be_hidden()
        expect(page.locator("[data-photo-frame-tool]")).to_be_visible()
        share = tool(page).get_by_role("button", name="Delen")
        can_share = page.evaluate("""() => Boolean(navigator.canShare && navigator.canShare(
            { files: [new File([new Uint8Array(8)], 'x.png', { type: 'image/png' })] }))""")
        expect(share).to_be_visible() if can_share else expect(share).to_be_hidden()
        load_lazy_images(page)
        before_photo = len(requests)

        run_flow(page, photo)

        assert requests, "the page load itself should have been recorded"
        assert_nothing_sent(requests)
        assert not_favicon(requests[before_photo:]) == []  # nothing at all once a photo is chosen
        assert seen.foreign_requests == []
        assert seen.console_errors == []  # includes CSP violations
        assert seen.context.cookies() == []
        assert storage_is_empty(page)


def test_works_offline_once_loaded(browser, frame_site, photo):
    with visit(browser, frame_site.output, frame_site.path) as seen:
        page = seen.page
        wait_ready(page)
        load_lazy_images(page)
        requests = record_requests(page)
        seen.context.set_offline(True)
        failed = []
        page.on("requestfailed", lambda request: failed.append(request.url))

        run_flow(page, photo)

        assert_nothing_sent(requests)
        assert not_favicon(requests) == [] and failed == []
        assert seen.console_errors == []


def test_share_sheet_gets_the_png(browser, frame_site, photo):
    """Where the Web Share API can share files, Delen hands it the PNG (stubbed share sheet)."""
    with visit(browser, frame_site.output, frame_site.path) as seen:
        page = seen.page
        page.add_init_script("""
            window.sharedForTest = [];
            Object.defineProperty(navigator, "canShare", { configurable: true,
                value: (data) => Boolean(data && data.files && data.files.length) });
            Object.defineProperty(navigator, "share", { configurable: true,
                value: (data) => {
                    window.sharedForTest.push({ title: data.title, text: data.text,
                        files: data.files.map((f) => [f.name, f.type, f.size]) });
                    return Promise.resolve();
                } });
        """)
        page.reload(wait_until="load")
        wait_ready(page)
        share = tool(page).get_by_role("button", name="Delen")
        expect(share).to_be_visible()
        load_photo(page, photo)
        share.click()
        expect(page.locator("[data-photo-frame-status]")).to_have_text("Afbeelding gedeeld.")
        shared = page.evaluate("() => window.sharedForTest")
        assert len(shared) == 1
        assert shared[0]["title"] == "De kracht van ambacht"
        assert shared[0]["text"] == SUPPORTER_BADGES[0]["text"]
        [(name, kind, size)] = shared[0]["files"]
        assert (name, kind) == (FILE_NAME, "image/png") and size > 10_000
        assert seen.console_errors == []


def test_drop_a_photo_on_the_preview(browser, frame_site, photo):
    from PIL import Image

    buffer = io.BytesIO()
    Image.open(photo).save(buffer, "PNG")
    with visit(browser, frame_site.output, frame_site.path) as seen:
        page = seen.page
        wait_ready(page)
        viewport = page.locator("[data-photo-frame-viewport]")
        transfer = page.evaluate_handle(
            """(b64) => {
                const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                const data = new DataTransfer();
                data.items.add(new File([bytes], "gesleept.png", { type: "image/png" }));
                return data;
            }""", base64.b64encode(buffer.getvalue()).decode())
        viewport.dispatch_event("dragenter", {"dataTransfer": transfer})
        expect(viewport).to_have_class(re.compile(r"photo-frame__viewport--drop"))
        expect(tool(page).get_by_text("Laat los om deze foto te gebruiken")).to_be_visible()
        viewport.dispatch_event("drop", {"dataTransfer": transfer})
        expect(page.locator("[data-photo-frame-file-status]")).to_contain_text("Foto geladen")
        expect(viewport).not_to_have_class(re.compile(r"photo-frame__viewport--drop"))
        assert close_to(canvas_pixel(page, 540, 540), PHOTO_CENTRE)
        assert seen.console_errors == []


def test_refuses_files_it_cannot_use(browser, frame_site, tmp_path):
    not_an_image = tmp_path / "foto.jpg"
    not_an_image.write_bytes(b"this is not a JPEG at all" * 20)
    text_file = tmp_path / "notities.txt"
    text_file.write_text("geen foto", encoding="utf-8")
    huge = tmp_path / "groot.jpg"
    with huge.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024 + 1)
    with visit(browser, frame_site.output, frame_site.path) as seen:
        page = seen.page
        wait_ready(page)
        status = page.locator("[data-photo-frame-file-status]")
        chooser = tool(page).get_by_label("Kies een foto")
        for path, message in [(not_an_image, "Dit bestand is geen afbeelding die de browser kan openen"),
                              (text_file, "Dit bestand is geen afbeelding die de browser kan openen"),
                              (huge, "groter dan 25 MB")]:
            chooser.set_input_files(path)
            expect(status).to_contain_text(message)
            expect(status).to_have_class(re.compile(r"photo-frame__status--error"))
            expect(page.locator(ROOT_SELECTOR)).not_to_have_attribute("data-photo", "true")
        # Without a photo the buttons say so instead of doing nothing.
        tool(page).get_by_role("button", name="Download PNG").click(force=True)  # aria-disabled, still focusable
        expect(page.locator("[data-photo-frame-status]")).to_have_text("Kies eerst een foto.")
        expect(tool(page).get_by_role("button", name="Download PNG")).to_have_attribute("aria-disabled", "true")
        assert seen.console_errors == []


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        // The file input is drawn by its label (a button); that is where the focus ring shows.
        const shown = el.type === 'file' ? el.labels[0] : el;
        const style = getComputedStyle(shown);
        return {
            name: el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent.replace(/^\\s*\\d+/, '').trim() : '')
                  || el.textContent.replace(/[^A-Za-z ]/g, '').trim(),
            tag: el.tagName.toLowerCase(),
            visible: el.matches(':focus-visible'),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
    }""")


def test_keyboard_only(browser, frame_site, photo):
    with visit(browser, frame_site.output, frame_site.path) as seen:
        page = seen.page
        wait_ready(page)
        load_photo(page, photo)  # a file dialog cannot be driven from here; the rest is keys only
        # From the top of the page, Tab until the tool is reached (the page around it has links).
        for _ in range(400):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.id === 'fotolijst-bestand'"):
                break
        else:
            pytest.fail("Tab never reached the photo chooser")
        expected = ["Kies een foto", "Ik steun de kracht van ambacht", "Licht: koper", "Positie van je foto",
                    "Omhoog", "Links", "Herstel", "Rechts", "Omlaag", "Uitzoomen", "Zoom", "Inzoomen",
                    "Download PNG"]
        if tool(page).get_by_role("button", name="Delen").is_visible():
            expected.append("Delen")
        seen_names = []
        for step in range(len(expected)):
            if step:
                page.keyboard.press("Tab")
            state = focused(page)
            seen_names.append(state["name"])
            assert state["visible"] and state["outline"], f"focus not visible on {state}"
        assert seen_names == expected

        canvas = page.locator("[data-photo-frame-canvas]")
        # Radio groups: arrow keys choose.
        tool(page).get_by_label("Kies een foto").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")
        expect(canvas).to_have_attribute("aria-label", re.compile("Wij kiezen voor vakmanschap$"))
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")
        expect(canvas).to_have_attribute("aria-label", re.compile("donkere lijst"))
        # The preview: arrows, + and 0.
        page.keyboard.press("Tab")
        assert focused(page)["name"] == "Positie van je foto"
        start = canvas_data(page)
        page.keyboard.press("ArrowRight")
        assert canvas_data(page) != start
        page.keyboard.press("+")
        assert zoom_value(page) > 100
        page.keyboard.press("0")
        assert canvas_data(page) == start and zoom_value(page) == 100
        # Buttons work with Enter and Space.
        page.keyboard.press("Tab")  # Omhoog
        page.keyboard.press("Tab")  # Links
        page.keyboard.press("Enter")
        moved = canvas_data(page)
        assert moved != start
        page.keyboard.press("Tab")  # Herstel
        page.keyboard.press("Space")
        assert canvas_data(page) == start
        for _ in range(6):  # Rechts, Omlaag, Uitzoomen, Zoom, Inzoomen, Download PNG
            page.keyboard.press("Tab")
        assert focused(page)["name"] == "Download PNG"
        image = download_png(page, lambda: page.keyboard.press("Enter"))
        assert image.size == (1080, 1080)
        assert close_to(image.getpixel(RING_POINT), INK, 2)
        assert seen.console_errors == []


@pytest.mark.parametrize("width", [375, 640, 1280])
def test_layout_and_axe_with_a_photo(browser, frame_site, photo, width):
    from axe_playwright_python.sync_playwright import Axe

    with visit(browser, frame_site.output, frame_site.path, width=width) as seen:
        page = seen.page
        wait_ready(page)
        load_photo(page, photo)
        drag(page, 20, 0)
        if width in (375, 1280):
            shot = f"/tmp/photo-frame-{width}.png"
            if frame_site.harness:
                page.screenshot(path=shot, full_page=True, animations="disabled")
            else:
                tool(page).screenshot(path=shot, animations="disabled")
        # Nothing in the tool sticks out of the viewport, and the page does not scroll sideways.
        sticking_out = page.evaluate("""(width) => Array.from(document.querySelectorAll('body *'))
            .filter((el) => el.getBoundingClientRect().right > width + 0.5
                && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 0.5))
            .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''))""",
                                     width)
        assert not [name for name in sticking_out if "photo-frame" in name], sticking_out
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px: {sticking_out}"
        box = page.locator("[data-photo-frame-canvas]").bounding_box()
        assert box["width"] == pytest.approx(box["height"], abs=1)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        for button in page.locator("[data-photo-frame-tool] button:visible").all():
            target = button.bounding_box()
            assert target["width"] >= 24 and target["height"] >= 24  # WCAG 2.2 target size
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
        assert violations == []
        assert seen.console_errors == []
