"""Safe YAML loading with source positions.

Refuses anchors and aliases outright (no alias bombs), duplicate keys, merge keys (``<<``),
explicit tags (``!!binary``, ``!!timestamp``) and anything but plain data. Timestamps stay text:
the schema's date formats parse them as real dates with their zone, so an impossible date is a
problem line at its position, never an exception out of the loader. Returns the data together
with the position of every key so that validation errors can point at ``line:column``; problems
that do not stop the parser are collected in :attr:`Located.problems`, all of them at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .problems import field_name

Path = tuple  # a path into the document: ("consent", "scope", 1)


class YamlProblem(Exception):
    """A problem found while reading YAML, with a 1-based position."""

    def __init__(self, line: int, column: int, message: str, field: str = "yaml"):
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.field = field


class _NoAliasComposer(Composer):
    """Refuses aliases and anchors; remembers the nodes that carry a tag the editor wrote."""

    def __init__(self):
        super().__init__()
        self.tagged: set[int] = set()

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                "YAML-verwijzingen (aliassen met *) zijn niet toegestaan",
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlProblem(
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                "YAML-ankers (&) zijn niet toegestaan",
            )
        explicit = event.tag is not None if isinstance(event, ScalarEvent) else not getattr(event, "implicit", True)
        node = super().compose_node(parent, index)
        if explicit:
            self.tagged.add(id(node))
        return node


class _TextTimestamps(SafeConstructor):
    """Timestamps are constructed as the text the editor wrote (checked later as dates)."""

    def construct_yaml_timestamp(self, node):
        return self.construct_scalar(node)


_TextTimestamps.add_constructor("tag:yaml.org,2002:timestamp", _TextTimestamps.construct_yaml_timestamp)

MERGE_TAG = "tag:yaml.org,2002:merge"
PLAIN_TAGS = {ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq",
              MappingNode: "tag:yaml.org,2002:map"}


class _Loader(Reader, Scanner, Parser, _NoAliasComposer, _TextTimestamps, Resolver):
    """PyYAML's own reader, scanner and parser: the exact error messages and positions editors see."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _NoAliasComposer.__init__(self)
        _TextTimestamps.__init__(self)
        Resolver.__init__(self)


# Characters libyaml reads otherwise than PyYAML: tabs (allowed where PyYAML refuses them), a byte
# order mark after the start, and line breaks other than \n (positions on later lines differ).
# A block scalar's header with a comment straight after it (``|#``): libyaml takes it, PyYAML does not.
_UNLIKE = re.compile("[\t\r\x85\u2028\u2029\ufeff]|[|>][-+0-9]*#")


