"""Dutch apostrophes on the pages (plugins/nl_format/typography.py)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from nl_format.typography import APOSTROPHE, WORD_JOINER, typeset, typeset_html

A, WJ = APOSTROPHE, WORD_JOINER


def test_elisions_and_plurals_get_the_apostrophe():
    assert typeset("Ingrid van 't Hof") == f"Ingrid van {A}t Hof"
    assert typeset("om vier uur 's nachts") == f"om vier uur {A}s nachts"
    assert typeset("om vier uur \u2018s nachts") == f"om vier uur {A}s nachts"  # Markdown's opening quote
    assert typeset("'t Is mooi, zo'n dag") == f"{A}t Is mooi, zo{A}n dag"
    assert typeset("collega's en foto's") == f"collega{A}s en foto{A}s"


def test_a_place_with_s_hyphen_is_kept_together():
    assert typeset("in 's-Hertogenbosch") == f"in {A}s-{WJ}Hertogenbosch"
    assert typeset(f"in {A}s-Gravenhage") == f"in {A}s-{WJ}Gravenhage"
    assert typeset(typeset("'s-Hertogenbosch")) == typeset("'s-Hertogenbosch")  # idempotent


def test_quotations_are_left_alone():
    text = "\u2018Goeiemorgen, Jan.\u2019 Zo gaat het. 'Sjoerd' zegt 'so long'."
    assert typeset(text) == text


def test_pages_get_it_in_text_and_readable_attributes_only():
    html = ('<html><head><title>Van &#39;t Hof</title><meta property="og:title" content="Van &#39;t Hof">'
            '<script type="application/ld+json">{"name": "Van \'t Hof"}</script></head>'
            '<body><p>uur &lsquo;s nachts in &#39;s-Hertogenbosch</p><img alt="Sjoerd&#39;s oven" src="a\'s.jpg">'
            "<pre>it's code</pre><code>'t</code><a href=\"/x?q='t\">x</a></body></html>")
    out = typeset_html(html)
    assert f"<title>Van {A}t Hof</title>" in out and f'content="Van {A}t Hof"' in out
    assert f"uur {A}s nachts in {A}s-{WJ}Hertogenbosch" in out
    assert f'alt="Sjoerd{A}s oven"' in out and "src=\"a's.jpg\"" in out
    assert '{"name": "Van \'t Hof"}' in out and "<pre>it's code</pre>" in out and "<code>'t</code>" in out
    assert "href=\"/x?q='t\"" in out


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz '\u2018-HS", max_size=40)


@given(words)
def test_typesetting_is_idempotent_and_changes_only_quotes_and_joiners(text):
    once = typeset(text)
    assert typeset(once) == once
    assert once.replace(A, "'").replace(WJ, "").replace("\u2018", "'") == text.replace("\u2018", "'")


@given(st.text(alphabet="<>/ab=\"' &#39;pscript", max_size=60))
def test_html_that_has_no_apostrophes_is_unchanged(html):
    if "'" not in html and "&#39;" not in html:
        assert typeset_html(html) == html


@settings(max_examples=400)
@example("van &#39;t Hof")
@given(st.lists(st.sampled_from(["<p>", "</p>", "<pre>", "</pre>", '<img alt="', '">', "<!--", "-->", "a", "s", "t",
                                         " ", "-", "H", "'", "\u2018", "\u2019", "&#39;", "&#x27;", "&apos;", "&lsquo;",
                                         "&rsquo;", "&amp;", "&#8217;", "&", "#39;", "<", ">", '"']), max_size=40)
       .map("".join))
def test_the_quick_answer_for_html_without_quotes_is_the_token_walks_answer(html):
    """typeset_html returns a page without any quote (typed or as an entity) as it is; that shortcut
    must give what walking its tokens gives, for any mix of tags, entities and text."""
    from nl_format.typography import _typeset_tokens

    assert typeset_html(html) == _typeset_tokens(html)
