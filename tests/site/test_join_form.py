"""The join form on /doe-mee/ and `make check` agree: the same cases go through both."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
import yaml
from browser_support import AXE_TAGS, visit
from conftest import ROOT, SITEURL
from content_model.check import ContentChecker
from content_model.intake import import_profile

pytestmark = [pytest.mark.browser, pytest.mark.build]

VALID = {
    "name": "Ĳsbrand van 't Hof 🔨",
    "type": "ambachtsmens",
    "crafts": ["smeden", "edelsmeden"],
    "region": "friesland",
    "place": "Ljouwert",
    "tagline": "Smeedt ’t mooiste hekwerk van Fryslân",
    "bio": "Twintig jaar **smid**.\n\n- hekwerk\n- [website](https://example.nl)\n",
    "website": "https://smederij.example.nl",
    "email": "ijsbrand@example.nl",
    "contact_public": True,
    "offers": ["leerplek", "workshop"],
    "since": 1998,
    "skills": ["vuurlassen", "restauratie van smeedwerk"],
    "consent": {"date": "2026-11-21", "scope": ["profiel", "foto", "badge", "open-data"]},
}


def variant(**changes):
    data = json.loads(json.dumps(VALID))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


CASES = {
    "valid": VALID,
    "minimal museum without crafts": {"name": "Museum", "type": "museum", "region": "zeeland",
                                      "consent": {"date": "2026-11-21", "scope": ["profiel"]}},
    "missing name": variant(name=None),
    "missing consent": variant(consent=None),
    "craftsperson without crafts": variant(crafts=None),
    "empty crafts": variant(crafts=[]),
    "unknown craft": variant(crafts=["smeeden"]),
    "unknown region": variant(region="frieslant"),
    "unknown type": variant(type="smid"),
    "unknown field": variant(leeftijd=40),
    "since as text": variant(since="lang geleden"),
    "since too early": variant(since=1200),
    "javascript website": variant(website="javascript:alert(1)"),
    "website without host": variant(website="https://localhost"),
    "invalid email": variant(email="jan@"),
    "street address": variant(place="Oudegracht 12"),
    "tagline too long": variant(tagline="x" * 121),
    "raw html in bio": variant(bio="Hallo <img src=x onerror=alert(1)>"),
    "javascript link in bio": variant(bio="[klik](javascript:alert(1))"),
    "duplicate offers": variant(offers=["stage", "stage"]),
    "unknown offer": variant(offers=["bakken"]),
    "contact_public as text": variant(contact_public="ja"),
    "unknown consent scope": variant(consent={"date": "2026-11-21", "scope": ["alles"]}),
    "empty name": variant(name=""),
}


def python_fields(tmp_path, data) -> set[str]:
    content = tmp_path / "content"
    (content / "profiles").mkdir(parents=True, exist_ok=True)
    if not (content / "data").exists():
        (content / "data").mkdir()
        for name in ("crafts.yaml", "regions.yaml"):
            (content / "data" / name).write_text((ROOT / "content" / "data" / name).read_text(encoding="utf-8"))
    path = content / "profiles" / "proef.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return {p.field for p in ContentChecker(content).check_file("profile", path).problems}



def test_form_rules_match_make_check(browser, example_site, tmp_path):
    schema = json.loads(example_site.file("doe-mee/profiel.schema.json").read_text(encoding="utf-8"))
    catalog = json.loads(example_site.file("doe-mee/catalogus.json").read_text(encoding="utf-8"))
    with visit(browser, example_site.output, "doe-mee/") as seen:
        for name, data in CASES.items():
            js = seen.page.evaluate(
                """async ([url, schema, catalog, data]) => (await import(url)).validate(schema, catalog, data)""",
                [f"{SITEURL}/theme/js/profile-rules.js", schema, catalog, data])
            assert {p["field"] for p in js} == python_fields(tmp_path, data), name
        assert seen.console_errors == []
    assert python_fields(tmp_path, VALID) == set()
    assert all(python_fields(tmp_path, data) for name, data in CASES.items() if name not in ("valid", "minimal museum without crafts"))


def test_form_builds_a_file_that_make_check_accepts(browser, example_site, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    with visit(browser, example_site.output, "doe-mee/") as seen:
        page = seen.page
        assert page.is_visible("form[data-join]") and not page.is_visible("[data-join-nojs]")
        assert page.is_visible("[data-join-preview]") and page.inner_text("[data-preview-name]") == "Je naam"
        page.click("form[data-join] button[type=submit]")
        summary = page.locator("[data-join-summary]")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.hasAttribute('data-join-summary')")  # focus moves to the errors
        assert page.get_attribute("#veld-name", "aria-invalid") == "true"
        assert page.inner_text("#fout-name") == "vul dit nog in"
        assert "toestemming" in page.inner_text("#fout-consent")
        page.fill("#veld-name", "Zoë van 't Hof-Ĳzerman")
        page.check("input[name=type][value=leerbedrijf]")
        page.select_option("#veld-region", "zeeland")
        page.fill("#veld-place", "Vlissingen")
        page.locator("details.join-form__group").first.click()
        page.locator("input[name=crafts]").first.check()
        page.check("input[name=offers][value=leerplek]")
        page.fill("#veld-since", "2004")
        page.fill("#veld-skills", "netten boeten\nsplitsen\n")
        page.fill("#veld-bio", "Een werkplaats aan de haven.\n\n- leerlingen welkom")
        # the card beside the form follows what is typed
        assert page.inner_text("[data-preview-name]") == "Zoë van 't Hof-Ĳzerman"
        assert page.inner_text("[data-preview-initials]") == "ZH"
        assert page.inner_text("[data-preview-type]").startswith("Leerbedrijf · ")
        assert page.inner_text("[data-preview-place]") == "Vlissingen, Zeeland"
        page.set_input_files("#veld-photo", str(ROOT / "content" / "images" / "profiles" / "daan-hendriks.jpg"))
        assert not page.is_visible("[data-preview-photo]")  # no photo consent yet: the card shows the initials
        page.check("input[name=consent-scope][value=foto]")
        assert page.is_visible("[data-preview-photo]") and page.get_attribute("[data-preview-photo]", "src").startswith("blob:")
        page.fill("#veld-photo_alt", "Zoë boet een net op de kade")
        page.check("input[name=consent-scope][value=open-data]")
        page.check("#veld-consent")
        page.click("form[data-join] button[type=submit]")
        result = page.locator("[data-join-result]")
        assert result.is_visible()
        assert page.is_visible("[data-join-photo-step]") and page.inner_text("[data-join-photo-name]") == "daan-hendriks.jpg"
        text = page.text_content("[data-join-yaml]")
        assert page.get_attribute("[data-join-download]", "download") == "zoe-van-t-hof-ijzerman.yaml"
        mail = page.get_attribute("[data-join-mail]", "href")
        page.locator("details.join-result__details > summary").click()  # open the file's text as well
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert [v["id"] for v in results.response["violations"]] == []  # the filled form, the card and the last step
        assert page.locator("[data-join-github]").count() == 0 and "github" not in page.inner_text(".join").lower()
        # nothing left the browser: only the page, its scripts and the schema/catalog were requested
        assert seen.foreign_requests == [] and seen.console_errors == []
    address, query = mail.removeprefix("mailto:").split("?", 1)
    fields = parse_qs(query)
    assert address == "redactie@dekrachtvanambacht.nl"
    assert fields["subject"] == ["Aanmelding ambachtengids: Zoë van 't Hof-Ĳzerman"]
    assert "daan-hendriks.jpg" in fields["body"][0] and text.strip() in fields["body"][0]
    content = tmp_path / "content"
    (content / "profiles").mkdir(parents=True)
    (content / "data").mkdir()
    for name in ("crafts.yaml", "regions.yaml"):
        (content / "data" / name).write_text((ROOT / "content" / "data" / name).read_text(encoding="utf-8"))
    # the editors save the e-mail as it came in and import it with its attachment (make import-profile)
    saved = tmp_path / "aanmelding.txt"
    saved.write_text(fields["body"][0], encoding="utf-8")
    outcome = import_profile(content, saved, ROOT / "content" / "images" / "profiles" / "daan-hendriks.jpg")
    assert outcome.problems == []
    path = content / "profiles" / "zoe-van-t-hof-ijzerman.yaml"
    checked = ContentChecker(content).check_file("profile", path)
    assert checked.problems == []
    assert checked.data["name"] == "Zoë van 't Hof-Ĳzerman" and checked.data["since"] == 2004
    assert checked.data["skills"] == ["netten boeten", "splitsen"]
    assert checked.data["consent"]["scope"] == ["profiel", "foto", "open-data"]
    assert checked.data["photo"] == "images/profiles/zoe-van-t-hof-ijzerman.jpg"
    assert checked.data["photo_alt"] == "Zoë boet een net op de kade"
