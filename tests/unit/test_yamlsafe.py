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


# --- libyaml's parser (the fast path) gives what PyYAML's own gives, or the file goes to PyYAML's ---

from pathlib import Path  # noqa: E402

from content_model import yamlsafe  # noqa: E402
from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def outcome(text: str, loader) -> tuple:
    """What a loader makes of ``text``: the data with every position and problem, or its error."""
    try:
        located = yamlsafe._load(text, 3, loader)
    except yamlsafe.YamlProblem as problem:
        return ("refused", problem.line, problem.column, problem.field, problem.message)
    except (UnicodeError, yamlsafe._AskPyYAML):  # libyaml takes UTF-8 only; an empty value left out
        return ("refused",)
    return (repr(located.data), located.keys, located.values,
            [(p.line, p.column, p.field, p.message) for p in located.problems])


def test_the_fast_path_is_libyaml():
    assert yamlsafe.yaml.__with_libyaml__ and yamlsafe._FastLoader is not yamlsafe._Loader


def same_as_pyyaml(text: str) -> None:
    fast = outcome(text, yamlsafe._FastLoader)
    slow = outcome(text, yamlsafe._Loader)
    if fast[0] != "refused" and not yamlsafe._UNLIKE.search(text):  # load() gives those to PyYAML  # what libyaml parses, PyYAML parses the same, to the character
        assert fast == slow, text
    # what load() gives is PyYAML's own outcome either way
    try:
        located = yamlsafe.load(text, 3)
        got = (repr(located.data), located.keys, located.values,
               [(p.line, p.column, p.field, p.message) for p in located.problems])
    except yamlsafe.YamlProblem as problem:
        got = ("refused", problem.line, problem.column, problem.field, problem.message)
    assert got == slow, text


def test_every_yaml_of_the_repository_and_the_catalogue_loads_as_pyyaml_loads_it():
    texts = [p.read_bytes().decode("utf-8", "surrogateescape") for p in sorted(ROOT.glob("content/**/*.yaml"))]
    texts += [p.read_bytes().decode("utf-8", "surrogateescape")  # hostile bytes too: they reach PyYAML's reader
              for p in sorted((ROOT / "tests" / "bad_input" / "cases").rglob("*.yaml"))]
    texts += [p.read_text(encoding="utf-8").split("---")[1] for p in sorted(ROOT.glob("content/**/*.md"))
              if p.read_text(encoding="utf-8").startswith("---")]
    assert len(texts) > 150
    for text in texts:
        same_as_pyyaml(text)


PIECES = ["title", "naam", "a", "b", "consent", "scope", ":", ": ", " ", "  ", "    ", "\t", "\n", "\n  ", "\n  - ",
          "- ", "[", "]", "{", "}", ",", "#", " # opmerking", '"', "'", "\\", "|", ">", "|-", ">+", "&a ", "*a", "!!str ",
          "!eigen ", "<<: ", "? ", "---", "...", "%YAML 1.2", "2026-02-29", "12:30", "0x1F", "1e3", "~", "null", "yes",
          "é", "ĳ", "’", "\u200b", "\u2028", "\ufeff", "\x85", "\x00", "\x07", "😀", "\ud800", "http://x.example/a#b",
          "ja: nee", "- [a, b]", "key: |\n  regel\n  regel", "x: 'it''s'", 'y: "a\\tb\\u00e9"']


@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40).map("".join))
@example("title: x\nb: *a\n")
@example("a: &x 1\n")
@example("a: \ud800\n")
@example("a:\n\t- b\n")
@example("a: b: c\n")
@example("? a")
@example("title:")
@example("title\t")
@example("\u2028\ufeff")
@example("a: x\x85y")
@example("a: |#")
@example("- a\nb: c\n")
@example("\ufefftitle: x\n")
def test_libyaml_gives_what_pyyaml_gives(text):
    same_as_pyyaml(text)
