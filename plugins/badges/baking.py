"""Open Badges baking: an assertion embedded in the badge image itself. Pure helpers, no Pelican.

- PNG: an uncompressed ``iTXt`` chunk with the keyword ``openbadges`` whose text is the assertion JSON;
  at most one such chunk, so baking again replaces it.
- SVG: an ``<openbadges:assertion verify="...">`` element (namespace ``http://openbadges.org``) as the first
  child of the root ``<svg>``, holding the assertion JSON in a CDATA section.

Open Badges 3.0 bakes the signed credential the same way under other names: the PNG keyword
``openbadgecredential``, and in SVG an ``<openbadges:credential>`` element with the prefix bound to
``https://purl.imsglobal.org/ob/v3p0``.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zlib
from xml.sax.saxutils import quoteattr

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"openbadges"
TEXT_CHUNKS = (b"iTXt", b"tEXt", b"zTXt")
OB_NAMESPACE = "http://openbadges.org"
OB_PREFIX = "openbadges"
KEYWORD_V3 = b"openbadgecredential"
OB_NAMESPACE_V3 = "https://purl.imsglobal.org/ob/v3p0"


# --- PNG --------------------------------------------------------------------------------------------------

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) chunks of a PNG up to and including IEND; ValueError if it is not a sound PNG."""
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("Not a PNG file (bad signature)")
    chunks = []
    position = len(PNG_SIGNATURE)
    while True:
        if position + 8 > len(png):
            raise ValueError("Truncated PNG: no IEND chunk")
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        end = position + 8 + length + 4
        if end > len(png):
            raise ValueError(f"Truncated PNG chunk {kind!r}")
        data = png[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", png[end - 4:end])
        if crc != zlib.crc32(kind + data) & 0xFFFFFFFF:
            raise ValueError(f"PNG chunk {kind!r} has a wrong CRC")
        chunks.append((kind, data))
        position = end
        if kind == b"IEND":
            return chunks


def _is_badge_chunk(kind: bytes, data: bytes, keyword: bytes = KEYWORD) -> bool:
    return kind in TEXT_CHUNKS and data.split(b"\x00", 1)[0] == keyword


def bake_png(png: bytes, assertion_json: str, keyword: bytes = KEYWORD) -> bytes:
    """The PNG with ``assertion_json`` in an ``openbadges`` iTXt chunk just before IEND (any earlier one removed)."""
    chunks = png_chunks(png)
    if chunks[0][0] != b"IHDR":
        raise ValueError("PNG does not start with IHDR")
    # keyword, NUL, compression flag 0, compression method 0, empty language tag, NUL, empty translated keyword, NUL
    badge = keyword + b"\x00\x00\x00" + b"\x00" + b"\x00" + assertion_json.encode("utf-8")
    kept = [(kind, data) for kind, data in chunks if not _is_badge_chunk(kind, data, keyword)]
    kept.insert(len(kept) - 1, (b"iTXt", badge))
    return PNG_SIGNATURE + b"".join(_chunk(kind, data) for kind, data in kept)


def _itxt_text(data: bytes) -> str:
    _keyword, rest = data.split(b"\x00", 1)
    compressed, _method = rest[0], rest[1]
    _language, _translated, text = rest[2:].split(b"\x00", 2)
    return (zlib.decompress(text) if compressed else text).decode("utf-8")


def unbake_png(png: bytes, keyword: bytes = KEYWORD) -> str | None:
    """The text of the ``openbadges`` (or ``keyword``) iTXt (or legacy tEXt) chunk, or None when the PNG is not baked."""
    fallback = None
    for kind, data in png_chunks(png):
        if not _is_badge_chunk(kind, data, keyword):
            continue
        if kind == b"iTXt":
            return _itxt_text(data)
        if kind == b"tEXt" and fallback is None:
            fallback = data.split(b"\x00", 1)[1].decode("latin-1")
    return fallback


# --- SVG --------------------------------------------------------------------------------------------------

_ASSERTION_ELEMENT = re.compile(r"<openbadges:assertion\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?:/>|>.*?</openbadges:assertion>)",
                                re.DOTALL)
_NAMESPACE_ATTRIBUTE = re.compile(r"""\sxmlns:openbadges\s*=\s*(["'])(.*?)\1""", re.DOTALL)


def _root_start_tag(svg: str) -> tuple[int, int]:
    """Start and end offsets of the root element's start tag, skipping the prolog (declaration, comments, doctype)."""
    position = 0
    while True:
        while position < len(svg) and (svg[position].isspace() or svg[position] == "\ufeff"):
            position += 1
        if svg.startswith("<?", position):
            position = svg.index("?>", position) + 2
        elif svg.startswith("<!--", position):
            position = svg.index("-->", position) + 3
        elif svg.startswith("<!DOCTYPE", position):
            subset = svg.find("[", position)
            close = svg.index(">", position)
            if 0 <= subset < close:
                close = svg.index(">", svg.index("]", subset))
            position = close + 1
        elif re.match(r"<svg[\s/>]", svg[position:position + 5]):
            break
        else:
            raise ValueError("Not an SVG document: the root element is not <svg>")
    quote = None
    for index in range(position + 4, len(svg)):
        char = svg[index]
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ">":
            return position, index + 1
    raise ValueError("Unterminated <svg> start tag")


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _first_child(svg: str, existing: re.Pattern, namespace: str, element: str) -> str:
    """The SVG with ``element`` as the root's first child, any ``existing`` one removed and the prefix
    ``openbadges`` bound to ``namespace``."""
    svg = existing.sub("", svg)
    start, end = _root_start_tag(svg)
    tag = svg[start:end]
    declared = _NAMESPACE_ATTRIBUTE.search(tag)
    if declared and declared.group(2) != namespace:
        raise ValueError(f"The SVG binds the prefix openbadges to {declared.group(2)!r}, not {namespace}")
    self_closing = tag.endswith("/>")
    head = tag[:-2] if self_closing else tag[:-1]
    if not declared:
        head = head.rstrip() + f' xmlns:{OB_PREFIX}="{namespace}"'
    if self_closing:
        return svg[:start] + head + ">" + element + "</svg>" + svg[end:]
    return svg[:start] + head + ">" + element + svg[end:]


def bake_svg(svg: str, assertion_json: str, verify_url: str) -> str:
    """The SVG with an ``openbadges:assertion`` element as the root's first child (replacing an earlier one)."""
    element = f"<{OB_PREFIX}:assertion verify={quoteattr(verify_url)}>{_cdata(assertion_json)}</{OB_PREFIX}:assertion>"
    return _first_child(svg, _ASSERTION_ELEMENT, OB_NAMESPACE, element)


def unbake_svg(svg: str) -> str | None:
    """The assertion text of the ``openbadges:assertion`` element (or its ``verify`` URL if empty), or None."""
    root = ET.fromstring(svg)
    element = root.find(f".//{{{OB_NAMESPACE}}}assertion")
    if element is None:
        return None
    text = (element.text or "").strip()
    return text or element.get("verify")


_CREDENTIAL_ELEMENT = re.compile(
    r"<openbadges:credential\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?:/>|>.*?</openbadges:credential>)", re.DOTALL)


def bake_svg_credential(svg: str, credential_json: str) -> str:
    """The SVG with an Open Badges 3.0 ``openbadges:credential`` element as the root's first child."""
    element = f"<{OB_PREFIX}:credential>{_cdata(credential_json)}</{OB_PREFIX}:credential>"
    return _first_child(svg, _CREDENTIAL_ELEMENT, OB_NAMESPACE_V3, element)


def unbake_svg_credential(svg: str) -> str | None:
    """The credential text of an Open Badges 3.0 baked SVG, or None."""
    element = ET.fromstring(svg).find(f".//{{{OB_NAMESPACE_V3}}}credential")
    return None if element is None else (element.text or "").strip() or None
