"""Open Badges 2.0 checked by the IMS reference validator (badgecheck, tests/openbadges/ob2_check.py).

Two parts, each one validator run per session: a small site written with plugins/badges alone (proves the
documents and the harness), and the example site as ``make html`` builds it. badgecheck lives in its own
virtualenv (``make .venv-ob2/.ready``; ``make test`` creates it) and runs offline.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from badges import baking
from badges import openbadges as ob
from conftest import ROOT, SITEURL
from PIL import Image

pytestmark = pytest.mark.build

OB2_PYTHON = ROOT / ".venv-ob2" / "bin" / "python"
OB2_CHECK = ROOT / "tests" / "openbadges" / "ob2_check.py"
SECRET = "test-secret"
WRONG_EMAIL = "iemand-anders@example.test"


def run_ob2(items: list[dict], output: Path) -> dict[str, dict]:
    """Validate a batch in one badgecheck process; the reports by label."""
    if not OB2_PYTHON.exists():
        pytest.fail(f"{OB2_PYTHON} is missing: run `make .venv-ob2/.ready` (make test does this itself)")
    result = subprocess.run([str(OB2_PYTHON), str(OB2_CHECK), "--output", str(output), "--siteurl", SITEURL, "--batch", "-"],
                            input=json.dumps(items), capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [r["label"] for r in reports] == [item["label"] for item in items], result.stderr[-3000:]
    return {report["label"]: report for report in reports}


def summary(report: dict) -> str:
    """The errors of a report, for assertion messages."""
    errors = [f"{m.get('name')}: {str(m.get('result'))[:300]}" for m in report["messages"] if m.get("messageLevel") == "ERROR"]
    return f"{report['input']} (recipient {report.get('recipient')}): " + " | ".join(errors) + f" refused={report['refused']}"


def assert_valid(report: dict):
    assert report["valid"] and report["errorCount"] == 0, summary(report)
    assert report["refused"] == [], summary(report)
    assert report["openBadgesVersion"] == "2.0"


def assert_invalid(report: dict, *expected: str):
    assert not report["valid"] and report["errorCount"] > 0, summary(report)
    text = json.dumps(report["messages"])
    for fragment in expected:
        assert fragment in text, summary(report)


def url_to_path(output: Path, url: str) -> Path:
    assert url.startswith(SITEURL + "/"), url
    return output / url[len(SITEURL) + 1:]


def png_bytes(color=(170, 80, 40, 255)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (64, 64), color).save(buffer, "PNG")
    return buffer.getvalue()


SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' \
      '<circle cx="32" cy="32" r="30" fill="#aa5028"/></svg>\n'


# --- A small site written with the pure modules only (no Pelican build) ----------------------------------

@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """Issuer, two badge classes, assertions (valid, baked, broken on purpose) and their reports."""
    output = tmp_path_factory.mktemp("ob2") / "output"

    def write(relative: str, data: str | bytes):
        path = output / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        return path

    write("images/logo.png", png_bytes((20, 20, 20, 255)))
    write("badges/meester-smid.png", png_bytes())
    write("badges/leermeester.svg", SVG)
    write(ob.issuer_path(), ob.to_json(ob.issuer_document(SITEURL, "De kracht van ambacht", "badges@example.test",
                                                           "Een campagne voor het ambacht.", f"{SITEURL}/images/logo.png")))
    badges = {
        "meester-smid": {"id": "meester-smid", "name": "Meester-smid", "description": "Voor meester-smeden.",
                         "criteria": "Je leidt **leerlingen** op.", "earned_by": {},
                         "alignments": [{"target_name": "Smid", "target_url": "https://example.org/smid", "framework": "SBB",
                                         "target_code": "25123", "target_description": "Kwalificatie smid"}]},
        "leermeester": {"id": "leermeester", "name": "Leermeester", "description": "Voor wie het vak doorgeeft.",
                        "criteria": "Je begeleidt een leerling."},
    }
    images = {"meester-smid": f"{SITEURL}/badges/meester-smid.png", "leermeester": f"{SITEURL}/badges/leermeester.svg"}
    for badge_id, badge in badges.items():
        document = ob.badge_class_document(SITEURL, badge, images[badge_id], f"{SITEURL}/badges/{badge_id}/")
        write(ob.badge_class_path(badge_id), ob.to_json(document))

    def award(slug, badge_id, email, extension, **changes):
        profile = f"{SITEURL}/profielen/{slug}/"
        image = f"{SITEURL}/badges/{slug}/{slug}-{badge_id}-verifieerbaar.{extension}"
        document = ob.assertion_document(SITEURL, slug, badge_id, ob.recipient(email, profile, SECRET, slug),
                                         ob.issued_on("2026-02-01"), image, profile)
        document.update(changes)
        text = ob.to_json(document)
        path = ob.assertion_path(slug, badge_id) if "id" not in changes else changes["id"][len(SITEURL) + 1:]
        write(path, text)
        if extension == "png":
            write(image[len(SITEURL) + 1:], baking.bake_png(png_bytes(), text))
        else:
            write(image[len(SITEURL) + 1:], baking.bake_svg(SVG, text, document["id"]))
        return document

    jan = award("jan-de-vries", "meester-smid", "Jan.de.Vries@Example.NL", "png")
    piet = award("piet-bakker", "leermeester", None, "svg")
    tampered = award("tamara-smit", "meester-smid", "tamara@example.nl", "png")
    tampered["recipient"]["identity"] = ob.hash_identity("mallory@example.nl", tampered["recipient"]["salt"])
    write(ob.assertion_path("tamara-smit", "meester-smid"), ob.to_json(tampered))
    award("kees-kuipers", "meester-smid", "kees@example.nl", "png", badge=ob.badge_class_url(SITEURL, "bestaat-niet"))
    award("els-elders", "meester-smid", "els@example.nl", "png", id=f"{SITEURL}/elders/els-elders-meester-smid.json")
    award("olga-offline", "meester-smid", "olga@example.nl", "png", badge="https://elders.example.org/badge.json")
    write(ob.assertion_path("oud-profiel", "meester-smid"), ob.to_json(ob.revoked_document(SITEURL, "oud-profiel", "meester-smid")))
    write("badges/niet-gebakken.png", png_bytes())

    def url(slug, badge_id):
        return ob.assertion_url(SITEURL, slug, badge_id)

    items = [
        {"label": "jan", "input": url("jan-de-vries", "meester-smid"), "recipient": "jan.de.vries@example.nl"},
        {"label": "jan-no-recipient", "input": url("jan-de-vries", "meester-smid")},
        {"label": "jan-png", "input": str(output / "badges/jan-de-vries/jan-de-vries-meester-smid-verifieerbaar.png"),
         "recipient": "jan.de.vries@example.nl"},
        {"label": "jan-wrong-email", "input": url("jan-de-vries", "meester-smid"), "recipient": WRONG_EMAIL},
        {"label": "piet-svg", "input": str(output / "badges/piet-bakker/piet-bakker-leermeester-verifieerbaar.svg"),
         "recipient": f"{SITEURL}/profielen/piet-bakker/"},
        {"label": "piet-wrong-url", "input": url("piet-bakker", "leermeester"), "recipient": f"{SITEURL}/profielen/jan-de-vries/"},
        {"label": "tampered", "input": url("tamara-smit", "meester-smid"), "recipient": "tamara@example.nl"},
        {"label": "unknown-badge", "input": url("kees-kuipers", "meester-smid"), "recipient": "kees@example.nl"},
        {"label": "out-of-scope", "input": f"{SITEURL}/elders/els-elders-meester-smid.json", "recipient": "els@example.nl"},
        {"label": "offline", "input": url("olga-offline", "meester-smid"), "recipient": "olga@example.nl"},
        {"label": "revoked", "input": url("oud-profiel", "meester-smid")},
        {"label": "not-baked", "input": str(output / "badges/niet-gebakken.png")},
    ]
    return {"output": output, "jan": jan, "piet": piet, "reports": run_ob2(items, output)}


def test_hosted_assertion_with_hashed_email_is_valid(small_site):
    report = small_site["reports"]["jan"]
    assert_valid(report)
    assert report["recipientProfile"] == {"email": "jan.de.vries@example.nl"}
    served = " ".join(report["served"])
    for document in ("openbadges/assertions/jan-de-vries-meester-smid.json", "openbadges/badges/meester-smid.json",
                     "openbadges/issuer.json", "badges/meester-smid.png"):
        assert f"200 {SITEURL}/{document}" in served


def test_without_a_recipient_the_documents_are_still_valid(small_site):
    assert_valid(small_site["reports"]["jan-no-recipient"])


def test_baked_png_is_valid(small_site):
    report = small_site["reports"]["jan-png"]
    assert_valid(report)
    assert report["recipientProfile"] == {"email": "jan.de.vries@example.nl"}


def test_baked_svg_with_url_recipient_is_valid(small_site):
    report = small_site["reports"]["piet-svg"]
    assert_valid(report)
    assert report["recipientProfile"] == {"url": f"{SITEURL}/profielen/piet-bakker/"}


def test_wrong_recipients_are_rejected(small_site):
    assert_invalid(small_site["reports"]["jan-wrong-email"], "VERIFY_RECIPIENT_IDENTIFIER")
    assert_invalid(small_site["reports"]["piet-wrong-url"], "VERIFY_RECIPIENT_IDENTIFIER")


def test_tampered_identity_is_rejected(small_site):
    assert_invalid(small_site["reports"]["tampered"], "did not match")


def test_assertion_for_a_missing_badge_class_is_rejected(small_site):
    assert_invalid(small_site["reports"]["unknown-badge"])


def test_assertion_outside_the_issuers_assertion_folder_is_rejected(small_site):
    assert_invalid(small_site["reports"]["out-of-scope"], "does not start with any permitted values")


def test_the_harness_is_offline(small_site):
    report = small_site["reports"]["offline"]
    assert_invalid(report)
    assert report["refused"] == ["GET https://elders.example.org/badge.json"]


def test_revoked_stub_is_not_valid(small_site):
    assert_invalid(small_site["reports"]["revoked"], "Required property recipient not present")


def test_an_unbaked_image_is_not_valid(small_site):
    assert_invalid(small_site["reports"]["not-baked"])


# --- The example site as `make html` builds it -----------------------------------------------------------

def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def slug_of(assertion: dict) -> str:
    stem = Path(urlsplit(assertion["id"]).path).stem
    badge_id = Path(urlsplit(assertion["badge"]).path).stem
    assert stem.endswith(f"-{badge_id}"), assertion["id"]
    return stem[: -len(badge_id) - 1]


def slug_from_file_name(path: Path, output: Path) -> str:
    """``{slug}-{badge_id}.json`` split with the badge ids the build has (both may contain hyphens)."""
    badge_ids = sorted((p.stem for p in (output / "openbadges" / "badges").glob("*.json")), key=len, reverse=True)
    badge_id = next((b for b in badge_ids if path.stem.endswith(f"-{b}")), None)
    assert badge_id, f"{path.name} does not end in a known badge id {badge_ids}"
    return path.stem[: -len(badge_id) - 1]


def profile_yaml(slug: str) -> dict | None:
    path = ROOT / "content" / "profiles" / f"{slug}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def expected_recipient(assertion: dict) -> str:
    """What a verifier would be told about the recipient: the profile's e-mail address or the url identity."""
    identity = assertion["recipient"]
    profile = profile_yaml(slug_of(assertion))
    if identity["type"] == "email":
        assert profile and profile.get("email"), f"{assertion['id']}: hashed e-mail, but no e-mail in the profile"
        return ob.normalize_email(profile["email"])
    assert identity["type"] == "url" and identity["hashed"] is False, identity
    assert not (profile and profile.get("email")), f"{assertion['id']}: the profile has an e-mail address, hash that"
    return identity["identity"]


