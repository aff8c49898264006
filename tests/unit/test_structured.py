import datetime as dt
import json
import re

import pytest
from seo.structured import breadcrumb_list, jsonld, security_expires


def test_jsonld_cannot_break_out_of_script():
    html = str(jsonld({"name": "</script><script>alert(1)</script>"}))
    inner = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html).group(1)
    assert "</script" not in inner
    assert json.loads(inner)["name"] == "</script><script>alert(1)</script>"


def test_security_expires_is_less_than_a_year_ahead():
    now = dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC)
    expires = dt.datetime.strptime(security_expires(now, 180), "%Y-%m-%dT%H:%M:%SZ")
    assert dt.timedelta(days=179) < expires - now.replace(tzinfo=None) < dt.timedelta(days=365)
    with pytest.raises(ValueError):
        security_expires(now, 400)


def test_breadcrumbs_start_at_home():
    data = breadcrumb_list([("Verhalen", "verhalen/")], "https://example.test/c")
    assert [i["item"] for i in data["itemListElement"]] == ["https://example.test/c/", "https://example.test/c/verhalen/"]


# ---- the view models of the JSON-LD blocks (seo.structured): plain objects in, plain data out ----

from types import SimpleNamespace  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from seo.structured import (  # noqa: E402
    Site,
    article_jsonld,
    data_script,
    dataset_jsonld,
    event_jsonld,
    is_online,
    site_jsonld,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SITE = Site(url="https://example.test/c", name="De kracht van ambacht", email="redactie@example.test",
            description="Campagne", organization="Sector Overleg", share_image="theme/images/share-default.png")
HOSTILE = ['</script><script>alert(1)</script>', "a\u2028b\u2029c", 'quote " and \' and \\', "<!-- x -->", "&amp;"]
REGIONS = {"utrecht": "Utrecht", "landelijk": "Landelijk"}


def story(**fields):
    values = {"title": "Het deeg", "summary": "Over brood", "date": dt.datetime(2026, 3, 1, 9, tzinfo=AMSTERDAM),
              "url": "verhalen/deeg/", "reading_minutes": 4}
    return SimpleNamespace(**(values | fields))


def event(**fields):
    values = {"title": "Open atelier", "summary": "Kom kijken", "start": dt.datetime(2026, 5, 2, 10, tzinfo=AMSTERDAM),
              "url": "agenda/open-atelier/", "location": "Utrecht"}
    return SimpleNamespace(**(values | fields))


def embedded(data) -> object:
    """The data as the page carries it: serialised by the one serialiser and parsed back."""
    html = str(data_script(data, "application/ld+json"))
    inner = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html, re.S).group(1)
    assert "</" not in inner and "<!--" not in inner and "\u2028" not in inner and "\u2029" not in inner
    return json.loads(inner)


def test_article_by_the_editors_is_the_organisations():
    data = article_jsonld(SITE, story())
    assert data["author"] == {"@type": "Organization", "name": "Redactie"}
    assert data["dateModified"] == data["datePublished"] == "2026-03-01T09:00:00+01:00"
    assert data["url"] == data["mainEntityOfPage"] == "https://example.test/c/verhalen/deeg/"
    assert data["image"] == "https://example.test/c/theme/images/share-default.png"
    assert data["keywords"] == "" and data["timeRequired"] == "PT4M"
    assert data["publisher"]["logo"]["url"] == "https://example.test/c/theme/images/apple-touch-icon.png"
    assert article_jsonld(SITE, story(author=SimpleNamespace(name="Redactie")))["author"]["@type"] == "Organization"


def test_article_by_a_person_with_crafts_image_and_modified_date():
    data = article_jsonld(SITE, story(author=SimpleNamespace(name="Anna de Vries"), crafts=["smeden", "bakken"],
                                      modified=dt.date(2026, 4, 2)), "https://example.test/c/images/x.jpg")
    assert data["author"] == {"@type": "Person", "name": "Anna de Vries"}
    assert data["keywords"] == "smeden, bakken"
    assert data["dateModified"] == "2026-04-02"
    assert data["image"] == "https://example.test/c/images/x.jpg"


