"""Open Badges 3.0 in real builds, verified by a verifier we did not write: the Digital Bazaar stack
(tests/vc-verify, exact versions from its package-lock.json, installed by `make test` with npm ci), offline,
with the site's URLs and its did:web mapped to the build output. Also the 1EdTech JSON Schema for
AchievementCredential (vendored in tests/vc-verify/schema/), and /verifieer/ in Chromium.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from badges import baking, ob3, statuslist
from bs4 import BeautifulSoup
from conftest import ROOT, SITE_PATH, SITEURL, run_build, site_file, write_minimal_content

VC_VERIFY = ROOT / "tests" / "vc-verify"
SCHEMA = VC_VERIFY / "schema" / "achievementcredential.json"
KEY = ob3.SigningKey.generate()  # this test run's publishing key
CREATED_AT = "2026-01-02T00:00:00+01:00"
# a text with backslashes that N-Quads escape (pyld's own N-Quads parser reads a backslash and n back as a
# line break): signed as written, verified by the Digital Bazaar stack and by ob3.verify
BACKSLASHES = " Werkplaats: C:\\nieuw\\tekst\\r, \\\\ en \\\"aanhalingstekens\\\"."
PIET = """name: "Piet Smit"
type: ambachtsmens
crafts: [smeden]
region: utrecht
place: "Utrecht"
email: piet@example.nl
consent:
  date: 2026-01-02
  scope: [profiel, badge]
