"""Canonical N-Quads from a template per credential shape (plugins/badges/ob3_canon.py) are exactly
pyld's ``jsonld.normalize`` (``ob3.canonize``) of the same document, hostile strings included."""

from __future__ import annotations

import copy
import re
from unittest import mock

import pytest
from badges import ob3, ob3_canon, openbadges
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ob3 import BADGE, CREATED, SITE, credential

SPECIAL = ["", " ", '"', "\\", '\\"', "\n", "\r\n", "\t", "\x00", "\x01\x7f", "\u202eomgekeerd", "中文 テキスト", "עברית",
           "Zoë Öztürk", "https://example.org/x", "https://example.org/campagne/b.png", "http://a b", "http://ex ample.org/",
           "_:b0", "_:c14n0", "@id", "@type", "did:web:example.org", "urn:x:y", "mailto:a@b.nl", "ob3-slot://x",
           "ob3-slot://\ue0001\ue001", "\ue0001\ue001", "\ue000", "javascript:alert(1)", "Vakman", "2026-02-01",
           "HTTPS://EXAMPLE.ORG/A", "https://example.org/a#frag", "x://", "1http://x", "a:b", "vc:x", "schema:name",
           "C:\\nieuw\\tekst", "\\r\\n", "\\\\n", "\\u00eb"]  # backslash escapes as text: written as they are
texts = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=24),
                  st.text(alphabet=st.sampled_from(list('"\\<>&\n\r\t\x00\x1f\x7f\u0085\u2028 aé中:/#_@ntru0')), max_size=12))
iris = st.one_of(st.sampled_from([s for s in SPECIAL if ":" in s]),
                 st.builds(lambda path: f"{SITE}/{path}", st.text(max_size=12)), texts)


@pytest.fixture(scope="module")
def loader():
    return ob3.ContextLoader()


@pytest.fixture(scope="module")
def canon(loader):
    """One canonicaliser for every example: templates are made once per shape and reused, as in a build."""
    return ob3.canonicaliser(loader)


def outcome(function, document):
    """The N-Quads, or the error's type and message (both ways must fail alike)."""
    try:
        return "ok", function(copy.deepcopy(document))
    except Exception as error:  # compared with the other way's, never hidden
        return type(error).__name__, str(error)


@st.composite
def credentials(draw):
    """A credential as the build makes it, then with hostile strings in its texts and addresses."""
    alignments = draw(st.integers(0, 2))
    badge = {**BADGE, "alignments": BADGE["alignments"] * alignments, "tags": ["hout"] * draw(st.integers(0, 3))}
    if draw(st.booleans()):
        recipient = openbadges.recipient("jan@example.nl", "", "geheim", "jan")
        recipient["identity"], recipient["salt"] = draw(texts), draw(texts)
    else:
        recipient = {"type": "url", "hashed": False, "identity": f"{SITE}/ambachtengids/jan/"}
    document = credential(recipient=recipient, badge=badge, index=draw(st.integers(0, 10**6)))
    achievement = document["credentialSubject"]["achievement"]
    if "id" in document["credentialSubject"]:
        document["credentialSubject"]["id"] = draw(iris)
    for entry in achievement.get("alignment", []):
        entry["targetName"], entry["targetUrl"] = draw(texts), draw(iris)
    if "tag" in achievement:
        achievement["tag"] = [draw(texts) for _ in achievement["tag"]]
    for node, field, values in [(document, "name", texts), (document, "description", texts), (document, "id", iris),
                                (document, "validFrom", texts), (document["image"], "id", iris),
                                (document["evidence"][0], "id", iris), (document["evidence"][0], "name", texts),
                                (achievement, "id", iris), (achievement, "name", texts),
                                (achievement["criteria"], "narrative", texts),
                                (document["credentialStatus"], "statusListIndex", texts)]:
        if draw(st.booleans()):
            node[field] = draw(values)
    return ob3.clean(document) if draw(st.booleans()) else document


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=credentials())
def test_the_template_gives_exactly_pyld_normalize(canon, loader, document):
    assert outcome(canon, document) == outcome(lambda value: ob3.canonize(value, loader), document)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(created=texts, method=iris)
def test_proof_options_alike(canon, loader, created, method):
    options = ob3._proof_options(credential(), method, created)
    assert outcome(canon, options) == outcome(lambda value: ob3.canonize(value, loader), options)


