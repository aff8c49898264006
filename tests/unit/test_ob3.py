"""Open Badges 3.0: did:web, keys, credentials, signing (plugins/badges/ob3.py), the status list
(statuslist.py), v3 baking (baking.py) and the build's key rules (ob3_output.py)."""

from __future__ import annotations

import base64
import gzip
import io
import json
import logging
import os
import stat

import pytest
import yaml
from badges import baking, ob3, ob3_output, openbadges, statuslist
from PIL import Image
from pyld.jsonld import JsonLdError

SITE = "https://example.org/campagne"
CREATED = "2026-02-01T00:00:00+01:00"
BADGE = {
    "id": "vakman", "name": "Vakman", "description": "Een echte vakman.", "criteria": "Werkt *met de hand*.",
    "alignments": [{"target_name": "Hout bewerken", "target_url": "http://data.europa.eu/esco/skill/x",
                    "framework": "ESCO", "target_code": "x"}],
    "tags": ["hout"],
}


@pytest.fixture(scope="module")
def loader():
    return ob3.ContextLoader()


@pytest.fixture(scope="module")
def key():
    return ob3.SigningKey.generate()


def credential(recipient=None, badge=BADGE, index=7):
    did = ob3.did_web(SITE)
    recipient = recipient or openbadges.recipient("Jan@Example.nl ", f"{SITE}/ambachtengids/jan/", "geheim", "jan")
    issuer = ob3.issuer_profile(did, "De kracht van ambacht", SITE, "redactie@example.org", "De campagne.",
                                f"{SITE}/logo.png")
    achievement = ob3.achievement(badge, f"{SITE}/badges/#badge-{badge['id']}", f"{SITE}/b.png")
    return ob3.credential_document(SITE, "jan", badge["id"], issuer, ob3.subject(recipient, achievement), CREATED,
                                   index, f"{SITE}/b.png", f"{SITE}/ambachtengids/jan/")


# --- did:web ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("siteurl, did, path, url", [
    ("https://example.org", "did:web:example.org", ".well-known/did.json", "https://example.org/.well-known/did.json"),
    ("https://example.org/", "did:web:example.org", ".well-known/did.json", "https://example.org/.well-known/did.json"),
    ("https://example.org/campagne", "did:web:example.org:campagne", "did.json", "https://example.org/campagne/did.json"),
    ("https://Example.ORG/a/b/", "did:web:example.org:a:b", "did.json", "https://example.org/a/b/did.json"),
    ("http://localhost:8000", "did:web:localhost%3A8000", ".well-known/did.json",
     "https://localhost:8000/.well-known/did.json"),
    ("https://example.org/met%20spatie", "did:web:example.org:met%20spatie", "did.json",
     "https://example.org/met spatie/did.json"),
])
def test_did_web_follows_the_rules(siteurl, did, path, url):
    assert ob3.did_web(siteurl) == did
    assert ob3.did_document_path(siteurl) == path
    assert ob3.did_url(did) == url


@pytest.mark.parametrize("siteurl", ["", "example.org", "ftp://example.org", "file:///tmp/site", "https://"])
def test_did_web_needs_an_http_siteurl(siteurl):
    with pytest.raises(ValueError):
        ob3.did_web(siteurl)


def test_did_document_lists_every_key_once_as_multikey(key):
    older = ob3.SigningKey.generate().public
    document = ob3.did_document("did:web:example.org", [key.public, older, key.public])
    assert document["@context"] == [ob3.DID_V1, ob3.MULTIKEY_V1]
    assert [m["publicKeyMultibase"] for m in document["verificationMethod"]] == [key.public, older]
    assert {m["type"] for m in document["verificationMethod"]} == {"Multikey"}
    assert document["assertionMethod"] == [f"did:web:example.org#{key.public}", f"did:web:example.org#{older}"]
    with pytest.raises(ValueError):
        ob3.did_document("did:web:example.org", [])


# --- Keys -------------------------------------------------------------------------------------------------

def test_base58_known_values():
    assert ob3.base58_encode(b"hello world") == "StV1DL6CwTryKyV"
    assert ob3.base58_encode(b"\x00\x00\x01") == "112"
    assert ob3.base58_decode("112") == b"\x00\x00\x01"
    assert ob3.base58_decode(ob3.base58_encode(bytes(range(40)))) == bytes(range(40))
    with pytest.raises(ValueError):
        ob3.base58_decode("0OIl")