def linked_copy(source: Path, target: Path) -> Path:
    """A copy of a built site made of hard links; replace a file with ``rewrite`` before changing it."""
    shutil.copytree(source, target, copy_function=os.link)
    return target


def rewrite(path: Path, text: str):
    path.unlink()  # break the hard link: the original build stays untouched
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def example_badges(example_site, tmp_path_factory):
    output = example_site.output
    folder = output / "openbadges" / "assertions"
    files = sorted(folder.glob("*.json"))
    if not files:
        pytest.fail(f"no Open Badges assertions in the example build ({folder}); is the badges generator registered?")
    documents = {path: load_json(path) for path in files}
    live = {path: doc for path, doc in documents.items() if not doc.get("revoked")}
    revoked = {path: doc for path, doc in documents.items() if doc.get("revoked")}
    baked = sorted(p for p in output.glob("badges/**/*-verifieerbaar.*") if p.suffix in (".png", ".svg"))
    assert live, "every assertion in the example build is revoked"

    items = [{"label": f"live:{path.name}", "input": doc["id"], "recipient": expected_recipient(doc)} for path, doc in live.items()]
    items += [{"label": f"revoked:{path.name}", "input": doc["id"]} for path, doc in revoked.items()]
    for path in baked:
        text = baking.unbake_png(path.read_bytes()) if path.suffix == ".png" else baking.unbake_svg(path.read_text(encoding="utf-8"))
        assert text, f"{path} carries no assertion"
        items.append({"label": f"baked:{path.relative_to(output)}", "input": str(path), "recipient": expected_recipient(json.loads(text))})

    # Tamper with a hashed e-mail recipient when there is one (the case that matters most), else with the first.
    victim_path = min(live, key=lambda p: (live[p]["recipient"]["type"] != "email", p.name))
    victim = live[victim_path]
    items.append({"label": "wrong-recipient", "input": victim["id"],
                  "recipient": WRONG_EMAIL if victim["recipient"]["type"] == "email" else f"{SITEURL}/iemand-anders/"})

    tampered = linked_copy(output, tmp_path_factory.mktemp("tampered") / "output")
    changed = json.loads(json.dumps(victim))
    if changed["recipient"]["hashed"]:
        changed["recipient"]["identity"] = ob.hash_identity(WRONG_EMAIL, changed["recipient"]["salt"])
    else:
        changed["recipient"]["identity"] = f"{SITEURL}/iemand-anders/"
    rewrite(tampered / victim_path.relative_to(output), ob.to_json(changed))
    items.append({"label": "tampered-identity", "input": victim["id"], "recipient": expected_recipient(victim),
                  "output": str(tampered)})

    second = next(p for p in live if p != victim_path) if len(live) > 1 else victim_path
    other = linked_copy(output, tmp_path_factory.mktemp("tampered-badge") / "output")
    changed = {**live[second], "badge": ob.badge_class_url(SITEURL, "niet-bestaand")}
    rewrite(other / second.relative_to(output), ob.to_json(changed))
    items.append({"label": "tampered-badge", "input": live[second]["id"], "recipient": expected_recipient(live[second]),
                  "output": str(other)})

    return {"output": output, "live": live, "revoked": revoked, "baked": baked, "reports": run_ob2(items, output)}


