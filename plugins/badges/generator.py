"""Badge kits per profile, the generic kit with supporter badges, and hosted Open Badges 2.0."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import segno
from content_model.render import render
from craft_directory.directory import is_published, is_withdrawn
from incremental.files import claim_output_group, output_placer, record_output_group, write_output
from incremental.fingerprint import Fingerprinter, plain_digest
from infra.cachekey import code_digest
from infra.cachekey import key as cache_key
from infra.contracts import Contract
from infra.files import atomic_write, place
from infra.scope import build_of
from infra.sequences import batches
from markupsafe import Markup
from nl_format.clock import now
from pelican import signals
from pelican.generators import Generator
from responsive_images.pipeline import start_map
from seo.structured import data_script

from . import browser, ob3, ob3_canon, ob3_output, openbadges, statuslist
from .designs import FORMATS, BadgeArt, Designer
from .fonts import FontSet
from .kit import (
    FORMAT_LABELS,
    BadgeFile,
    badge_title,
    design_digest,
    download_rows,
    drawn_only_parts,
    earned_badges,
    plan_files,
    publish,
    signature_art,
    start_render,
)
from .verify_page import VerifyPageGenerator

logger = logging.getLogger(__name__)


class FileSizes(Mapping):
    """Byte sizes of published files, read from their cached source only when a page shows them.

    A page that is kept needs none; its key uses the sources' names, which are content hashes."""

    def __init__(self, sources: dict[str, str | Path], published: str | Path | None = None):
        self.sources = sources
        self.published = published  # the output folder: a kept file is there if its source is gone

    def __getitem__(self, path: str) -> int:
        try:
            return os.stat(self.sources[path]).st_size
        except FileNotFoundError:
            if self.published is None:
                raise
            return os.stat(os.path.join(self.published, path)).st_size

    def __iter__(self):
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def only(self, paths) -> FileSizes:
        return FileSizes({path: self.sources[path] for path in paths}, self.published)

    def __fingerprint__(self):
        return "\n".join(sorted(f"{path}\0{os.path.basename(source)}" for path, source in self.sources.items()))


@dataclass
class KitBadge:
    """One badge in a kit: its class, its hosted files, its verifiable assertion and its drawing data.

    Hosted are only the files something outside the kit page fetches by URL: the e-mail signature
    (and, for the kit's first badge, the share card). Every other size and colour, and the baked
    verifiable badge, is drawn in the browser on the kit page from ``drawing`` (see browser.py)."""

    badge: dict
    art: BadgeArt
    files: list[BadgeFile]  # hosted images
    assertion_url: str
    assertion_json: str  # the hosted assertion, byte for byte; the kit page bakes it into PNG and SVG
    drawing: str  # cache key of the drawing data (browser.drawing_key): hashes the art, design and fonts
    class_image: str  # the badge class's image (no name on it), for small pictures

    def __fingerprint__(self):
        """The files by their cache keys, which hash everything drawn on them."""
        return (self.badge, "\n".join(f"{f.path}\0{f.key}" for f in self.files), self.assertion_url,
                self.assertion_json, self.drawing, self.class_image)

    def file(self, fmt: str, variant: str = "licht") -> BadgeFile:
        return next(f for f in self.files if f.fmt == fmt and f.variant == variant)


# One fixed QR mask pattern: segno otherwise tries all eight and scores each (about 80 % of a kit's QR
# time); any mask is a valid code, and the kit test decodes the code with zbar.
QR_MASK = 2
QR_BATCH = 100  # QR codes per job on the build's workers (setting BADGE_QR_BATCH)


