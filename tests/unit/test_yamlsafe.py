import pytest
from content_model.yamlsafe import YamlProblem, load


def test_positions_of_keys_and_values_are_one_based():
    located = load("title: Hallo\nconsent:\n  scope: [profiel, foto]\n")
    assert located.data == {"title": "Hallo", "consent": {"scope": ["profiel", "foto"]}}
    assert located.keys[("title",)] == (1, 1)
    assert located.values[("title",)] == (1, 8)
    assert located.keys[("consent", "scope")] == (3, 3)
    assert located.values[("consent", "scope", 1)] == (3, 20)


def test_line_offset_is_added():
    located = load("a: 1\nb: 2\n", line_offset=1)
    assert located.keys[("b",)] == (3, 1)


def test_position_falls_back_to_nearest_parent():
    located = load("consent:\n  date: 2024-01-01\n")
    assert located.position(("consent", "scope")) == located.values[("consent",)]


def test_alias_bomb_is_refused_without_expanding():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b]\n'
    with pytest.raises(YamlProblem) as error:
        load(bomb)
    assert error.value.line == 1
    assert "ankers" in error.value.message


def test_plain_alias_is_refused():
    with pytest.raises(YamlProblem) as error:
        load("a: x\nb: *a\n")
    assert "aliassen" in error.value.message
    assert error.value.line == 2


def test_tab_indentation_gives_dutch_message_with_position():
    with pytest.raises(YamlProblem) as error:
        load("title: x\nconsent:\n\tdate: 2024-01-01\n")
    assert "tabs" in error.value.message
    assert error.value.line == 3


def test_duplicate_keys_are_refused():
    [problem] = load("title: a\ntitle: b\n").problems
    assert problem.line == 2
    assert "dubbel veld 'title'" in problem.message


@pytest.mark.parametrize("value", [
    "!!python/object/apply:os.system ['echo hi']", "!!binary aGFsbG8=", "!!set {a, b}", "!!timestamp 2027-02-30",
    "!!str x", "!eigen x", "!<tag:yaml.org,2002:str> x",
])
def test_explicit_tags_are_refused_at_their_position(value):
    located = load(f"title: x\na: {value}\n")
    [problem] = located.problems
    assert (problem.line, problem.column) == (2, 4)
    assert "YAML-labels" in problem.message


@pytest.mark.parametrize("text, position", [
    ("<<: {title: x}\n", (1, 1)),
    ("title: y\nconsent:\n  <<: {scope: [profiel]}\n", (3, 3)),
    ("<<: [{a: 1}, {b: 2}]\n", (1, 1)),
])
def test_merge_keys_are_refused_not_merged(text, position):
    located = load(text)
    [problem] = located.problems
    assert (problem.line, problem.column) == position
    assert "<<" in problem.field and "samenvoeg" in problem.message
    assert "<<" not in str(located.data) and "scope" not in str(located.data.get("consent", ""))


@pytest.mark.parametrize("value", ["2027-02-30", "2026-02-29", "2027-02-30T10:00:00+25:00", "9999-12-31 10:00", "0001-01-01"])
def test_timestamps_stay_text_for_the_schema_to_check(value):
    located = load(f"start: {value}\n")
    assert located.data == {"start": value} and located.problems == []


def test_empty_document_is_none():
    assert load("").data is None
