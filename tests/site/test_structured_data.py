"""Every JSON-LD block of the example build parses and has what Google's structured data docs require.

Per ``@type`` (https://developers.google.com/search/docs/appearance/structured-data): Article,
Event, LocalBusiness, BreadcrumbList, carousel ItemList, Dataset; for the other types the
properties that make an entity usable at all (name, url). Links into the site must resolve.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from conftest import SITEURL, run_build, site_file

pytestmark = pytest.mark.build

EVENT_STATUS = {f"https://schema.org/{s}" for s in
                ("EventScheduled", "EventCancelled", "EventMovedOnline", "EventPostponed", "EventRescheduled")}
ATTENDANCE = {f"https://schema.org/{m}EventAttendanceMode" for m in ("Offline", "Online", "Mixed")}
URL_KEYS = {"url", "item", "image", "logo", "contentUrl", "mainEntityOfPage"}


def text(data: dict, key: str) -> list[str]:
    value = data.get(key)
    return [] if isinstance(value, str) and value.strip() else [f"{key} ontbreekt of is leeg"]


def moment(data: dict, key: str) -> list[str]:
    try:
        value = dt.datetime.fromisoformat(data[key])
    except (KeyError, TypeError, ValueError):
        return [f"{key} is geen ISO 8601-datum: {data.get(key)!r}"]
    return [] if value.tzinfo is not None or len(data[key]) == 10 else [f"{key} heeft geen tijdzone"]


def named_entity(data: dict) -> list[str]:
    return text(data, "name") + text(data, "url")


def article(data: dict) -> list[str]:
    problems = text(data, "headline") + moment(data, "datePublished")
    if "dateModified" in data:
        problems += moment(data, "dateModified")
    authors = data.get("author")
    authors = authors if isinstance(authors, list) else [authors]
    if not all(isinstance(a, dict) and a.get("@type") in ("Person", "Organization") and a.get("name") for a in authors):
        problems.append(f"author moet een Person of Organization met name zijn: {data.get('author')!r}")
    publisher = data.get("publisher")
    if not data.get("image") and not (isinstance(publisher, dict) and publisher.get("name")):
        problems.append("image of publisher ontbreekt")
    return problems


def event(data: dict) -> list[str]:
    problems = text(data, "name") + moment(data, "startDate")
    if "endDate" in data:
        problems += moment(data, "endDate")
        if not problems and dt.datetime.fromisoformat(data["endDate"]) < dt.datetime.fromisoformat(data["startDate"]):
            problems.append("endDate ligt voor startDate")
    location = data.get("location")
    if not isinstance(location, dict):
        problems.append("location ontbreekt")
    elif location.get("@type") == "Place":
        address = location.get("address")
        if not (isinstance(address, dict) and address.get("@type") == "PostalAddress" and address.get("addressLocality")):
            problems.append("location (Place) heeft geen address met addressLocality")
    elif location.get("@type") == "VirtualLocation":
        problems += text(location, "url")
    else:
        problems.append(f"location moet Place of VirtualLocation zijn: {location.get('@type')!r}")
    if "eventStatus" in data and data["eventStatus"] not in EVENT_STATUS:
        problems.append(f"ongeldige eventStatus {data['eventStatus']!r}")
    if "eventAttendanceMode" in data and data["eventAttendanceMode"] not in ATTENDANCE:
        problems.append(f"ongeldige eventAttendanceMode {data['eventAttendanceMode']!r}")
    return problems


def local_business(data: dict) -> list[str]:
    address = data.get("address")
    ok = isinstance(address, dict) and address.get("@type") == "PostalAddress"
    return named_entity(data) + ([] if ok else ["address (PostalAddress) ontbreekt"])


def list_items(data: dict, needs: tuple[str, ...]) -> list[str]:
    items = data.get("itemListElement")
    if not isinstance(items, list):
        return ["itemListElement ontbreekt"]
    problems = []
    if [item.get("position") for item in items] != list(range(1, len(items) + 1)):
        problems.append("position moet 1, 2, 3, ... zijn")
    for item in items:
        if item.get("@type") != "ListItem" or not all(item.get(key) for key in needs):
            problems.append(f"ListItem zonder {' of '.join(needs)}: {item!r}")
    return problems


def breadcrumbs(data: dict) -> list[str]:
    problems = list_items(data, ("name", "item"))
    return problems + ([] if data.get("itemListElement") else ["itemListElement is leeg"])


def dataset(data: dict) -> list[str]:
    description = data.get("description") or ""
    return text(data, "name") + ([] if 50 <= len(description) <= 5000 else ["description moet 50 tot 5000 tekens zijn"])


REQUIRED = {
    "Article": article, "NewsArticle": article, "Event": event,
    "Person": named_entity, "Organization": named_entity, "EducationalOrganization": named_entity,
    "LocalBusiness": local_business, "BreadcrumbList": breadcrumbs,
    "ItemList": lambda data: list_items(data, ("url",)), "WebSite": named_entity, "Dataset": dataset,
}


def site_urls(value, key=None):
    """Every URL into the site anywhere in a JSON-LD value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from site_urls(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from site_urls(v, key)
    elif key in URL_KEYS and isinstance(value, str) and value.startswith(SITEURL + "/"):
        yield value


def empty_values(value, path="") -> list[str]:
    """Empty strings and lists are invalid values; leave a property out instead."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in empty_values(v, f"{path}.{k}".lstrip("."))]
    if isinstance(value, list):
        return [f"{path} is leeg"] if not value and path != "itemListElement" else \
            [p for i, v in enumerate(value) for p in empty_values(v, f"{path}[{i}]")]
    return [f"{path} is leeg"] if isinstance(value, str) and not value.strip() else []


def problems_of(output, path) -> list[str]:
    found = []
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for index, script in enumerate(soup.select('script[type="application/ld+json"]')):
        where = f"{path.relative_to(output)} blok {index + 1}"
        try:
            data = json.loads(script.string or "")
        except json.JSONDecodeError as error:
            found.append(f"{where}: geen geldige JSON ({error})")
            continue
        if data.get("@context") != "https://schema.org":
            found.append(f"{where}: @context moet https://schema.org zijn")
        check = REQUIRED.get(data.get("@type"))
        if check is None:
            found.append(f"{where}: onbekend @type {data.get('@type')!r}; voeg zijn verplichte velden toe aan REQUIRED")
            continue
        found += [f"{where} ({data['@type']}): {problem}" for problem in check(data) + empty_values(data)]
        found += [f"{where}: {url} bestaat niet in de build" for url in site_urls(data) if not site_file(output, url).is_file()]
    return found


def test_every_json_ld_block_has_its_required_properties(example_site):
    problems, types = [], Counter()
    for path in example_site.html_files():
        problems += problems_of(example_site.output, path)
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        types.update(json.loads(s.string)["@type"] for s in soup.select('script[type="application/ld+json"]'))
    assert problems == []
    # the example content exercises every kind of page that carries structured data
    assert {"Article", "Event", "Person", "Organization", "LocalBusiness", "EducationalOrganization",
            "BreadcrumbList", "ItemList", "WebSite", "Dataset"} <= set(types)


def test_minimal_site_json_ld(minimal_content, tmp_path):
    """The small content tree has what the example lacks: an event without region, a story without author."""
    build = run_build(tmp_path / "output", content=minimal_content)
    assert build.ok, build.stderr
    problems = [p for path in build.html_files() for p in problems_of(build.output, path)]
    assert problems == []


@pytest.mark.parametrize(("data", "expected"), [
    ({"@type": "Article", "headline": "Kop", "datePublished": "gisteren", "author": {"@type": "Person", "name": "A"}, "image": "x"},
     "datePublished"),
    ({"@type": "Article", "headline": "Kop", "datePublished": "2026-01-01", "author": "Redactie", "image": "x"}, "author"),
    ({"@type": "Event", "name": "Open dag", "startDate": "2026-01-01T10:00:00+01:00", "location": {"@type": "Place", "name": "Utrecht"}},
     "address"),
    ({"@type": "Event", "name": "Open dag", "startDate": "2026-01-01", "location": {"@type": "VirtualLocation", "url": "https://x.nl"},
      "eventStatus": "Gepland"}, "eventStatus"),
    ({"@type": "LocalBusiness", "name": "Smederij", "url": "https://x.nl"}, "address"),
    ({"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 2, "name": "Home", "item": "https://x.nl"}]},
     "position"),
    ({"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Zonder url"}]}, "url"),
    ({"@type": "WebSite", "name": "Site"}, "url"),
    ({"@type": "Dataset", "name": "Gids", "description": "Te kort."}, "description"),
    ({"@type": "Person", "name": "Jan", "url": "https://x.nl", "homeLocation": {"address": {"addressRegion": ""}}},
     "homeLocation.address.addressRegion is leeg"),
])
def test_missing_properties_are_caught(data, expected):
    problems = REQUIRED[data["@type"]](data) + empty_values(data)
    assert any(expected in problem for problem in problems), problems