def test_secret_key_round_trip_and_multicodec(key):
    assert key.public.startswith("z6Mk")
    assert key.secret().startswith("z3u2")
    again = ob3.SigningKey.from_secret(f"  {key.secret()}\n")
    assert again.public == key.public


@pytest.mark.parametrize("bad", ["", "geheim", "u" + "A" * 40, "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
                                 "z3u2", "z3u2" + "1" * 60])
def test_a_bad_signing_key_is_refused(bad):
    with pytest.raises(ValueError):
        ob3.SigningKey.from_secret(bad)


# --- Documents --------------------------------------------------------------------------------------------

def test_credential_shape():
    document = credential()
    assert document["@context"] == [ob3.CREDENTIALS_V2, ob3.OB_V3]
    assert document["id"] == f"{SITE}/openbadges/v3/credentials/jan-vakman.json"
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["issuer"]["id"] == "did:web:example.org:campagne"
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["image"] == {"id": f"{SITE}/b.png", "type": "Image"}
    assert achievement["criteria"]["narrative"] == "Werkt *met de hand*."
    assert achievement["alignment"] == [{"type": ["Alignment"], "targetName": "Hout bewerken",
                                         "targetUrl": "http://data.europa.eu/esco/skill/x",
                                         "targetFramework": "ESCO", "targetCode": "x"}]
    status = document["credentialStatus"]
    assert status == {"id": f"{SITE}/openbadges/v3/status/revocation.json#7", "type": "BitstringStatusListEntry",
                      "statusPurpose": "revocation", "statusListIndex": "7",
                      "statusListCredential": f"{SITE}/openbadges/v3/status/revocation.json"}


def test_hashed_recipient_never_carries_the_address():
    document = credential()
    text = json.dumps(document).lower()
    assert "jan@example.nl" not in text and "example.nl" not in text
    identity = document["credentialSubject"]["identifier"][0]
    assert identity["identityType"] == "emailAddress" and identity["hashed"] is True
    assert identity["identityHash"] == openbadges.hash_identity("jan@example.nl", identity["salt"])
    assert "id" not in document["credentialSubject"]


def test_url_recipient_is_the_subject_id():
    recipient = openbadges.recipient(None, f"{SITE}/ambachtengids/jan/", "", "jan")
    document = credential(recipient)
    assert document["credentialSubject"]["id"] == f"{SITE}/ambachtengids/jan/"
    assert "identifier" not in document["credentialSubject"]
    with pytest.raises(ValueError):
        ob3.subject({"type": "email", "hashed": False, "identity": "jan@example.nl"}, {})


def test_control_characters_are_removed_everywhere():
    badge = {**BADGE, "name": "Vak\x00man\x07", "description": "Regel\tmet\r\ntab\x7f en \x1b[31m"}
    document = credential(badge=badge)
    assert document["name"] == "Vakman"
    assert document["credentialSubject"]["achievement"]["description"] == "Regel\tmet\r\ntab en [31m"


# --- Signing ----------------------------------------------------------------------------------------------

