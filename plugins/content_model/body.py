"""Checks on Markdown text, made on what the Markdown parser produces.

The text is parsed with the same python-markdown configuration that renders it
(:mod:`content_model.render`), and every link and image of the resulting document is checked:
inline, reference-style (full, collapsed, shortcut), autolinks, footnotes, whatever spelling the
editor used. Raw HTML is what the parser set aside as raw HTML. So the check sees exactly what
would be published; nh3 stays behind it as a second line. Positions are found back in the
source afterwards: where a refused URL (or raw HTML) stands in the text.

The parse also keeps the HTML it produced (:class:`content_model.render.Parsed`): the collecting
extension only reads the document, so that HTML is the renderer's for the same text wherever the
renderer's own extensions change nothing, and the renderer takes it instead of parsing again.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, ETX, STX

from .files import FileProblem, inspect_image, resolve_content_path
from .formats import character_problem, http_url_problem
from .problems import Problem
from .render import BASE_CONFIG, Parsed, markdown_config

SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")
ESCAPED = re.compile(f"{STX}([0-9]+){ETX}")  # python-markdown's backslash escapes inside link targets
FOREIGN_IMAGE = "afbeeldingen van andere sites zijn niet toegestaan; zet ze onder content/images/"


@dataclass
class Found:
    """What one parse of a Markdown text contains: its links, images and raw HTML."""

    links: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)  # (alt, src)
    raw_html: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)  # of every element of the finished tree
    html: str = ""  # the HTML the parse produced (not sanitised)

    def parsed(self, text: str) -> Parsed:
        """This parse of ``text`` as the renderer may reuse it."""
        return Parsed(text, BASE_CONFIG, self.html, tuple(sorted(self.tags)), tuple(self.links))


class _Collect(Treeprocessor):
    """Runs after every other tree processor: records the finished document's tags, links and images.
    It only reads the tree, so the document is serialised as without it."""

    def run(self, root: etree.Element):
        found = self.md.found
        for element in root.iter():
            if isinstance(element.tag, str):
                found.tags.add(element.tag)
            if element.tag == "a":
                found.links.append(element.get("href", ""))
            elif element.tag == "img":
                found.images.append((element.get("alt", ""), element.get("src", "")))


class _CountCodeBlocks(Preprocessor):
    """Runs after fenced_code (25) and before html_block (20): what the stash holds by then is
    fenced code (escaped by the extension), everything stashed later is raw HTML or entities.
    It returns the lines unchanged."""

    def run(self, lines):
        self.md.code_blocks = len(self.md.htmlStash.rawHtmlBlocks)
        return lines


class _CollectExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - python-markdown API
        md.preprocessors.register(_CountCodeBlocks(md), "count_code_blocks", 22)
        md.treeprocessors.register(_Collect(md), "collect", -1000)


class MarkdownParser:
    """One python-markdown parser, configured as the renderer is (its base configuration,
    :data:`content_model.render.BASE_CONFIG`, and the collecting extension), reused for many texts."""

    def __init__(self):
        self.markdown = Markdown(**markdown_config([_CollectExtension()]))

    def parse(self, text: str) -> Found:
        markdown = self.markdown.reset()
        markdown.found = Found()
        markdown.code_blocks = 0
        markdown.found.html = markdown.convert(text)
        for stashed in markdown.htmlStash.rawHtmlBlocks[markdown.code_blocks:]:
            raw = stashed if isinstance(stashed, str) else etree.tostring(stashed, encoding="unicode")
            if raw.strip() and not ENTITY.fullmatch(raw.strip()):
                markdown.found.raw_html.append(raw)
        return markdown.found


def _plain(raw: str) -> str:
    """A link target as the browser will read it: placeholders and entities decoded, and the
    control characters and spaces that browsers drop inside a scheme removed."""
    raw = ESCAPED.sub(lambda m: chr(int(m.group(1))), raw).replace(AMP_SUBSTITUTE, "&")
    raw = html.unescape(html.unescape(PLACEHOLDER.sub("", raw))).strip()
    raw = raw.removeprefix("<").removesuffix(">")  # an unclosed <…> is a target too
    return re.sub(r"[\x00-\x20]", "", raw)


def unsafe_url_reason(raw: str) -> str | None:
    """Why a link target is refused, or None when it is fine."""
    target = _plain(raw)
    match = SCHEME.match(target)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return f"link met '{match.group(1)}:' is niet toegestaan; gebruik https://, mailto: of een pad op deze site"
    if (match and match.group(1).lower() in ("http", "https")) or target.startswith("//"):
        problem = http_url_problem(("https:" + target) if target.startswith("//") else target)
        if problem:
            return f"ongeldig webadres in link: {problem}"
    return None


def is_foreign(target: str) -> bool:
    """Whether an image source would make the browser fetch from another host."""
    return bool(SCHEME.match(target)) or target.startswith("//") or "\\" in target or target.startswith("/\\")


def markdown_start(text: str, position: tuple[int, int]) -> tuple[int, int]:
    """Where the text of a YAML value starts: the next line for block scalars (| or >), after the quote of a quoted one."""
    line, column = position
    lines = text.split("\n")
    first = lines[line - 1][column - 1 : column]
    if first in ("|", ">") and line < len(lines):
        following = lines[line]
        return line + 1, len(following) - len(following.lstrip(" ")) + 1
    return line, column + (first in ("'", '"'))


class _Locator:
    """Finds where a construct stands in the source text (1-based line and column offset)."""

    def __init__(self, text: str, first_line: int, indent: int):
        self.text = text
        self.first_line = first_line
        self.indent = indent
        self.claimed: set[int] = set()

    def position(self, offset: int) -> tuple[int, int]:
        before = self.text[:offset]
        line = before.count("\n")
        column = offset - (before.rfind("\n") + 1) + 1
        return self.first_line + line, column + self.indent

    def find(self, *needles: str) -> tuple[int, int]:
        """The first unclaimed place where one of ``needles`` (tried in order) stands."""
        for needle in needles:
            if not needle:
                continue
            pattern = re.compile(r"\\?".join(re.escape(ch) for ch in needle))  # backslash escapes allowed
            for match in pattern.finditer(self.text):
                start = match.start()
                if start in self.claimed:
                    continue
                self.claimed.add(start)
                if start and self.text[start - 1] == "<":
                    start -= 1
                return self.position(start)
        return self.first_line, 1 + self.indent


def check_markdown(
    label: str,
    field: str,
    text: str,
    first_line: int,
    content_root: Path | None,
    first_column: int = 1,
    parser: MarkdownParser | None = None,
    images: bool = True,
    images_found: list | None = None,
    parsed: dict | None = None,
) -> list[Problem]:
    """Return problems in Markdown ``text`` whose first line is ``first_line`` of the file.

    ``first_column`` is where the text's first character stands; every line of a YAML block
    scalar is indented that far as well. ``content_root`` is where local images must exist;
    with ``images=False`` (Markdown fields of profiles and data files) no image is allowed.
    ``images_found`` receives (path below content/, line, column) of every local image, and
    ``parsed`` the parse of the text under the text (``parsed[text]``, for the renderer).
    """
    problems: list[Problem] = []
    locate = _Locator(text, first_line, first_column - 1)

    def add(where: tuple[int, int], message: str):
        problems.append(Problem(label, where[0], where[1], field, message))

    character = character_problem(text, multiline=True)
    if character:
        add(locate.position(character[0]), character[1])
    found = (parser or MarkdownParser()).parse(text)
    if parsed is not None:
        parsed[text] = found.parsed(text)
    for raw in found.raw_html:
        tag = re.match(r"\s*(<[^\s>]{1,40})", raw)
        add(locate.find(tag.group(1) if tag else raw.strip()[:40]), "HTML is niet toegestaan; gebruik Markdown")
    for raw in found.links:
        reason = unsafe_url_reason(raw)
        if reason:
            add(locate.find(raw, _plain(raw)), reason)
    for alt, raw in found.images:
        target = _plain(raw)
        where = locate.find(raw, target)
        if is_foreign(target):
            add(where, FOREIGN_IMAGE)
            continue
        if not images:
            add(where, "in dit veld kunnen geen afbeeldingen staan")
            continue
        if not target:
            add(where, "afbeelding zonder pad: zet het pad tussen ( en ), zoals images/foto.jpg")
            continue
        if not alt.strip():
            add(where, "afbeelding zonder alternatieve tekst: zet een beschrijving tussen ![ en ]")
        if content_root is not None:
            problem = local_image_problem(content_root, target)
            if problem:
                add(where, problem)
        if images_found is not None:
            images_found.append((image_reference(target), *where))
    return problems


def image_reference(target: str) -> str:
    """An image target as a path below content/ (``{static}/images/a.jpg`` -> ``images/a.jpg``)."""
    return target.removeprefix("{static}").removeprefix("{filename}").lstrip("/")


def local_image_problem(content_root: Path, target: str) -> str | None:
    """Why a local image target cannot be published, or None."""
    bare = target.removeprefix("{static}").removeprefix("{filename}")
    if bare.startswith("/") and not bare.startswith("/images/"):
        return f"afbeelding '{target}' moet onder content/images/ staan"
    try:
        inspect_image(resolve_content_path(content_root, image_reference(target)))
    except FileProblem as problem:
        return problem.message
    return None


def body_images(text: str, parser: MarkdownParser | None = None) -> list[tuple[str, str]]:
    """(alt, path below content/) of every image the parsed ``text`` contains."""
    return [(alt, image_reference(_plain(src))) for alt, src in (parser or MarkdownParser()).parse(text).images]
