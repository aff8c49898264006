"""The image service of one build: plans images on demand, starts rendering each published one on the
build's workers as soon as it is known (while the pages are written) and places them at the end."""

from __future__ import annotations

import logging
import os
import xml.etree.ElementTree as etree
from collections.abc import Callable
from functools import partial
from pathlib import Path

from content_model.check import display_path
from content_model.files import resolve_content_path
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .pipeline import ImagePlan, _render_job, pipeline_digest, plan, publish, render_all, start_map

logger = logging.getLogger(__name__)

PROSE_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
# Images missing from the cache before they start rendering on the build's workers while pages are written.
PREFETCH_FROM = 4


def _rendered(wait) -> int:
    """The number of variants a render started with ``start_map`` made (waits; raises its error)."""
    return sum(wait()[0])


def is_shown(document, show_drafts: bool) -> bool:
    """Whether this build writes ``document``: it has an output file, and it is published (or hidden),
    or a draft (which includes a story dated in the future of a publish build) in a build that
    shows drafts."""
    if not getattr(document, "save_as", ""):
        return False
    status = getattr(document, "status", "published")
    return status in ("published", "hidden") or (status == "draft" and show_drafts)


class ImageService:
    """Plans, and later renders, every image a published page refers to.

    Planning (sizes, names) happens whenever a page or a Markdown text asks; publishing only for
    images that a document this build writes uses (:meth:`add_document`), that a rendered template
    shows (:meth:`picture`, :meth:`share_image`), or that a published profile shows with consent
    (:meth:`profile_photo`). A file some profile names as its photo is published through that
    profile only: :meth:`render_into` refuses it on any other route.
    """

    def __init__(self, content_root: Path, siteurl: str, widths: list[int], cache_dir: Path,
                 show_drafts: bool = False, workers=None):
        self.content_root = Path(content_root)
        self.siteurl = siteurl.rstrip("/")
        self.widths = list(widths)
        self.cache_dir = Path(cache_dir)
        self.show_drafts = show_drafts
        self.code = pipeline_digest()  # once per build: the rendering code, part of each variant's name
        self.plans: dict[str, tuple[Path, ImagePlan]] = {}
        self.used: dict[str, str] = {}  # reference -> how it is used ("page" or "profile")
        self.documents: list = []
        # the build's worker processes (responsive_images.pipeline.Workers), if it shares them: an image that
        # will be published is rendered there as soon as it is known, not after every page is written
        self.workers = workers
        self.started: dict[str, Callable[[], int] | None] = {}  # plan digest -> waits for its render (start_map)
        self.unstarted: list[tuple[Path, ImagePlan]] = []  # missing, not started until PREFETCH_FROM are

    @staticmethod
    def _key(reference: str) -> str:
        return reference.removeprefix("{static}").removeprefix("{filename}").lstrip("/")

    def plan(self, reference: str) -> ImagePlan:
        """The image's variants (nothing is published by planning alone)."""
        reference = self._key(reference)
        if reference not in self.plans:
            source = resolve_content_path(self.content_root, reference)
            self.plans[reference] = (source, plan(source, reference, self.widths, self.code))
        return self.plans[reference][1]

    def use(self, reference: str, how: str = "page") -> ImagePlan:
        """Plan the image and publish it in this build."""
        image_plan = self.plan(reference)
        key = self._key(reference)
        if self.used.get(key) != "profile":
            self.used[key] = how
        self._start(key)
        return image_plan

    def _start(self, key: str) -> None:
        """Start rendering the missing variants of a planned image on the build's workers, if it shares them.

        Only for images this build publishes (unless :meth:`published` refuses them, which fails the build):
        the workers render into the cache while this process writes pages; :meth:`render_into` waits. The
        first :data:`PREFETCH_FROM` - 1 missing images wait for :meth:`render_into` (an edit's few new images
        render there, as before, without starting the workers); from the next on each starts at once."""
        source, image_plan = self.plans[key]
        if self.workers is None or image_plan.digest in self.started:
            return
        self.started[image_plan.digest] = None  # nothing started (yet): render_into renders what is missing
        if all((self.cache_dir / v.name).exists() for v in image_plan.variants):
            return
        self.unstarted.append((source, image_plan))
        if len(self.unstarted) < PREFETCH_FROM:
            return
        for source, image_plan in self.unstarted:
            # (not in pipeline.py: its code digest names every variant, and this changes no variant's bytes)
            wait = start_map(_render_job, [(str(source), image_plan, str(self.cache_dir))], self.workers)
            self.started[image_plan.digest] = partial(_rendered, wait)
        self.unstarted = []

    def profile_photo(self, reference: str) -> dict:
        """A published profile shows its photo with ``foto`` consent: publish it (its share image)."""
        self.use(reference, "profile")
        return self.share_image(reference)

    def add_document(self, document) -> None:
        """A story, page or event read in this build; its images are published if it is written."""
        references = [document.metadata.get("image"), *document.metadata.get("body_images", [])]
        references = [r for r in references if r]
        if references:
            for reference in references:
                self.plan(reference)  # a broken reference fails the build now, not at the end
            self.documents.append((document, references))
            if is_shown(document, self.show_drafts):  # published at the end (published()): render it now
                for reference in references:
                    self._start(self._key(reference))

    def markdown_extension(self) -> PictureExtension:
        """Markdown images as responsive ``<picture>`` elements planned by this service (the content reader's)."""
        return PictureExtension(self)

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
        """``<picture>`` with WebP and fallback sources, width/height and alt text (for templates:
        the page being rendered is written, so the image is published)."""
        self.use(reference)
        source, img = self.picture_attributes(reference, alt, **options)

        def attributes(values):
            return " ".join(f'{key}="{escape(value)}"' for key, value in values.items())

        return Markup(f"<picture><source {attributes(source)}><img {attributes(img)}></picture>")

    def share_image(self, reference: str) -> dict:
        """URL and size of the variant used for Open Graph previews (published, as for picture)."""
        image_plan = self.use(reference)
        variant = image_plan.largest(max_width=1200)
        return {"url": self.url(variant.name), "width": variant.width, "height": variant.height,
                "type": variant.mime}

    def published(self, profile_photos: dict[Path, Path] | None = None) -> tuple[list, list[str]]:
        """The images this build publishes, and a problem line for each one it must refuse.

        ``profile_photos`` (see content_model.photos) maps every file a profile names as its photo
        to that profile. Such a file, or a copy of its bytes, is published only when a published
        profile shows it with consent (:meth:`profile_photo`)."""
        for document, references in self.documents:
            if is_shown(document, self.show_drafts):
                for reference in references:
                    self.use(reference)
        jobs, refused = {}, []
        protected = self._protected(profile_photos or {})
        for reference, how in sorted(self.used.items()):
            source, image_plan = self.plans[reference]
            owner = protected.get(_identity(source)) or protected.get(("bytes", image_plan.digest))
            if owner is not None and how != "profile" and not self._consented(owner, protected):
                refused.append(f"{display_path(source)}:1:1: image: dit is de foto van profiel {display_path(owner)}; "
                               "een profielfoto verschijnt alleen op het eigen profiel, met toestemming 'foto'")
                continue
            jobs[_identity(source)] = (source, image_plan)
        return list(jobs.values()), refused

    def _protected(self, profile_photos: dict[Path, Path]) -> dict:
        """Profile photos by file identity and, where a used image has the same size, by content."""
        protected: dict = {}
        sizes = {os.stat(source).st_size for source, _ in (self.plans[r] for r in self.used)}
        for source, owner in profile_photos.items():
            protected[_identity(source)] = owner
            if os.stat(source).st_size in sizes:  # a copy under another name has the same bytes
                protected[("bytes", plan(source, str(source), self.widths, self.code).digest)] = owner
        return protected

    def _consented(self, owner: Path, protected: dict) -> bool:
        """Whether the profile ``owner`` publishes its own photo in this build."""
        return any(how == "profile" and protected.get(_identity(self.plans[r][0])) == owner
                   for r, how in self.used.items())

    def render_into(self, output_dir: Path, put=None, profile_photos: dict[Path, Path] | None = None,
                    workers=None) -> int:
        """Render missing variants of the published images and place them below ``output_dir/images/``.

        ``put(relative, key, place)`` (relative to ``images/``) may decide the placing instead.
        An image refused (see :meth:`published`) is logged as an error, which fails the build."""
        jobs, refused = self.published(profile_photos)
        for problem in refused:
            logger.error("%s", problem)
        # the renders started while the pages were written (raises the first error); then whatever is left
        rendered = sum(wait() for wait in self.started.values() if wait is not None)
        self.started = dict.fromkeys(self.started)  # waited for: rendered, or their error raised
        rendered += render_all(jobs, self.cache_dir, shared=workers)  # workers: the build's, if it shares them
        publish(jobs, self.cache_dir, Path(output_dir) / "images", put)
        logger.info("responsive_images: %s images, %s variants rendered, rest from cache", len(jobs), rendered)
        return rendered


def _identity(path: Path) -> tuple:
    """The file itself, whatever its name: hard links and symbolic links count as the same file."""
    status = os.stat(path)
    return (status.st_dev, status.st_ino)


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

    def inert_on(self, parsed) -> bool:
        """Whether this extension changes nothing in a document parsed without it (``content_model.render.Parsed``,
        the renderer's protocol): its processor only replaces ``img`` elements, so not in one without any."""
        return "img" not in parsed.tags
