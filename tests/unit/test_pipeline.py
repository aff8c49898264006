from PIL import Image
from responsive_images.pipeline import plan, publish, render, render_all


def photo(path, size=(2000, 1000), orientation=None, mode="RGB"):
    image = Image.new(mode, size, (200, 100, 50) if mode == "RGB" else (200, 100, 50, 128))
    exif = image.getexif()
    exif[0x010F] = "ExampleCam"
    exif.get_ifd(0x8825)[1] = "N"
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG" if mode == "RGB" else "PNG", exif=exif.tobytes())
    return path


def test_plan_widths_formats_and_hash(tmp_path):
    source = photo(tmp_path / "Smid Foto.jpg")
    result = plan(source, "images/Smid Foto.jpg", [480, 800, 1200, 1600])
    assert [v.width for v in result.of_format("webp")] == [480, 800, 1200, 1600]
    assert result.fallback == "jpeg"
    assert result.variants[0].name == f"smid-foto-{result.digest}-480.webp"
    assert result.of_format("jpeg")[0].height == 240
    # different bytes, different names
    photo(tmp_path / "b.jpg", size=(2000, 1001))
    assert plan(tmp_path / "b.jpg", "images/b.jpg", [480]).digest != result.digest


def test_small_images_are_not_upscaled(tmp_path):
    result = plan(photo(tmp_path / "a.jpg", size=(600, 400)), "a.jpg", [480, 800, 1200])
    assert [v.width for v in result.of_format("jpeg")] == [480, 600]


def test_exif_orientation_is_applied_then_all_metadata_removed(tmp_path):
    source = photo(tmp_path / "a.jpg", size=(1000, 500), orientation=6)
    result = plan(source, "a.jpg", [480])
    assert (result.width, result.height) == (500, 1000)
    cache = tmp_path / "cache"
    assert render(source, result, cache) == len(result.variants)
    for variant in result.variants:
        with Image.open(cache / variant.name) as out:
            assert out.size == (variant.width, variant.height)
            assert not out.getexif()
            assert "exif" not in out.info and "xmp" not in out.info and "icc_profile" not in out.info


def test_alpha_keeps_png_fallback(tmp_path):
    result = plan(photo(tmp_path / "a.png", mode="RGBA", size=(800, 400)), "a.png", [480])
    assert result.fallback == "png"


def test_cache_means_nothing_is_rendered_twice(tmp_path):
    source = photo(tmp_path / "a.jpg")
    jobs = [(source, plan(source, "a.jpg", [480, 800]))]
    cache = tmp_path / "cache"
    assert render_all(jobs, cache) == 4
    assert render_all(jobs, cache) == 0
    publish(jobs, cache, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(v.name for v in jobs[0][1].variants)
