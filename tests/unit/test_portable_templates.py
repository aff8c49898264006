"""incremental.templates: site links made relative where the templates write them give what
relativising the written page gave (incremental.portable.relativize)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from incremental.portable import relativize
from incremental.templates import PortableUrlsExtension, url_kind
from infra.markup import Rendered
from infra.markup import rendered as mark
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from nl_format.templates import TypographyExtension, typeset_value

SITE = "http://localhost:8000"
TEMPLATES = {
    "links": '<a href="{{ SITEURL }}/{{ path }}">x</a><img src="{{ SITEURL }}/a.jpg" alt="{{ SITEURL }}/b">',
    "kept": '<link rel="canonical" href="{{ SITEURL }}/{{ path }}"><link rel="alternate" hreflang="en" href="{{ SITEURL }}/en/">'
            '<meta property="og:url" content="{{ SITEURL }}/{{ path }}"><link rel="icon" href="{{ SITEURL }}/f.svg">',
    "srcset": '<img srcset="{{ SITEURL }}/a-400.jpg 400w, {{ SITEURL }}/a-800.jpg 800w" src="{{ SITEURL }}/a.jpg">',
    "refresh": '<meta http-equiv="refresh" content="0; url={{ SITEURL }}/{{ path }}"><a href="{{ SITEURL }}/{{ path }}">x</a>',
    "data": '<div data-root="{{ SITEURL }}" data-x="{{ SITEURL }}/{{ path }}?q=1#h" class="{{ SITEURL }}"></div>',
    "fragment": "<div>{{ picture }}</div><p>{{ SITEURL }}/{{ path }}</p>",
    "macro": '{% macro link(p) %}<a href="{{ SITEURL }}/{{ p }}">{{ p }}</a>{% endmacro %}<nav>{{ link(path) }}</nav>',
    "conditional": '<a{% if path %} href="{{ SITEURL }}/{{ path }}"{% endif %} class="x">y</a>',
    "other site": '<a href="https://example.org/{{ path }}">z</a><a href="{{ SITEURL }}x/">w</a>',
    "script": '<script type="application/json">{"u": "{{ SITEURL }}/a"}</script><a href="{{ SITEURL }}/">home</a>',
}
PAGES = ["index.html", "verhalen/index.html", "verhalen/deeg/index.html", "404.html", "a/b/c/index.html"]


def environment(*extensions):
    return Environment(loader=DictLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                       extensions=list(extensions))


PLAIN, PORTABLE = environment(), environment(PortableUrlsExtension)
BOTH = environment(TypographyExtension, PortableUrlsExtension)


def rendered(name, output_file, path, env=PORTABLE, portable=True):
    values = {"SITEURL": SITE, "PORTABLE_URLS": portable, "output_file": output_file, "path": path,
              "picture": Markup(f'<picture><source srcset="{SITE}/p-1.webp 1x"><img src="{SITE}/p.jpg" alt=""></picture>')}
    return env.get_template(name).render(values), relativize(PLAIN.get_template(name).render(values), SITE, output_file)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
@pytest.mark.parametrize("output_file", PAGES)
def test_links_made_relative_in_the_template_equal_the_relativised_page(name, output_file):
    compiled, page = rendered(name, output_file, "verhalen/deeg/")
    assert compiled == page


def test_it_does_make_links_relative_and_keeps_the_rest():
    compiled, _ = rendered("kept", "verhalen/deeg/index.html", "verhalen/deeg/")
    assert f'rel="canonical" href="{SITE}/verhalen/deeg/"' in compiled and f'content="{SITE}/verhalen/deeg/"' in compiled
    assert 'rel="icon" href="../../f.svg"' in compiled
    compiled, _ = rendered("refresh", "oud/index.html", "verhalen/deeg/")
    assert 'content="0; url=../verhalen/deeg/"' in compiled


def test_a_build_that_is_not_portable_keeps_absolute_urls():
    for name in TEMPLATES:
        compiled, _ = rendered(name, "verhalen/deeg/index.html", "x/", portable=False)
        assert compiled == PLAIN.get_template(name).render(
            {"SITEURL": SITE, "path": "x/", "picture": Markup(
                f'<picture><source srcset="{SITE}/p-1.webp 1x"><img src="{SITE}/p.jpg" alt=""></picture>')})


@given(path=st.text(alphabet="abc/'?#&\" ", max_size=12), output_file=st.sampled_from(PAGES))
def test_any_path_on_any_page(path, output_file):
    for name in TEMPLATES:
        compiled, page = rendered(name, output_file, path)
        assert compiled == page, name


def test_url_kind():
    assert url_kind("a", "href", {}) == "url" and url_kind("img", "srcset", {}) == "srcset"
    assert url_kind("link", "href", {"rel": "canonical"}) is None and url_kind("link", "href", {"rel": "icon"}) == "url"
    assert url_kind("meta", "content", {"http-equiv": "refresh"}) == "refresh"
    assert url_kind("meta", "content", {"property": "og:url"}) is None and url_kind("a", "class", {}) is None
    assert url_kind("div", "data-root", {}) == "url"


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_with_typography_as_the_page_was_finished(name):
    """Both extensions together give what the writer's two passes gave (typography, then links)."""
    from nl_format.typography import typeset_html

    values = {"SITEURL": SITE, "PORTABLE_URLS": True, "output_file": "verhalen/deeg/index.html", "path": "collega's/",
              "picture": Markup(f'<img src="{SITE}/p.jpg" alt="foto\'s">')}
    page = relativize(typeset_html(PLAIN.get_template(name).render(values)), SITE, "verhalen/deeg/index.html")
    assert BOTH.get_template(name).render(values) == page


CAPTURED = ('{% set body %}<p>{{ text }}</p><a href="{{ SITEURL }}/{{ path }}" title="{{ text }}">{{ text }}</a>{{ picture }}'
            '{% endset %}<main>{{ body MARK}}</main>')


@given(text=st.text(alphabet=st.sampled_from("ab '\"-.,:;!?…0123&<>é\u00a0\n"), max_size=40),
       output_file=st.sampled_from(PAGES), portable=st.booleans())
def test_html_a_template_made_is_written_as_made_the_filters_give_it_again_unchanged(text, output_file, portable):
    """A page's body captured with {% set %} is written with ``| rendered`` (base.html): the typography and
    link filters pass it on as it is. Filtering it again as a whole, as before, gives the same page."""
    env = environment(TypographyExtension, PortableUrlsExtension)
    env.loader = DictLoader({"once": CAPTURED.replace("MARK", "| rendered "), "twice": CAPTURED.replace("MARK", "")})
    values = {"SITEURL": SITE, "PORTABLE_URLS": portable, "output_file": output_file, "path": "verhalen/deeg/",
              "text": text, "picture": Markup(f'<picture><img src="{SITE}/p.jpg" alt="{text}"></picture>')}
    assert env.get_template("once").render(values) == env.get_template("twice").render(values)


def test_the_filters_pass_marked_html_on_as_it_is_and_the_mark_takes_only_html():
    made = mark(Markup("<p>Het is 'n \"mooie\" dag</p>"))
    assert isinstance(made, Rendered) and typeset_value(made) is made
    assert typeset_value(Markup(str(made))) != made  # the same HTML, unmarked, is typeset
    env = environment(TypographyExtension, PortableUrlsExtension)
    env.loader = DictLoader({"t": "{{ x | rendered }}"})
    with pytest.raises(TypeError, match="rendered filter takes HTML"):
        env.get_template("t").render(x="plain text")
