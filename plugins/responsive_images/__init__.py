"""Responsive, metadata-free images for everything content refers to."""

from __future__ import annotations

import logging
from pathlib import Path

from infra import phases
from infra.contracts import Contract
from infra.scope import build_of, generator_ready, owned_build
from pelican import signals

logger = logging.getLogger(__name__)

# The build's image service, for generators that publish images of their own (infra.contracts).
CONTRACT = Contract(adds={"image_service"}, may_read={"build"})


def create_service(pelican):
    """The build's image service (``infra.scope.Build.image_service``), made when Pelican starts."""
    from .service import ImageService

    build = owned_build(pelican)
    if build is None:
        logger.error("%s:1:1: PELICAN_CLASS: responsive_images needs infra.ScopedPelican, which owns the build's "
                     "image service (infra.scope)", "pelicanconf.py")
        return
    settings = pelican.settings
    build.image_service = ImageService(
        Path(settings["PATH"]),
        settings["SITEURL"],
        settings.get("IMAGE_WIDTHS", [480, 800, 1200, 1600]),
        Path(settings.get("IMAGE_CACHE_PATH", ".cache/images")),
        show_drafts=bool(settings.get("SHOW_DRAFTS", False)),
        workers=build.workers,
    )


def add_globals(generator):
    """``picture`` and ``share_image`` for the templates; the service in the context (``image_service``)."""
    service = build_of(generator.context).image_service
    if service is None:
        return
    generator.context["image_service"] = service
    generator.env.globals["picture"] = service.picture
    generator.env.globals["share_image"] = service.share_image


def register_content_images(instance):
    """Every story, page and event read (cached or not); its images are published only if this
    build writes it (drafts and future stories in a publish build are not)."""
    # Pelican gives a document the context of its generator (``_context``), where the build is
    service = build_of(getattr(instance, "_context", None) or {}).image_service
    if service is None:
        return
    service.add_document(instance)


def render_images(pelican):
    from content_model.check import ContentChecker
    from content_model.photos import profile_photos
    from incremental.files import output_placer

    build = build_of(pelican)
    if build.image_service is None:
        return
    checker = ContentChecker(Path(pelican.settings["PATH"]), cache=build.check_cache)
    put = output_placer(build.overlay, pelican.output_path, "images/")
    build.image_service.render_into(Path(pelican.output_path), put, profile_photos(checker), build.workers)


def register():
    signals.initialized.connect(create_service)
    generator_ready.connect(add_globals)  # the build is in the context by then (infra.scope)
    signals.content_object_init.connect(register_content_images)
    signals.finalized.connect(phases.finish)
    phases.files_published.connect(render_images)
