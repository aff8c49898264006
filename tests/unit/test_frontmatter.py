import pytest
from content_model.frontmatter import split
from content_model.yamlsafe import YamlProblem


def test_yaml_front_matter_and_body_line():
    document = split("---\ntitle: Hoi\ndate: 2024-03-12\n---\nTekst\n")
    assert document.header_form == "yaml"
    assert document.meta.data["title"] == "Hoi"
    assert document.meta.keys[("date",)] == (3, 1)
    assert document.body == "Tekst\n"
    assert document.body_line == 5


def test_pelican_key_value_header():
    document = split("Title: Hoi\nDate: 2024-03-12 10:20\nCrafts: smeden, weven\n\nTekst")
    assert document.header_form == "pelican"
    assert document.meta.data == {"title": "Hoi", "date": "2024-03-12 10:20", "crafts": "smeden, weven"}
    assert document.meta.keys[("crafts",)] == (3, 1)
    assert document.body == "Tekst"
    assert document.body_line == 5


def test_no_header_at_all():
    document = split("Gewoon tekst\n")
    assert document.header_form == "none"
    assert document.meta.data == {}


def test_unclosed_front_matter():
    with pytest.raises(YamlProblem) as error:
        split("---\ntitle: x\n")
    assert "sluit niet af" in error.value.message


def test_list_instead_of_mapping():
    with pytest.raises(YamlProblem) as error:
        split("---\n- a\n- b\n---\n")
    assert error.value.line == 2


def test_yaml_error_line_is_file_line():
    with pytest.raises(YamlProblem) as error:
        split("---\ntitle: x\nsummary: [unclosed\n---\n")
    assert error.value.line >= 3
