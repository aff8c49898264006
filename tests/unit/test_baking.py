"""Baked badge images (plugins/badges/baking.py): the assertion travels inside the PNG or SVG."""

import io
import json
import struct
import xml.etree.ElementTree as ET
import zlib

import pytest
from badges.baking import bake_png, bake_svg, png_chunks, unbake_png, unbake_svg
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin

ASSERTION = json.dumps({"@context": "https://w3id.org/openbadges/v2", "id": "https://example.test/a.json",
                        "recipient": {"identity": "sha256$abc"}, "naam": "Ambacht – één"}, ensure_ascii=False)
OTHER = json.dumps({"id": "https://example.test/b.json"})
SVG_NS = "http://www.w3.org/2000/svg"
OB_NS = "http://openbadges.org"


def small_png(**info) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGBA", (24, 16), (170, 80, 40, 255))
    meta = PngImagePlugin.PngInfo()
    for key, value in info.items():
        meta.add_itxt(key, value)
    image.save(buffer, "PNG", pnginfo=meta)
    return buffer.getvalue()


def raw_chunks(png: bytes):
    """An independent walk over the chunks: (type, data, stored CRC)."""
    position, chunks = 8, []
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        data = png[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length:position + 12 + length])
        chunks.append((kind, data, crc))
        position += 12 + length
    return chunks


def test_png_round_trip():
    baked = bake_png(small_png(), ASSERTION)
    assert unbake_png(baked) == ASSERTION


def test_unbaked_png_has_no_assertion():
    assert unbake_png(small_png(Comment="hallo")) is None


def test_png_chunk_is_an_uncompressed_itxt_before_iend_with_correct_crcs():
    baked = bake_png(small_png(), ASSERTION)
    chunks = raw_chunks(baked)
    assert baked.startswith(b"\x89PNG\r\n\x1a\n")
    assert [kind for kind, _, _ in chunks][-2:] == [b"iTXt", b"IEND"]
    assert chunks[0][0] == b"IHDR"
    kind, data, _ = chunks[-2]
    assert data == b"openbadges\x00\x00\x00\x00\x00" + ASSERTION.encode("utf-8")
    for kind, data, crc in chunks:
        assert crc == zlib.crc32(kind + data), kind


def test_pillow_opens_the_baked_png_and_reads_the_assertion():
    original = small_png(Comment="behouden")
    baked = bake_png(original, ASSERTION)
    with Image.open(io.BytesIO(baked)) as image:
        image.verify()  # checks the chunk CRCs
    with Image.open(io.BytesIO(baked)) as image, Image.open(io.BytesIO(original)) as before:
        assert image.size == (24, 16)
        assert image.text["openbadges"] == ASSERTION
        assert image.text["Comment"] == "behouden"
        assert image.tobytes() == before.tobytes()


def test_baking_again_replaces_the_assertion():
    twice = bake_png(bake_png(small_png(), ASSERTION), OTHER)
    assert unbake_png(twice) == OTHER
    assert sum(1 for kind, data, _ in raw_chunks(twice) if data.startswith(b"openbadges\x00")) == 1


def test_an_assertion_baked_by_another_tool_is_replaced():
    foreign = small_png(openbadges=ASSERTION)
    assert unbake_png(foreign) == ASSERTION
    assert unbake_png(bake_png(foreign, OTHER)) == OTHER


def test_compressed_itxt_is_read_too():
    png = small_png()
    chunks = png_chunks(png)
    text = b"openbadges\x00\x01\x00\x00\x00" + zlib.compress(ASSERTION.encode())
    chunks.insert(1, (b"iTXt", text))
    rebuilt = b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d)) for k, d in chunks)
    assert unbake_png(rebuilt) == ASSERTION


def test_baking_is_deterministic():
    assert bake_png(small_png(), ASSERTION) == bake_png(small_png(), ASSERTION)


@pytest.mark.parametrize("broken", [
    b"GIF89a....",
    small_png()[:-12],  # no IEND
    small_png()[:40] + bytes([small_png()[40] ^ 0xFF]) + small_png()[41:],  # a flipped byte: wrong CRC
])
def test_a_broken_png_is_refused(broken):
    with pytest.raises(ValueError):
        bake_png(broken, ASSERTION)
    with pytest.raises(ValueError):
        unbake_png(broken)


@given(st.text())
def test_any_text_survives_png_baking(text):
    assert unbake_png(bake_png(small_png(), text)) == text


SVG = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Badge <svg> artwork -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">
  <title>Meester-smid</title>
  <circle cx="50" cy="50" r="40" fill="#aa5028"/>
</svg>
"""


def test_svg_round_trip_and_structure():
    verify = "https://example.test/campagne/openbadges/assertions/jan-meester-smid.json"
    baked = bake_svg(SVG, ASSERTION, verify)
    assert unbake_svg(baked) == ASSERTION
    root = ET.fromstring(baked)
    assert root.tag == f"{{{SVG_NS}}}svg"
    first = root[0]
    assert first.tag == f"{{{OB_NS}}}assertion"
    assert first.get("verify") == verify
    assert json.loads(first.text) == json.loads(ASSERTION)
    assert root[1].tag == f"{{{SVG_NS}}}title"
    assert root.get("viewBox") == "0 0 100 100"
    assert baked.count('xmlns:openbadges="http://openbadges.org"') == 1
    assert "<![CDATA[" in baked
    assert baked.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!-- Badge <svg> artwork -->\n<svg ')


def test_svg_baking_again_replaces_the_assertion():
    once = bake_svg(SVG, ASSERTION, "https://example.test/a.json")
    twice = bake_svg(once, OTHER, "https://example.test/b.json")
    assert unbake_svg(twice) == OTHER
    root = ET.fromstring(twice)
    assertions = root.findall(f".//{{{OB_NS}}}assertion")
    assert len(assertions) == 1 and assertions[0].get("verify") == "https://example.test/b.json"
    assert twice.count("xmlns:openbadges") == 1
    assert twice == bake_svg(SVG, OTHER, "https://example.test/b.json")


def test_svg_escapes_the_url_and_a_cdata_end_in_the_json():
    tricky = json.dumps({"note": "a ]]> b <c> & d"})
    baked = bake_svg(SVG, tricky, "https://example.test/a.json?x=1&y=\"2\"")
    root = ET.fromstring(baked)
    assert root[0].get("verify") == "https://example.test/a.json?x=1&y=\"2\""
    assert unbake_svg(baked) == tricky


def test_self_closing_svg_and_single_quotes():
    baked = bake_svg("<svg xmlns='http://www.w3.org/2000/svg' data-x='a>b'/>", ASSERTION, "https://example.test/a.json")
    root = ET.fromstring(baked)
    assert root.get("data-x") == "a>b"
    assert unbake_svg(baked) == ASSERTION


def test_unbaked_svg_has_no_assertion():
    assert unbake_svg(SVG) is None


def test_svg_with_only_a_verify_url_gives_the_url():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
           '<openbadges:assertion verify="https://example.test/a.json"/></svg>')
    assert unbake_svg(svg) == "https://example.test/a.json"


@pytest.mark.parametrize("document", ["<html><body/></html>", "<?xml version='1.0'?><!-- only a comment -->",
                                      '<svg xmlns:openbadges="http://example.org/other"></svg>'])
def test_svg_baking_refuses_what_it_cannot_bake(document):
    with pytest.raises(ValueError):
        bake_svg(document, ASSERTION, "https://example.test/a.json")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200))
def test_any_text_survives_svg_baking(text):
    assert unbake_svg(bake_svg(SVG, text, "https://example.test/a.json")) == (text.strip() or "https://example.test/a.json")
