from content_model.body import body_images, check_markdown
from PIL import Image


def problems(text, root=None):
    return check_markdown("x.md", "tekst", text, 10, root)


def test_plain_markdown_is_fine():
    assert problems("## Kop\n\nTekst met [een link](https://example.nl) en <https://example.nl>.\n\n- a < b\n") == []


def test_raw_html_is_refused_with_position():
    found = problems("Regel\nMet <script>alert(1)</script> erin")
    assert found[0].line == 11 and found[0].column == 5
    assert "HTML is niet toegestaan" in found[0].message


def test_html_comment_and_closing_tags_are_refused():
    assert len(problems("<!-- verborgen -->")) == 1
    assert problems("<div\nclass=x>")[0].line == 10


def test_html_inside_code_is_fine():
    assert problems("Gebruik `<br>` niet.\n\n```\n<script>x</script>\n```\n") == []


def test_javascript_links_are_refused_even_obfuscated():
    for target in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script&#58;alert(1)", "data:text/html,x"):
        found = problems(f"[klik]({target})")
        assert found and "niet toegestaan" in found[0].message, target


def test_reference_definition_with_bad_scheme():
    assert problems("[a][1]\n\n[1]: vbscript:msgbox")[0].line == 12


def test_image_needs_alt_and_must_be_local(tmp_path):
    Image.new("RGB", (10, 10)).save(tmp_path / "a.jpg")
    assert problems("![Een beeld](a.jpg)", tmp_path) == []
    assert "alternatieve tekst" in problems("![](a.jpg)", tmp_path)[0].message
    assert "andere sites" in problems("![x](https://cdn.example.com/a.jpg)", tmp_path)[0].message
    assert "bestaat niet" in problems("![x](b.jpg)", tmp_path)[0].message


def test_body_images_lists_local_images():
    assert body_images("![A](images/a.jpg)\n\n```\n![B](b.jpg)\n```") == [("A", "images/a.jpg")]