def qr_svg(url: str, name: str) -> str:
    """The QR code to a profile's ``url`` as inline SVG (a kit page's)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", mask=QR_MASK).save(buffer, kind="svg", scale=8, border=2, dark="#1d262b", light="#ffffff",
                                    xmldecl=False, svgns=True, svgclass="badge-share__code", lineclass=None,
                                    title=f"QR-code naar het profiel van {name}")
    return buffer.getvalue().decode()


def qr_target(siteurl: str, profile) -> tuple[str, str]:
    """What a kit's QR code is made of: the profile's absolute URL and its name (for the code's title)."""
    return f"{siteurl}/{profile.url}", profile.name


def qr_batch(items: list[tuple[str, str]]) -> list[str]:
    """:func:`qr_svg` of each ``(url, name)`` (a job on the build's workers)."""
    return [qr_svg(url, name) for url, name in items]


def _batch_item(wait, index: int) -> str:
    return wait()[0][0][index]


class KitDrawings:
    """The drawing data of a kit page, read from the badge cache only when the page is rendered
    (a kept page needs none: its key is the data's cache keys)."""

    def __init__(self, kit: Kit, cache: Path, design: dict, design_url: str, fonts_url: str, siteurl: str,
                 credentials: dict[str, str] | None = None, qr_code: Callable[[], str] | None = None):
        self.kit, self.cache, self.design = kit, cache, design
        self.qr_code = qr_code  # waits for the QR code made on the build's workers (BadgesGenerator._start_qr_codes)
        self.design_url, self.fonts_url, self.siteurl = design_url, fonts_url, siteurl
        self.credentials = credentials or {}  # badge id: URL of its signed Open Badges 3.0 credential

    def __fingerprint__(self):
        return (self.design_url, self.fonts_url, self.siteurl, [entry.drawing for entry in self.kit.badges],
                sorted(self.credentials.items()))

    def qr(self) -> dict:
        """The QR code to the profile as inline SVG; the kit page's script offers it as an SVG and a PNG file
        (once in the page, not a second time as a data: URL: every kit page carries it). Made on the build's
        workers when the kit was planned (``qr_code``), else here."""
        made = self.qr_code() if self.qr_code is not None else qr_svg(*qr_target(self.siteurl, self.kit.profile))
        return {"svg": Markup(made)}

    def drawn_only(self, previews, formats) -> dict[str, list[tuple]]:
        """The preview figures and download rows of the kit's template (``<template id="badge-kit-parts">``),
        those some badge of the kit has no hosted file for (``kit.drawn_only_parts``)."""
        return drawn_only_parts([entry.files for entry in self.kit.badges], previews, formats)

    def load(self) -> list[dict]:
        """Per badge: its fitted texts."""
        return [browser.load_drawing(self.cache, entry.drawing, entry.art, self.design) for entry in self.kit.badges]

    def script(self, drawn: list[dict]) -> Markup:
        """The data block badge-kit.js draws from (never run as a script)."""
        # the script bakes the hosted assertion (2.0) and credential (3.0), fetched on load, byte for byte
        # each text names its [light, dark] fill by its place in "fills" (browser.shared_fills), and each
        # run its text by its place in "strings" (browser.shared_strings)
        fills, texts = browser.shared_fills([data["texts"] for data in drawn])
        strings, texts = browser.shared_strings(texts)
        badges = [{"id": entry.badge["id"], "stem": f"{self.kit.profile.slug}-{entry.badge['id']}",
                   "colour": entry.art.colour, "title": badge_title(entry.art), "texts": shared,
                   "verify": entry.assertion_url,
                   **({"credential": self.credentials[entry.badge["id"]]} if entry.badge["id"] in self.credentials else {})}
                  for entry, shared in zip(self.kit.badges, texts, strict=True)]
        return data_script({"site": self.siteurl, "design": self.design_url, "fonts": self.fonts_url, "fills": fills,
                            "strings": strings, "badges": badges}, element_id="badge-kit-data", root=f"{self.siteurl}/")


@dataclass
class Kit:
    profile: object  # craft_directory Profile
    url: str
    badges: list[KitBadge] = field(default_factory=list)
    recipient: dict = field(default_factory=dict)
    issued: str = ""
    _fingerprint: str | None = field(default=None, repr=False, compare=False)

    def __fingerprint__(self):
        """A hash of all the kit shows, made once: a build keys its profile page, its kit page and
        its files by it. A kit does not change once planned."""
        if self._fingerprint is None:
            shown = [self.profile.__fingerprint__(), self.url, self.recipient, self.issued,
                     [badge.__fingerprint__() for badge in self.badges]]
            self._fingerprint = plain_digest(shown)
            if self._fingerprint is None:  # not plain data after all: the fingerprinter walks it
                return shown
        return self._fingerprint


def subline(profile, taxonomy) -> str:
    crafts = [taxonomy.crafts[c]["name"] for c in profile.crafts[:2] if c in taxonomy.crafts]
    region = taxonomy.regions.get(profile.region, "")
    return " · ".join([", ".join(crafts), region] if crafts else [region]).strip(" ·")


# What the badges read from the context and add to it (infra.contracts): the kits are planned from the
# directory's profiles once every generator made its data, so the order of PLUGINS does not matter.
CONTRACT = Contract(reads={"taxonomy", "craft_directory", "profile_records"}, may_read={"build"},
                    adds={"badge_kits", "badges_page", "verify_url"}, appends={"sitemap_entries"})


class BadgesGenerator(Generator):
    """Plans the kits once every generator made its data (so profile pages can show them); renders and
    writes in generate_output."""

    def generate_context(self):
        settings = self.settings
        taxonomy = self.context["taxonomy"]
        self.classes = taxonomy.badges
        self.supporters = taxonomy.supporters
        self.siteurl = settings["SITEURL"]
        self.host = urlsplit(settings.get("BADGE_SITE_NAME") or self.siteurl).netloc or "dekrachtvanambacht.nl"
        self.host = self.host.removeprefix("www.")
        # the one cache rule (infra.cachekey): renders keyed by the design digest, documents by their code's
        self.design = design_digest(FontSet())
        self.drawing = browser.drawing_digest(self.design)
        self.documents_code = code_digest(openbadges, ob3, ob3_canon, ob3_output, statuslist,
                                          Path(ob3.__file__).parent / "contexts", version("pyld"))
        self._warned = False
        self.kits: dict[str, Kit] = {}  # filled by plan_kits, once the directory has made its data
        self.revoked: list[tuple[str, str]] = []
        self.supporter_kits = [self._supporter(entry) for entry in self.supporters]
        self.criteria = {badge_id: Markup(render(badge["criteria"], siteurl=self.siteurl))
                         for badge_id, badge in self.classes.items()}
        self.context["badge_kits"] = self.kits
        self.context["badges_page"] = bool(self.classes or self.supporters)  # the generic kit exists
        if self.classes or self.supporters:
            self.context.setdefault("sitemap_entries", []).append({"url": settings["BADGES_URL"], "lastmod": None})

    def plan_kits(self):
        """The kits of the published profiles, planned after every generator made its data (the
        directory's profiles are there whatever the order of PLUGINS); before any page is written."""
        taxonomy = self.context["taxonomy"]
        directory = self.context["craft_directory"]
        records = self.context["profile_records"]
        for slug, data in sorted(records.items()):
            earned = earned_badges(data, self.classes)
            profile = directory.by_slug.get(slug)
            if profile is not None and is_published(data) and "badge" in profile.scope and earned:
                self.kits[slug] = self._kit(profile, data, earned, taxonomy)
            elif is_withdrawn(data) and {"profiel", "badge"} <= set(data.get("consent", {}).get("scope", [])):
                # only a withdrawal revokes what was issued; a profile that was never published with
                # badges (no 'profiel' or no 'badge' consent) has nothing to revoke, and its slug is a name
                self.revoked += [(slug, badge_id) for badge_id in earned]
        self.context.setdefault("sitemap_entries", []).extend({"url": kit.url, "lastmod": None} for kit in self.kits.values())
        self._start_rendering()

    def _start_rendering(self):
        """Start drawing what the kits need and the cache lacks, and signing their Open Badges 3.0, on the
        build's workers, before any page is written: the pages are written meanwhile, and ``generate_output``
        waits for them."""
        settings = self.settings
        self.cache = cache = Path(settings["BADGE_CACHE_PATH"])
        # the design every kit page draws with: one file for the site, named by its content
        self.design = browser.template(Designer(FontSet()), self.host)
        # a kit whose inputs are unchanged keeps its files (images, assertions) as they are
        fingerprint = Fingerprinter()
        self.kit_keys = {slug: fingerprint(kit) for slug, kit in self.kits.items()}
        self.fresh = [kit for slug, kit in self.kits.items() if not self._claim_kit(kit, self.kit_keys[slug])]
        files = self._class_images() + [f for kit in self.fresh for entry in kit.badges for f in entry.files]
        files += [f for supporter in self.supporter_kits for f in supporter["files"]]
        workers = build_of(self.context).workers  # the build's worker processes (scripts/build.py), if it shares them
        drawings = {entry.drawing: entry.art for kit in self.fresh for entry in kit.badges}
        self.rendering = (files, start_render(files, cache, shared=workers),
                          browser.start_drawings(drawings, cache, self.design, shared=workers))
        signer = ob3_output.signer(settings)  # Open Badges 3.0 (ob3_output.py); None leaves them out
        self.signing = ob3_output.start(self, settings, signer, self.kits, self.revoked, workers) if signer else None
        self.qr_codes = self._start_qr_codes(workers)

    def _start_qr_codes(self, workers) -> dict:
        """The QR codes of the kit pages of changed kits, made on the build's workers after the renders while
        this process writes pages (the kit pages come last); slug -> a call that waits for that code."""
        size = self.settings.get("BADGE_QR_BATCH", QR_BATCH)
        if workers is None or len(self.fresh) < size:  # an edit's few codes are made with its pages
            return {}
        codes = {}
        for batch in batches(self.fresh, size):
            wait = start_map(qr_batch, [[qr_target(self.siteurl, kit.profile) for kit in batch]], workers)
            codes.update({kit.profile.slug: partial(_batch_item, wait, index) for index, kit in enumerate(batch)})
        return codes

    def _secret(self) -> str | None:
        """The salt secret for hashed e-mail recipients; without one, badges name the profile URL instead."""
        secret = self.settings.get("BADGE_SECRET")
        if not secret and not self._warned and self.settings.get("BADGE_SECRET_WARNING"):
            self._warned = True
            logger.warning("publishconf.py:1:1: BADGE_SECRET: niet gezet; de badges gebruiken het profieladres als "
                           "ontvanger in plaats van een gehasht e-mailadres (zet BADGE_SECRET voor productie)")
        return secret or None

    def _kit(self, profile, data: dict, earned: list[str], taxonomy) -> Kit:
        url = self.settings["BADGE_KIT_URL"].format(slug=profile.slug)
        kit = Kit(profile, url)
        profile_url = f"{self.siteurl}/{profile.url}"
        secret = self._secret()
        email = data.get("email") if secret else None  # never an unsalted or guessable hash
        kit.recipient = openbadges.recipient(email, profile_url, secret or "", profile.slug)
        # issued on the consent date, but never in the future (verifiers reject that)
        consent = dt.date.fromisoformat(str(data["consent"]["date"]))
        kit.issued = openbadges.issued_on(min(consent, now().date()))
        folder = url.rstrip("/")
        for number, badge_id in enumerate(earned):
            badge = self.classes[badge_id]
            art = BadgeArt(badge["name"], badge.get("label", "Ik ben"), badge.get("colour", "copper"), self.host,
                           profile.name, subline(profile, taxonomy), profile.tagline or "")
            stem = f"{profile.slug}-{badge_id}"
            # The kit's hosted images, at the URLs kits have always had (people link to them):
            files = plan_files(folder, stem, signature_art(art), self.design,
                               formats=("handtekening-600x200",), variants=("licht",))  # e-mail clients fetch it
            # the light SVG (its URL is the one kits always had): for pages without JavaScript, and what the
            # kit page's script bakes the verifiable SVG badges into
            files += plan_files(folder, stem, art, self.design, formats=("svg",), variants=("licht",))
            if number == 0:  # the profile's og:image
                files += plan_files(folder, stem, art, self.design, formats=("deelkaart-1200x630",),
                                    variants=("licht",))
            class_image = self._class_image(badge_id)
            assertion = openbadges.assertion_document(
                self.siteurl, profile.slug, badge_id, kit.recipient, kit.issued,
                f"{self.siteurl}/{class_image}", f"{self.siteurl}/{profile.url}",
            )
            kit.badges.append(KitBadge(badge, art, files, assertion["id"], openbadges.to_json(assertion),
                                       browser.drawing_key(art, self.drawing), class_image))
        return kit

    @staticmethod
    def _class_image(badge_id: str) -> str:
        return f"openbadges/badges/{badge_id}-vierkant-400-licht.png"

    def _supporter(self, entry: dict) -> dict:
        art = BadgeArt(entry["text"], "", entry.get("colour", "copper"), self.host, supporter=True)
        folder = self.settings["BADGES_URL"] + "steun"
        return {"id": entry["id"], "text": entry["text"], "files": plan_files(folder, entry["id"], art, self.design)}

    def _class_images(self) -> list[BadgeFile]:
        files = []
        for badge_id, badge in self.classes.items():
            art = BadgeArt(badge["name"], badge.get("label", "Ik ben"), badge.get("colour", "copper"), self.host)
            files += plan_files("openbadges/badges", badge_id, art, self.design, formats=("vierkant-400",))
        return files

    def all_files(self) -> list[BadgeFile]:
        files = self._class_images()
        for kit in self.kits.values():
            for entry in kit.badges:
                files += entry.files
        for supporter in self.supporter_kits:
            files += supporter["files"]
        return files

    def generate_output(self, writer):
        settings = self.settings
        build = build_of(self.context)  # the build's output overlay and worker processes (infra.scope)
        output = Path(self.output_path)
        cache, design = self.cache, self.design
        folder = f"{cache}{os.sep}"
        self.sizes = FileSizes({f.path: folder + f.key for f in self.all_files()}, output)
        design_text = json.dumps(design, ensure_ascii=False, separators=(",", ":")) + "\n"
        design_path = f"{settings['BADGES_URL']}ontwerp-{hashlib.sha256(design_text.encode()).hexdigest()[:12]}.json"
        write_output(build.overlay, output, design_path, design_text)
        files, rendered, drawings = self.rendering
        stats, drawn, fresh, keys = rendered(), drawings(), self.fresh, self.kit_keys
        self._put = output_placer(build.overlay, self.output_path)
        publish(files, cache, output, self._put)
        (cache / "stats.json").write_text(stats.as_json(), encoding="utf-8")
        logger.info("badges: %s bestanden gemaakt, %s uit de cache, in %s s; %s badges opgemaakt voor de browser; "
                    "%s van %s kits ongewijzigd", stats.rendered, stats.reused, stats.seconds, drawn,
                    len(self.kits) - len(fresh), len(self.kits))
        self._write_open_badges(output, fresh)
        ob3_links = ob3_output.write(self, settings, self.signing) if self.signing else {}
        for kit in fresh:
            record_output_group(build.overlay, f"badges:{kit.profile.slug}", keys[kit.profile.slug], self._kit_files(kit), {})
        common = {"badge_classes": self.classes, "badge_criteria": self.criteria, "download_rows": download_rows,
                  "formats": FORMAT_LABELS, "sizes_of": FORMATS, "title_of": badge_title}
        design_url, fonts_url = f"{self.siteurl}/{design_path}", f"{self.siteurl}/{settings['THEME_STATIC_DIR']}/fonts/badges/"
        for kit in self.kits.values():
            writer.write_file(kit.url + "index.html", self.get_template("badge_kit"), self.context, kit=kit,
                              linkedin=[self._linkedin(kit, entry) for entry in kit.badges], url=kit.url,
                              ob3=ob3_links.get(kit.profile.slug, {}),
                              drawings=KitDrawings(kit, cache, design, design_url, fonts_url, self.siteurl,
                                                   {badge_id: links["json"] for badge_id, links
                                                    in ob3_links.get(kit.profile.slug, {}).items()},
                                                   self.qr_codes.get(kit.profile.slug)),
                              **common)
        if self.classes or self.supporters:
            paths = [f.path for supporter in self.supporter_kits for f in supporter["files"]]
            writer.write_file(settings["BADGES_URL"] + "index.html", self.get_template("badges"), self.context,
                              supporter_badges=self.supporter_kits, url=settings["BADGES_URL"],
                              sizes=self.sizes.only(paths), **common)

    @staticmethod
    def _kit_files(kit: Kit) -> list[str]:
        """Every file a kit publishes besides its page (the profile page is the directory's): per profile
        at most the share card, and per earned badge the e-mail signature and the Open Badges documents."""
        files = [f.path for entry in kit.badges for f in entry.files]
        files += [openbadges.assertion_path(kit.profile.slug, entry.badge["id"]) for entry in kit.badges]
        # The Open Badges 3.0 credentials are written (and kept) by ob3_output; the kit page bakes them.
        return files

    def _claim_kit(self, kit: Kit, key: str) -> bool:
        """Keep the kit's files if the last build made them from the same kit (the key hashes
        the profile, the recipient, the issue date and every file's cache key)."""
        return claim_output_group(build_of(self.context).overlay, f"badges:{kit.profile.slug}", key) is not None

    def cache_source(self, inputs: tuple) -> Path:
        """Where the badge cache keeps the derived file made from ``inputs``."""
        return self.cache / f"derived-{cache_key(*inputs, code=self.documents_code)}"

    def cached(self, target: str, inputs: tuple, make) -> None:
        """Place a derived file from the badge cache (keyed by a hash of its inputs), making it once."""
        source = self.cache_source(inputs)
        if not source.exists():
            atomic_write(source, make())
        self.sizes.sources[target] = source
        self._put(target, source.name, lambda staged: place(source, staged))

    def _write_open_badges(self, output: Path, kits: list[Kit]):
        siteurl = self.siteurl
        issuer = openbadges.issuer_document(
            siteurl, self.settings["SITENAME"], self.settings["SITE_EMAIL"], self.settings["SITE_DESCRIPTION"],
            f"{siteurl}/{self.settings['SHARE_IMAGE_SQUARE']}",
        )
        documents = {openbadges.issuer_path(): issuer}
        for badge_id, badge in self.classes.items():
            image = f"{siteurl}/{self._class_image(badge_id)}"
            criteria = f"{siteurl}/{self.settings['BADGES_URL']}#badge-{badge_id}"
            # the class in every language it has texts in (name_en ...), each naming the others as related
            languages = [lang for lang in self.settings.get("BADGE_LANGUAGES", ()) if badge.get(f"name_{lang}")]
            urls = {lang: openbadges.badge_class_url(siteurl, badge_id, lang) for lang in ["nl", *languages]}
            documents[openbadges.badge_class_path(badge_id)] = openbadges.badge_class_document(
                siteurl, badge, image, criteria, related=[urls[lang] for lang in languages])
            for lang in languages:
                documents[openbadges.badge_class_path(badge_id, lang)] = openbadges.badge_class_document(
                    siteurl, openbadges.in_language(badge, lang), image, f"{siteurl}/{lang}/badges/#badge-{badge_id}",
                    lang=lang, related=[url for other, url in urls.items() if other != lang])
        texts = {path: openbadges.to_json(document) for path, document in documents.items()}
        for kit in kits:
            for entry in kit.badges:
                texts[openbadges.assertion_path(kit.profile.slug, entry.badge["id"])] = entry.assertion_json
        for slug, badge_id in self.revoked:
            texts[openbadges.assertion_path(slug, badge_id)] = openbadges.to_json(
                openbadges.revoked_document(siteurl, slug, badge_id))
        overlay = build_of(self.context).overlay
        for path, text in texts.items():
            write_output(overlay, output, path, text)

    def _linkedin(self, kit: Kit, entry: KitBadge) -> str:
        """LinkedIn's 'add licence or certification' link, filled in; a plain link, no script."""
        year, month = kit.issued[:4], kit.issued[5:7]
        query = urlencode({
            "startTask": "CERTIFICATION_NAME",
            "name": f"{entry.badge['name']} — {self.settings['SITENAME']}",
            "organizationName": self.settings["SITENAME"],
            "issueYear": year, "issueMonth": str(int(month)),
            "certUrl": entry.assertion_url,
            "certId": f"{kit.profile.slug}-{entry.badge['id']}",
        })
        return f"https://www.linkedin.com/profile/add?{query}"


def get_generators(pelican):
    return [BadgesGenerator, VerifyPageGenerator]


def plan_kits(generators):
    for generator in generators:
        if isinstance(generator, BadgesGenerator):
            generator.plan_kits()


def register():
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(plan_kits)