def test_every_live_assertion_is_valid_for_its_recipient(example_badges):
    failures = [summary(r) for label, r in example_badges["reports"].items()
                if label.startswith("live:") and not (r["valid"] and r["errorCount"] == 0 and not r["refused"])]
    assert failures == []
    assert all(r["recipientProfile"] for label, r in example_badges["reports"].items() if label.startswith("live:"))


def test_the_build_hosts_no_baked_badges_and_every_assertion_image_exists(example_badges):
    """Baked badges are made in the browser on the kit page (test_badge_kit_browser.py runs them through the
    validator); the build hosts only what verifiers fetch: each assertion's image is a hosted badge image."""
    assert example_badges["baked"] == []
    output = example_badges["output"]
    for path, assertion in example_badges["live"].items():
        image = url_to_path(output, assertion["image"])
        assert image.is_file(), path
        with Image.open(image) as picture:
            picture.verify()


def test_revoked_stubs_are_invalid_and_anonymous(example_badges):
    assert example_badges["revoked"], "the example content has withdrawn profiles, but no revoked assertions were written"
    for path, stub in example_badges["revoked"].items():
        assert set(stub) == {"@context", "id", "type", "revoked", "revocationReason"}, path
        assert stub["revoked"] is True and stub["type"] == "Assertion"
        assert stub["id"] == f"{SITEURL}/openbadges/assertions/{path.name}"
        report = example_badges["reports"][f"revoked:{path.name}"]
        assert not report["valid"], summary(report)
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", text), path
        profile = profile_yaml(slug_from_file_name(path, example_badges["output"])) or {}
        for key in ("name", "email", "website", "phone", "place"):
            if profile.get(key):
                assert str(profile[key]) not in text, (path, key)