def test_most_credentials_of_one_shape_take_the_template(loader):
    canon = ob3.canonicaliser(loader)
    documents = []
    for index in range(30):
        slug = f"p{index}"
        recipient = (openbadges.recipient(f"{slug}@example.nl", "", "geheim", slug) if index % 2 else
                     {"type": "url", "hashed": False, "identity": f"{SITE}/ambachtengids/{slug}/"})
        document = credential(recipient=recipient, index=index)
        document["id"] = f"{SITE}/openbadges/v3/credentials/{slug}-vakman.json"
        document["evidence"][0]["id"] = f"{SITE}/ambachtengids/{slug}/"
        documents.append(document)
    for document in documents:
        assert canon(document) == ob3.canonize(document, loader)
    assert canon.stats == {"fast": 30, "slow": 0, "shapes": 2}  # a hashed e-mail and a URL recipient


@pytest.mark.parametrize("change", [
    lambda d: d["credentialSubject"]["achievement"].update(tag=["hout", "hout", "Hout"]),  # equal values: one triple
    lambda d: d["evidence"][0].update(id=d["credentialSubject"]["achievement"]["id"]),  # one node, two places
    lambda d: d["evidence"][0].update(id=d["id"]),
    lambda d: d["evidence"][0].update(name="Vakman"),  # a text equal to another
    lambda d: d.update(name="\ue0000\ue001"),  # the template's own marker: the slow way
    lambda d: d["credentialSubject"]["achievement"]["criteria"].update(id="_:b0"),  # a blank node id
    lambda d: d["image"].update(id="relatief/pad.png"),
])
def test_merged_nodes_equal_values_and_odd_ids(loader, change):
    canon = ob3.canonicaliser(loader)
    plain = credential()
    canon(plain)  # a template for the usual shape first
    document = credential()
    change(document)
    assert outcome(canon, document) == outcome(lambda value: ob3.canonize(value, loader), document)
    assert canon(plain) == ob3.canonize(plain, loader)


def test_a_term_no_context_defines_is_still_refused(loader):
    canon = ob3.canonicaliser(loader)
    canon(credential())
    document = credential()
    document["credentialSubject"]["achievement"]["kleur"] = "rood"
    with pytest.raises(ValueError, match="kleur"):
        canon(document)


def test_signatures_are_byte_identical_and_verify(loader):
    key = ob3.SigningKey.generate()
    did = ob3.did_web(SITE)
    canon, proofs = ob3.canonicaliser(loader), {}
    for index in range(5):
        document = credential(index=index)
        signed = ob3.sign(document, key, did, CREATED, loader, proofs, canon)
        assert ob3.to_json(signed) == ob3.to_json(ob3.sign(document, key, did, CREATED, loader))
        assert ob3.verify(signed, {key.key_id(did): key.public}, loader)
    assert canon.stats["fast"] >= 5


def test_placeholders_share_equal_strings_and_keep_types():
    skeleton, values = ob3_canon._slots({"@context": ["https://x/"], "type": ["A"], "id": "https://a/1",
                                         "name": "https://a/1", "image": {"id": "https://a/1"}, "b": [True, 2]})
    assert values == [("I", "https://a/1"), ("L", "https://a/1")]
    assert skeleton["type"] == ["A"] and skeleton["@context"] == ["https://x/"] and skeleton["b"] == [True, 2]
    assert skeleton["image"]["id"] == skeleton["id"] != skeleton["name"]


def test_the_stated_values_are_those_of_the_canonical_nquads(loader):
    from pyld import jsonld

    document = credential()
    canon = ob3.canonicaliser(loader)
    dataset = canon._dataset(document)
    parsed = {quad[part]["value"] for quads in jsonld.parse_nquads(ob3.canonize(document, loader)).values()
              for quad in quads for part in ("subject", "object")}
    assert ob3_canon._stated(dataset) == parsed
    assert any(value.startswith("_:c14n") for value in parsed)


ECHAR = re.compile(r'\\(?:([tbnrf"\'\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))')


def nquads_unescape(text: str) -> str:
    """An N-Quads literal's value as the grammar reads it (ECHAR and UCHAR, in one pass): the inverse of
    pyld's escape, which pyld's own ``unescape`` (one replace after another) is not."""
    def one(match):
        if match.group(1):
            return {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}.get(match.group(1), match.group(1))
        return chr(int(match.group(2) or match.group(3), 16))
    return ECHAR.sub(one, text)


def parsed_canonize(document, loader):
    """The reference: pyld's ``jsonld.normalize``, then its N-Quads parsed by pyld's parser, with the literals
    read as the N-Quads grammar reads them, and the check of dropped terms on the parsed values."""
    from pyld import jsonld, nquads

    text = jsonld.normalize(document, {"algorithm": "URDNA2015", "format": "application/n-quads",
                                       "documentLoader": loader})
    with mock.patch.object(nquads, "unescape", nquads_unescape):
        parsed = jsonld.parse_nquads(text)
    ob3._check_stated(document, {quad[part]["value"] for quads in parsed.values() for quad in quads
                                 for part in ("subject", "object")})
    return text