def test_sign_and_verify(key, loader):
    did = ob3.did_web(SITE)
    signed = ob3.sign(credential(), key, did, CREATED, loader)
    proof = signed["proof"]
    assert isinstance(proof, list) and len(proof) == 1
    assert proof[0]["type"] == "DataIntegrityProof" and proof[0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof[0]["verificationMethod"] == f"{did}#{key.public}" and proof[0]["proofPurpose"] == "assertionMethod"
    keys = {key.key_id(did): key.public}
    assert ob3.verify(signed, keys, loader)
    assert ob3.sign(credential(), key, did, CREATED, loader) == signed  # Ed25519 is deterministic


def test_a_build_signs_with_its_proof_options_canonicalised_once(key, loader):
    """The proofs cache changes no byte: each credential signed with it equals the one signed without, and
    verifies; credentials that share a date share one entry, another date adds one."""
    did = ob3.did_web(SITE)
    proofs: dict = {}
    later = "2026-03-01T00:00:00+01:00"
    for index, created in ((7, CREATED), (8, CREATED), (9, later)):
        signed = ob3.sign(credential(index=index), key, did, created, loader, proofs)
        assert signed == ob3.sign(credential(index=index), key, did, created, loader)
        assert ob3.verify(signed, {key.key_id(did): key.public}, loader)
    assert len(proofs) == 2


@pytest.mark.parametrize("change", [
    lambda d: d.update(name="Meester"),
    lambda d: d["credentialSubject"]["achievement"].update(description="Anders."),
    lambda d: d["credentialStatus"].update(statusListIndex="8"),
    lambda d: d["credentialSubject"]["identifier"][0].update(salt="0" * 32),
    lambda d: d["proof"][0].update(created="2027-01-01T00:00:00+01:00"),
    lambda d: d.update(validFrom="2020-01-01T00:00:00+01:00"),
])
def test_any_change_breaks_the_signature(key, loader, change):
    did = ob3.did_web(SITE)
    signed = json.loads(json.dumps(ob3.sign(credential(), key, did, CREATED, loader)))
    change(signed)
    assert not ob3.verify(signed, {key.key_id(did): key.public}, loader)


def test_another_key_does_not_verify(key, loader):
    did = ob3.did_web(SITE)
    other = ob3.SigningKey.generate()
    signed = ob3.sign(credential(), other, did, CREATED, loader)
    assert not ob3.verify(signed, {key.key_id(did): key.public}, loader)
    assert not ob3.verify(signed, {other.key_id(did): key.public}, loader)


@pytest.mark.parametrize("extra", [{"foo": "bar"}, {"credentialSubject": {"type": ["AchievementSubject"],
                                                                          "naam": "Jan"}}])
def test_a_term_no_context_defines_is_refused(key, loader, extra):
    document = {**credential(), **extra}
    with pytest.raises(ValueError, match="no bundled context"):
        ob3.sign(document, key, ob3.did_web(SITE), CREATED, loader)


def test_the_loader_serves_only_bundled_contexts(loader):
    assert loader(ob3.OB_V3)["document"]["@context"]["OpenBadgeCredential"]
    for url in ("https://example.org/context.json", "https://www.w3.org/2018/credentials/v1", "file:///etc/passwd"):
        with pytest.raises(JsonLdError):
            loader(url)
    document = {**credential(), "@context": [ob3.CREDENTIALS_V2, "https://example.org/evil.json"]}
    with pytest.raises(JsonLdError):
        ob3.canonize(document, loader)


def test_every_bundled_context_is_listed_with_its_package():
    index = json.loads((ob3.CONTEXTS / "index.json").read_text())
    assert {ob3.CREDENTIALS_V2, ob3.OB_V3, ob3.MULTIKEY_V1, ob3.DID_V1} <= set(index)
    for entry in index.values():
        assert (ob3.CONTEXTS / entry["file"]).is_file() and "@" in entry["package"][1:]


# --- Status list ------------------------------------------------------------------------------------------

def test_status_list_bit_order_and_size():
    encoded = statuslist.encode([0, 9, statuslist.LENGTH - 1])
    assert encoded.startswith("u") and "=" not in encoded
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(raw) == 16384
    assert raw[0] == 0x80 and raw[1] == 0x40 and raw[-1] == 0x01
    assert statuslist.decode(encoded) == {0, 9, statuslist.LENGTH - 1}
    assert statuslist.decode(statuslist.encode([])) == set()
    for bad in (-1, statuslist.LENGTH):
        with pytest.raises(ValueError):
            statuslist.encode([bad])


def test_positions_are_stable_and_pinned_ones_never_move():
    keys = [statuslist.status_key(f"p{n}", "vakman") for n in range(50)]
    first = statuslist.assign({}, keys)
    assert first == statuslist.assign({}, list(reversed(keys)))  # order of discovery does not matter
    assert len(set(first.values())) == len(keys)
    registry = {keys[0]: 5, keys[1]: first[keys[2]]}  # a pinned position another key would have taken
    second = statuslist.assign(registry, keys + ["nieuw/vakman"])
    assert second[keys[0]] == 5 and second[keys[1]] == first[keys[2]]
    assert second[keys[2]] != first[keys[2]]
    assert len(set(second.values())) == len(second)
    assert all(second[k] == first[k] for k in keys[3:] if first[k] not in (5,))
    assert statuslist.unpinned(registry, second).keys() == set(second) - set(registry)


def test_collisions_move_to_the_next_free_position():
    positions = statuslist.assign({}, [f"s{n}/b" for n in range(8)], length=8)
    assert sorted(positions.values()) == list(range(8))
    with pytest.raises(ValueError, match="full"):
        statuslist.assign({}, [f"s{n}/b" for n in range(9)], length=8)


@pytest.mark.parametrize("registry", [{"jan/vakman": 1, "piet/vakman": 1}, {"jan/vakman": -1},
                                      {"jan/vakman": statuslist.LENGTH}, {"jan/vakman": "3"}, {"jan": 3},
                                      {"jan/vak/man": 3}, {"jan/vakman": True}])
def test_a_broken_registry_is_refused(registry):
    with pytest.raises(ValueError):
        statuslist.assign(registry, [])


def test_registry_text_round_trips():
    registry = {"jan/vakman": 3, "a-b/c": 100}
    text = statuslist.registry_text(registry, "Kop\nmet twee regels")
    assert text.startswith("# Kop\n# met twee regels\n")
    assert yaml.safe_load(text) == registry


# --- Baking -----------------------------------------------------------------------------------------------

def test_png_carries_the_credential_beside_nothing_else():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (161, 67, 29)).save(buffer, "PNG")
    two = baking.bake_png(buffer.getvalue(), '{"v": 2}')
    both = baking.bake_png(two, '{"v": 3}', baking.KEYWORD_V3)
    assert baking.unbake_png(both) == '{"v": 2}'
    assert baking.unbake_png(both, baking.KEYWORD_V3) == '{"v": 3}'
    again = baking.bake_png(both, '{"v": 4}', baking.KEYWORD_V3)
    assert baking.unbake_png(again, baking.KEYWORD_V3) == '{"v": 4}'
    assert sum(1 for kind, data in baking.png_chunks(again) if data.startswith(b"openbadgecredential\x00")) == 1


