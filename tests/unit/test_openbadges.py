"""Open Badges 2.0 documents (plugins/badges/openbadges.py). The IMS validator runs in tests/site/test_openbadges_site.py."""

import datetime as dt
import hashlib
import hmac
import json
import re

import pytest
from badges import openbadges as ob
from hypothesis import given
from hypothesis import strategies as st

SITE = "https://example.test/campagne"
BADGE = {
    "id": "meester-smid",
    "name": "Meester-smid",
    "description": "Voor smeden die hun vak aan anderen doorgeven.\n",
    "criteria": "Je hebt **tien jaar** ervaring en leidt een leerling op.\n",
    "earned_by": {"types": ["ambachtsmens"]},
    "alignments": [
        {"target_name": "Smid", "target_url": "https://example.org/kwalificaties/smid", "framework": "SBB",
         "target_code": "25123", "target_description": "Kwalificatie smid"},
        {"target_name": "Vakmanschap", "target_url": "https://example.org/vakmanschap", "framework": "Ambacht"},
    ],
}


def test_urls_keep_the_path_of_the_site_url():
    assert ob.issuer_url(SITE) == "https://example.test/campagne/openbadges/issuer.json"
    assert ob.badge_class_url(SITE, "meester-smid") == "https://example.test/campagne/openbadges/badges/meester-smid.json"
    assert ob.assertion_url(SITE, "jan-de-vries", "meester-smid") == \
        "https://example.test/campagne/openbadges/assertions/jan-de-vries-meester-smid.json"
    assert ob.issuer_url("https://example.test") == "https://example.test/openbadges/issuer.json"


def test_paths_are_the_urls_relative_to_the_site():
    for path, url in [(ob.issuer_path(), ob.issuer_url(SITE)),
                      (ob.badge_class_path("b"), ob.badge_class_url(SITE, "b")),
                      (ob.assertion_path("s", "b"), ob.assertion_url(SITE, "s", "b"))]:
        assert url == f"{SITE}/{path}"


@pytest.mark.parametrize("siteurl", ["", "/campagne", "example.test", "ftp://example.test", "http://"])
def test_a_relative_or_odd_site_url_is_refused(siteurl):
    with pytest.raises(ValueError, match="SITEURL"):
        ob.issuer_url(siteurl)


@pytest.mark.parametrize("name", ["", "a/b", "..", " jan", "a\\b"])
def test_slugs_and_badge_ids_cannot_leave_their_folder(name):
    with pytest.raises(ValueError):
        ob.assertion_url(SITE, name, "meester-smid")
    with pytest.raises(ValueError):
        ob.badge_class_url(SITE, name)


def test_issuer_profile():
    issuer = ob.issuer_document(SITE, "De kracht van ambacht", "badges@example.test", "Een campagne.", f"{SITE}/logo.png")
    assert issuer == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Profile",
        "id": f"{SITE}/openbadges/issuer.json",
        "name": "De kracht van ambacht",
        "url": f"{SITE}/",
        "email": "badges@example.test",
        "description": "Een campagne.",
        "image": f"{SITE}/logo.png",
        "verification": {"startsWith": f"{SITE}/openbadges/assertions/"},
    }


def test_badge_class_with_criteria_and_alignments():
    badge = ob.badge_class_document(SITE, BADGE, f"{SITE}/badges/meester-smid.png", f"{SITE}/badges/meester-smid/")
    assert badge["@context"] == ob.CONTEXT
    assert badge["type"] == "BadgeClass"
    assert badge["id"] == ob.badge_class_url(SITE, "meester-smid")
    assert badge["issuer"] == ob.issuer_url(SITE)
    assert badge["name"] == "Meester-smid"
    assert badge["description"] == "Voor smeden die hun vak aan anderen doorgeven."
    assert badge["image"] == f"{SITE}/badges/meester-smid.png"
    assert badge["criteria"] == {"id": f"{SITE}/badges/meester-smid/",
                                 "narrative": "Je hebt **tien jaar** ervaring en leidt een leerling op."}
    assert badge["alignment"] == [
        {"targetName": "Smid", "targetUrl": "https://example.org/kwalificaties/smid", "targetFramework": "SBB",
         "targetCode": "25123", "targetDescription": "Kwalificatie smid"},
        {"targetName": "Vakmanschap", "targetUrl": "https://example.org/vakmanschap", "targetFramework": "Ambacht"},
    ]
    assert "earned_by" not in json.dumps(badge)


def test_badge_class_without_alignments_has_no_empty_list():
    badge = ob.badge_class_document(SITE, {**BADGE, "alignments": []}, "https://x.test/i.png", "https://x.test/c/")
    assert "alignment" not in badge


@pytest.mark.parametrize("missing", ["id", "name", "description"])
def test_badge_class_needs_id_name_and_description(missing):
    with pytest.raises(ValueError, match=missing):
        ob.badge_class_document(SITE, {k: v for k, v in BADGE.items() if k != missing}, "https://x.test/i.png", "https://x.test/c/")


