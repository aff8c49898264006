"""incremental.explain: the parts of a page's key, and the one line saying why it was rendered again."""

from hypothesis import given
from hypothesis import strategies as st
from incremental.explain import (
    CLOCK,
    REFERENCE,
    baseline_parts,
    changed,
    document_stamps,
    documents_in,
    page_reason,
)

ROOT, CONTENT = "/p", "/p/content"
STAMPS = ["/p/theme/templates/base.html:10:1", "/p/plugins/seo/structured.py:20:1", "/p/scripts/build.py:5:1",
          "/p/pelicanconf.py:3:1", "/p/requirements.txt:4:1", "/p/content/data/regions.yaml:7:1",
          "/p/content/stories/a.md:8:1", "/p/content/images/x.jpg:9:1"]


def is_document(path: str) -> bool:
    return "/stories/" in path


def parts(stamps=STAMPS, extra=None, clock="2026-11-22T00:00:00+01:00"):
    return baseline_parts(stamps, ROOT, CONTENT, extra or {"config": "pelicanconf.py"}, clock, is_document)


def edited(path: str) -> list[str]:
    return [stamp.replace(":1", ":2") if stamp.startswith(path) else stamp for stamp in STAMPS]


def test_each_kind_of_file_changes_its_own_part():
    assert changed(parts(), parts(edited("/p/theme/"))) == ["templates"]
    assert changed(parts(), parts(edited("/p/plugins/"))) == ["plugin code"]
    assert changed(parts(), parts(edited("/p/scripts/"))) == ["build scripts"]
    assert changed(parts(), parts(edited("/p/pelicanconf.py"))) == ["settings"]
    assert changed(parts(), parts(edited("/p/requirements.txt"))) == ["dependencies"]
    assert changed(parts(), parts(edited("/p/content/data/"))) == [REFERENCE]
    assert changed(parts(), parts(edited("/p/content/images/"))) == [REFERENCE]
    assert changed(parts(), parts(extra={"config": "publishconf.py"})) == ["settings"]
    assert changed(parts(), parts(clock="2026-11-23T00:00:00+01:00")) == [CLOCK]


def test_document_files_are_not_in_the_baseline_but_stamped_one_by_one():
    assert changed(parts(), parts(edited("/p/content/stories/"))) == []
    before = document_stamps(STAMPS, CONTENT, is_document)
    assert before == {"stories/a.md": "8:1"}
    assert changed(before, document_stamps(edited("/p/content/stories/"), CONTENT, is_document)) == ["stories/a.md"]


def test_changed_counts_names_only_one_side_has():
    assert changed({"a": "1", "b": "2"}, {"a": "1", "c": "3"}) == ["c", "b"]


@given(st.dictionaries(st.text(max_size=3), st.text(max_size=3)))
def test_nothing_changed_between_equal_maps(values):
    assert changed(values, dict(values)) == []


class Doc:
    def __init__(self, path):
        self.path = path


def source_of(value):
    return value.path if isinstance(value, Doc) else None


def test_documents_are_found_in_lists_and_dicts_two_levels_down():
    a, b, c = Doc("stories/a.md"), Doc("stories/b.md"), Doc("pages/c.md")
    assert documents_in(a, source_of) == {"stories/a.md"}
    assert documents_in([a, b], source_of) == {"stories/a.md", "stories/b.md"}
    assert documents_in({"x": [a], "y": (c,)}, source_of) == {"stories/a.md", "pages/c.md"}
    assert documents_in({"x": {"y": [a]}}, source_of) == set()  # deeper: the input is named without files
    assert documents_in("stories/a.md", source_of) == set()


PAGE = ["article.html", "text", {"article": "1111"}, ["articles", "SITENAME"]]
GLOBALS = {"text:articles": "aaaa", "text:SITENAME": "ssss"}


def reason(**changes):
    arguments = {"incremental": True, "baseline_changed": [], "previous": PAGE, "current": PAGE,
                 "previous_globals": GLOBALS, "current_globals": GLOBALS, "files_missing": False,
                 "sources": lambda name: []} | changes
    return page_reason(**arguments)


def test_reasons_in_order_of_precedence():
    assert reason(incremental=False, baseline_changed=["templates"]) == "no earlier build in this folder"
    assert reason(baseline_changed=["templates", CLOCK]) == f"baseline: templates, {CLOCK}"
    assert reason(previous=None) == "new page"
    assert reason(current=["other.html", *PAGE[1:]]) == "template now other.html (was article.html)"
    assert reason(files_missing=True) == "an output file was missing or changed by hand"


def test_changed_argument_and_context_name_their_files():
    now = [*PAGE[:2], {"article": "2222"}, PAGE[3]]
    assert reason(current=now, sources=lambda name: ["stories/a.md"]) == "argument article (stories/a.md)"
    assert reason(current_globals=GLOBALS | {"text:articles": "bbbb"}) == "context articles"
    assert reason(current_globals=GLOBALS | {"text:articles": "bbbb"},
                  sources=lambda name: ["stories/a.md", "stories/b.md"]) == (
        "context articles (stories/a.md, stories/b.md)")
    newly_read = [*PAGE[:3], ["articles", "SITENAME", "taxonomy"]]
    assert reason(current=newly_read, current_globals=GLOBALS | {"text:taxonomy": "tttt"}) == "context taxonomy"