def test_svg_credential_element_and_namespace():
    svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect/></svg>'
    text = '{"name": "a ]]> b"}'
    baked = baking.bake_svg_credential(svg, text)
    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in baked
    assert baking.unbake_svg_credential(baked) == text
    assert baking.unbake_svg_credential(baking.bake_svg_credential(baked, '{"v": 2}')) == '{"v": 2}'
    assert baking.unbake_svg_credential(svg) is None
    with pytest.raises(ValueError, match="openbadges"):
        baking.bake_svg_credential(baking.bake_svg(svg, "{}", "https://x/a.json"), text)


# --- The build's key -------------------------------------------------------------------------------------

def settings_for(tmp_path, **extra):
    return {"SITEURL": SITE, "BADGE_DEV_KEY_PATH": str(tmp_path / "dev-key"), **extra}


def test_development_build_makes_and_reuses_a_private_key(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        first = ob3_output.signer(settings_for(tmp_path))
    assert first is not None and first.did == "did:web:example.org:campagne"
    assert stat.S_IMODE(os.stat(tmp_path / "dev-key").st_mode) == 0o600
    assert [r.levelname for r in caplog.records] == ["WARNING"] and "ontwikkelsleutel" in caplog.text
    assert ob3_output.signer(settings_for(tmp_path)).key.public == first.key.public


def test_publish_without_a_key_leaves_open_badges_3_out(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert ob3_output.signer(settings_for(tmp_path, BADGE_SIGNING_KEY_REQUIRED=True)) is None
    assert "BADGE_SIGNING_KEY: niet gezet" in caplog.text
    assert not (tmp_path / "dev-key").exists()  # never a development key for a publish build


def test_publish_refuses_the_development_key(tmp_path, caplog):
    dev = ob3_output.signer(settings_for(tmp_path))
    with caplog.at_level(logging.ERROR):
        assert ob3_output.signer(settings_for(tmp_path, BADGE_SIGNING_KEY=dev.key.secret(),
                                              BADGE_SIGNING_KEY_REQUIRED=True)) is None
    assert "ontwikkelsleutel" in caplog.text


def test_the_configured_key_and_previous_keys(tmp_path, caplog):
    key, old = ob3.SigningKey.generate(), ob3.SigningKey.generate()
    signer = ob3_output.signer(settings_for(tmp_path, BADGE_SIGNING_KEY=key.secret(), BADGE_SIGNING_KEY_REQUIRED=True,
                                            BADGE_PREVIOUS_KEYS=[old.public]))
    assert signer.key.public == key.public and signer.keys == (key.public, old.public)
    with caplog.at_level(logging.ERROR):
        assert ob3_output.signer(settings_for(tmp_path, BADGE_SIGNING_KEY="z3u2kapot")) is None
        assert ob3_output.signer(settings_for(tmp_path, BADGE_SIGNING_KEY=key.secret(),
                                              BADGE_PREVIOUS_KEYS=[key.secret()])) is None
    assert "BADGE_SIGNING_KEY:" in caplog.text and "BADGE_PREVIOUS_KEYS:" in caplog.text
