"""Responsive, metadata-free images for everything content refers to."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

logger = logging.getLogger(__name__)

SERVICE_KEY = "IMAGE_SERVICE"


def create_service(pelican):
    from .service import ImageService, PictureExtension

    settings = pelican.settings
    service = ImageService(
        Path(settings["PATH"]),
        settings["SITEURL"],
        settings.get("IMAGE_WIDTHS", [480, 800, 1200, 1600]),
        Path(settings.get("IMAGE_CACHE_PATH", ".cache/images")),
    )
    settings[SERVICE_KEY] = service
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, PictureExtension)]
    extensions.append(PictureExtension(service))


def add_globals(generator):
    service = generator.settings[SERVICE_KEY]
    generator.env.globals["picture"] = service.picture
    generator.env.globals["share_image"] = service.share_image


def register_content_images(instance):
    """Images of cached content must be published too, so register them on every read."""
    service = instance.settings.get(SERVICE_KEY)
    if service is None:
        return
    for reference in [instance.metadata.get("image"), *instance.metadata.get("body_images", [])]:
        if reference:
            service.plan(reference)


def render_images(pelican):
    from incremental.files import output_placer

    put = output_placer(pelican.settings, pelican.output_path, "images/")
    pelican.settings[SERVICE_KEY].render_into(Path(pelican.output_path), put)


def register():
    signals.initialized.connect(create_service)
    signals.generator_init.connect(add_globals)
    signals.content_object_init.connect(register_content_images)
    signals.finalized.connect(render_images)