def test_the_reference_reads_literals_as_the_grammar_does(loader):
    assert nquads_unescape(r'C:\\nieuw \"x\" \t\\n \u00eb\U0001F600') == 'C:\\nieuw "x" \t\\n ë\U0001F600'
    document = credential()
    document["name"] = "C:\\nieuw\\tekst \\\\r"
    assert "C:\\\\nieuw\\\\tekst \\\\\\\\r" in parsed_canonize(document, loader)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=credentials())
def test_canonize_reads_the_dataset_with_the_outcome_of_parsing_its_nquads(loader, document):
    assert outcome(lambda value: ob3.canonize(value, loader), document) == \
        outcome(lambda value: parsed_canonize(value, loader), document)


@pytest.mark.parametrize("change", [
    lambda d: d.update(name="C:\\nieuw\\tekst"),  # signed as written (pyld's own unescape reads a line break)
    lambda d: d.update(name="regel\u2028regel"),  # a line break pyld writes as it is: its parser fails
    lambda d: d["image"].update(id="https://example.org/a>b.png"),
    lambda d: d["image"].update(id="https://example.org/a b.png"),
    lambda d: d["credentialSubject"]["achievement"].update(kleur="rood"),  # dropped: refused
    lambda d: d.update(foo="bar"),
    lambda d: d["credentialSubject"]["achievement"]["criteria"].update(id="_:b0"),
    lambda d: d.update(**{"@context": [ob3.CREDENTIALS_V2, "https://example.org/evil.json"]}),  # a JSON-LD error
])
def test_canonize_fails_and_refuses_as_before(loader, change):
    document = credential()
    change(document)
    assert outcome(lambda value: ob3.canonize(value, loader), document) == \
        outcome(lambda value: parsed_canonize(value, loader), document)


def test_which_datasets_read_back_as_they_are(loader):
    def dataset(**changes):
        document = credential()
        document.update(changes)
        return ob3_canon.rdf_dataset(document, loader)

    assert ob3_canon.reads_back(dataset())
    assert ob3_canon.reads_back(dataset(name='Zoë "Öztürk"\n\r\t中文'))  # the writer escapes these
    assert ob3_canon.reads_back(dataset(name="C:\\nieuw"))  # the writer escapes a backslash
    assert not ob3_canon.reads_back(dataset(name="a\u2028b"))
    assert not ob3_canon.reads_back(dataset(id="https://example.org/a>b"))

    def triple(obj, graph="@default"):
        return {graph: [{"subject": {"type": "IRI", "value": "https://x/a"},
                         "predicate": {"type": "IRI", "value": "https://x/p"}, "object": obj}]}

    assert ob3_canon.reads_back(triple({"type": "IRI", "value": "https://x/b"}, graph="https://x/g"))
    assert ob3_canon.reads_back(triple({"type": "blank node", "value": "_:c14n0"}, graph="_:c14n1"))
    assert not ob3_canon.reads_back(triple({"type": "IRI", "value": "https://x/b"}, graph="https://x/g>"))
    assert not ob3_canon.reads_back(triple({"type": "IRI", "value": "https://x/a\nb"}))
    assert not ob3_canon.reads_back(triple({"type": "IRI", "value": "geen-iri"}))
    assert not ob3_canon.reads_back(triple({"type": "literal", "value": "x", "datatype": "https://x/t\u2028"}))
    assert ob3_canon.reads_back(triple({"type": "literal", "value": "x", "language": "nl-NL",
                                        "datatype": ob3_canon.RDF_LANGSTRING}))
    assert not ob3_canon.reads_back(triple({"type": "literal", "value": "x", "language": "en-",
                                            "datatype": ob3_canon.RDF_LANGSTRING}))


def test_the_canonicalised_dataset_states_what_its_nquads_state(loader):
    from pyld import jsonld
    from pyld.jsonld import URDNA2015

    dataset = ob3_canon.rdf_dataset(credential(), loader)
    nquads = URDNA2015().main(dataset, dict(ob3_canon.NQUADS))
    parsed = {quad[part]["value"] for quads in jsonld.parse_nquads(nquads).values()
              for quad in quads for part in ("subject", "object")}
    assert ob3_canon.stated_values(dataset) == parsed
    assert any(value.startswith("_:c14n") for value in parsed)
