"""Checks on Markdown text: no raw HTML, only safe link schemes, images with alt text."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .files import FileProblem, inspect_image, resolve_content_path
from .problems import Problem

RAW_HTML = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|/[A-Za-z][A-Za-z0-9-]*\s*>|!--|\?|!\[CDATA\[|![A-Za-z])"
)
INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _target(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    # Browsers ignore control characters and whitespace inside a scheme and decode entities.
    return re.sub(r"[\x00-\x20]", "", html.unescape(raw))


def visible_lines(text: str):
    """(offset, line) for every line outside fenced code blocks, with code spans blanked."""
    fence: str | None = None
    for offset, line in enumerate(text.split("\n")):
        fence_match = FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        yield offset, CODE_SPAN.sub(_blank, line)


def unsafe_url_reason(raw: str) -> str | None:
    """Why a link target is refused, or None when it is fine."""
    target = _target(raw)
    match = SCHEME.match(target)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return f"link met '{match.group(1)}:' is niet toegestaan; gebruik https://, mailto: of een pad op deze site"
    return None


def markdown_start(text: str, position: tuple[int, int]) -> tuple[int, int]:
    """Where the text of a YAML value starts: the next line for block scalars (| or >), after the quote of a quoted one."""
    line, column = position
    lines = text.split("\n")
    first = lines[line - 1][column - 1 : column]
    if first in ("|", ">") and line < len(lines):
        following = lines[line]
        return line + 1, len(following) - len(following.lstrip(" ")) + 1
    return line, column + (first in ("'", '"'))


def check_markdown(
    label: str,
    field: str,
    text: str,
    first_line: int,
    content_root: Path | None,
    first_column: int = 1,
) -> list[Problem]:
    """Return problems in Markdown ``text`` whose first line is ``first_line`` of the file.

    ``first_column`` is where the text's first character stands; every line of a YAML block
    scalar is indented that far as well.
    """
    problems: list[Problem] = []
    indent = first_column - 1
    for offset, visible in visible_lines(text):
        number = first_line + offset
        for match in RAW_HTML.finditer(AUTOLINK.sub(_blank, visible)):
            problems.append(
                Problem(label, number, match.start() + 1 + indent, field,
                        "HTML is niet toegestaan; gebruik Markdown")
            )
        for match in AUTOLINK.finditer(visible):
            reason = unsafe_url_reason(match.group(1))
            if reason:
                problems.append(Problem(label, number, match.start() + 1 + indent, field, reason))
        reference = REFERENCE_DEF.match(visible)
        if reference:
            reason = unsafe_url_reason(reference.group(1))
            if reason:
                problems.append(Problem(label, number, reference.start(1) + 1 + indent, field, reason))
        for match in INLINE_LINK.finditer(visible):
            column = match.start() + 1 + indent
            target = _target(match.group(3))
            reason = unsafe_url_reason(match.group(3))
            if reason:
                problems.append(Problem(label, number, column, field, reason))
                continue
            if match.group(1) != "!":
                continue
            if not match.group(2).strip():
                problems.append(Problem(label, number, column, field,
                                        "afbeelding zonder alternatieve tekst: zet een beschrijving tussen ![ en ]"))
            if SCHEME.match(target) or target.startswith("//"):
                problems.append(Problem(label, number, column, field,
                                        "afbeeldingen van andere sites zijn niet toegestaan; zet ze onder content/images/"))
                continue
            if content_root is not None:
                reference_path = target.removeprefix("{static}").removeprefix("{filename}").lstrip("/")
                if target.startswith("/") and not target.startswith("/images/"):
                    problems.append(Problem(label, number, column, field,
                                            f"afbeelding '{target}' moet onder content/images/ staan"))
                    continue
                try:
                    inspect_image(resolve_content_path(content_root, reference_path))
                except FileProblem as problem:
                    problems.append(Problem(label, number, column, field, problem.message))
    return problems


def body_images(text: str) -> list[tuple[str, str]]:
    """(alt, path) of every Markdown image in ``text``, outside code."""
    return [(match.group(2), _target(match.group(3)))
            for _, line in visible_lines(text) for match in INLINE_LINK.finditer(line) if match.group(1) == "!"]
