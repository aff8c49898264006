from bs4 import BeautifulSoup
from content_model.render import render
from PIL import Image
from responsive_images.service import ImageService, PictureExtension


def service(tmp_path):
    if not (tmp_path / "images").exists():
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
    images.use("images/a.jpg")
    assert images.render_into(tmp_path / "out") == 4
    assert images.render_into(tmp_path / "out2") == 0
    assert len(list((tmp_path / "out2" / "images").iterdir())) == 4


def test_share_image_is_at_most_1200_wide(tmp_path):
    info = service(tmp_path).share_image("images/a.jpg")
    assert info["width"] == 800 and info["type"] == "image/jpeg"


def document(image, save_as="verhalen/x/index.html", status="published", body=()):
    from types import SimpleNamespace

    return SimpleNamespace(metadata={"image": image, "body_images": list(body)}, save_as=save_as, status=status)


def published_names(images, photos=None):
    jobs, refused = images.published(photos)
    return sorted(plan.source for _, plan in jobs), refused


def test_only_documents_this_build_writes_publish_their_images(tmp_path):
    images = service(tmp_path)
    for name in ("b", "c", "d", "e"):
        Image.new("RGB", (600, 300), (10 * ord(name), 0, 0)).save(tmp_path / "images" / f"{name}.jpg")
    images.add_document(document("images/a.jpg"))
    images.add_document(document("images/b.jpg", save_as="", status="draft"))  # publish build: not written
    images.add_document(document(None, status="draft", body=["images/c.jpg"]))  # written, but a draft
    images.add_document(document("images/d.jpg", status="hidden"))
    images.add_document(document("images/e.jpg", save_as=""))  # a translation that is not written
    images.picture_attributes("images/b.jpg", "")  # Markdown of a draft: planned, not published
    assert published_names(images) == (["images/a.jpg", "images/d.jpg"], [])
    images.show_drafts = True
    assert published_names(images) == (["images/a.jpg", "images/c.jpg", "images/d.jpg"], [])


def test_a_profile_photo_is_published_only_through_its_profile(tmp_path):
    images = service(tmp_path)
    photo = tmp_path / "images" / "a.jpg"
    profile = tmp_path / "profiles" / "jan.yaml"
    (tmp_path / "images" / "kopie.jpg").write_bytes(photo.read_bytes())  # same bytes, other name
    (tmp_path / "images" / "link.jpg").hardlink_to(photo)
    for route in ("images/a.jpg", "/images/a.jpg", "images/kopie.jpg", "images/link.jpg"):
        images = service(tmp_path) if route != "images/a.jpg" else images
        images.add_document(document(route))
        jobs, refused = images.published({photo.resolve(): profile})
        assert jobs == [] and len(refused) == 1, route
        assert refused[0].endswith("een profielfoto verschijnt alleen op het eigen profiel, met toestemming 'foto'")
        assert ":1:1: image: dit is de foto van profiel " in refused[0] and "jan.yaml" in refused[0]
    consented = service(tmp_path)
    consented.add_document(document("images/kopie.jpg"))
    consented.profile_photo("images/a.jpg")  # the directory: a published profile with foto consent
    jobs, refused = consented.published({photo.resolve(): profile})
    assert refused == [] and {plan.source for _, plan in jobs} == {"images/a.jpg", "images/kopie.jpg"}


def test_with_the_builds_workers_published_images_render_while_pages_are_written(tmp_path, monkeypatch):
    """With workers an image is rendered as soon as it is known to be published; the cache and the output are
    the same as without them, and an image of a document this build does not write is not rendered at all."""
    from responsive_images import service as service_module
    from responsive_images.pipeline import Workers

    monkeypatch.setattr(service_module, "PREFETCH_FROM", 1)  # a first build has many; an edit's few wait
    alone = service(tmp_path)
    alone.use("images/a.jpg")
    assert alone.render_into(tmp_path / "alone") == 4
    Image.new("RGB", (600, 300), (200, 10, 0)).save(tmp_path / "images" / "b.jpg")
    Image.new("RGB", (700, 300), (0, 90, 0)).save(tmp_path / "images" / "c.jpg")
    workers = Workers(2)
    try:
        shared = ImageService(tmp_path, "https://example.test/c", [480, 800], tmp_path / "shared-cache",
                              workers=workers)
        shared.use("images/a.jpg")
        shared.add_document(document("images/b.jpg"))
        shared.add_document(document("images/c.jpg", save_as="", status="draft"))  # not written in this build
        draft = {v.name for v in shared.plan("images/c.jpg").variants}
        assert shared.render_into(tmp_path / "shared") == 8
        assert shared.render_into(tmp_path / "again") == 0  # the renders started are waited for once
    finally:
        workers.close()
    assert not draft & {p.name for p in (tmp_path / "shared-cache").iterdir()}
    made = {p.name: p.read_bytes() for p in (tmp_path / "shared" / "images").iterdir()}
    assert len(made) == 8
    assert {p.name: p.read_bytes() for p in (tmp_path / "alone" / "images").iterdir()}.items() <= made.items()
