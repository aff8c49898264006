"""One test per validation rule: the message names the field, line and column."""

from pathlib import Path

import pytest
from content_model.check import ContentChecker
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]

GOOD_STORY = {
    "title": '"Een verhaal"',
    "date": "2026-01-05",
    "summary": '"Korte samenvatting."',
}


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    (root / "data").mkdir(parents=True)
    for name in ("crafts.yaml", "regions.yaml"):
        (root / "data" / name).write_text((ROOT / "content" / "data" / name).read_text(encoding="utf-8"))
    for folder in ("stories", "events", "pages", "images"):
        (root / folder).mkdir()
    Image.new("RGB", (400, 300)).save(root / "images" / "ok.jpg")
    return root


def story(content, text, name="verhaal.md"):
    path = content / "stories" / name
    path.write_text(text, encoding="utf-8")
    return ContentChecker(content).check_file("story", path).problems


def front(**fields):
    merged = {**GOOD_STORY, **fields}
    lines = [f"{k}: {v}" for k, v in merged.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\nTekst.\n"


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_story_has_no_problems(content):
    assert story(content, front(crafts="[smeden]", region="utrecht", image="images/ok.jpg", image_alt='"Alt"')) == []


def test_missing_required_field(content):
    problem = only(story(content, front(summary=None)))
    assert (problem.field, problem.message) == ("summary", "verplicht veld ontbreekt")
    assert problem.path.endswith("stories/verhaal.md")


def test_unknown_field_with_suggestion(content):
    problem = only(story(content, front(sumary='"x"')))
    assert problem.field == "sumary"
    assert "onbekend veld" in problem.message and "summary" in problem.message
    assert (problem.line, problem.column) == (5, 1)


def test_unknown_craft_with_suggestion(content):
    problem = only(story(content, front(crafts="[smeeden]")))
    assert problem.field == "crafts[0]"
    assert "onbekende ambacht 'smeeden'" in problem.message and "'smeden'" in problem.message
    assert problem.line == 5


def test_unknown_region_with_suggestion(content):
    problem = only(story(content, front(region="noordholland")))
    assert problem.field == "region"
    assert "noord-holland" in problem.message


def test_wrong_type(content):
    problem = only(story(content, front(title="2024")))
    assert problem.field == "title" and problem.message == "moet tekst zijn"
    assert (problem.line, problem.column) == (2, 8)


def test_summary_too_long(content):
    problem = only(story(content, front(summary='"' + "a" * 301 + '"')))
    assert problem.field == "summary" and "301 tekens" in problem.message


def test_bad_date(content):
    problem = only(story(content, front(date='"12-03-2024"')))
    assert problem.field == "date" and "geen geldige datum" in problem.message


def test_image_requires_alt(content):
    problem = only(story(content, front(image="images/ok.jpg")))
    assert problem.field == "image_alt" and "verplicht" in problem.message
    assert problem.line == 5


def test_missing_image(content):
    problem = only(story(content, front(image="images/nee.jpg", image_alt='"x"')))
    assert problem.field == "image" and "bestaat niet" in problem.message


def test_image_outside_content(content):
    problem = only(story(content, front(image="../../etc/passwd", image_alt='"x"')))
    assert problem.field == "image" and "buiten content" in problem.message


def test_non_image_file(content):
    (content / "images" / "nep.jpg").write_text("geen plaatje")
    problem = only(story(content, front(image="images/nep.jpg", image_alt='"x"')))
    assert "geen afbeelding" in problem.message


def test_bad_status_enum(content):
    problem = only(story(content, front(status="gepubliceerd")))
    assert problem.field == "status" and "published" in problem.message


def test_file_name_must_be_a_slug(content):
    problem = only(story(content, front(), name="Mijn Verhaal.md"))
    assert problem.field == "slug" and "geen geldige slug" in problem.message


def test_all_problems_are_reported_at_once(content):
    problems = story(content, front(title="1", summary=None, region="xx", extra="1"))
    assert {p.field for p in problems} == {"title", "summary", "region", "extra"}


def test_pelican_key_value_header_is_validated_too(content):
    assert story(content, "Title: Hoi\nDate: 2024-03-12 10:20\nSummary: Kort.\nCrafts: smeden, weven\n\nTekst") == []
    problem = only(story(content, "Title: Hoi\nDate: 2024-03-12\nSummary: Kort.\nCrafts: smeden, wevn\n\nTekst"))
    assert problem.field == "crafts[1]" and problem.line == 4


def event(content, text):
    path = content / "events" / "activiteit.md"
    path.write_text(text, encoding="utf-8")
    return ContentChecker(content).check_file("event", path).problems


def test_event_ending_before_it_starts(content):
    problem = only(event(content, "---\ntitle: x\nstart: 2027-03-06T10:00:00+01:00\nend: 2027-03-06T09:00:00+01:00\n"
                                 "location: Utrecht\nsummary: x\n---\n"))
    assert problem.field == "end" and "ligt voor start" in problem.message
    assert problem.line == 4


def test_event_registration_url_must_be_http(content):
    problem = only(event(content, "---\ntitle: x\nstart: 2027-03-06\nlocation: Utrecht\nsummary: x\n"
                                 "registration_url: javascript:alert(1)\n---\n"))
    assert problem.field == "registration_url" and "https://" in problem.message


def test_page_slug_may_not_take_a_site_section(content):
    path = content / "pages" / "agenda.md"
    path.write_text("---\ntitle: x\nsummary: y\n---\n")
    problem = only(ContentChecker(content).check_file("page", path).problems)
    assert problem.field == "slug" and "vast adres" in problem.message


def test_broken_taxonomy_is_reported(content):
    (content / "data" / "regions.yaml").write_text("regions:\n  - id: utrecht\n  - id: utrecht\n    name: U\n")
    checker = ContentChecker(content)
    fields = {p.field for p in checker.problems}
    assert "regions[0].name" in fields and "regions[1].id" in fields


def test_odd_keys_keep_the_problem_on_one_unambiguous_line(content):
    from content_model.problems import Problem
    from content_model.validate import field_name

    assert field_name(("consent", "scope", 1)) == "consent.scope[1]"
    assert field_name(("a: b",)) == '["a\\u003a b"]'
    problem = Problem("x.md", 1, 1, field_name(("regel\nnieuw",)), "waarde 'a\tb'\nc")
    assert "\n" not in str(problem) and str(problem) == 'x.md:1:1: ["regel\\nnieuw"]: waarde \'a\\tb\'\\nc'


def test_unknown_list_in_a_data_file_is_reported_not_raised(tmp_path):
    from content_model.taxonomy import load_data_file
    from content_model.validate import Catalog

    path = tmp_path / "badges.yaml"
    path.write_text("badges: []\nsupporters: []\nextra:\n  - id: x\n    criteria: tekst\n", encoding="utf-8")
    data, problems = load_data_file(path, "data/badges.yaml", "badges", Catalog())
    assert data is None
    assert any(p.field == "extra" and p.line == 3 for p in problems), problems
