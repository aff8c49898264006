from bs4 import BeautifulSoup
from content_model.render import render
from PIL import Image
from responsive_images.service import ImageService, PictureExtension


def service(tmp_path):
    (tmp_path / "images").mkdir()
    Image.new("RGB", (1000, 500)).save(tmp_path / "images" / "a.jpg")
    return ImageService(tmp_path, "https://example.test/c", [480, 800], tmp_path / "cache")


def test_template_and_markdown_produce_the_same_picture(tmp_path):
    images = service(tmp_path)
    from_template = BeautifulSoup(str(images.picture("images/a.jpg", "Een smidse")), "html.parser")
    from_markdown = BeautifulSoup(render("![Een smidse](images/a.jpg)", [PictureExtension(images)]), "html.parser")
    for soup in (from_template, from_markdown):
        img = soup.select_one("picture > img")
        assert img["alt"] == "Een smidse" and (img["width"], img["height"]) == ("1000", "500")
        assert img["src"].startswith("https://example.test/c/images/a-") and img["src"].endswith("-800.jpg")
        assert soup.select_one("picture > source[type='image/webp']")["srcset"].count("w,") == 1
    assert from_template.select_one("img")["srcset"] == from_markdown.select_one("img")["srcset"]


def test_images_are_rendered_into_output_once(tmp_path):
    images = service(tmp_path)
    images.plan("images/a.jpg")
    assert images.render_into(tmp_path / "out") == 4
    assert images.render_into(tmp_path / "out2") == 0
    assert len(list((tmp_path / "out2" / "images").iterdir())) == 4


def test_share_image_is_at_most_1200_wide(tmp_path):
    info = service(tmp_path).share_image("images/a.jpg")
    assert info["width"] == 800 and info["type"] == "image/jpeg"