def test_tampering_and_wrong_recipients_are_caught(example_badges):
    reports = example_badges["reports"]
    assert_invalid(reports["wrong-recipient"], "VERIFY_RECIPIENT_IDENTIFIER")
    assert_invalid(reports["tampered-identity"], "VERIFY_RECIPIENT_IDENTIFIER")
    assert_invalid(reports["tampered-badge"])


def test_badge_documents_are_canonical_json_with_dates_in_amsterdam(example_badges):
    output = example_badges["output"]
    # Open Badges 2.0; the 3.0 credentials below openbadges/v3/ are tests/site/test_ob3_site.py's
    v3 = output / "openbadges" / "v3"
    documents = sorted(p for p in (output / "openbadges").rglob("*.json") if not p.is_relative_to(v3))
    assert (output / "openbadges" / "issuer.json") in documents
    assert list((output / "openbadges" / "badges").glob("*.json"))
    for path in documents:
        text = path.read_text(encoding="utf-8")
        assert text == ob.to_json(json.loads(text)), f"{path} is not in the canonical form of openbadges.to_json"
        assert load_json(path)["@context"] == ob.CONTEXT
    for path, assertion in example_badges["live"].items():
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00\+0[12]:00", assertion["issuedOn"]), (path, assertion["issuedOn"])
        assert assertion["id"] == f"{SITEURL}/openbadges/assertions/{path.name}"
        assert assertion["verification"] == {"type": "hosted"}
