"""RDFC-1.0 canonical N-Quads of many documents of one shape, expanded once per shape. Pure, no Pelican.

``ob3.canonize`` runs pyld's ``jsonld.normalize``: JSON-LD expansion with the (scoped) contexts, conversion
to an RDF dataset, then URDNA2015. The first two are about 90 % of its time, and every credential of a
build has the same shape: the same keys, types and contexts, with other names, dates and addresses.

:class:`Canonicaliser` converts a document with a *sentinel* in every replaceable string once per shape,
and then puts each document's own strings into that dataset and runs only URDNA2015. A string is
replaceable when its sentinel comes back

- as exactly one literal whose whole value is the sentinel and nothing else (a text, a date: expansion
  never looks at the content of a literal), or
- for an ``id``/``@id`` whose value is an absolute ``scheme://`` IRI (pyld's ``_expand_iri`` returns such
  a value as it is, without looking at any term), only as whole IRIs of subjects and objects.

Every other string (types, contexts, IRIs that a context could expand, a string whose sentinel lands
anywhere else) is part of the shape's key with its own value. A document the template cannot represent
exactly (two of its values become one triple, a string holding the sentinel marker or a line break
pyld does not escape, a JSON-LD error) is
canonicalised the slow way, so the result is always that of ``ob3.canonize``; ``tests/unit/test_ob3_canon.py``
checks this for generated credentials with hostile strings.

The templates live in the object: make one per build or per batch of work (no module-level state).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

MARKER = "\ue000"  # a private-use character: a document holding it takes the slow way
END = "\ue001"
LINE_BREAKS = frozenset("\v\f\x1c\x1d\x1e\x85\u2028\u2029")  # str.splitlines breaks but for \n and \r (escaped)
IRI_KEYS = ("id", "@id")
KEPT_KEYS = ("@context", "type", "@type")  # never replaced: types pick scoped contexts
# what pyld returns unexpanded for an @id and keeps as an absolute IRI in RDF (``_expand_iri``, ``_is_absolute_iri``)
UNBROKEN = LINE_BREAKS | {">", "\n", "\r"}  # what an IRI written in N-Quads must not hold for pyld's parser
LANGUAGE = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")  # pyld.nquads
ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://\S*")
LITERAL, IRI = "L", "I"
NQUADS = {"algorithm": "URDNA2015", "format": "application/n-quads"}


def _sentinel(kind: str, index: int) -> str:
    text = f"{MARKER}{index}{END}"
    return f"ob3-slot://{text}" if kind == IRI else text


def _holds_marker(value) -> bool:
    return _holds(value, lambda text: MARKER in text or END in text)


def _slow_only(value) -> bool:
    """Whether ``value`` holds the marker, or a line break pyld's N-Quads writer leaves as it is: its parser
    then splits the line there, and ``ob3.canonize`` fails on its own output (the slow way fails alike)."""
    return _holds(value, lambda text: MARKER in text or END in text or not LINE_BREAKS.isdisjoint(text))


def _holds(value, test: Callable[[str], bool]) -> bool:
    """Whether a string in ``value`` (keys included) passes ``test``."""
    if isinstance(value, str):
        return test(value)
    if isinstance(value, list):
        return any(_holds(item, test) for item in value)
    if isinstance(value, dict):
        return any(_holds(key, test) or _holds(item, test) for key, item in value.items())
    return False


def _slots(document) -> tuple[object, list[tuple[str, str]]]:
    """The document with every replaceable string as a numbered placeholder (``[kind, index]`` in a
    one-key dict no JSON-LD document has), and (kind, value) per placeholder. Equal strings of one kind
    share a placeholder, so a template merges the nodes of one ``id`` and the equal values of one
    property as the document's own expansion does."""
    indices: dict[tuple[str, str], int] = {}

    def walk(value, key: str):
        if isinstance(value, dict):
            return {name: (item if name in KEPT_KEYS else walk(item, name)) for name, item in value.items()}
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, str):
            kind = IRI if key in IRI_KEYS and ABSOLUTE.fullmatch(value) else LITERAL
            return {MARKER: [kind, indices.setdefault((kind, value), len(indices))]}
        return value

    skeleton = walk(document, "")
    return skeleton, list(indices)


def _fill(skeleton, fill: Callable[[str, int], str]):
    if isinstance(skeleton, dict):
        if MARKER in skeleton:
            kind, index = skeleton[MARKER]
            return fill(kind, index)
        return {name: _fill(item, fill) for name, item in skeleton.items()}
    if isinstance(skeleton, list):
        return [_fill(item, fill) for item in skeleton]
    return skeleton


