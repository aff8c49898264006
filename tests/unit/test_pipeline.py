import pytest
from PIL import Image
from responsive_images.pipeline import _render_job, pipeline_digest, plan, publish, render, render_all

CODE = pipeline_digest()


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
    result = plan(source, "images/Smid Foto.jpg", [480, 800, 1200, 1600], CODE)
    assert [v.width for v in result.of_format("webp")] == [480, 800, 1200, 1600]
    assert result.fallback == "jpeg"
    assert result.variants[0].name == f"smid-foto-{result.digest}-480.webp"
    assert result.of_format("jpeg")[0].height == 240
    # different bytes, different names
    photo(tmp_path / "b.jpg", size=(2000, 1001))
    assert plan(tmp_path / "b.jpg", "images/b.jpg", [480], CODE).digest != result.digest
    # other rendering code, other names: a variant made by old code is never served again
    assert plan(source, "images/Smid Foto.jpg", [480, 800, 1200, 1600], CODE + "x").digest != result.digest


def test_small_images_are_not_upscaled(tmp_path):
    result = plan(photo(tmp_path / "a.jpg", size=(600, 400)), "a.jpg", [480, 800, 1200], CODE)
    assert [v.width for v in result.of_format("jpeg")] == [480, 600]


def test_exif_orientation_is_applied_then_all_metadata_removed(tmp_path):
    source = photo(tmp_path / "a.jpg", size=(1000, 500), orientation=6)
    result = plan(source, "a.jpg", [480], CODE)
    assert (result.width, result.height) == (500, 1000)
    cache = tmp_path / "cache"
    assert render(source, result, cache) == len(result.variants)
    for variant in result.variants:
        with Image.open(cache / variant.name) as out:
            assert out.size == (variant.width, variant.height)
            assert not out.getexif()
            assert "exif" not in out.info and "xmp" not in out.info and "icc_profile" not in out.info


def test_alpha_keeps_png_fallback(tmp_path):
    result = plan(photo(tmp_path / "a.png", mode="RGBA", size=(800, 400)), "a.png", [480], CODE)
    assert result.fallback == "png"