"""


def verify(output: Path, files: list[Path], siteurl: str = SITEURL) -> dict[str, dict]:
    """The Digital Bazaar verdict on each file, by file name."""
    if not (VC_VERIFY / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        pytest.fail("tests/vc-verify/node_modules is missing: `make test` installs it (npm ci)")
    result = subprocess.run(["node", "verify.js", str(output), siteurl, *map(str, files)], cwd=VC_VERIFY,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == len(files), result.stdout[-2000:] + result.stderr[-2000:]
    return {Path(line["file"]).name: line for line in lines}


def credentials(output: Path) -> list[Path]:
    return sorted((output / "openbadges" / "v3" / "credentials").glob("*.json"))


def kit_data(output: Path, slug: str) -> tuple[dict, BeautifulSoup]:
    """The data block a kit page's script draws and bakes from, and the page."""
    page = BeautifulSoup((output / "badges" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    return json.loads(page.find("script", id="badge-kit-data").string), page


def bake_like_the_kit_page(output: Path, slug: str, folder: Path) -> list[Path]:
    """The verifiable badges of a kit as its page bakes them (badge-kit.js): the hosted assertion (2.0) and
    signed credential (3.0), fetched byte for byte, in the badge's square PNG and in the page's SVG. The
    page's own baking in Chromium is tested in test_badge_kit_browser.py; here the verifier gets the files."""
    data, page = kit_data(output, slug)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number, badge in enumerate(data["badges"]):
        block = page.find("section", attrs={"data-badge": str(number)})
        svg = site_file(output, block.find("a", attrs={"data-svg": True})["href"]).read_text(encoding="utf-8")
        square = (output / "openbadges" / "badges" / f"{badge['id']}-vierkant-400-licht.png").read_bytes()
        assertion = site_file(output, badge["verify"]).read_text(encoding="utf-8")
        files = {f"{badge['stem']}-verifieerbaar.png": baking.bake_png(square, assertion),
                 f"{badge['stem']}-verifieerbaar.svg": baking.bake_svg(svg, assertion, badge["verify"]).encode()}
        if "credential" in badge:
            credential = site_file(output, badge["credential"]).read_text(encoding="utf-8")
            files[f"{badge['stem']}-verifieerbaar-v3.png"] = baking.bake_png(square, credential, baking.KEYWORD_V3)
            files[f"{badge['stem']}-verifieerbaar-v3.svg"] = baking.bake_svg_credential(svg, credential).encode()
        for name, content in files.items():
            (folder / name).write_bytes(content)
            made.append(folder / name)
    return made


# --- The example site (make html, the development key) ----------------------------------------------------

@pytest.mark.build
def test_every_credential_of_the_example_site_verifies(example_site, tmp_path):
    output = example_site.output
    assert example_site.stderr.count("ondertekend met de ontwikkelsleutel") == 1  # one line says so
    files = credentials(output)
    # no baked image is hosted: every kit page names the credential its script bakes, one per badge
    assert not list(output.glob("badges/*/*-verifieerbaar*"))
    kits = sorted(path.parent.name for path in output.glob("badges/*/index.html"))
    named = [badge["credential"] for slug in kits for badge in kit_data(output, slug)[0]["badges"]]
    assert files and sorted(site_file(output, url) for url in named) == files
    status = output / ob3.STATUS_PATH
    results = verify(output, [*files, status])
    failed = {name: r["error"] for name, r in results.items() if not r["verified"] or r["revoked"]}
    assert not failed, failed
    # the DID document of a SITEURL with a path is at <path>/did.json
    did = json.loads((output / "did.json").read_text())
    assert did["id"] == "did:web:example.test:campagne" and not (output / ".well-known" / "did.json").exists()
    assert {m["type"] for m in did["verificationMethod"]} == {"Multikey"}
    # baked as the kit page bakes them, the images carry exactly the hosted credential
    baked = [path for path in bake_like_the_kit_page(output, kits[0], tmp_path)
             if path.name.endswith("-v3.png")]
    assert baked
    for png in baked:
        slug_badge = png.name.removesuffix("-verifieerbaar-v3.png")
        hosted = (output / "openbadges" / "v3" / "credentials" / f"{slug_badge}.json").read_text()
        assert baking.unbake_png(png.read_bytes(), baking.KEYWORD_V3) == hosted
        svg = png.with_suffix(".svg").read_text(encoding="utf-8")
        assert json.loads(baking.unbake_svg_credential(svg)) == json.loads(hosted)
        assert baking.unbake_png(png.read_bytes()) is None  # the 3.0 file does not carry the 2.0 assertion


@pytest.mark.build
def test_example_site_withdrawn_profiles_are_revoked_and_positions_are_pinned(example_site):
    output = example_site.output
    registry = yaml.safe_load((ROOT / "content" / "data" / "badge-status.yaml").read_text())
    published = {}
    for path in credentials(output):
        document = json.loads(path.read_text())
        index = int(document["credentialStatus"]["statusListIndex"])
        published[index] = path.name
        # every published credential uses its pinned position
        key = next(k for k, i in registry.items() if i == index)
        assert path.name == key.replace("/", "-") + ".json"
    status = json.loads((output / ob3.STATUS_PATH).read_text())
    revoked = statuslist.decode(status["credentialSubject"]["encodedList"])
    assert revoked == {index for index in registry.values() if index not in published}
    assert revoked, "the example content has withdrawn profiles"
    assert status["issuer"] == json.loads(credentials(output)[0].read_text())["issuer"]["id"]


@pytest.mark.build
def test_credentials_match_the_1edtech_schema(example_site):
    from jsonschema import Draft201909Validator

    schema = json.loads(SCHEMA.read_text())
    # The vendored schema is written for VC data model 1.1 (issuanceDate); Open Badges 3.0 with the
    # credentials/v2 context says validFrom, which is all this one change adapts.
    schema["required"] = ["validFrom" if name == "issuanceDate" else name for name in schema["required"]]
    validator = Draft201909Validator(schema)
    for path in credentials(example_site.output):
        document = json.loads(path.read_text())
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
        assert not errors, (path.name, errors)
    broken = json.loads(credentials(example_site.output)[0].read_text())
    del broken["credentialSubject"]["achievement"]
    assert list(validator.iter_errors(broken))


# --- Publish builds: with a key, and a profile withdrawn between two builds -------------------------------

@pytest.fixture(scope="module")
def withdrawal(tmp_path_factory):
    """Two publish builds of a small site with a real key into one output: Jan and Piet, then Jan withdrawn.
    Returns the final output and Jan's files as they were before."""
    base = tmp_path_factory.mktemp("ob3-withdrawal")
    content = write_minimal_content(base / "content")
    (content / "profiles" / "piet-smit.yaml").write_text(PIET, encoding="utf-8")
    badges = content / "data" / "badges.yaml"
    data = yaml.safe_load(badges.read_text(encoding="utf-8"))
    data["badges"][0]["description"] += BACKSLASHES  # the ambachtsmens badge Piet earns
    badges.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    env = {"BADGE_SIGNING_KEY": KEY.secret()}
    output = base / "output"
    first = run_build(output, command="publish", content=content, env=env)
    assert first.ok, first.stderr
    kept = base / "before"
    kept.mkdir()
    bake_like_the_kit_page(output, "jan-de-vries", kept)
    for path in credentials(output):
        shutil.copy(path, kept / path.name)
    profile = content / "profiles" / "jan-de-vries.yaml"
    profile.write_text(profile.read_text() + "status: withdrawn\n", encoding="utf-8")
    second = run_build(output, command="publish", content=content, env=env)
    assert second.ok, second.stderr
    baked = bake_like_the_kit_page(output, "piet-smit", base / "baked")
    return {"output": output, "before": kept, "first": first, "second": second, "baked": baked[0].parent}


@pytest.mark.build
def test_publish_with_a_key_signs_with_it(withdrawal):
    output = withdrawal["output"]
    did = json.loads((output / "did.json").read_text())
    assert [m["publicKeyMultibase"] for m in did["verificationMethod"]] == [KEY.public]
    assert "ontwikkelsleutel" not in withdrawal["first"].stderr
    assert [p.name for p in credentials(output)] == ["piet-smit-ambachtsmens.json"]
    piet = json.loads(credentials(output)[0].read_text())
    assert "piet@example.nl" not in json.dumps(piet) and piet["credentialSubject"]["identifier"][0]["hashed"]
    assert piet["description"].endswith(BACKSLASHES) and piet["credentialSubject"]["achievement"]["description"] == \
        piet["description"]
    assert ob3.verify(piet, {KEY.key_id(piet["issuer"]["id"]): KEY.public}, ob3.ContextLoader())


@pytest.mark.build
def test_tampered_wrong_key_and_revoked_come_out_as_such(withdrawal, tmp_path):
    output, before = withdrawal["output"], withdrawal["before"]
    piet = json.loads(credentials(output)[0].read_text())
    cases = {"geldig.json": piet, "ingetrokken.json": json.loads((before / "jan-de-vries-ambachtsmens.json").read_text())}
    tampered = json.loads(json.dumps(piet))
    tampered["credentialSubject"]["achievement"]["name"] = "Meester-smid"
    cases["gewijzigd.json"] = tampered
    moved = json.loads(json.dumps(piet))
    moved["credentialStatus"]["statusListIndex"] = cases["ingetrokken.json"]["credentialStatus"]["statusListIndex"]
    cases["andere-positie.json"] = moved
    loader = ob3.ContextLoader()
    unsigned = {k: v for k, v in piet.items() if k != "proof"}
    did = piet["issuer"]["id"]
    other = ob3.SigningKey.generate()
    forged = ob3.sign(unsigned, other, did, piet["proof"][0]["created"], loader)
    forged["proof"][0]["verificationMethod"] = KEY.key_id(did)  # claims the site's key
    cases["vervalst.json"] = forged
    cases["andere-sleutel.json"] = ob3.sign(unsigned, other, did, piet["proof"][0]["created"], loader)
    for name, document in cases.items():
        (tmp_path / name).write_text(json.dumps(document), encoding="utf-8")
    results = verify(output, [tmp_path / name for name in cases])
    assert results["geldig.json"]["verified"] and not results["geldig.json"]["revoked"], results["geldig.json"]
    assert results["ingetrokken.json"]["verified"] and results["ingetrokken.json"]["revoked"], results["ingetrokken.json"]
    for name in ("gewijzigd.json", "andere-positie.json", "vervalst.json"):
        assert not results[name]["verified"] and "signature" in results[name]["error"].lower(), results[name]
    assert not results["andere-sleutel.json"]["verified"], results["andere-sleutel.json"]
    # the withdrawn credential and its kit are gone; its position stayed
    assert not (output / "badges" / "jan-de-vries").exists()
    status = json.loads((output / ob3.STATUS_PATH).read_text())
    index = int(cases["ingetrokken.json"]["credentialStatus"]["statusListIndex"])
    # set: Jan's bit and those of every pinned position not issued here (this small site has none of the
    # example content's profiles its copied registry pins); Piet's is clear
    pinned = yaml.safe_load((ROOT / "content" / "data" / "badge-status.yaml").read_text())
    assert statuslist.decode(status["credentialSubject"]["encodedList"]) == set(pinned.values()) | {index}
    assert int(piet["credentialStatus"]["statusListIndex"]) not in set(pinned.values()) | {index}


@pytest.mark.build
def test_publish_without_a_key_leaves_open_badges_3_out(published_site):
    output = published_site.output
    assert "BADGE_SIGNING_KEY: niet gezet" in published_site.stderr
    assert not (output / "openbadges" / "v3").exists() and not (output / "did.json").exists()
    assert not list(output.glob("badges/*/*-verifieerbaar-v3.*"))
    assert list(output.glob("openbadges/assertions/*.json"))  # Open Badges 2.0 are still there
    assert (output / "verifieer" / "index.html").exists()


# --- /verifieer/ in Chromium -----------------------------------------------------------------------------

def verdict(page, run: int) -> str:
    """The verdict and text of the ``run``-th check shown on the page."""
    page.locator(f'[data-verify-result][data-run="{run}"] [data-verdict]').wait_for(timeout=120000)
    heading = page.locator("[data-verify-result] [data-verdict]")
    return heading.get_attribute("data-verdict") + " | " + page.locator("[data-verify-result]").inner_text()


def assert_accessible(page):
    """No sideways scrolling and no axe-core violations, with a result and the e-mail check shown."""
    from axe_playwright_python.sync_playwright import Axe
    from browser_support import AXE_TAGS

    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]] == []


