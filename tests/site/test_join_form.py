"""The join form on /doe-mee/ and `make check` agree: the same cases go through both."""

from __future__ import annotations

import json

import pytest
import yaml
from browser_support import visit
from conftest import ROOT, SITEURL
from content_model.check import ContentChecker

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
    with visit(browser, example_site.output, "doe-mee/") as seen:
        page = seen.page
        assert page.is_visible("form[data-join]") and not page.is_visible("[data-join-nojs]")
        page.click("form[data-join] button[type=submit]")
        summary = page.locator("[data-join-summary]")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.hasAttribute('data-join-summary')")  # focus moves to the errors
        assert page.get_attribute("#veld-name", "aria-invalid") == "true"
        assert "verplicht" in page.inner_text("#fout-name")
        page.fill("#veld-name", "Zoë van 't Hof-Ĳzerman")
        page.select_option("#veld-type", "leerbedrijf")
        page.select_option("#veld-region", "zeeland")
        page.locator("details.join-form__group").first.click()
        page.locator("input[name=crafts]").first.check()
        page.check("input[name=offers][value=leerplek]")
        page.fill("#veld-since", "2004")
        page.fill("#veld-skills", "netten boeten\nsplitsen\n")
        page.fill("#veld-bio", "Een werkplaats aan de haven.\n\n- leerlingen welkom")
        page.check("input[name=consent-scope][value=open-data]")
        page.check("#veld-consent")
        page.click("form[data-join] button[type=submit]")
        result = page.locator("[data-join-result]")
        assert result.is_visible()
        text = page.inner_text("[data-join-yaml]")
        assert page.get_attribute("[data-join-download]", "download") == "zoe-van-t-hof-ijzerman.yaml"
        assert page.get_attribute("[data-join-mail]", "href").startswith("mailto:")
        assert page.get_attribute("[data-join-github]", "href").startswith("https://github.com/")
        # nothing left the browser: only the page, its scripts and the schema/catalog were requested
        assert seen.foreign_requests == [] and seen.console_errors == []
    content = tmp_path / "content"
    (content / "profiles").mkdir(parents=True)
    (content / "data").mkdir()
    for name in ("crafts.yaml", "regions.yaml"):
        (content / "data" / name).write_text((ROOT / "content" / "data" / name).read_text(encoding="utf-8"))
    path = content / "profiles" / "zoe-van-t-hof-ijzerman.yaml"
    path.write_text(text, encoding="utf-8")
    checked = ContentChecker(content).check_file("profile", path)
    assert checked.problems == []
    assert checked.data["name"] == "Zoë van 't Hof-Ĳzerman" and checked.data["since"] == 2004
    assert checked.data["skills"] == ["netten boeten", "splitsen"]
    assert checked.data["consent"]["scope"] == ["profiel", "open-data"]
