"""The fast scan of ``fontuse._text_by_font`` (a possessive tag pattern, the element entries looked up in
``steps`` across pages) finds exactly what the plain scan it replaced found: that scan is kept here as the
reference, and both read the same messy markup (quotes holding ">", self-closed and void tags, unclosed
and stray end tags, hidden elements, comments, raw text, character references)."""

from __future__ import annotations

import html
import re

from assets import fontuse
from assets.fontuse import CLASS, HIDDEN, QUOTED, RAW_TEXT, UNSEEN, VOID, FontUse, _attributes, _own
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fontuse import CSS

# the tag pattern before the fast scan: attributes matched lazily, one character at a time
LAZY_TAG_TOKEN = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)\s*(/?)>|<![^>]*>""", re.S)


def reference(markup: str, by_key) -> dict[tuple[str, str], set[str]]:
    """``_text_by_font`` as it was before the fast scan (the judgement itself is unchanged)."""
    family, style = "", "normal"
    for tag in ("html", "body"):
        own_family, own_style = _own(by_key, tag, frozenset(), frozenset())
        family, style = own_family or family, own_style or style
    stack = [("", family, style, False, frozenset())]
    found: dict[tuple[str, str], set[str]] = {}
    position, skip = 0, 0
    for match in LAZY_TAG_TOKEN.finditer(markup):
        if match.start() < skip:
            continue
        text = markup[position:match.start()]
        position = match.end()
        if text and not text.isspace():
            _, family, style, unseen, _ = stack[-1]
            if not unseen:
                found.setdefault((family, style), set()).update(html.unescape(text) if "&" in text else text)
        tag = match.group(2)
        if tag is None:
            continue
        tag = tag.lower()
        if match.group(1):
            for index in range(len(stack) - 1, 0, -1):
                if stack[index][0] == tag:
                    del stack[index:]
                    break
            continue
        if tag in RAW_TEXT:
            close = RAW_TEXT[tag].search(markup, position)
            position = skip = len(markup) if close is None else close.start()
            continue
        attributes = match.group(3)
        _, family, style, unseen, around = stack[-1]
        unseen = unseen or tag in UNSEEN or ("hidden" in attributes and HIDDEN.search(QUOTED.sub('""', attributes)) is not None)
        named = CLASS.search(attributes) if "class" in attributes else None
        classes = frozenset(next(group for group in named.groups() if group is not None).split()) if named else frozenset()
        around = around | classes if classes else around
        own_family, own_style = _own(by_key, tag, classes, around)
        if tag not in VOID and not match.group(4):
            stack.append((tag, own_family or family, own_style or style, unseen, around))
    text = markup[position:]
    if text and not text.isspace() and not stack[-1][3]:
        found.setdefault(stack[-1][1:3], set()).update(html.unescape(text) if "&" in text else text)
    return found


USE = FontUse.from_css(CSS)
STEPS: dict = {}  # shared by every example, as a FontUse shares it by every page

inside = st.lists(st.sampled_from([" ", "  ", "\t", "\n", "/", " /", "a", "=", 'class="card"', "class='plain button'",
                                   "class=card", 'class=""', "hidden", 'data-x="hidden"', 'title=">"', "title='a>b'",
                                   '"', "'", "\u2003", "x=1/"]), max_size=5).map("".join)
names = st.sampled_from(["p", "P", "h1", "em", "span", "div", "b", "br", "img", "template", "title", "svg", "i",
                         "script", "style", "noscript", "x-y"])
words = st.sampled_from(["aZ", " ", "Ş", "ł", "€", "&amp;", "&#351;", "&", ">", "\"", "'", "\n", "—"])
tokens = st.one_of(
    st.tuples(names, inside).map(lambda t: f"<{t[0]}{t[1]}>"),
    names.map(lambda name: f"</{name}>"),
    words,
    st.sampled_from(["<!-- Ł -->", "<!DOCTYPE html>", "<", "</", "<!--", "-->", "</script >", "</style>"]))


@settings(max_examples=600, deadline=None)
@given(markup=st.lists(tokens, max_size=30).map("".join))
def test_the_fast_scan_finds_what_the_plain_scan_found(markup):
    assert fontuse._text_by_font(markup, USE.by_key, STEPS) == reference(markup, USE.by_key)
    assert fontuse._text_by_font(markup, USE.by_key) == reference(markup, USE.by_key)  # without earlier steps


@settings(max_examples=600, deadline=None)
@given(name=names, between=inside)
def test_attributes_are_what_the_lazy_pattern_matched(name, between):
    tag = f"<{name}{between}>"
    lazy, fast = LAZY_TAG_TOKEN.match(tag), fontuse.TAG_TOKEN.match(tag)
    assert (lazy is None) == (fast is None)
    if lazy is not None:
        assert lazy.end() == fast.end()
        assert _attributes(fast.group(3)) == (lazy.group(3), lazy.group(4) == "/")


def test_a_page_gives_the_same_faces_with_and_without_the_steps_of_earlier_pages():
    page = '<main class="card"><h1 class="plain">Łukasz</h1><p hidden>Ş</p><em>ő</em><br/><img alt="x" /></main>'
    fresh = FontUse.from_css(CSS)
    assert [face.url for face in USE.used(page)] == [face.url for face in fresh.used(page)]
    assert USE.steps and fresh.steps


def test_a_step_tells_hidden_and_shown_elements_apart():
    for markup in ('<p hidden>Ş</p><p>ł</p>', '<p>ł</p><p hidden>Ş</p>', '<div class="card">ł</div><div class="card" hidden>Ş</div>'):
        assert fontuse._text_by_font(markup, USE.by_key, {}) == reference(markup, USE.by_key)
