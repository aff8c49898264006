import os

import pytest
from content_model.files import FileProblem, inspect_image, read_text, resolve_content_path
from PIL import Image


def test_bom_and_crlf_are_normalised(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbftitle: x\r\nb: y\r\n")
    assert read_text(path) == "title: x\nb: y\n"


def test_invalid_utf8_reports_line_and_column(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    with pytest.raises(FileProblem) as error:
        read_text(path)
    assert (error.value.line, error.value.column) == (2, 11)
    assert "UTF-8" in error.value.message


def test_too_large_text_file(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"a" * 1_000_001)
    with pytest.raises(FileProblem, match="te groot"):
        read_text(path)


@pytest.mark.parametrize("reference, message", [
    ("../geheim.jpg", "buiten content"),
    ("/etc/passwd", "absoluut pad"),
    ("images/../../x.jpg", "buiten content"),
    ("images/bestaat-niet.jpg", "bestaat niet"),
    ("C:/foto.jpg", "absoluut pad"),
])
def test_paths_outside_content_are_refused(tmp_path, reference, message):
    (tmp_path / "images").mkdir()
    with pytest.raises(FileProblem, match=message):
        resolve_content_path(tmp_path, reference)


def test_symlink_leaving_content_is_refused(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    outside = tmp_path / "secret.jpg"
    Image.new("RGB", (10, 10)).save(outside)
    os.symlink(outside, content / "images" / "link.jpg")
    with pytest.raises(FileProblem, match="snelkoppeling"):
        resolve_content_path(content, "images/link.jpg")


def test_inspect_image_accepts_a_real_jpeg(tmp_path):
    path = tmp_path / "a.jpg"
    Image.new("RGB", (300, 200)).save(path)
    info = inspect_image(path)
    assert (info.width, info.height, info.format) == (300, 200, "JPEG")


def test_not_an_image(tmp_path):
    path = tmp_path / "a.jpg"
    path.write_text("<svg onload=alert(1)>")
    with pytest.raises(FileProblem, match="geen afbeelding"):
        inspect_image(path)


def test_truncated_jpeg(tmp_path):
    path = tmp_path / "a.jpg"
    Image.effect_noise((800, 600), 60).convert("RGB").save(path, quality=95)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(FileProblem, match="beschadigd"):
        inspect_image(path)


def test_decompression_bomb_is_refused_before_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    Image.new("1", (10_000, 6_000)).save(path)  # 60 megapixels, a few kilobytes
    assert path.stat().st_size < 200_000
    with pytest.raises(FileProblem, match="megapixel"):
        inspect_image(path)


def test_gif_is_not_supported(tmp_path):
    path = tmp_path / "a.gif"
    Image.new("P", (10, 10)).save(path)
    with pytest.raises(FileProblem, match="GIF"):
        inspect_image(path)
