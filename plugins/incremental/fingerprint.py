"""Stable fingerprints of the values a template renders, so that a page whose inputs did not
change need not be rendered again. Pure Python; no Pelican import.

A fingerprint is a sha256 over a canonical walk of the value: strings, numbers, dates,
containers, dataclasses and plain objects (their attributes). Code (functions, classes,
modules) counts by name only: the build digests the code itself. A value whose identity
cannot be stated (an object without attributes whose ``repr`` names a memory address) raises
:class:`Unstable`, and the page that renders it is always rendered. A class may say what
identifies its values with a ``__fingerprint__()`` method (e.g. a file named by its cache key).

Content documents (stories, pages) point at each other (related stories, translations), so
they are walked in two levels: a document's *own* fingerprint names the documents it points
at by their source path only, and its *deep* fingerprint adds the own fingerprints of the
documents it points at. A page that shows a related story's title is therefore rendered
again when that story changes; a page that would show the related story's related stories
is not (no template does).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import hashlib
import json
import re
import types
from collections.abc import Callable, Mapping
from pathlib import PurePath

# Attributes that hold the whole site (settings, the shared context) rather than the value's
# own data; the build digests the settings and the templates name the context keys they use.
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context", "_summary_cache"})
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
INLINE = (list, tuple)
MEMO_LENGTH = 16  # longer lists get their own remembered hash: they are often shared by many pages
SHARED_LENGTH = 4  # plain data this long is remembered by identity (e.g. the badge classes every kit shows)


def plain_digest(data) -> str | None:
    """``sha256:`` and the hash of plain data (JSON's types) in canonical form; None for anything
    else. For ``__fingerprint__`` methods that hash an object's fields once and keep the result."""
    try:
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Unstable(ValueError):
    """The value has no stable fingerprint; whatever renders it must always be rendered."""


class Fingerprinter:
    """Fingerprints with a memory per object, for one build (objects must not change meanwhile).

    ``is_document(value)`` tells which objects are content documents (two-level walk);
    ``document_extra(value)`` gives extra data a document renders that its attributes do not
    hold (for Pelican: the site's URLs when its text links to other content);
    ``identify(value)`` may name a value of a known class in a few words (None: walk it);
    ``omit(document)`` names attributes among ``separate`` that the pages being keyed never show.
    The attributes in ``separate`` (a document's text) are hashed apart from the rest, so that
    fingerprinters that omit different ones can share that work through ``parts`` (a dict).
    """

    def __init__(self, is_document: Callable[[object], bool] = lambda value: False,
                 document_extra: Callable[[object], object] = lambda value: None,
                 omit: Callable[[object], tuple[str, ...]] = lambda document: (),
                 separate: tuple[str, ...] = (), parts: dict | None = None,
                 identify: Callable[[object], str | None] = lambda value: None):
        self.is_document = is_document
        self.identify = identify
        self._declared: dict[int, object] = {}  # __fingerprint__() results, asked once per object
        self.document_extra = document_extra
        self.omit = omit
        self.separate = frozenset(separate)
        self._parts: dict[int, tuple[str, dict[str, str], tuple]] = {} if parts is None else parts
        self._deep: dict[int, str] = {}
        self._own: dict[int, tuple[str, tuple]] = {}
        self._values: dict[int, str] = {}
        self._keep: list[object] = []  # keeps memoised objects alive, so their ids stay theirs

    def __call__(self, value: object) -> str:
        return self.fingerprint(value)

    def fingerprint(self, value: object) -> str:
        digest = hashlib.sha256()
        self._walk(value, digest.update, set(), documents="deep")
        return digest.hexdigest()

    # --- documents -------------------------------------------------------------------
    def _document_deep(self, document: object) -> str:
        key = id(document)
        if key not in self._deep:
            own, references = self._document_own(document)
            digest = hashlib.sha256(own.encode())
            for reference in references:
                digest.update(self._document_own(reference)[0].encode())
            self._deep[key] = digest.hexdigest()
            self._keep.append(document)
        return self._deep[key]

    def _document_own(self, document: object) -> tuple[str, tuple]:
        key = id(document)
        if key not in self._own:
            rest, separate, references = self._document_parts(document)
            omitted = set(self.omit(document))
            digest = hashlib.sha256(rest.encode())
            for name in sorted(separate):
                if name not in omitted:
                    digest.update(f"{name}={separate[name]}".encode())
            self._own[key] = (digest.hexdigest(), references)
            self._keep.append(document)
        return self._own[key]

    def _document_parts(self, document: object) -> tuple[str, dict[str, str], tuple]:
        """A document's own data as the hash of all but the ``separate`` attributes, and one hash
        for each of those; plus the documents it points at."""
        key = id(document)
        if key not in self._parts:
            references: list[object] = []
            digest = hashlib.sha256()
            digest.update(type(document).__qualname__.encode())
            self._walk_attributes(document, digest.update, {key}, references, self.separate)
            self._walk(self.document_extra(document), digest.update, {key}, references)
            separate = {}
            for name in self.separate:
                if hasattr(document, name):
                    part = hashlib.sha256()
                    self._walk(getattr(document, name), part.update, {key}, references)
                    separate[name] = part.hexdigest()
            self._parts[key] = (digest.hexdigest(), separate, tuple(references))
            self._keep.append(document)
        return self._parts[key]

    # --- the walk --------------------------------------------------------------------
    def _walk(self, value, out, active: set[int], documents="deep"):
        """Feed a canonical form of ``value`` to ``out``.

        ``documents`` is "deep" at the top, or the list that collects the documents met
        inside a document's own data (they are then named, not walked).
        """
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")
            out(b"s%d:" % len(data) + data)
            return
        if kind is dict or kind is list:
            # plain data (JSON's types only) is encoded in one C call; anything else walks
            remember = documents == "deep" and len(value) >= SHARED_LENGTH
            if remember and id(value) in self._values:
                out(b"V" + self._values[id(value)].encode())
                return
            try:
                data = self._json(value, active, documents)
            except Unstable:
                raise
            except (TypeError, ValueError):  # keys JSON cannot sort, or a loop: walked below
                pass
            else:
                if remember:
                    self._values[id(value)] = hashlib.sha256(data).hexdigest()
                    self._keep.append(value)
                    out(b"V" + self._values[id(value)].encode())
                else:
                    out(b"J%d:" % len(data) + data)
                return
        if kind in INLINE and (documents != "deep" or len(value) < MEMO_LENGTH):
            self._walk_inline(value, out, active, documents)
        elif value is None or isinstance(value, (bool, int, float, complex, decimal.Decimal)):
            out(b"n" + repr(value).encode())
        elif isinstance(value, str):  # Markup and other str subclasses
            data = value.encode("utf-8", "surrogatepass")
            out(b"s%d:" % len(data) + data)
        elif isinstance(value, (bytes, bytearray)):
            out(b"b%d:" % len(value) + bytes(value))
        elif isinstance(value, (dt.datetime, dt.date, dt.time)):
            out(b"t" + value.isoformat().encode() + repr(getattr(value, "tzinfo", None)).encode())
        elif isinstance(value, dt.timedelta):
            out(b"d" + repr(value.total_seconds()).encode())
        elif isinstance(value, enum.Enum):
            out(b"e" + f"{type(value).__qualname__}.{value.name}".encode())
        elif isinstance(value, PurePath):
            out(b"p" + str(value).encode())
        elif isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type,
                                types.ModuleType)):
            out(b"c" + f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}".encode())
        elif hasattr(type(value), "__fingerprint__"):
            if id(value) not in self._declared:
                self._declared[id(value)] = value.__fingerprint__()
                self._keep.append(value)
            if documents != "deep":
                out(b"F" + type(value).__qualname__.encode())
                self._walk(self._declared[id(value)], out, active, documents)
                return
            key = id(value)
            if key not in self._values:
                digest = hashlib.sha256(b"F" + type(value).__qualname__.encode())
                self._walk(self._declared[key], digest.update, active, documents)
                self._values[key] = digest.hexdigest()
                self._keep.append(value)
            out(b"V" + self._values[key].encode())
        elif self.is_document(value):
            if documents == "deep":
                out(b"D" + self._document_deep(value).encode())
            else:
                documents.append(value)
                out(b"R" + type(value).__qualname__.encode() + repr(getattr(value, "source_path", "")).encode())
        else:
            identity = self.identify(value)
            if identity is None:
                self._walk_container(value, out, active, documents)
            else:
                out(b"I" + identity.encode())

    def _walk_inline(self, value, out, active: set[int], documents):
        """Small lists and tuples go straight into the enclosing hash (no memory of their own)."""
        key = id(value)
        if key in active:
            raise Unstable(f"{type(value).__qualname__} refers to itself")
        active.add(key)
        try:
            out(b"[" + type(value).__qualname__.encode() + b"%d" % len(value))
            for item in value:
                self._walk(item, out, active, documents)
            out(b"]")
        finally:
            active.discard(key)

    def _walk_container(self, value, out, active: set[int], documents):
        key = id(value)
        if key in active:
            raise Unstable(f"{type(value).__qualname__} refers to itself")
        if documents == "deep" and key in self._values:
            out(b"V" + self._values[key].encode())
            return
        digest = hashlib.sha256()
        inner = digest.update
        active.add(key)
        try:
            if isinstance(value, Mapping):
                inner(b"{" + type(value).__qualname__.encode())
                items = [(self._sort_key(k), k, v) for k, v in value.items()]
                for _, item_key, item in sorted(items, key=lambda entry: entry[0]):
                    self._walk(item_key, inner, active, documents)
                    self._walk(item, inner, active, documents)
            elif isinstance(value, (list, tuple)):
                inner(b"[" + type(value).__qualname__.encode())
                for item in value:
                    self._walk(item, inner, active, documents)
            elif isinstance(value, (set, frozenset)):
                inner(b"(")
                parts = []
                for item in value:
                    part = hashlib.sha256()
                    self._walk(item, part.update, active, documents)
                    parts.append(part.hexdigest())
                for part in sorted(parts):
                    inner(part.encode())
            elif callable(value) and not hasattr(value, "__dict__") and not dataclasses.is_dataclass(value):
                inner(b"c" + type(value).__qualname__.encode())
            else:
                inner(b"o" + f"{type(value).__module__}.{type(value).__qualname__}".encode())
                if not self._walk_attributes(value, inner, active, documents):
                    text = repr(value)
                    if ADDRESS.search(text):
                        raise Unstable(f"{type(value).__qualname__} has no stable form")
                    inner(text.encode())
        finally:
            active.discard(key)
        result = digest.hexdigest()
        if documents == "deep":
            self._values[key] = result
            self._keep.append(value)
        out(b"V" + result.encode())

    def _walk_attributes(self, value, out, active: set[int], documents, omit: frozenset[str] = frozenset()) -> bool:
        """Walk the dataclass fields, ``__dict__`` and ``__slots__`` of ``value``; False if it has none."""
        names: list[str] = []
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = [field.name for field in dataclasses.fields(value)]
        if hasattr(value, "__dict__"):
            names += [name for name in vars(value) if name not in names]
        for cls in type(value).__mro__:
            for name in getattr(cls, "__slots__", ()):
                if name not in names and not name.startswith("__") and hasattr(value, name):
                    names.append(name)
        if not names:
            return False
        attributes = {name: getattr(value, name) for name in names if name not in SKIPPED_ATTRIBUTES and name not in omit}
        try:
            data = self._json(attributes, active, documents)
        except Unstable:
            raise
        except (TypeError, ValueError):  # keys JSON cannot sort, or a loop: walked one by one
            for name in sorted(attributes):
                out(b"." + name.encode() + b"=")
                self._walk(attributes[name], out, active, documents)
        else:
            out(b"A%d:" % len(data) + data)
        return True

    def _json(self, value, active: set[int], documents) -> bytes:
        """``value`` as canonical JSON, in one C call; what JSON has no form for (dates, objects,
        documents, sets) is walked and stands in the text as the hash of its walk."""
        def walked(item):
            digest = hashlib.sha256()
            self._walk(item, digest.update, active, documents)
            return ["\0walked", digest.hexdigest()]

        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=walked).encode("utf-8", "surrogatepass")

    @staticmethod
    def _sort_key(key) -> tuple[str, str]:
        return (type(key).__qualname__, repr(key))
