"""A text is parsed once per build: the renderer takes the HTML of the content check's parse
(content_model.render.Parsed) where its own extensions change nothing, and that HTML is what a
fresh conversion makes of the text."""

import pytest
from content_model.body import MarkdownParser, check_markdown
from content_model.render import BASE_CONFIG, Parsed, Renderer, markdown_config, render
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import Markdown
from responsive_images.service import PictureExtension

SITE = "http://localhost:8000"


class _Service:
    """Stands in for the image service: the attributes of a ``<picture>`` for any image."""

    def picture_attributes(self, reference, alt):
        return {"type": "image/webp", "srcset": f"{reference}.webp 800w"}, {"src": reference, "alt": alt}


class _Opaque(PictureExtension):
    """An extension that does not say where it changes nothing (no ``inert_on``)."""

    inert_on = None


words = st.text(alphabet="abcdeéëfijk xyz", min_size=1, max_size=12).map(str.strip).filter(bool)
targets = st.sampled_from(["https://example.nl/a", "/agenda/", "//cdn.test/x", "mailto:a@b.nl", "#kop", "pad/a b",
                           "/verhalen/?a=1&b=2", "images/a.jpg", "{static}/images/b.jpg", "javascript:x"])
inline = st.one_of(
    words,
    words.map(lambda w: f"*{w}*"),
    words.map(lambda w: f"**{w}**"),
    words.map(lambda w: f"`{w} <b> & {w}`"),
    words.map(lambda w: f'"{w}" -- \'{w}\' ...'),
    st.tuples(words, targets).map(lambda p: f"[{p[0]}]({p[1]})"),
    st.tuples(words, targets).map(lambda p: f'[{p[0]}]({p[1]} "titel")'),
    st.tuples(words, targets).map(lambda p: f"![{p[0]}]({p[1]})"),
    targets.map(lambda t: f"<{t}>"),
    st.sampled_from(["[^1]", "[^noot]", "[^1]", "HTML", "<span>x</span>", "&amp;", "&copy;", "\\*", "\\[x\\]",
                     "<!-- c -->", "a  \nb", "[ref]", "[ref][]", "[Ref]"]),
)
paragraph = st.lists(inline, min_size=1, max_size=6).map(" ".join)
block = st.one_of(
    paragraph,
    st.tuples(st.sampled_from(["#", "##", "###"]), paragraph).map(" ".join),
    paragraph.map(lambda p: f"> {p}"),
    st.lists(paragraph, min_size=1, max_size=3).map(lambda ps: "\n".join(f"- {p}" for p in ps)),
    st.lists(paragraph, min_size=1, max_size=3).map(lambda ps: "\n".join(f"1. {p}" for p in ps)),
    st.tuples(st.sampled_from(["", "python", "html"]), paragraph).map(lambda p: f"```{p[0]}\n<p>{p[1]}</p>\n&amp;\n```"),
    paragraph.map(lambda p: f"    {p} <b>code</b>"),
    st.sampled_from(["<div>\n<script>alert(1)</script>\n</div>", "<p onclick=\"x\">raw</p>", "---",
                     "| a | b |\n|---|---|\n| 1 | [x](/a/) |", "Term\n: Uitleg", "*[HTML]: HyperText Markup Language"]),
    paragraph.map(lambda p: f"[^1]: {p}"),
    paragraph.map(lambda p: f"[^noot]: {p}\n\n    {p}"),
    targets.map(lambda t: f"[ref]: {t}"),
)
texts = st.lists(block, min_size=1, max_size=8).map("\n\n".join)


def renderers():
    return [Renderer(), Renderer(siteurl=SITE), Renderer([PictureExtension(_Service())], siteurl=SITE),
            Renderer([_Opaque(_Service())], siteurl=SITE)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=3))
