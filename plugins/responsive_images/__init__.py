"""Responsive, metadata-free images for everything content refers to."""

from __future__ import annotations

import logging
from pathlib import Path

from infra import phases
from infra.contracts import Contract
from pelican import signals

logger = logging.getLogger(__name__)

# The build's image service, for generators that publish images of their own (infra.contracts).
CONTRACT = Contract(adds={"image_service"})

SERVICE_KEY = "IMAGE_SERVICE"


def create_service(pelican):
    from .service import ImageService, PictureExtension

    settings = pelican.settings
    service = ImageService(
        Path(settings["PATH"]),
        settings["SITEURL"],
        settings.get("IMAGE_WIDTHS", [480, 800, 1200, 1600]),
        Path(settings.get("IMAGE_CACHE_PATH", ".cache/images")),
        show_drafts=bool(settings.get("SHOW_DRAFTS", False)),
    )
    settings[SERVICE_KEY] = service
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, PictureExtension)]
    extensions.append(PictureExtension(service))


def add_globals(generator):
    """``picture`` and ``share_image`` for the templates; the service in the context (``image_service``)."""
    service = generator.settings[SERVICE_KEY]
    generator.context["image_service"] = service
    generator.env.globals["picture"] = service.picture
    generator.env.globals["share_image"] = service.share_image


def register_content_images(instance):
    """Every story, page and event read (cached or not); its images are published only if this
    build writes it (drafts and future stories in a publish build are not)."""
    service = instance.settings.get(SERVICE_KEY)
    if service is None:
        return
    service.add_document(instance)


def render_images(pelican):
    from content_model.check import ContentChecker
    from content_model.photos import profile_photos
    from incremental.files import output_placer

    settings = pelican.settings
    checker = ContentChecker(Path(settings["PATH"]), cache=settings.get("CONTENT_CHECK_CACHE"))
    put = output_placer(settings, pelican.output_path, "images/")
    settings[SERVICE_KEY].render_into(Path(pelican.output_path), put, profile_photos(checker), settings.get("WORKERS"))


def register():
    signals.initialized.connect(create_service)
    signals.generator_init.connect(add_globals)
    signals.content_object_init.connect(register_content_images)
    signals.finalized.connect(phases.finish)
    phases.files_published.connect(render_images)
