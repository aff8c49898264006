"""An opaque card made the fast way (designs._card_png: only its own texts drawn on a crop, mapped and
compressed on from the backdrop's zlib prefix up to the backdrop's compressed tail; pngwrite) is a valid PNG
with exactly the pixels and palette of the plain way (the whole card drawn, mapped and saved by Pillow,
designs._pillow_png)."""

from __future__ import annotations

import dataclasses
import io
import struct
import zlib

import pytest
from badges import designs, pngwrite
from badges.designs import BadgeArt
from badges.kit import palette_art, render_file, signature_art
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

NAMES = ["Jan de Vries", "Anouk Bakker-van den Heuvel", "Ö", "Smederij ‘De Gouden Hamer’ & Zn", "Wendelien Schoonderwoerd-"
         "Kloosterhuis van Oud-Beijerland tot Zuidbroek", "Zoë Ÿpma-Ñúñez", "张伟", "محمد العمراني", "שרה כהן", "Ǻ̈́̊ Z̷̢͚a̶͎͌l̵g̷o̴",
         "W" * 80, "  ", "ﷺ ꧅ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", ""]
FORMATS = ["deelkaart-1200x630", "staand-1080x1350"]




def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of a PNG, each CRC checked."""
    assert data[:8] == pngwrite.SIGNATURE
    chunks, at = [], 8
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at : at + 4]), data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        at += 12 + length
    assert [kind for kind, _ in chunks][-1] == b"IEND"
    return chunks


def _decoded(data: bytes) -> tuple:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.mode, image.size, image.getpalette(), image.tobytes()


def assert_same_image(fast: bytes, plain: bytes) -> None:
    """``fast`` is a well-formed PNG (CRCs, one zlib stream over its IDAT chunks) of ``plain``'s pixels."""
    chunks = _chunks(fast)
    idat = b"".join(body for kind, body in chunks if kind == b"IDAT")
    mode, size, palette, pixels = _decoded(plain)
    width, height = size
    rows = zlib.decompress(idat)
    assert rows == b"".join(b"\0" + pixels[y * width : (y + 1) * width] for y in range(height))
    assert _decoded(fast) == (mode, size, palette, pixels)


def _art(name, subline="Smeden · Utrecht", tagline="Met de hand gemaakt", colour="copper", badge="Ambachtsmens"):
    return BadgeArt(badge, "Ik ben", colour, "dekrachtvanambacht.nl", name, subline if name else "",
                    tagline if name else "")


def _both(designer, fonts, art, fmt, variant, cache, plain_cache=None):
    """(fast, plain) bytes of one card; the fast way with the batch's ``cache``, the plain way with its own
    (``test_badge_png`` shows that the plain way's cache changes no byte)."""
    size, shapes, transparent = designer.layout(art, fmt, variant)
    assert not transparent
    common = designer.layout(signature_art(art), fmt, variant)[1]
    stand_in = designer.layout(palette_art(art), fmt, variant)[1]
    shared = designs.shared_texts(shapes, common)
    level = 9
    trailing = designs.trailing_texts(shapes, common, shared)
    fast = designs._card_png(fonts, size, shapes, cache, shared, designs._stand_in(fonts, size, stand_in, cache), level,
                             trailing)
    plain = designs._pillow_png(fonts, size, shapes, False, {} if plain_cache is None else plain_cache, shared, stand_in,
                                level)
    return fast, plain


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("variant", ["licht", "donker"])
def test_cards_have_pillows_pixels(fonts, designer, fmt, variant):
    cache, plain_cache = {}, {}
    taglines = ["Met de hand gemaakt", "", "Restauratie van 17e-eeuwse kasten, trappen en deuren in heel Nederland"]
    names, colours = (NAMES, ("copper", "teal")) if fmt.startswith("deelkaart") else (NAMES[::2], ("ink",))  # level 9: slow
    for index, name in enumerate(names):
        for colour in colours:
            art = _art(name, subline=["Smeden · Utrecht", "Glas-in-lood · Fryslân", "ıİ · ß"][index % 3],
                       tagline=taglines[index % 3], colour=colour)
            fast, plain = _both(designer, fonts, art, fmt, variant, cache, plain_cache)
            assert fast is not None, name
            assert_same_image(fast, plain)
    prefixes = sum(1 for key in cache if key[0] == "prefix")
    assert 0 < prefixes < len(names) * len(colours) / 2  # cards of a class share compressor prefixes
    tails = sum(1 for key in cache if key[0] == "tail")
    if fmt.startswith("deelkaart"):  # the texts end high on a share card: its lower rows are compressed once
        assert 0 < tails <= len(names) * len(colours) / 2


@pytest.fixture(scope="module")
def caches() -> tuple[dict, dict]:
    return {}, {}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=60), subline=st.text(max_size=40), tagline=st.text(max_size=90))
def test_any_text_gives_pillows_pixels(fonts, designer, caches, name, subline, tagline):
    fast, plain = _both(designer, fonts, _art(name, subline, tagline), "deelkaart-1200x630", "licht", *caches)
    assert fast is not None
    assert_same_image(fast, plain)


def test_render_file_takes_the_fast_way_and_it_is_a_valid_png(fonts, designer, monkeypatch):
    made = []
    card_png = designs._card_png
    monkeypatch.setattr(designs, "_card_png", lambda *args: made.append(card_png(*args)) or made[-1])
    from badges.kit import plan_files

    file = next(iter(plan_files("badges/x", "x", _art("Jan de Vries"), "test", formats=("deelkaart-1200x630",),
                                variants=("licht",))))
    data = render_file(designer, fonts, file, {})
    assert made == [data]
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.size == (1200, 630) and image.mode == "P"