def drop_file(page, path: Path, mime: str):
    """A real drop event on the drop zone, with the file's bytes in a DataTransfer."""
    data = list(path.read_bytes())
    page.evaluate("""([data, name, mime]) => {
        const file = new File([new Uint8Array(data)], name, {type: mime});
        const transfer = new DataTransfer();
        transfer.items.add(file);
        document.querySelector('[data-verify-drop]').dispatchEvent(
            new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }""", [data, path.name, mime])


@pytest.mark.browser
@pytest.mark.build
def test_verify_page_in_chromium(withdrawal, browser, tmp_path):
    from browser_support import visit

    output, before = withdrawal["output"], withdrawal["before"]
    kit = withdrawal["baked"]  # Piet's badges as his kit page bakes them
    valid_png = kit / "piet-smit-ambachtsmens-verifieerbaar-v3.png"
    text = baking.unbake_png(valid_png.read_bytes(), baking.KEYWORD_V3)
    tampered = tmp_path / "gewijzigd.png"
    changed = json.loads(text)
    changed["credentialSubject"]["achievement"]["name"] = "Meester-smid"
    tampered.write_bytes(baking.bake_png(valid_png.read_bytes(), ob3.to_json(changed), baking.KEYWORD_V3))
    assert baking.unbake_png(tampered.read_bytes(), baking.KEYWORD_V3) != text
    credential_url = json.loads(text)["id"]
    changed["evidence"][0]["id"] = "javascript:alert(1)"
    lure = tmp_path / "lokaas.png"
    lure.write_bytes(baking.bake_png(valid_png.read_bytes(), ob3.to_json(changed), baking.KEYWORD_V3))
    other = ob3.SigningKey.generate()
    elsewhere = {**{k: v for k, v in json.loads(text).items() if k != "proof"},
                 "issuer": {**json.loads(text)["issuer"], "id": "did:web:elders.example"}}
    signed = ob3.sign(elsewhere, other, "did:web:elders.example", CREATED_AT, ob3.ContextLoader())
    foreign = tmp_path / "elders.png"
    foreign.write_bytes(baking.bake_png(valid_png.read_bytes(), ob3.to_json(signed), baking.KEYWORD_V3))
    with visit(browser, output, "verifieer/", width=375, height=900) as v:
        page = v.page
        page.set_input_files("#verify-file", str(valid_png))
        result = verdict(page, 1)
        assert result.startswith("geldig") and "Ambachtsmens" in result and "De kracht van ambacht" in result, result
        assert "Open Badges 3.0" in result and "2 januari 2026" in result
        page.fill("#verify-email-address", "Piet@Example.nl ")
        page.click("[data-verify-email] button")
        page.locator('[data-verify-email-result][data-match="true"]').wait_for()
        page.fill("#verify-email-address", "jan@example.nl")
        page.click("[data-verify-email] button")
        page.locator('[data-verify-email-result][data-match="false"]').wait_for()
        page.screenshot(path="/tmp/verifieer-375.png", full_page=True)
        assert_accessible(page)
        drop_file(page, before / "jan-de-vries-ambachtsmens-verifieerbaar-v3.png", "image/png")
        assert verdict(page, 2).startswith("ingetrokken"), verdict(page, 2)
        drop_file(page, tampered, "image/png")
        assert verdict(page, 3).startswith("gewijzigd"), verdict(page, 3)
        # the Open Badges 2.0 files: Piet's is valid, Jan's is revoked at its hosted URL
        page.set_input_files("#verify-file", str(kit / "piet-smit-ambachtsmens-verifieerbaar.png"))
        assert verdict(page, 4).startswith("geldig") and "Open Badges 2.0" in verdict(page, 4), verdict(page, 4)
        page.set_input_files("#verify-file", str(before / "jan-de-vries-ambachtsmens-verifieerbaar.svg"))
        assert verdict(page, 5).startswith("ingetrokken"), verdict(page, 5)
        page.set_input_files("#verify-file", str(kit / "piet-smit-ambachtsmens-verifieerbaar-v3.svg"))
        assert verdict(page, 6).startswith("geldig"), verdict(page, 6)
        # a pasted URL of this site, and one of another host (refused without a request)
        page.fill("#verify-address", credential_url)
        page.click("[data-verify-url] button")
        assert verdict(page, 7).startswith("geldig"), verdict(page, 7)
        page.fill("#verify-address", "https://elders.example/openbadges/v3/credentials/x.json")
        page.click("[data-verify-url] button")
        assert verdict(page, 8).startswith("onbekend") and "alleen badges van" in verdict(page, 8)
        page.set_input_files("#verify-file", str(output / "theme" / "images" / "favicon.svg"))
        assert "geen Open Badge" in verdict(page, 9), verdict(page, 9)
        # a tampered badge shows none of its claims (no links it chose)
        drop_file(page, lure, "image/png")
        result = verdict(page, 10)
        assert result.startswith("gewijzigd") and "Meester" not in result, result
        assert page.locator("[data-verify-result] a").count() == 0
        # a badge of another issuer is not checked here, and nothing is fetched from its host
        drop_file(page, foreign, "image/png")
        result = verdict(page, 11)
        assert result.startswith("onbekend") and "alleen badges van example.test" in result, result
        assert v.foreign_requests == [] and v.console_errors == [], (v.foreign_requests, v.console_errors)
    with visit(browser, output, "verifieer/", width=1280, height=900) as v:
        v.page.set_input_files("#verify-file", str(valid_png))
        assert verdict(v.page, 1).startswith("geldig")
        v.page.screenshot(path="/tmp/verifieer-1280.png", full_page=True)
        assert_accessible(v.page)
        assert v.foreign_requests == [] and v.console_errors == []
    # the kit and the profile link to the page (a published page, from the server's root)
    for page in ("badges/piet-smit/index.html", "ambachtengids/piet-smit/index.html"):
        assert f'href="{SITE_PATH}/verifieer/"' in (output / page).read_text(encoding="utf-8")