def test_an_alignment_needs_a_name_and_url():
    broken = {**BADGE, "alignments": [{"target_name": "Smid", "framework": "SBB"}]}
    with pytest.raises(ValueError, match="target_url"):
        ob.badge_class_document(SITE, broken, "https://x.test/i.png", "https://x.test/c/")


def test_salt_is_an_hmac_of_the_slug():
    expected = hmac.new(b"geheim", b"jan-de-vries", hashlib.sha256).hexdigest()[:32]
    assert ob.salt_for("geheim", "jan-de-vries") == expected
    assert re.fullmatch(r"[0-9a-f]{32}", expected)
    assert ob.salt_for("geheim", "jan-de-vries") != ob.salt_for("ander geheim", "jan-de-vries")
    assert ob.salt_for("geheim", "jan-de-vries") != ob.salt_for("geheim", "piet-de-vries")


def test_salt_needs_a_secret():
    with pytest.raises(ValueError, match="secret"):
        ob.salt_for("", "jan-de-vries")


def test_email_recipient_is_hashed_with_the_salt():
    identity = ob.recipient(" Jan@Example.NL ", f"{SITE}/profielen/jan/", "geheim", "jan")
    salt = ob.salt_for("geheim", "jan")
    assert identity == {
        "type": "email",
        "hashed": True,
        "salt": salt,
        "identity": "sha256$" + hashlib.sha256(("jan@example.nl" + salt).encode()).hexdigest(),
    }
    assert "jan" not in identity["identity"].lower().replace("sha256$", "")
    assert "example" not in json.dumps(identity).lower()


@given(st.emails())
def test_the_same_address_in_any_case_gives_the_same_hash(email):
    lower = ob.recipient(email.lower(), "https://x.test/", "s", "slug")
    upper = ob.recipient(f"  {email.upper()}\n", "https://x.test/", "s", "slug")
    assert lower == upper
    assert lower["identity"] == ob.hash_identity(ob.normalize_email(email), lower["salt"])


@pytest.mark.parametrize("email", [None, "", "   "])
def test_without_email_the_recipient_is_the_profile_url(email):
    assert ob.recipient(email, f"{SITE}/profielen/jan/", "geheim", "jan") == \
        {"type": "url", "hashed": False, "identity": f"{SITE}/profielen/jan/"}


def test_a_recipient_needs_an_email_or_a_url():
    with pytest.raises(ValueError):
        ob.recipient(None, "", "geheim", "jan")


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2026, 2, 1), "2026-02-01T00:00:00+01:00"),
    (dt.date(2026, 7, 1), "2026-07-01T00:00:00+02:00"),
    (dt.date(2026, 3, 29), "2026-03-29T00:00:00+01:00"),  # the night clocks go forward: midnight is still winter time
    (dt.date(2026, 10, 25), "2026-10-25T00:00:00+02:00"),
    ("2026-02-01", "2026-02-01T00:00:00+01:00"),
    (dt.datetime(2026, 7, 1, 15, 30), "2026-07-01T00:00:00+02:00"),
])
def test_issued_on_is_midnight_in_amsterdam(day, expected):
    assert ob.issued_on(day) == expected
    assert dt.datetime.fromisoformat(ob.issued_on(day)).utcoffset() is not None


def test_hosted_assertion():
    identity = ob.recipient("jan@example.nl", f"{SITE}/profielen/jan/", "geheim", "jan")
    assertion = ob.assertion_document(SITE, "jan", "meester-smid", identity, "2026-02-01T00:00:00+01:00",
                                      f"{SITE}/badges/jan/jan-meester-smid-verifieerbaar.png", f"{SITE}/profielen/jan/")
    assert assertion == {
        "@context": ob.CONTEXT,
        "type": "Assertion",
        "id": f"{SITE}/openbadges/assertions/jan-meester-smid.json",
        "recipient": identity,
        "badge": f"{SITE}/openbadges/badges/meester-smid.json",
        "verification": {"type": "hosted"},
        "issuedOn": "2026-02-01T00:00:00+01:00",
        "image": f"{SITE}/badges/jan/jan-meester-smid-verifieerbaar.png",
        "evidence": f"{SITE}/profielen/jan/",
    }
    assert assertion["recipient"] is not identity  # the caller's dict is not shared


def test_revoked_stub_says_nothing_about_the_person():
    stub = ob.revoked_document(SITE, "jan", "meester-smid")
    assert stub == {
        "@context": ob.CONTEXT,
        "id": f"{SITE}/openbadges/assertions/jan-meester-smid.json",
        "type": "Assertion",
        "revoked": True,
        "revocationReason": "Het profiel is ingetrokken.",
    }
    assert ob.revoked_document(SITE, "jan", "meester-smid", "Anders.")["revocationReason"] == "Anders."


def test_json_is_sorted_readable_and_keeps_dutch_text():
    document = {"name": "Één ambacht", "@context": ob.CONTEXT, "b": {"z": 1, "a": [2, 1]}}
    text = ob.to_json(document)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "Één ambacht" in text
    assert text.index('"@context"') < text.index('"b"') < text.index('"name"')
    assert text.index('"a"') < text.index('"z"')
    assert json.loads(text) == document
    assert ob.to_json(json.loads(text)) == text
    assert "\n  " in text
