"""Which web font files a page's text makes the browser fetch, judged from its markup and its CSS: pure
logic, no Pelican.

A face with a ``unicode-range`` is fetched once some text laid out in its family and style has a character
in that range. The browser asks for such a face while it lays out the page, at the highest priority, so a
page whose text needs the ``latin-ext`` faces (a name like Şahin or Łukasz) waited for them in
Lighthouse's first paint. The base template preloads, at low priority, exactly the faces this module
finds, so those requests start early and never hold up the first paint.

The judgement is static, like ``usage``'s: the family and style of an element come from the style rules
whose last compound selector (its tag and classes; states, attributes and pseudo-elements left out) the
element matches, the most specific one winning and else the latest, inherited otherwise. Text in
``script``, ``style``, ``template``, the head's ``title``, an SVG ``title``/``desc`` and any ``hidden``
element is never laid out. ``tests/site/test_css_per_page.py`` holds the judgement to the faces Chromium
loads, on every page type.
"""

from __future__ import annotations

import bisect
import dataclasses
import html
import re
from dataclasses import dataclass

import rcssmin

from .fontmetrics import code_span
from .media import blocks
from .usage import SELECTOR_CLASS, judged_matches, split_selector_list, word_character

FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
STYLE_RULE = re.compile(r"([^{};]+)\{([^{}]*)\}")
DECLARATION = re.compile(r"(--[\w-]+|[a-z-]+)\s*:\s*([^;]+)")
URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,[^)]*)?\)")
PSEUDO = re.compile(r"::?[a-zA-Z-]+(?:\([^()]*(?:\([^()]*\)[^()]*)*\))?")
COMBINATOR = re.compile(r"\s*[>+~]\s*|\s+")
WHERE = re.compile(r":(?:where|is)\(([^(),]*)\)")  # :where(span) -> span
TAG = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*")
UNSEEN = frozenset({"template", "title", "desc", "noscript"})  # elements whose text is never laid out
RAW_TEXT = {tag: re.compile(rf"</{tag}[\s>]", re.I) for tag in ("script", "style")}  # text not markup, not laid out
# a tag (end tag: group 1; name: 2; what lies between the name and the ">", quoted values whole: 3), a comment
# or a doctype; text lies between. Group 3 is matched possessively (no backtracking into it); ``_attributes``
# splits it into the attributes and the "/" of a self-closed tag.
TAG_TOKEN = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)((?>[^>"']+|"[^"]*"|'[^']*')*+)>|<![^>]*>""", re.S)
CLASS = re.compile(r"""(?:^|\s)class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
HIDDEN = re.compile(r"(?:^|\s)hidden(?=[\s=/]|$)")  # the attribute, once the values are emptied
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
KEYWORD_WEIGHTS = {"normal": "400", "bold": "700"}
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass(frozen=True)
class Face:
    family: str
    style: str
    url: str  # as the CSS names it
    spans: tuple[tuple[int, int], ...]  # code points; empty: every one
    weight: tuple[float, float] = (400.0, 400.0)  # its font-weight: the weights it serves

    def covers(self, codes: list[int]) -> bool:
        """Whether one of ``codes`` (sorted code points) is in the face's range."""
        if not self.spans:
            return bool(codes)
        for first, last in self.spans:
            index = bisect.bisect_left(codes, first)
            if index < len(codes) and codes[index] <= last:
                return True
        return False


@dataclass(frozen=True)
class Rule:
    tag: str | None
    classes: frozenset[str]
    context: frozenset[str]  # the classes its other compounds name: on the element or an ancestor
    specificity: tuple[int, int]
    order: int
    family: str | None  # the first family of its font-family (None: not set, "" inherit)
    style: str | None


def _declarations(body: str) -> dict[str, str]:
    return {name.strip(): value.strip() for name, value in DECLARATION.findall(body)}


def _unquote(text: str) -> str:
    return text.strip().strip("\"'").strip()


def weight_range(value: str) -> tuple[float, float]:
    """A ``@font-face`` ``font-weight`` as (lightest, heaviest): ``200 800``, ``700``, ``bold``, absent."""
    words = [KEYWORD_WEIGHTS.get(word, word) for word in value.lower().split()] or ["400"]
    try:
        numbers = [float(word) for word in words]
    except ValueError:
        raise ValueError(f"font-weight {value!r} is not a weight or a range of weights") from None
    if len(numbers) > 2 or numbers != sorted(numbers):
        raise ValueError(f"font-weight {value!r} is not a weight or a range of weights")
    return numbers[0], numbers[-1]


def faces(css: str) -> list[Face]:
    """The ``@font-face`` rules of ``css`` that load a file (``local()`` fallback faces left out)."""
    found = []
    for block in FONT_FACE.findall(css):
        declared = _declarations(block)
        source = URL.search(declared.get("src", ""))
        if "font-family" not in declared or source is None:
            continue
        spans = tuple(code_span(part) for part in declared.get("unicode-range", "").split(",") if part.strip())
        found.append(Face(_unquote(declared["font-family"]), declared.get("font-style", "normal"), source.group(1), spans,
                          weight_range(declared.get("font-weight", ""))))
    return found


def _first_family(value: str, variables: dict[str, str]) -> str:
    for _ in range(5):  # a var() may name another
        value = VAR.sub(lambda match: variables.get(match.group(1), ""), value)
    first = _unquote(value.split(",")[0])
    return "" if first in ("inherit", "unset") else first


def _subject(selector: str) -> tuple[str | None, frozenset[str], frozenset[str]] | None:
    """The tag and classes of a selector's last compound, and the classes of the others; None for a
    pseudo-element's (generated text) and for a compound with neither a tag nor a class (``:nth-child(2)``,
    ``[hidden]``: not judged)."""
    if "::" in selector or re.search(r":(before|after|marker|placeholder)\b", selector):
        return None
    plain = PSEUDO.sub("", WHERE.sub(r"\1", selector)).strip()
    *others, compound = COMBINATOR.split(plain)
    tag = TAG.match(compound)
    tag = tag.group(0).lower() if tag else None
    classes = frozenset(SELECTOR_CLASS.findall(compound))
    if tag is None and not classes:
        return None
    return tag, classes, frozenset(SELECTOR_CLASS.findall(" ".join(others)))


def rules(css: str) -> list[Rule]:
    """The style rules of ``css`` that set a font family or style, one per selector of a list, in order
    (print rules left out)."""
    text = "".join(block for block in blocks(FONT_FACE.sub("", rcssmin.cssmin(css)))
                   if not block.startswith("@media print"))
    variables: dict[str, str] = {}
    statements = STYLE_RULE.findall(text)
    for _, body in statements:
        variables.update({name: value for name, value in _declarations(body).items() if name.startswith("--")})
    found = []
    for order, (selector_list, body) in enumerate(statements):
        if selector_list.strip().startswith("@"):
            continue
        declared = _declarations(body)
        family = _first_family(declared["font-family"], variables) if "font-family" in declared else None
        style = declared.get("font-style")
        style = None if style is None else ("" if style in ("inherit", "unset") else style.split()[0])
        if family is None and style is None:
            continue
        for selector in split_selector_list(selector_list):
            subject = _subject(selector)
            if subject is not None:
                tag, classes, context = subject
                found.append(Rule(tag, classes, context, (len(classes) + len(context), int(tag is not None)), order,
                                  family, style))
    return found


def _text_by_font(markup: str, by_key: dict[str, list[Rule]], steps: dict | None = None
                  ) -> dict[tuple[str, str], set[str]]:
    """The characters per (family, style) of the text ``markup`` lays out (a tolerant scan of the
    markup the site's templates write: tags, comments, raw-text elements, character references).

    ``steps`` (kept by :class:`FontUse` across pages, since it depends on ``by_key`` only): what an
    element opened inside another makes of it, by (the parent's entry, the tag, its class attribute, whether
    it is hidden); an element's entry depends on nothing else, so the markup of a site, which opens the same
    few kinds of element again and again, looks each one up instead of matching the rules."""
    steps = {} if steps is None else steps
    family, style = "", "normal"
    for tag in ("html", "body"):  # the markup may be a part of the body: it is in what they set
        own_family, own_style = _own(by_key, tag, frozenset(), frozenset())
        family, style = own_family or family, own_style or style
    # tag, family, style, unseen, the classes of the element and its ancestors
    stack: list[tuple[str, str, str, bool, frozenset[str]]] = [("", family, style, False, frozenset())]
    texts: dict[tuple[str, str], list[str]] = {}  # the text runs per (family, style), read into sets at the end
    position, skip = 0, 0  # skip: the end of a raw-text element's text
    for match in TAG_TOKEN.finditer(markup):
        start = match.start()
        if start < skip:
            continue
        if start != position:
            text = markup[position:start]
            if not text.isspace():
                _, family, style, unseen, _ = stack[-1]
                if not unseen:
                    texts.setdefault((family, style), []).append(html.unescape(text) if "&" in text else text)
        position = match.end()
        tag = match.group(2)
        if tag is None:  # a comment, a doctype
            continue
        tag = tag.lower()
        if match.group(1):  # an end tag
            for index in range(len(stack) - 1, 0, -1):
                if stack[index][0] == tag:
                    del stack[index:]
                    break
            continue
        if tag in RAW_TEXT:  # its text is not markup: up to its end tag
            close = RAW_TEXT[tag].search(markup, position)
            position = skip = len(markup) if close is None else close.start()
            continue
        if tag in VOID:  # no text inside it
            continue
        attributes, closed = _attributes(match.group(3))
        if closed:
            continue
        hidden = "hidden" in attributes and HIDDEN.search(QUOTED.sub('""', attributes)) is not None
        named = CLASS.search(attributes) if "class" in attributes else None
        class_text = next(group for group in named.groups() if group is not None) if named else ""
        parent = stack[-1]
        step = (parent, tag, class_text, hidden)
        entry = steps.get(step)
        if entry is None:
            _, family, style, unseen, around = parent
            unseen = unseen or tag in UNSEEN or hidden
            classes = frozenset(class_text.split())
            around = around | classes if classes else around
            own_family, own_style = _own(by_key, tag, classes, around)
            entry = steps[step] = (tag, own_family or family, own_style or style, unseen, around)
        stack.append(entry)
    text = markup[position:]
    if text and not text.isspace() and not stack[-1][3]:
        texts.setdefault(stack[-1][1:3], []).append(html.unescape(text) if "&" in text else text)
    return {key: set("".join(runs)) for key, runs in texts.items()}


def _attributes(inside: str) -> tuple[str, bool]:
    """A tag's attributes and whether it is self-closed, from what lies between its name and its ">" (group 3
    of ``TAG_TOKEN``): a trailing "/" closes it, and the white space before that (or before the ">") is
    not part of the attributes."""
    closed = inside.endswith("/")
    return (inside[:-1] if closed else inside).rstrip(), closed


def _own(by_key: dict[str, list[Rule]], tag: str, classes: frozenset[str], around: frozenset[str]
         ) -> tuple[str | None, str | None]:
    """The family and style an element's own rules set (None: none; "": inherit)."""
    candidates = list(by_key.get(tag, ()))
    for name in classes:
        candidates += by_key.get("." + name, ())
    best: dict[str, Rule] = {}
    for rule in candidates:
        if (rule.tag is not None and rule.tag != tag) or not rule.classes <= classes or not rule.context <= around:
            continue
        for field in ("family", "style"):
            if getattr(rule, field) is not None and (
                    field not in best or (rule.specificity, rule.order) > (best[field].specificity, best[field].order)):
                best[field] = rule
    return (best["family"].family if "family" in best else None,
            best["style"].style if "style" in best else None)


@dataclass(frozen=True)
class FontUse:
    """The faces and font rules of one bundle's CSS, read once; :meth:`used` per page."""

    faces: tuple[Face, ...]
    by_key: dict[str, list[Rule]]
    # what an element opened in another makes of it (``_text_by_font``'s ``steps``): shaped by ``by_key`` alone
    steps: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)
    # the last page judged and its faces: a page asks twice (its preloads, then the optional font parts it links)
    last: list = dataclasses.field(default_factory=lambda: [None, ()], compare=False, repr=False)

    @classmethod
    def from_css(cls, css: str) -> FontUse:
        by_key: dict[str, list[Rule]] = {}
        for rule in rules(css):
            by_key.setdefault(rule.tag if rule.tag is not None else f".{min(rule.classes)}", []).append(rule)
        return cls(tuple(faces(css)), by_key)

    def used(self, markup: str) -> list[Face]:
        """The faces (in the CSS's order) that the text of ``markup`` makes the browser fetch."""
        # a plain str: slicing a template's Markup makes a Markup object of each slice (a quarter of the time)
        markup = str(markup)
        if self.last[0] == markup:
            return list(self.last[1])
        styles = {(face.family, face.style) for face in self.faces}
        needed: dict[tuple[str, str], set[str]] = {}
        for (family, style), characters in _text_by_font(markup, self.by_key, self.steps).items():
            key = (family, style) if (family, style) in styles else (family, "normal")  # a synthesised italic
            needed.setdefault(key, set()).update(characters)
        codes = {key: sorted(ord(char) for char in characters - WHITE) for key, characters in needed.items()}
        found = tuple(face for face in self.faces if face.covers(codes.get((face.family, face.style), [])))
        self.last[:] = [markup, found]
        return list(found)

    def may_use(self, markup: str) -> list[Face]:
        """The faces (in the CSS's order) that a page may make the browser fetch at any time: those of
        :meth:`used`, the faces of the text its ``alt``, ``placeholder`` and ``value`` attributes may
        show (an image that fails, an empty field), and every face when the page may lay out text its
        markup does not hold (:func:`writes_text`)."""
        if writes_text(markup):
            return list(self.faces)
        shown = {char for values in SHOWN_ATTRIBUTE.findall(markup) for char in html.unescape("".join(values))} - WHITE
        codes = sorted(map(ord, shown))
        used = {face.url for face in self.used(markup)}
        return [face for face in self.faces if face.url in used or face.covers(codes)]


WHITE = frozenset(" \t\n\r\f")
# a script the page loads (it may write text), a form field or an editable element (the visitor types),
# text for when scripts do not run (the build judges the page as a browser that runs them)
# (two patterns: one that starts with "<" is searched for from one "<" to the next; with "\bcontenteditable\b"
# as an alternative, at every position, eight times slower)
WRITES_TEXT = re.compile(r"<(?:script\b[^>]*\bsrc\s*=|input\b|textarea\b|select\b|noscript\b)", re.I)
EDITABLE = re.compile(r"contenteditable", re.I)  # as a word: judged in ``writes_text``
SHOWN_ATTRIBUTE = re.compile(r"""\s(?:alt|placeholder|value)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def writes_text(markup: str) -> bool:
    """Whether a page may lay out text that its markup does not hold: it loads a script, has a form field
    or an editable element, or text for when scripts do not run."""
    return WRITES_TEXT.search(markup) is not None or next(judged_matches(EDITABLE, markup, _a_word), None) is not None


def _a_word(text: str, match: re.Match) -> bool:
    """``\\b`` at both ends of the match (its first and last characters are word characters)."""
    start, end = match.span()
    return not (start and word_character(text[start - 1])) and not (end < len(text) and word_character(text[end]))