def test_the_reused_html_is_what_a_fresh_render_makes(batch):
    parser = MarkdownParser()  # one parser for several texts, as the check has: a reset must leave nothing behind
    for text in batch:
        found = parser.parse(text)
        parsed = found.parsed(text)
        # the collecting extension changes nothing: the check's HTML is a fresh base converter's
        assert found.html == Markdown(**markdown_config()).convert(text)
        for renderer, fresh in zip(renderers(), renderers(), strict=True):
            assert renderer.render(text, parsed) == fresh.render(text)  # fresh: without the parse
            if renderer.reusable(text, parsed):
                assert "markdown" not in vars(renderer)  # reused: no converter made, nothing parsed


def test_a_plain_text_is_not_parsed_again():
    text = "## Kop\n\nEen [link](https://example.nl) en een voetnoot[^1].\n\n[^1]: Noot met *nadruk*."
    parsed = MarkdownParser().parse(text).parsed(text)
    for renderer in renderers()[:3]:
        html = renderer.render(text, parsed)
        assert "markdown" not in vars(renderer)
        assert html == render(text, renderer.extensions[:-1], renderer.extensions[-1].siteurl)


@pytest.mark.parametrize(("text", "renderer"), [
    ("Naar de [agenda](/agenda/).", Renderer(siteurl=SITE)),  # the site URL goes in front of the link
    ("Een ![foto](images/a.jpg).", Renderer([PictureExtension(_Service())])),  # the image becomes a <picture>
    ("Tekst.", Renderer([_Opaque(_Service())])),  # an extension that does not say where it changes nothing
])
def test_a_text_that_extensions_change_is_converted_again(text, renderer):
    parsed = MarkdownParser().parse(text).parsed(text)
    assert not renderer.reusable(text, parsed)
    assert renderer.render(text, parsed) == Renderer(renderer.extensions[:-1], renderer.extensions[-1].siteurl).render(text)
    assert "markdown" in vars(renderer)


def test_a_site_link_is_reused_without_a_site_url():
    text = "Naar de [agenda](/agenda/)."
    parsed = MarkdownParser().parse(text).parsed(text)
    assert Renderer().reusable(text, parsed) and Renderer(siteurl="/").reusable(text, parsed)


def test_only_the_same_text_under_the_same_configuration_is_reused():
    parsed = MarkdownParser().parse("Een tekst.").parsed("Een tekst.")
    renderer = Renderer()
    assert renderer.reusable("Een tekst.", parsed)
    assert not renderer.reusable("Een tekst!", parsed)
    assert not renderer.reusable("Een tekst.", None)
    other = Parsed(parsed.text, BASE_CONFIG + " ", parsed.html, parsed.tags, parsed.links)
    assert not renderer.reusable("Een tekst.", other)
    assert renderer.render("Een tekst!", parsed) == render("Een tekst!")


def test_check_markdown_keeps_the_parse_of_each_text():
    kept = {}
    body, bio = "Een *tekst*.", "Een [link](https://example.nl)."
    assert check_markdown("f.md", "tekst", body, 1, None, parsed=kept) == []
    assert check_markdown("f.md", "bio", bio, 1, None, images=False, parsed=kept) == []
    assert set(kept) == {body, bio}
    assert kept[bio].links == ("https://example.nl",) and "a" in kept[bio].tags
    assert Renderer(siteurl=SITE).render(bio, kept[bio]) == render(bio, siteurl=SITE)


def test_a_renderer_with_a_cache_takes_the_parse_instead_of_the_workers(tmp_path, monkeypatch):
    monkeypatch.setattr("content_model.render.PARALLEL_FROM", 1)
    texts = [f"Tekst {n} met een [link](https://example.nl/{n})." for n in range(5)]
    parser = MarkdownParser()
    parsed = {text: parser.parse(text).parsed(text) for text in texts[:3]}
    jobs = []

    def start(function, items):
        jobs.extend(items)
        return lambda: ([function(item) for item in items], None)

    renderer = Renderer(siteurl=SITE, cache=tmp_path / "bios.json")
    assert renderer.render_many(texts, start, parsed) == [render(text, siteurl=SITE) for text in texts]
    assert [text for _, batch in jobs for text in batch] == texts[3:]  # only the texts without a parse
    assert len(renderer.used) == len(texts)
