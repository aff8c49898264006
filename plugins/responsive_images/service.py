"""The image service of one build: plans images on demand and renders them at the end."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from pathlib import Path

from content_model.files import BuildScoped, resolve_content_path
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .pipeline import ImagePlan, plan, publish, render_all

logger = logging.getLogger(__name__)

PROSE_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"


class ImageService(BuildScoped):
    """Plans, and later renders, every image a page refers to."""

    def __init__(self, content_root: Path, siteurl: str, widths: list[int], cache_dir: Path):
        self.content_root = Path(content_root)
        self.siteurl = siteurl.rstrip("/")
        self.widths = list(widths)
        self.cache_dir = Path(cache_dir)
        self.plans: dict[str, tuple[Path, ImagePlan]] = {}

    def plan(self, reference: str) -> ImagePlan:
        reference = reference.removeprefix("{static}").removeprefix("{filename}").lstrip("/")
        if reference not in self.plans:
            source = resolve_content_path(self.content_root, reference)
            self.plans[reference] = (source, plan(source, reference, self.widths))
        return self.plans[reference][1]

    def url(self, name: str) -> str:
        return f"{self.siteurl}/images/{name}"

    def srcset(self, image_plan: ImagePlan, fmt: str) -> str:
        return ", ".join(f"{self.url(v.name)} {v.width}w" for v in image_plan.of_format(fmt))

    def picture_attributes(self, reference, alt, sizes=PROSE_SIZES, class_="", loading="lazy",
                           max_width=None) -> tuple[dict, dict]:
        """Attributes of the WebP ``<source>`` and the fallback ``<img>`` of a ``<picture>``."""
        image_plan = self.plan(reference)
        fallback = image_plan.largest(max_width=max_width or 1200)
        source = {"type": "image/webp", "srcset": self.srcset(image_plan, "webp"), "sizes": sizes}
        img = {
            "src": self.url(fallback.name),
            "srcset": self.srcset(image_plan, image_plan.fallback),
            "sizes": sizes,
            "width": str(image_plan.width),
            "height": str(image_plan.height),
            "alt": alt,
            "loading": loading,
            "decoding": "async",
        }
        if loading == "eager":  # the one image above the fold: fetched first, decoded with the page
            img["fetchpriority"] = "high"
        if class_:
            img["class"] = class_
        return source, img

    def picture(self, reference, alt, **options) -> Markup:
        """``<picture>`` with WebP and fallback sources, width/height and alt text."""
        source, img = self.picture_attributes(reference, alt, **options)

        def attributes(values):
            return " ".join(f'{key}="{escape(value)}"' for key, value in values.items())

        return Markup(f"<picture><source {attributes(source)}><img {attributes(img)}></picture>")

    def share_image(self, reference: str) -> dict:
        """URL and size of the variant used for Open Graph previews."""
        image_plan = self.plan(reference)
        variant = image_plan.largest(max_width=1200)
        return {"url": self.url(variant.name), "width": variant.width, "height": variant.height,
                "type": variant.mime}

    def render_into(self, output_dir: Path, put=None) -> int:
        """Render missing variants and place all of them below ``output_dir/images/``.

        ``put(relative, key, place)`` (relative to ``images/``) may decide the placing instead."""
        jobs = list(self.plans.values())
        rendered = render_all(jobs, self.cache_dir)
        publish(jobs, self.cache_dir, Path(output_dir) / "images", put)
        logger.info("responsive_images: %s images, %s variants rendered, rest from cache", len(jobs), rendered)
        return rendered


class _PictureTreeprocessor(Treeprocessor):
    def __init__(self, md, service: ImageService):
        super().__init__(md)
        self.service = service

    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "img":
                    continue
                src = child.get("src", "")
                if "://" in src or src.startswith(("//", "data:")):
                    continue
                source, img = self.service.picture_attributes(src, child.get("alt", ""))
                picture = etree.Element("picture")
                etree.SubElement(picture, "source", source)
                etree.SubElement(picture, "img", img)
                picture.tail = child.tail
                parent.remove(child)
                parent.insert(index, picture)


class PictureExtension(Extension):
    """Markdown images become responsive ``<picture>`` elements while rendering."""

    def __init__(self, service: ImageService, **kwargs):
        self.service = service
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - python-markdown API
        md.treeprocessors.register(_PictureTreeprocessor(md, self.service), "responsive_picture", 1)