def test_pngwrite_refuses_what_it_cannot_write_as_pillow():
    assert not pngwrite.fits(Image.new("RGB", (4, 4)))
    few = Image.new("RGB", (4, 4)).quantize(8)
    assert not pngwrite.fits(few)  # Pillow writes 16 colours or fewer in 4 bits or less
    image = Image.linear_gradient("L").convert("RGB").resize((300, 300)).quantize(200)
    assert pngwrite.fits(image)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    assert_same_image(pngwrite.png(image.size, image.getpalette(), pngwrite.filtered(image).tobytes(), 6),
                      buffer.getvalue())
    noise = Image.effect_noise((600, 600), 120).convert("RGB").quantize(64)
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    made = pngwrite.png(noise.size, noise.getpalette(), pngwrite.filtered(noise).tobytes(), 6)
    assert sum(1 for kind, _ in _chunks(made) if kind == b"IDAT") > 1  # more than 64 KiB: cut into chunks
    assert_same_image(made, buffer.getvalue())


@settings(max_examples=60, deadline=None)
@given(data=st.data(), width=st.integers(1, 300), height=st.integers(1, 400), level=st.integers(1, 9))
def test_a_prefix_and_a_tail_make_a_valid_stream(data, width, height, level):
    """Any band of changed rows, any prefix above it and any tail at least a dictionary below it: the stream
    inflates to the card's rows. The backdrop is noisy and repetitive in turns, so matches reach far."""
    row = width + 1
    seed = data.draw(st.binary(min_size=row, max_size=row))
    backdrop = b"".join(seed[y % 7 :] + seed[: y % 7] if y % 3 else bytes(row) for y in range(height))
    first = data.draw(st.integers(0, height - 1))
    last = data.draw(st.integers(first, height))
    band = data.draw(st.binary(min_size=(last - first) * row, max_size=(last - first) * row))
    card = backdrop[: first * row] + band + backdrop[last * row :]
    top = data.draw(st.integers(0, first))
    tails = [offset for offset in range(last * row + pngwrite.DICTIONARY, height * row + 1, row)]
    offset = data.draw(st.sampled_from(tails)) if tails and data.draw(st.booleans()) else None
    prefix = pngwrite.Prefix(backdrop, row, top, level)
    tail = pngwrite.Tail(backdrop, offset, level) if offset is not None else None
    assert zlib.decompress(prefix.finish(card, tail)) == card


def test_a_tail_before_its_prefix_is_refused():
    stream = bytes(range(256)) * 400
    with pytest.raises(ValueError, match="does not follow"):
        pngwrite.Prefix(stream, 256, 200, 9).finish(stream, pngwrite.Tail(stream, 256 * 100, 9))


def _backdrop_texts(cache: dict) -> list[tuple]:
    """The texts drawn on each backdrop in a batch's cache (keys: size, geometry, transparent, texts)."""
    return [key[3] for key in cache if len(key) == 4 and isinstance(key[2], bool)]


def test_the_site_name_at_the_foot_is_a_trailing_text_drawn_on_the_backdrop(fonts, designer):
    art = _art("Jan de Vries")
    _, shapes, _ = designer.layout(art, "deelkaart-1200x630", "licht")
    common = designer.layout(signature_art(art), "deelkaart-1200x630", "licht")[1]
    shared = designs.shared_texts(shapes, common)
    assert designs.trailing_texts(shapes, common, shared) == 1
    assert designs.trailing_texts(common, common, len([s for s in common if s.kind == "text"])) == 0  # none left
    cache = {}
    fast, plain = _both(designer, fonts, art, "deelkaart-1200x630", "licht", cache)
    assert_same_image(fast, plain)
    site = [s for s in shapes if s.kind == "text"][-1]
    assert any(drawn and drawn[-1] == site for drawn in _backdrop_texts(cache))  # a backdrop with the site's name


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_trailing_text_that_meets_a_card_text_is_drawn_after_it(fonts, designer, fmt):
    """A trailing text whose ink box meets one of the card's own texts is drawn in its place (after them):
    the same pixels as Pillow's."""
    art = _art("Wendelien Schoonderwoerd-Kloosterhuis", tagline="Restauratie van kasten, trappen en deuren")
    size, shapes, _ = designer.layout(art, fmt, "licht")
    common = designer.layout(signature_art(art), fmt, "licht")[1]
    stand_in = designer.layout(palette_art(art), fmt, "licht")[1]
    shared = designs.shared_texts(shapes, common)
    texts = [s for s in shapes if s.kind == "text"]
    name = texts[shared]
    moved = dataclasses.replace(texts[-1], box=(name.box[0], name.box[1] + 4, *texts[-1].box[2:]))
    shapes = [moved if s is texts[-1] else s for s in shapes]
    common = [moved if s.kind == "text" and s == texts[-1] else s for s in common]
    assert designs.trailing_texts(shapes, common, shared) == 1
    level = 9
    cache = {}
    fast = designs._card_png(fonts, size, shapes, cache, shared, designs._stand_in(fonts, size, stand_in, cache), level, 1)
    plain = designs._pillow_png(fonts, size, shapes, False, {}, shared, stand_in, level)
    assert_same_image(fast, plain)
    assert _backdrop_texts(cache) and not any(moved in drawn for drawn in _backdrop_texts(cache))  # not on the backdrop