def test_cache_means_nothing_is_rendered_twice(tmp_path):
    source = photo(tmp_path / "a.jpg")
    jobs = [(source, plan(source, "a.jpg", [480, 800], CODE))]
    cache = tmp_path / "cache"
    assert render_all(jobs, cache) == 4
    assert render_all(jobs, cache) == 0
    publish(jobs, cache, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(v.name for v in jobs[0][1].variants)


def _png_bytes(width: int, height: int, colour_type: int, samples: list[int]) -> bytes:
    """A 16-bit PNG written by hand (Pillow cannot write 16-bit RGB): ``samples`` per pixel."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"".join(struct.pack(">H", value) for value in samples) * width
    raw = b"".join(b"\0" + row for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _mean(path, mode="L") -> float:
    with Image.open(path) as image:
        grey = image.convert(mode)
        values = list(grey.get_flattened_data())
        return sum(values) / len(values)


def _rendered_means(tmp_path, source, reference) -> list[float]:
    result = plan(source, reference, [480], CODE)
    cache = tmp_path / "cache"
    render(source, result, cache)
    return [_mean(cache / v.name) for v in result.variants]


def _grey_image(mode: str, size=(600, 300)):
    """A left-to-right ramp over the mode's whole range: dark half, light half."""
    top = {"I;16": 65535, "I;16B": 65535, "I;16L": 65535, "I": 65535, "F": 1.0}[mode]
    image = Image.new(mode, size)
    width, height = size
    values = [(x / (width - 1)) * top for x in range(width)] * height
    image.putdata([v if mode == "F" else int(v) for v in values])
    return image, 255 / 2  # the mean of a full ramp, in 8 bits


def test_deep_greyscale_keeps_its_brightness(tmp_path):
    for mode in ("I;16", "I;16B", "I", "F"):
        image, expected = _grey_image(mode)
        source = tmp_path / f"grey-{mode.replace(';', '')}.{'tif' if mode in ('I', 'F') else 'png'}"
        image.save(source)
        for mean in _rendered_means(tmp_path, source, source.name):
            assert abs(mean - expected) < 6, (mode, mean)


def test_dark_sixteen_bit_photo_stays_dark(tmp_path):
    source = tmp_path / "donker.png"
    image = Image.new("I;16", (500, 300))
    image.putdata([9000] * (500 * 300))  # 9000 / 65535 of white: about 35 in 8 bits
    image.save(source)
    for mean in _rendered_means(tmp_path, source, "donker.png"):
        assert abs(mean - 9000 / 257) < 3, mean


def test_sixteen_bit_rgb_and_rgba_pngs(tmp_path):
    rgb = tmp_path / "rgb16.png"
    rgb.write_bytes(_png_bytes(500, 200, 2, [0x2000, 0x8000, 0xC000]))
    expected = Image.new("RGB", (1, 1), (0x20, 0x80, 0xC0)).convert("L").getpixel((0, 0))
    for mean in _rendered_means(tmp_path, rgb, "rgb16.png"):
        assert abs(mean - expected) < 4, mean
    rgba = tmp_path / "rgba16.png"
    rgba.write_bytes(_png_bytes(500, 200, 6, [0x2000, 0x8000, 0xC000, 0x8000]))
    result = plan(rgba, "rgba16.png", [480], CODE)
    assert result.fallback == "png"
    render(rgba, result, tmp_path / "cache")
    for variant in result.variants:
        with Image.open(tmp_path / "cache" / variant.name) as out:
            _, green, _, alpha = out.convert("RGBA").getpixel((10, 10))
            assert abs(green - 0x80) < 4 and abs(alpha - 0x80) < 4


def test_la_and_transparent_palette_keep_alpha_and_brightness(tmp_path):
    la = tmp_path / "la.png"
    Image.new("LA", (500, 200), (60, 128)).save(la)
    palette = tmp_path / "p.png"
    indexed = Image.new("P", (500, 200), 1)
    indexed.putpalette([0, 0, 0, 200, 100, 50] + [0] * 762)
    for x in range(250):
        for y in range(200):
            indexed.putpixel((x, y), 0)
    indexed.info["transparency"] = 0
    indexed.save(palette, transparency=0)
    for source, alpha_at, colour in ((la, 128, (60, 60, 60)), (palette, 0, None)):
        result = plan(source, source.name, [480], CODE)
        assert result.fallback == "png"
        render(source, result, tmp_path / "cache")
        for variant in result.variants:
            with Image.open(tmp_path / "cache" / variant.name) as out:
                pixel = out.convert("RGBA").getpixel((5, 5))
                assert abs(pixel[3] - alpha_at) < 3, (source.name, variant.name, pixel)
                if colour:
                    assert all(abs(a - b) < 4 for a, b in zip(pixel[:3], colour, strict=False))
                right = out.convert("RGBA").getpixel((variant.width - 5, 5))
                if source == palette:
                    assert right[3] > 250 and abs(right[0] - 200) < 6, right


def test_cmyk_jpeg_keeps_its_colours(tmp_path):
    source = tmp_path / "cmyk.jpg"
    Image.new("RGB", (500, 300), (40, 160, 90)).convert("CMYK").save(source, "JPEG", quality=95)
    for mean in _rendered_means(tmp_path, source, "cmyk.jpg"):
        expected = Image.new("RGB", (1, 1), (40, 160, 90)).convert("L").getpixel((0, 0))
        assert abs(mean - expected) < 8, mean


def test_orientation_turns_the_picture_not_only_its_size(tmp_path):
    source = tmp_path / "gedraaid.jpg"
    image = Image.new("RGB", (1000, 500), (20, 20, 20))
    image.paste((240, 240, 240), (0, 0, 500, 500))  # left half light
    exif = image.getexif()
    exif[0x0112] = 6  # shown turned 90 degrees clockwise: the light half ends up on top
    image.save(source, "JPEG", exif=exif.tobytes())
    result = plan(source, "gedraaid.jpg", [480], CODE)
    render(source, result, tmp_path / "cache")
    for variant in result.variants:
        with Image.open(tmp_path / "cache" / variant.name) as out:
            grey = out.convert("L")
            assert grey.getpixel((variant.width // 2, 5)) > 200
            assert grey.getpixel((variant.width // 2, variant.height - 5)) < 60


def test_the_build_workers_render_what_a_pool_of_its_own_renders(tmp_path):
    """One set of workers for a build: the same files as a pool per call, started once and reused, ended by close."""
    from responsive_images.pipeline import Workers

    sources = [photo(tmp_path / f"{name}.jpg", size=(900 + 40 * number, 600)) for number, name in enumerate("abc")]
    jobs = [(source, plan(source, source.name, [480, 800], CODE)) for source in sources]
    workers = Workers(2)
    try:
        assert render_all(jobs[:2], tmp_path / "shared", shared=workers) == 8
        pool = workers.pool()
        assert render_all(jobs, tmp_path / "shared", shared=workers) == 4  # only the third image is new
        assert workers.pool() is pool
    finally:
        workers.close()
    assert workers._pool is None
    assert render_all(jobs, tmp_path / "own", workers=2) == 12
    names = sorted(v.name for _, p in jobs for v in p.variants)
    assert [(tmp_path / "shared" / n).read_bytes() for n in names] == [(tmp_path / "own" / n).read_bytes() for n in names]


def test_work_started_on_the_build_workers_runs_while_the_build_goes_on_and_waits_when_asked(tmp_path):
    """``start_map``: the same results as ``parallel_map``, in order; an error comes out at the wait;
    without shared workers nothing runs before the wait."""
    from responsive_images.pipeline import Workers, parallel_map, start_map

    sources = [photo(tmp_path / f"{name}.jpg", size=(900 + 40 * number, 600)) for number, name in enumerate("abc")]
    jobs = [(str(source), plan(source, source.name, [480, 800], CODE), str(tmp_path / "started")) for source in sources]
    workers = Workers(2)
    try:
        wait = start_map(_render_job, jobs, workers)
        assert wait() == ([4, 4, 4], 2)
        assert wait() == ([4, 4, 4], 2)  # waiting again gives the same results
        failing = start_map(int, ["7", "x", "8"], workers)
        with pytest.raises(ValueError):
            failing()
    finally:
        workers.close()
    names = sorted(v.name for _, p, _ in jobs for v in p.variants)
    own = [(tmp_path / "own", *job[:2]) for job in jobs]
    assert parallel_map(_render_job, [(s, p, str(d)) for d, s, p in own], 2)[0] == [4, 4, 4]
    assert [(tmp_path / "started" / n).read_bytes() for n in names] == [(tmp_path / "own" / n).read_bytes() for n in names]

    later = start_map(_render_job, [(str(sources[0]), jobs[0][1], str(tmp_path / "lazy"))], None)
    assert not (tmp_path / "lazy").exists()  # no workers to share: the work waits for the call
    assert later() == ([4], 1)