def _key(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


class Template:
    """The RDF dataset of one shape, with the places of each replaceable string."""

    def __init__(self, dataset: dict, slots: dict[str, tuple[str, int]]):
        # graph -> list of (subject, predicate, object) component dicts
        self.dataset = dataset
        self.slots = slots  # sentinel text -> (kind, index)

    def fill(self, values: list[str]) -> dict:
        """A new dataset (URDNA2015 changes the one it gets) with the document's own strings."""
        slots = self.slots

        def component(part: dict) -> dict:
            found = slots.get(part["value"])
            return {**part, "value": values[found[1]]} if found else dict(part)

        return {graph: [{name: component(part) for name, part in triple.items()} for triple in triples]
                for graph, triples in self.dataset.items()}


def _placed(dataset: dict, sentinels: dict[str, tuple[str, int]]) -> set[int]:
    """The indices whose sentinel sits only where a document's own string can replace it (see the module):
    at least once, and each time as the whole value of a literal or, for an ``id``, of a subject or object IRI."""
    hits: dict[str, int] = {}
    wrong: set[str] = set()
    for graph, triples in dataset.items():
        if _holds_marker(graph):
            wrong.update({s for s in sentinels if s in graph} or sentinels)
        for triple in triples:
            for name, part in triple.items():
                texts = [part.get("value", ""), part.get("datatype", ""), part.get("language", "")]
                if not any(MARKER in text or END in text for text in texts):
                    continue
                value, kind = part["value"], sentinels.get(part["value"], ("", 0))[0]
                literal = name == "object" and part["type"] == "literal"
                iri = kind == IRI and name in ("subject", "object") and part["type"] == "IRI"
                if value in sentinels and not _holds_marker(texts[1:]) and (literal or iri):
                    hits[value] = hits.get(value, 0) + 1
                else:
                    inside = {s for s in sentinels if any(s in text for text in texts)}
                    wrong.update(inside or sentinels)  # a piece of a sentinel: which one is unknown
    return {index for text, (_, index) in sentinels.items() if hits.get(text) and text not in wrong}


def _parsable(dataset: dict) -> bool:
    """Whether pyld's N-Quads parser reads back what its writer makes of ``dataset``: ``ob3.canonize`` parses
    its result, and fails on an IRI with ``>`` or a line break (written as they are) or an odd language tag
    (the slow way then fails alike)."""
    for triples in dataset.values():
        for triple in triples:
            for part in triple.values():
                iris = [part.get("datatype", ""), part["value"] if part["type"] == "IRI" else ""]
                if any(not UNBROKEN.isdisjoint(iri) for iri in iris):
                    return False
                if "language" in part and not LANGUAGE.fullmatch(part["language"]):
                    return False
    return True


def rdf_dataset(document: dict, loader) -> dict:
    """The RDF dataset of ``document``, made as ``jsonld.normalize`` makes it before URDNA2015."""
    from pyld import jsonld

    # the options jsonld.normalize hands to_rdf
    return jsonld.JsonLdProcessor().to_rdf(document, {
        "algorithm": "URDNA2015", "documentLoader": loader, "base": "", "extractAllScripts": True,
        "processingMode": "json-ld-1.1", "produceGeneralizedRdf": False})


PARSED_IRI = re.compile(r"[^:>\s]+:[^>\s]*")  # what pyld's N-Quads parser reads as an IRI, spaces left out
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _iri_reads_back(iri: str) -> bool:
    return PARSED_IRI.fullmatch(iri) is not None and UNBROKEN.isdisjoint(iri)


def reads_back(dataset: dict) -> bool:
    """Whether pyld's N-Quads parser surely parses the N-Quads of ``dataset``: every IRI one its parser takes,
    without a line break or a space; no literal with a line break the writer leaves as it is; every language
    tag one its parser takes. False makes ``ob3.canonize`` parse them, so it fails where they do not parse.
    (A backslash is no reason: the writer escapes it, and the values are never read from the parse.)"""
    for graph, triples in dataset.items():
        if graph != "@default" and not graph.startswith("_:") and not _iri_reads_back(graph):
            return False
        for triple in triples:
            for part in triple.values():
                if part["type"] == "IRI" and not _iri_reads_back(part["value"]):
                    return False
                if part["type"] != "literal":
                    continue
                if not LINE_BREAKS.isdisjoint(part["value"]):
                    return False
                datatype = part.get("datatype", XSD_STRING)
                if datatype == RDF_LANGSTRING:
                    if part.get("language") and not LANGUAGE.fullmatch(part["language"]):
                        return False
                elif datatype != XSD_STRING and not _iri_reads_back(datatype):
                    return False
    return True


def stated_values(dataset: dict) -> set[str]:
    """The subjects' and objects' values of ``dataset`` as they are (a canonicalised dataset: URDNA2015
    relabels its blank nodes in place, ``_:c14n0``...)."""
    return {part["value"] for triples in dataset.values() for triple in triples
            for part in (triple["subject"], triple["object"])}


def _stated(dataset: dict) -> set[str]:
    """The subjects' and objects' values of the canonical N-Quads of ``dataset``, without making them:
    every value but a blank node's, and one canonical label (``_:c14n0``...) per blank node."""
    stated, blank = set(), set()
    for triples in dataset.values():
        for triple in triples:
            for part in (triple["subject"], triple["object"]):
                (blank if part["type"] == "blank node" else stated).add(part["value"])
    return stated | {f"_:c14n{index}" for index in range(len(blank))}


class Canonicaliser:
    """``canonize(document)`` as ``ob3.canonize(document, loader)``, with a template per shape.

    ``slow(document)`` is the reference canonicalisation (``ob3.canonize`` with the loader), used for what
    a template cannot represent; ``check(document, stated)`` is its check of dropped terms (``ob3._check_stated``),
    run on the values of every result (:func:`_stated`)."""

    def __init__(self, loader, slow: Callable[[dict], str], check: Callable[[dict, set[str]], None]):
        self.loader = loader
        self.slow = slow
        self.check = check
        self.replaceable: dict[str, frozenset[int]] = {}  # skeleton -> placeholders a template can fill
        self.templates: dict[str, Template | None] = {}  # shape (kept strings in place) -> template
        self.stats = {"fast": 0, "slow": 0, "shapes": 0}

    def _dataset(self, document: dict) -> dict:
        return rdf_dataset(document, self.loader)

    def _template(self, skeleton, values: list[tuple[str, str]]) -> tuple[Template | None, list[str]]:
        from pyld.jsonld import JsonLdError

        skeleton_key = _key(skeleton)
        replaceable = self.replaceable.get(skeleton_key)
        if replaceable is None:
            sentinels = {_sentinel(kind, index): (kind, index) for index, (kind, _) in enumerate(values)}
            probe = _fill(skeleton, _sentinel)
            try:
                replaceable = frozenset(_placed(self._dataset(probe), sentinels))
            except JsonLdError:
                replaceable = frozenset()
            self.replaceable[skeleton_key] = replaceable
        own = [value for _, value in values]
        shape = _fill(skeleton, lambda kind, index: _sentinel(kind, index) if index in replaceable else own[index])
        shape_key = _key(shape)
        if shape_key not in self.templates:
            template = None
            sentinels = {_sentinel(values[i][0], i): (values[i][0], i) for i in replaceable}
            if sentinels:
                try:
                    dataset = self._dataset(shape)
                except JsonLdError:
                    dataset = None
                if dataset is not None and _placed(dataset, sentinels) == set(replaceable):
                    template = Template(dataset, sentinels)
                    self.stats["shapes"] += 1
            self.templates[shape_key] = template
        return self.templates[shape_key], own

    def __call__(self, document: dict) -> str:
        from pyld.jsonld import URDNA2015

        template = None
        if not _slow_only(document):
            skeleton, values = _slots(document)
            template, own = self._template(skeleton, values)
        if template is None:
            self.stats["slow"] += 1
            return self.slow(document)
        dataset = template.fill(own)
        seen = set()
        for graph, triples in dataset.items():
            for triple in triples:
                seen.add((graph, *(tuple(sorted(part.items())) for part in triple.values())))
        duplicates = len(seen) != sum(len(triples) for triples in dataset.values())  # two values became one triple
        blank_graph = any(graph.startswith("_:") for graph in dataset)  # labelled apart from the rest
        if duplicates or blank_graph or not _parsable(dataset):
            self.stats["slow"] += 1
            return self.slow(document)
        self.check(document, _stated(dataset))
        nquads = URDNA2015().main(dataset, dict(NQUADS))
        self.stats["fast"] += 1
        return nquads
