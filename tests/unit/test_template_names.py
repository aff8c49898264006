"""Which shared variables, and which parts of a document, a template and its imports may read."""

from __future__ import annotations

from incremental.writer import TemplateNames
from jinja2 import DictLoader, Environment


def environment(templates: dict[str, str]) -> Environment:
    return Environment(loader=DictLoader(templates))


def test_names_and_text_reads_follow_extends_includes_and_imports(tmp_path):
    env = environment({
        "base.html": "{{ SITENAME }}{% block body %}{% endblock %}",
        "macros.html": "{% macro card(item) %}{{ item.title }}: {{ item.summary }}{% endmacro %}",
        "list.html": '{% extends "base.html" %}{% import "macros.html" as m %}'
                     "{% block body %}{% for a in articles %}{{ m.card(a) }}{% endfor %}{% endblock %}",
        "story.html": '{% extends "base.html" %}{% block body %}{{ article.content }}{% endblock %}',
        "mapped.html": '{{ articles | map(attribute="content") | join }}',
        "plain.html": '{% include "base.html" %}{{ profile.name }}',
    })
    names = TemplateNames(tmp_path / "names")
    assert {"SITENAME", "articles"} <= names(env, "list.html")
    assert names.reads(env, "list.html") == {"summary"}
    assert names.reads(env, "story.html") == {"content"}
    assert names.reads(env, "mapped.html") == {"content"}
    assert names.reads(env, "plain.html") == frozenset()
    # the answers are kept per template source, for the next build and for other builds sharing the folder
    kept = sorted(p.name for p in (tmp_path / "names").iterdir())
    assert len(kept) == 6
    again = TemplateNames(tmp_path / "names")
    env.parse = None  # the next build reads the kept answers and parses nothing
    assert again.reads(env, "list.html") == {"summary"} and again(env, "list.html") == names(env, "list.html")
    # an edited source is a new key: parsed again, its answer kept beside the old one
    edited = environment({**{name: env.loader.mapping[name] for name in env.loader.mapping},
                          "story.html": '{% extends "base.html" %}{% block body %}{{ article.title }}{% endblock %}'})
    assert TemplateNames(tmp_path / "names").reads(edited, "story.html") == frozenset()
    assert len(list((tmp_path / "names").iterdir())) == 7