def test_event_in_a_place_names_its_region_but_not_the_nationwide_one():
    data = event_jsonld(SITE, event(region="utrecht", end=dt.datetime(2026, 5, 2, 16, tzinfo=AMSTERDAM)), REGIONS)
    assert data["location"] == {"@type": "Place", "name": "Utrecht", "address": {
        "@type": "PostalAddress", "addressLocality": "Utrecht", "addressCountry": "NL", "addressRegion": "Utrecht"}}
    assert data["eventAttendanceMode"].endswith("/OfflineEventAttendanceMode")
    assert (data["startDate"], data["endDate"]) == ("2026-05-02T10:00:00+02:00", "2026-05-02T16:00:00+02:00")
    assert data["organizer"] == {"@type": "Organization", "name": "Sector Overleg"}
    for region in ("landelijk", "onbekend", None):
        address = event_jsonld(SITE, event(region=region), REGIONS)["location"]["address"]
        assert "addressRegion" not in address


def test_online_event_is_virtual_at_its_registration_or_its_page():
    assert is_online(event(location="ONLINE")) and not is_online(event(location="Online-Zaal Utrecht"))
    data = event_jsonld(SITE, event(location="Online", organizer="Gilde"), REGIONS)
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.test/c/agenda/open-atelier/"}
    assert data["eventAttendanceMode"].endswith("/OnlineEventAttendanceMode")
    assert data["organizer"]["name"] == "Gilde" and data["endDate"] == data["startDate"]
    data = event_jsonld(SITE, event(location="online", registration_url="https://tickets.example/x"), REGIONS)
    assert data["location"]["url"] == "https://tickets.example/x"


def test_home_and_dataset():
    organisation, website = site_jsonld(SITE)
    assert (organisation["@type"], organisation["url"], organisation["email"]) == (
        "Organization", "https://example.test/c/", "redactie@example.test")
    assert organisation["parentOrganization"]["name"] == "Sector Overleg"
    assert (website["@type"], website["inLanguage"]) == ("WebSite", "nl")
    data = dataset_jsonld(SITE, "Gids", "Open", "open-data/", [("text/csv", "gids.csv")])
    assert data["url"] == "https://example.test/c/open-data/"
    assert data["distribution"] == [{"@type": "DataDownload", "encodingFormat": "text/csv",
                                     "contentUrl": "https://example.test/c/open-data/gids.csv"}]


def test_site_from_settings():
    site = Site.from_settings({"SITEURL": "https://x.test", "SITENAME": "S", "SHARE_IMAGE_DEFAULT": "s.png"})
    assert (site.link("a/"), site.logo, site.default_image, site.organization) == (
        "https://x.test/a/", "https://x.test/theme/images/apple-touch-icon.png", "https://x.test/s.png", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_survive_every_block_as_data(text):
    blocks = [article_jsonld(SITE, story(title=text, summary=text, author=SimpleNamespace(name=text), crafts=[text])),
              event_jsonld(SITE, event(title=text, location=text, organizer=text), REGIONS),
              *site_jsonld(Site(url=SITE.url, name=text, description=text)),
              dataset_jsonld(SITE, text, text, "open-data/", [("text/csv", text)])]
    for data in blocks:
        assert embedded(data) == data
    assert embedded(blocks[0])["headline"] == text and embedded(blocks[1])["location"]["name"] == text


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]))


@given(title=TEXT, summary=TEXT, author=TEXT, crafts=st.lists(TEXT, max_size=3), location=TEXT)
def test_any_text_parses_back_and_never_closes_the_script(title, summary, author, crafts, location):
    for data in (article_jsonld(SITE, story(title=title, summary=summary, author=SimpleNamespace(name=author),
                                            crafts=crafts)),
                 event_jsonld(SITE, event(title=title, summary=summary, location=location, organizer=author),
                              {location: title})):
        assert embedded(data) == data
