"""The ambachtengids: profile pages, facet pages, the index with map and filters, open data."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from functools import cached_property, partial
from pathlib import Path

from content_model.check import ContentChecker
from content_model.render import Renderer
from content_model.validate import load_schema
from incremental.files import write_output
from infra.cachekey import code_digest
from infra.cachekey import key as cache_key
from infra.contracts import Contract
from infra.files import load_json_cache, save_json_cache
from infra.scope import build_of
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from responsive_images.pipeline import start_map
from translations.strings import alternates

from . import directory as directory_module
from .directory import (
    OFFER_ORDER,
    TYPE_ORDER,
    Directory,
    Facet,
    filter_counts,
    initials,
    is_published,
    paginate,
    profile_from_data,
)
from .mapping import level, load_map
from .opendata import COLUMNS, datapackage, rows, to_csv, to_json
from .structured import profile_jsonld

logger = logging.getLogger(__name__)

FACET_SEGMENTS = {"ambacht": "crafts", "regio": "regions", "type": "types", "aanbod": "offers"}
# The facet kinds' URL segments of the English directory (/en/directory/<segment>/<id>/).
ENGLISH_SEGMENTS = {"ambacht": "craft", "regio": "region", "type": "type", "aanbod": "offer"}


# What the directory reads from the context and adds to it (infra.contracts); the kits are read only
# when the pages are written, after every generator made its data.
CONTRACT = Contract(reads={"taxonomy", "articles", "drafts"}, may_read={"badge_kits", "image_service", "build"},
                    adds={"craft_directory", "directory", "directory_facets", "facet_counts", "profile_records",
                          "profile_labels"},
                    appends={"sitemap_entries"})


class DirectoryGenerator(Generator):
    """Reads content/profiles/*.yaml; builds the directory in generate_context, writes it in generate_output."""

    def generate_context(self):
        settings = self.settings
        checker = ContentChecker(Path(settings["PATH"]), taxonomy=self.context["taxonomy"],
                                 cache=build_of(self.context).check_cache)
        profiles, withdrawn, records = [], set(), {}
        parsed = {}  # the check's parse of each Markdown text (the bios), for the renderer
        for path in checker.files("profile"):
            checked = checker.check_file("profile", path)
            for problem in checked.problems:
                logger.error("%s", problem)
            if checked.problems:
                continue
            records[checked.slug] = checked.data
            parsed.update(checked.parsed)
            if is_published(checked.data):
                profiles.append(profile_from_data(checked.slug, checked.data, settings["PROFILE_URL"]))
            else:
                withdrawn.add(checked.slug)
        self.directory = Directory.build(profiles, withdrawn)
        schema = load_schema("profile")["properties"]
        self.labels = {
            "types": schema["type"]["x-labels"],
            "plural": schema["type"]["x-plural"],
            "offers": schema["offers"]["x-labels"],
            "offer_phrases": {key: text[:1].lower() + text[1:] for key, text in schema["offers"]["x-form-labels"].items()},
        }
        self.labels_en = {
            "types": schema["type"]["x-labels-en"],
            "plural": schema["type"]["x-plural-en"],
            "offers": schema["offers"]["x-labels-en"],
        }
        renderer = Renderer(siteurl=settings["SITEURL"], cache=Path(settings["CACHE_PATH"]) / "profile-bios.json")
        with_bio = [p for p in profiles if p.bio]
        workers = build_of(self.context).workers  # a first build converts the bios on the build's workers
        start = partial(start_map, shared=workers) if workers is not None else None
        bios = renderer.render_many([p.bio for p in with_bio], start, parsed)
        self.bios = {p.slug: Markup(html) for p, html in zip(with_bio, bios, strict=True)}
        renderer.save()
        self.features = self._link_stories()
        self.facets = self._facets()
        self.context["craft_directory"] = self.directory
        # what the craft and region chips (links to facet pages that exist) and the facet navigation
        # (counts) show, so that pages depend on these rather than on every profile
        self.context["directory_facets"] = {"ambacht": sorted(self.directory.by_craft),
                                            "regio": sorted(self.directory.by_region)}
        self.context["facet_counts"] = {
            "ambacht": {craft: len(members) for craft, members in self.directory.by_craft.items()},
            "regio": {region: len(members) for region, members in self.directory.by_region.items()},
            "type": dict(self.directory.type_counts()),
            "aanbod": {offer: len(members) for offer, members in self.directory.by_offer.items()},
        }
        self.context["profile_records"] = records  # validated data of every profile, for the badges
        self.context["profile_labels"] = self.labels
        self.context["directory"] = {
            "counts": self._home_counts(),
            "featured": self.directory.featured(self.settings.get("DIRECTORY_FEATURED", 4)),
        }
        sitemap = self.context.setdefault("sitemap_entries", [])
        sitemap.append({"url": settings["DIRECTORY_URL"], "lastmod": None})
        sitemap.append({"url": settings["OPEN_DATA_URL"], "lastmod": None})
        sitemap += [{"url": p.url, "lastmod": None} for p in self.directory.profiles]
        sitemap += [{"url": page.url, "lastmod": None} for f in self.facets for page in f.pages]
        if settings.get("DIRECTORY_EN_URL"):
            # the English directory and its facet pages, each page n the translation of the Dutch page n
            self.english = self._english()
            sitemap.append({"url": settings["DIRECTORY_EN_URL"], "lastmod": None,
                            "alternates": {"nl": settings["DIRECTORY_URL"], "en": settings["DIRECTORY_EN_URL"]}})
            for dutch, english in self._twin_pages():
                sitemap.append({"url": english.url, "lastmod": None, "alternates": {"nl": dutch.url, "en": english.url}})
        else:
            self.english = None
        self.initials = self._initials()
        if self.initials:
            sitemap.append({"url": settings["DIRECTORY_AZ_URL"], "lastmod": None})
            sitemap += [{"url": page.url, "lastmod": None} for initial in self.initials for page in initial.pages]

    def _initials(self):
        """Above DIRECTORY_INDEX_LIMIT published profiles the A-Z list gets one page per initial
        (paginated at the same limit) instead of one list on the index; None below it."""
        limit = self.settings["DIRECTORY_INDEX_LIMIT"]
        if len(self.directory.profiles) <= limit:
            return None
        return initials(self.directory.profiles, self.settings["DIRECTORY_LETTER_URL"], limit)

    def _facet_page_size(self) -> int:
        """Cards per facet page: DIRECTORY_FACET_PAGE_SIZE, and never more than DIRECTORY_INDEX_LIMIT."""
        return min(self.settings["DIRECTORY_FACET_PAGE_SIZE"], self.settings["DIRECTORY_INDEX_LIMIT"])

    def _twin_pages(self):
        """(Dutch page, English page) of every facet page: page n of a facet and page n of its twin."""
        for dutch, english in zip(self.facets, self.english["facets"], strict=True):
            yield from zip(dutch.pages, english.pages, strict=True)

    def _link_stories(self) -> dict[str, list]:
        """Stories list the profiles they feature; only published profiles get a card."""
        features = defaultdict(list)
        for story in [*self.context.get("articles", []), *self.context.get("drafts", [])]:
            featured = [self.directory.by_slug[s] for s in getattr(story, "profiles", None) or []
                        if s in self.directory.by_slug]
            story.featured_profiles = featured
            if story.status == "published":
                for profile in featured:
                    features[profile.slug].append(story)
        return features

    def _home_counts(self) -> list[dict]:
        counts = [{"number": len(self.directory.profiles), "label": "deelnemers in de ambachtengids"}]
        craftspeople = len(self.directory.by_type.get("ambachtsmens", []))
        label = "ambachtsmens doet mee" if craftspeople == 1 else "ambachtsmensen doen mee"
        counts.append({"number": craftspeople, "label": label})
        counts.append({"number": len(self.directory.by_craft), "label": "ambachten"})
        counts.append({"number": len({p.region for p in self.directory.profiles} - {"landelijk"}), "label": "provincies"})
        return counts

    def _facets(self, taxonomy=None, labels=None, pattern=None, segments=None) -> list[Facet]:
        """The facet pages: Dutch by default; the English directory passes its names, pattern and segments."""
        taxonomy = taxonomy or self.context["taxonomy"]
        labels = labels or self.labels
        pattern = pattern or self.settings["DIRECTORY_FACET_URL"]
        segments = segments or {kind: kind for kind in FACET_SEGMENTS}
        facets = self._facet_list(taxonomy, labels, pattern, segments)
        per_page = self._facet_page_size()
        for facet in facets:
            facet.pages = paginate(facet.profiles, facet.url, per_page)
        return facets

    def _facet_list(self, taxonomy, labels, pattern, segments) -> list[Facet]:
        facets = []
        for craft_id in taxonomy.crafts:
            if craft_id in self.directory.by_craft:
                facets.append(Facet("ambacht", craft_id, taxonomy.crafts[craft_id]["name"],
                                    self.directory.by_craft[craft_id], pattern.format(kind=segments["ambacht"], id=craft_id)))
        for region_id, name in taxonomy.regions.items():
            if region_id in self.directory.by_region:
                facets.append(Facet("regio", region_id, name, self.directory.by_region[region_id],
                                    pattern.format(kind=segments["regio"], id=region_id)))
        for type_id in TYPE_ORDER:
            if type_id in self.directory.by_type:
                facets.append(Facet("type", type_id, labels["types"][type_id], self.directory.by_type[type_id],
                                    pattern.format(kind=segments["type"], id=type_id)))
        for offer in OFFER_ORDER:
            if offer in self.directory.by_offer:
                facets.append(Facet("aanbod", offer, labels["offers"][offer], self.directory.by_offer[offer],
                                    pattern.format(kind=segments["aanbod"], id=offer)))
        return facets

    def _english(self) -> dict:
        """The English directory's names and facet pages (the same profiles, counts and filters)."""
        taxonomy = self.context["taxonomy"].in_language("en")
        facets = self._facets(taxonomy, self.labels_en, self.settings["DIRECTORY_EN_URL"] + "{kind}/{id}/",
                              ENGLISH_SEGMENTS)
        return {"taxonomy": taxonomy, "labels": self.labels_en, "facets": facets,
                "facet_urls": {(f.kind, f.id): f.url for f in facets}}

    @cached_property
    def _map_shapes(self) -> tuple[str, list]:
        """The view box and the drawn provinces (``load_map``), once for the Dutch and the English map."""
        return load_map()

    def province_map(self) -> dict:
        view_box, provinces = self._map_shapes
        names = self.context["taxonomy"].regions
        counts = {p.id: len(self.directory.by_region.get(p.id, [])) for p in provinces}
        highest = max(counts.values(), default=0)
        pattern = self.settings["DIRECTORY_FACET_URL"]
        return {
            "view_box": view_box,
            "provinces": [{"id": p.id, "name": names.get(p.id, p.id), "path": p.path, "x": p.label_x, "y": p.label_y,
                           "count": counts[p.id], "level": level(counts[p.id], highest),
                           "url": pattern.format(kind="regio", id=p.id) if counts[p.id] else None}
                          for p in provinces],
            "national": len(self.directory.by_region.get("landelijk", [])),
        }

    def generate_output(self, writer):
        settings = self.settings
        taxonomy = self.context["taxonomy"]
        craft_names = {k: v["name"] for k, v in taxonomy.crafts.items()}
        image_service = self.context.get("image_service")
        common = {"profile_labels": self.labels}
        writer.write_file(settings["DIRECTORY_SAVE_AS"], self.get_template("directory"), self.context,
                          directory_index=self.directory, facets=self.facets, province_map=self.province_map(),
                          directory_letters=self._letter_links(),
                          directory_filters=None if self.initials else filter_counts(self.directory.profiles),
                          alternates=self._alternates(settings["DIRECTORY_URL"], settings.get("DIRECTORY_EN_URL")),
                          url=settings["DIRECTORY_URL"], **common)
        english_pages = {(f.kind, f.id): f.pages for f in self.english["facets"]} if self.english else {}
        template = self.get_template("facet")
        for facet in self.facets:
            twins = english_pages.get((facet.kind, facet.id))
            for page in facet.pages:
                writer.write_file(page.url + "index.html", template, self.context,
                                  facet=facet.link, facet_page=page, directory_split=bool(self.initials), url=page.url,
                                  alternates=self._alternates(page.url, twins[page.number - 1].url if twins else None),
                                  **common)
        if self.initials:
            self._write_initials(writer, common)
        if self.english:
            self._write_english(writer)
        related = self._related()
        for profile in self.directory.profiles:
            image = image_service.profile_photo(profile.photo) if profile.photo and image_service else None
            writer.write_file(
                profile.url + "index.html", self.get_template("profile"), self.context,
                profile=profile, bio=self.bios.get(profile.slug), related=related[profile.slug],
                stories=self.features.get(profile.slug, []), kit=self.context.get("badge_kits", {}).get(profile.slug),
                structured_profile=profile_jsonld(profile, settings["SITEURL"], craft_names, taxonomy.regions,
                                                  image["url"] if image else None),
                url=profile.url, **common,
            )
        self._write_open_data(writer, craft_names)

    def _write_english(self, writer):
        """/en/directory/ and its facet pages: English names and labels, links to the Dutch profile pages.
        A large directory (above DIRECTORY_INDEX_LIMIT) lists its profiles on the facet pages only."""
        settings, english = self.settings, self.english
        common = {"profile_labels": english["labels"], "en_taxonomy": english["taxonomy"],
                  "en_facet_urls": english["facet_urls"], "page_lang": "en",
                  "dutch_regions": self.context["taxonomy"].regions}
        url = settings["DIRECTORY_EN_URL"]
        writer.write_file(url + "index.html", self.get_template("directory"), self.context,
                          directory_index=self.directory, province_map=self._english_map(),
                          alternates=self._alternates(settings["DIRECTORY_URL"], url),
                          directory_filters=None if self.initials else filter_counts(self.directory.profiles),
                          directory_split=bool(self.initials), url=url, **common)
        template = self.get_template("facet")
        for dutch_facet, facet in zip(self.facets, english["facets"], strict=True):
            for dutch, page in zip(dutch_facet.pages, facet.pages, strict=True):
                writer.write_file(page.url + "index.html", template, self.context, facet=facet.link, facet_page=page,
                                  directory_split=bool(self.initials), alternates=self._alternates(dutch.url, page.url),
                                  url=page.url, **common)

    @staticmethod
    def _alternates(dutch: str, english: str | None) -> list[dict]:
        """hreflang alternates of a Dutch directory page and its English version (none without one)."""
        return alternates([("nl", dutch), ("en", english)] if english else [])

    def _english_map(self) -> dict:
        """The province map with English names, linking to the English facet pages."""
        names = self.english["taxonomy"].regions
        urls = self.english["facet_urls"]
        data = self.province_map()
        data["provinces"] = [{**p, "name": names.get(p["id"], p["name"]),
                              "url": urls.get(("regio", p["id"])) if p["url"] else None} for p in data["provinces"]]
        return data

    def _related(self) -> dict[str, list]:
        """Every profile's related profiles; kept in the cache while no slug, craft or region changed."""
        by_slug = self.directory.by_slug
        path = Path(self.settings["CACHE_PATH"]) / "related-profiles.json"
        # keyed by the one rule: the data it is made from and the code that makes it
        saved = load_json_cache(path)
        digest = cache_key(self.directory.related_digest(), code=code_digest(directory_module), length=64)
        if saved.get("digest") == digest and saved.get("related", {}).keys() == by_slug.keys():
            return {slug: [by_slug[other] for other in others] for slug, others in saved["related"].items()}
        related = {profile.slug: self.directory.related(profile) for profile in self.directory.profiles}
        save_json_cache(path, {"digest": digest, "related": {slug: [p.slug for p in found] for slug, found in related.items()}})
        return related

    def _letter_links(self):
        """The A-Z navigation as plain data (None while the index lists everyone)."""
        return [initial.link for initial in self.initials] if self.initials else None

    def _write_initials(self, writer, common):
        """The A-Z overview and every page of every initial with profiles."""
        settings = self.settings
        letters = self._letter_links()
        writer.write_file(settings["DIRECTORY_AZ_URL"] + "index.html", self.get_template("directory_az"),
                          self.context, directory_letters=letters, directory_count=len(self.directory.profiles),
                          url=settings["DIRECTORY_AZ_URL"], **common)
        template = self.get_template("directory_letter")
        for initial in self.initials:
            for page in initial.pages:
                writer.write_file(page.url + "index.html", template, self.context, directory_letters=letters,
                                  directory_letter=initial.link, directory_page=page,
                                  directory_filters=filter_counts(page.profiles), url=page.url, **common)

    def _write_open_data(self, writer, craft_names):
        settings = self.settings
        data_rows = rows(self.directory.profiles, craft_names, self.context["taxonomy"].regions, settings["SITEURL"])
        folder, overlay = settings["OPEN_DATA_URL"], build_of(self.context).overlay
        write_output(overlay, self.output_path, folder + "ambachtengids.json", to_json(data_rows))
        write_output(overlay, self.output_path, folder + "ambachtengids.csv", to_csv(data_rows))
        package = datapackage(settings["SITEURL"], settings["SITENAME"], settings["SITE_ORGANIZATION"])
        write_output(overlay, self.output_path, folder + "datapackage.json",
                     json.dumps(package, ensure_ascii=False, indent=1) + "\n")
        writer.write_file(settings["OPEN_DATA_URL"] + "index.html", self.get_template("open_data"), self.context,
                          columns=COLUMNS, open_data_count=len(data_rows), url=settings["OPEN_DATA_URL"])


def get_generators(pelican):
    return DirectoryGenerator


def register():
    signals.get_generators.connect(get_generators)