class _AskPyYAML(Exception):
    """The fast path cannot promise PyYAML's positions for this document: PyYAML reads it."""


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _FastLoader(_NoAliasComposer, CParser, _TextTimestamps, Resolver):
        """The same composer, constructor and resolver on libyaml's scanner and parser (the same
        events and marks, about nine times faster; most of a check's time was PyYAML scanning).
        Used for a file that parses; any parser error is reported by :class:`_Loader` (see
        :func:`load`), so the messages stay PyYAML's own."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            _NoAliasComposer.__init__(self)
            _TextTimestamps.__init__(self)
            Resolver.__init__(self)

        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, ScalarEvent) and not event.value and not event.style:
                # an empty value left out (``key:``): libyaml places it elsewhere than PyYAML does
                raise _AskPyYAML
            return super().compose_node(parent, index)
else:  # a PyYAML built without libyaml: the pure-Python parser does it all
    _FastLoader = _Loader


@dataclass
class Located:
    """YAML data plus the 1-based (line, column) of every key and value."""

    data: object
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def position(self, path: Path, prefer: str = "value") -> tuple[int, int]:
        """Best position for a path: the value (or key), else the nearest parent."""
        path = tuple(path)
        while True:
            first, second = (self.values, self.keys) if prefer == "value" else (self.keys, self.values)
            if path in first:
                return first[path]
            if path in second:
                return second[path]
            if not path:
                return (1, 1)
            path = path[:-1]


def _mark(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _walk(node: Node, path: Path, located: Located, tagged: set[int]) -> None:
    located.values[path] = _mark(node)
    if id(node) in tagged:
        line, col = _mark(node)
        located.problems.append(YamlProblem(
            line, col, "YAML-labels (zoals !!binary of !!timestamp) zijn niet toegestaan; schrijf de waarde zonder label",
            field=field_name(path)))
        node.tag = PLAIN_TAGS[type(node)]  # constructed as plain data; the file is refused anyway
    if isinstance(node, MappingNode):
        seen: dict[object, tuple[int, int]] = {}
        kept = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, col = _mark(key_node)
                raise YamlProblem(line, col, "een veldnaam moet gewone tekst zijn")
            if id(key_node) in tagged:
                line, col = _mark(key_node)
                located.problems.append(YamlProblem(
                    line, col, "YAML-labels (zoals !!str) zijn niet toegestaan, ook niet voor een veldnaam",
                    field=field_name(path)))
            if key_node.tag == MERGE_TAG:
                line, col = _mark(key_node)
                located.problems.append(YamlProblem(
                    line, col, "YAML-samenvoegsleutels (<<) zijn niet toegestaan; schrijf elk veld zelf uit",
                    field=f"{field_name(path)}.<<" if path else "<<"))
                continue
            key = key_node.value
            if key in seen:
                line, col = _mark(key_node)
                located.problems.append(YamlProblem(
                    line, col, f"dubbel veld '{key}' (ook op regel {seen[key][0]})", field=field_name(path + (key,))))
                continue
            seen[key] = _mark(key_node)
            kept.append((key_node, value_node))
            located.keys[path + (key,)] = _mark(key_node)
            _walk(value_node, path + (key,), located, tagged)
        node.value = kept
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), located, tagged)


def load(text: str, line_offset: int = 0) -> Located:
    """Parse one YAML document from ``text``.

    ``line_offset`` is added to every line number (for front matter inside a file).
    Raises :class:`YamlProblem` with a position on any error.
    """
    if _FastLoader is not _Loader and not _UNLIKE.search(text):
        try:
            return _load(text, line_offset, _FastLoader)
        except (YamlProblem, UnicodeError, _AskPyYAML):
            pass  # told below, by PyYAML's own parser
    # a document libyaml refuses (or one with an alias or anchor, an empty value left out, or text it
    # cannot encode): PyYAML's parser reads it and says what and where, as it always did
    return _load(text, line_offset, _Loader)


def _load(text: str, line_offset: int, loader_class: type) -> Located:
    loader = None
    try:
        loader = loader_class(text)  # PyYAML's reader refuses unprintable characters here already
        node = loader.get_single_node()
        if node is None:
            return Located(None)
        located = Located(None)
        _walk(node, (), located, loader.tagged)
        located.data = loader.construct_document(node)
    except YamlProblem as problem:
        problem.line += line_offset
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _dutch_yaml_message(error)
        raise YamlProblem(line + line_offset, col, message) from None
    except yaml.YAMLError as error:  # e.g. a reader error on control characters
        raise YamlProblem(1 + line_offset, 1, f"ongeldige YAML: {error}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if line_offset:
        located.keys = {p: (line + line_offset, col) for p, (line, col) in located.keys.items()}
        located.values = {p: (line + line_offset, col) for p, (line, col) in located.values.items()}
        for problem in located.problems:
            problem.line += line_offset
    return located


def _dutch_yaml_message(error: yaml.MarkedYAMLError) -> str:
    """Editors get Dutch, with a hint at the usual causes, and the raw parser text at the end."""
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    started = ""
    if error.context_mark is not None and error.problem_mark is not None \
            and error.context_mark.line != error.problem_mark.line:
        started = f"; het probleem begint op regel {error.context_mark.line + 1}"
    if "\\t" in problem or "'\\t'" in problem or "tab" in problem:
        hint = "tabs zijn niet toegestaan in YAML; gebruik spaties om in te springen"
    elif "another document" in context or "another document" in problem:
        hint = "er mag maar één YAML-document in het bestand staan"
    elif "quoted scalar" in context:
        hint = "een aanhalingsteken wordt niet gesloten"
    elif "mapping values are not allowed" in problem:
        hint = "onverwachte dubbele punt; zet de waarde tussen aanhalingstekens"
    elif "could not find expected ':'" in problem:
        hint = "dubbele punt na de veldnaam ontbreekt"
    elif "expected <block end>" in problem or "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        hint = "onverwachte tekst: controleer aanhalingstekens, haakjes en inspringing"
    else:
        hint = "ongeldige YAML"
    return f"{hint}{started} ({context + ': ' if context else ''}{problem})"
