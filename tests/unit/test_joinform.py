"""The join form's fields come from the profile schema and speak to a craftsperson (web_editor.joinform)."""

from __future__ import annotations

import re

from content_model.check import content_kinds
from web_editor.joinform import consent_field, form_fields

CRAFTS = {"smeden": {"name": "Smeden", "group": "metaal"}, "weven": {"name": "Weven", "group": "textiel"}}
GROUPS = {"metaal": "Metaal", "textiel": "Textiel en leer", "leeg": "Leeg"}
REGIONS = {"utrecht": "Utrecht", "landelijk": "Landelijk"}
# What a developer writes and a craftsperson should never read in the form.
JARGON = re.compile(r"\b(true|false|Markdown|HTML|YAML|id|ids|slug|contact_public|consent|scope|content/|\.yaml)\b")


def schema():
    return content_kinds()["profile"]


def test_every_form_field_is_a_schema_property_in_schema_order():
    fields = form_fields(schema(), CRAFTS, GROUPS, REGIONS)
    names = [f.name for f in fields]
    properties = [name for name, prop in schema()["properties"].items() if prop.get("x-form") is not False and name != "consent"]
    assert names == properties
    assert {"status", "withdrawn", "badges", "aliases"}.isdisjoint(names)  # the editors' fields stay out


def test_questions_hints_and_options_are_plain_dutch():
    fields = form_fields(schema(), CRAFTS, GROUPS, REGIONS) + [consent_field(schema())]
    for f in fields:
        assert f.label != schema()["properties"].get(f.name, {}).get("title"), f.name  # a question, not the editors' label
        texts = [f.label, f.hint, *(text for _, text in f.options), *f.descriptions.values()]
        for text in texts:
            assert not JARGON.search(text), (f.name, text)


def test_widgets_follow_the_schema():
    fields = {f.name: f for f in form_fields(schema(), CRAFTS, GROUPS, REGIONS)}
    assert fields["type"].widget == "radio" and fields["type"].options[0] == ("ambachtsmens", "Ik werk zelf in een ambacht")
    assert fields["crafts"].widget == "grouped-checkboxes"
    assert fields["crafts"].groups == [("Metaal", [("smeden", "Smeden")]), ("Textiel en leer", [("weven", "Weven")]), ("Leeg", [])]
    assert fields["region"].widget == "select" and fields["region"].options == list(REGIONS.items())
    assert fields["offers"].widget == "checkboxes" and dict(fields["offers"].options)["leerplek"].startswith("Een leerplek")
    assert fields["bio"].widget == "textarea" and fields["skills"].widget == "lines"
    assert fields["since"].widget == "number" and fields["contact_public"].widget == "boolean"
    assert fields["email"].widget == "email" and fields["website"].widget == "url"
    assert fields["photo"].widget == "photo" and fields["photo_alt"].widget == "text"
    assert fields["name"].required and not fields["tagline"].required and fields["tagline"].max_length == 120
    assert fields["crafts"].sometimes_required and not fields["crafts"].required  # only for some kinds
    assert not fields["tagline"].sometimes_required


def test_consent_is_asked_per_use_with_one_sentence_each():
    consent = consent_field(schema())
    assert [value for value, _ in consent.options] == ["profiel", "foto", "badge", "open-data"]
    for value, label in consent.options:
        sentence = consent.descriptions[value]
        assert label and sentence.endswith(".") and sentence.count(". ") == 0, value  # one sentence


def test_a_new_property_shows_up_by_itself_and_can_be_kept_out():
    changed = schema() | {"properties": {**schema()["properties"],
                                         "motto": {"type": "string", "title": "Motto", "x-form-label": "Je motto"},
                                         "intern": {"type": "string", "x-form": False}}}
    names = {f.name: f for f in form_fields(changed, CRAFTS, GROUPS, REGIONS)}
    assert names["motto"].label == "Je motto" and names["motto"].widget == "text" and "intern" not in names
