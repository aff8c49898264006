"""The craft directory as data: published profiles, facets, featured and related profiles.

Pure Python (no Pelican). Consent is applied here, once: a profile that is withdrawn or
whose scope lacks ``profiel`` is not in ``profiles`` at all, a photo without ``foto``
consent is dropped, and an email is kept only when ``contact_public`` is true.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from incremental.fingerprint import plain_digest
from infra.sequences import batches

TYPE_ORDER = ["ambachtsmens", "leerbedrijf", "opleiding", "restauratie", "museum", "evenement", "organisatie"]
OFFER_ORDER = ["leerplek", "stage", "workshop", "rondleiding", "opleiding"]
LEARNING_OFFERS = ("leerplek", "stage", "opleiding")  # what a student looks for: the profile page calls to action


@dataclass
class Profile:
    slug: str
    name: str
    type: str
    region: str
    crafts: list[str] = field(default_factory=list)
    place: str | None = None
    tagline: str | None = None
    bio: str | None = None  # Markdown as written; the Pelican layer renders it
    photo: str | None = None
    photo_alt: str | None = None
    photo_credit: str | None = None
    website: str | None = None
    email: str | None = None  # only when contact_public
    offers: list[str] = field(default_factory=list)
    since: int | None = None
    skills: list[str] = field(default_factory=list)
    badges: list[str] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    url: str = ""

    def __fingerprint__(self):
        """A hash of its fields (plain data), made once: a build keys the pages showing it by it.
        A profile does not change once the directory is built."""
        known = self.__dict__.get("_fingerprint")
        if known is None:
            fields = {name: value for name, value in self.__dict__.items() if name != "_fingerprint"}
            known = plain_digest(fields)
            if known is None:  # not plain data after all: the fingerprinter walks it
                return fields
            self._fingerprint = known
        return known

    @property
    def learning(self) -> list[str]:
        """The offers a student can come for (a leerplek, stage or opleiding), in the directory's order."""
        return [offer for offer in self.offers if offer in LEARNING_OFFERS]

    @property
    def title(self) -> str:
        """Listings and structured data treat every item as having a title."""
        return self.name

    @property
    def sort_key(self) -> str:
        return sort_key(self.name)

    def place_beside(self, *region_names: str) -> str:
        """The place a card shows before the region's name: none when it is that name (in any of the
        languages given), so that "Utrecht, Utrecht" never appears."""
        return self.place if self.place and self.place not in region_names else ""

    @property
    def monogram(self) -> str:
        """The card's stand-in for a photo: :func:`monogram` of the name."""
        return monogram(self.name)

    @property
    def letter(self) -> str:
        key = self.sort_key
        first = next((ch for ch in key if ch.isalnum()), "#")
        return first.upper() if first.isalpha() else "#"

    @property
    def stable_rank(self) -> str:
        """A fixed pseudo-random order, the same in every build."""
        return hashlib.sha256(self.slug.encode()).hexdigest()


def monogram(name: str) -> str:
    """``Atelier de Vries`` -> ``AV``: the first letters of the first and last word (one word: one
    letter), leaving out the article "'t " (``Het Houten Huis`` keeps its H)."""
    words = name.replace("'t ", "").split()
    if not words:
        return ""
    return (words[0][:1] + (words[-1][:1] if len(words) > 1 else "")).upper()


def sort_key(name: str) -> str:
    """Case- and accent-insensitive; ``Ĳ`` sorts as ``ij``; a leading ``'t`` (or ``’t``) is ignored."""
    text = name.replace("Ĳ", "IJ").replace("ĳ", "ij").replace("’", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold().strip()
    return text.removeprefix("'t ")


def is_published(data: dict) -> bool:
    return data.get("status", "published") == "published" and "profiel" in data.get("consent", {}).get("scope", [])


def is_withdrawn(data: dict) -> bool:
    """Withdrawn explicitly (``status: withdrawn``), as opposed to never published."""
    return data.get("status") == "withdrawn"


def profile_from_data(slug: str, data: dict, url_pattern: str) -> Profile:
    """The public part of a validated profile; call only for published profiles."""
    scope = list(data.get("consent", {}).get("scope", []))
    with_photo = "foto" in scope and data.get("photo")
    return Profile(
        slug=slug,
        name=data["name"],
        type=data["type"],
        region=data["region"],
        crafts=list(data.get("crafts", [])),
        place=data.get("place"),
        tagline=data.get("tagline"),
        bio=data.get("bio"),
        photo=data["photo"] if with_photo else None,
        photo_alt=data.get("photo_alt") if with_photo else None,
        photo_credit=data.get("photo_credit") if with_photo else None,
        website=data.get("website"),
        email=data.get("email") if data.get("contact_public") else None,
        offers=[o for o in OFFER_ORDER if o in data.get("offers", [])],
        since=data.get("since"),
        skills=list(data.get("skills", [])),
        badges=list(data.get("badges", [])),
        scope=scope,
        aliases=list(data.get("aliases", [])),
        url=url_pattern.format(slug=slug),
    )


@dataclass
class Facet:
    """One craft, province, kind or offer with its profiles; ``pages`` splits them (:func:`paginate`),
    the first page at ``url``."""

    kind: str  # "ambacht", "regio", "type" or "aanbod"
    id: str
    name: str
    profiles: list[Profile]
    url: str
    pages: list[ListPage] = field(default_factory=list)

    @property
    def link(self) -> FacetLink:
        return FacetLink(self.kind, self.id, self.name, self.url, len(self.profiles))


@dataclass(frozen=True)
class FacetLink:
    """What a facet page shows of its facet besides its own page's profiles (the name and the count,
    not every profile: a page depends on the profiles it shows)."""

    kind: str
    id: str
    name: str
    url: str
    count: int


@dataclass
class Directory:
    profiles: list[Profile]
    withdrawn: set[str]  # slugs that publish nothing (withdrawn or no 'profiel' consent)
    by_slug: dict[str, Profile] = field(default_factory=dict)
    by_craft: dict[str, list[Profile]] = field(default_factory=dict)
    by_region: dict[str, list[Profile]] = field(default_factory=dict)
    by_type: dict[str, list[Profile]] = field(default_factory=dict)
    by_offer: dict[str, list[Profile]] = field(default_factory=dict)

    @classmethod
    def build(cls, profiles: list[Profile], withdrawn: set[str]) -> Directory:
        ordered = sorted(profiles, key=lambda p: (p.sort_key, p.slug))
        directory = cls(ordered, set(withdrawn))
        for profile in ordered:
            directory.by_slug[profile.slug] = profile
            for craft in profile.crafts:
                directory.by_craft.setdefault(craft, []).append(profile)
            directory.by_region.setdefault(profile.region, []).append(profile)
            directory.by_type.setdefault(profile.type, []).append(profile)
            for offer in profile.offers:
                directory.by_offer.setdefault(offer, []).append(profile)
        return directory

    def type_counts(self) -> list[tuple[str, int]]:
        return [(t, len(self.by_type[t])) for t in TYPE_ORDER if t in self.by_type]

    def featured(self, count: int = 6) -> list[Profile]:
        """A deterministic selection: profiles with a photo, in a fixed pseudo-random order, varied by type."""
        candidates = sorted((p for p in self.profiles if p.photo and p.tagline), key=lambda p: p.stable_rank)
        chosen: list[Profile] = []
        seen_types: set[str] = set()
        for profile in candidates:  # first one of each type, then fill up
            if profile.type not in seen_types:
                chosen.append(profile)
                seen_types.add(profile.type)
        chosen += [p for p in candidates if p not in chosen]
        return chosen[:count]

    def related_digest(self) -> str:
        """A hash of everything :meth:`related` reads: the profiles in order, their crafts and regions."""
        shown = [[p.slug, p.crafts, p.region] for p in self.profiles]
        return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()

    def related(self, profile: Profile, count: int = 4) -> list[Profile]:
        """Others sharing a craft (most shared first), then same region; bounded work per profile."""
        scores: dict[str, int] = defaultdict(int)
        for craft in profile.crafts:
            for other in self.by_craft.get(craft, [])[:200]:
                scores[other.slug] += 2
        for other in self.by_region.get(profile.region, [])[:200]:
            if scores.get(other.slug):
                scores[other.slug] += 1
        scores.pop(profile.slug, None)
        ranked: list[str] = []
        for score in sorted(set(scores.values()), reverse=True):  # only the best scores need the tie-break
            ranked += sorted((slug for slug, value in scores.items() if value == score),
                             key=lambda slug: self.by_slug[slug].stable_rank)
            if len(ranked) >= count:
                break
        return [self.by_slug[slug] for slug in ranked[:count]]


# --- A large directory: the A-Z list split over one page per initial ---------------------------

OTHER_INITIAL = "#"  # Profile.letter for names that do not start with a letter A-Z
INITIALS = [OTHER_INITIAL, *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]  # the order of the A-Z list


def initial_id(letter: str) -> str:
    """The URL segment of an initial: ``a`` to ``z``, and ``overig`` for names starting otherwise."""
    return "overig" if letter == OTHER_INITIAL else letter.lower()


@dataclass
class PageLink:
    number: int
    url: str


@dataclass
class Pages:
    """The page numbers of one paginated list: what the pagination macro reads of a paginator."""

    urls: list[str]

    @property
    def num_pages(self) -> int:
        return len(self.urls)

    @property
    def page_range(self) -> list[int]:
        return list(range(1, len(self.urls) + 1))

    def page(self, number: int) -> PageLink:
        return PageLink(number, self.urls[number - 1])


@dataclass
class ListPage:
    """One page of a paginated list of profiles (an initial's or a facet's): what the pagination
    macro reads of a page."""

    number: int
    url: str
    profiles: list[Profile]
    pages: Pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.pages.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


@dataclass(frozen=True)
class InitialLink:
    """What the A-Z navigation shows of an initial (no profiles, so that a page showing the
    navigation depends on the counts only); ``url`` is None when the initial has no profiles."""

    letter: str  # "A" to "Z", or OTHER_INITIAL
    id: str
    count: int
    url: str | None

    @property
    def learning(self) -> list[str]:
        """The offers a student can come for (a leerplek, stage or opleiding), in the directory's order."""
        return [offer for offer in self.offers if offer in LEARNING_OFFERS]

    @property
    def title(self) -> str:
        """Listings and structured data treat every item as having a title."""
        return f"Ambachtengids: {self.letter}"


@dataclass
class Initial:
    """The profiles whose name starts with one initial; ``url`` is None when there are none."""

    letter: str  # "A" to "Z", or OTHER_INITIAL
    id: str
    profiles: list[Profile]
    url: str | None
    pages: list[ListPage] = field(default_factory=list)

    @property
    def link(self) -> InitialLink:
        return InitialLink(self.letter, self.id, len(self.profiles), self.url)


def initials(profiles: list[Profile], url_pattern: str, per_page: int) -> list[Initial]:
    """Every initial A-Z (and OTHER_INITIAL when some name needs it) with its profiles in order,
    split into pages of at most ``per_page``: ``url_pattern`` for the first, ``<that>/<n>/`` after."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    grouped: dict[str, list[Profile]] = {letter: [] for letter in INITIALS}
    for profile in profiles:
        grouped[profile.letter if profile.letter in grouped else OTHER_INITIAL].append(profile)
    result = []
    for letter, members in grouped.items():
        if letter == OTHER_INITIAL and not members:
            continue
        letter_id = initial_id(letter)
        if not members:
            result.append(Initial(letter, letter_id, [], None))
            continue
        first = url_pattern.format(letter=letter_id)
        result.append(Initial(letter, letter_id, members, first, paginate(members, first, per_page)))
    return result


def paginate(profiles: list[Profile], first_url: str, per_page: int) -> list[ListPage]:
    """``profiles`` in pages of at most ``per_page``: the first at ``first_url``, page n at
    ``<first_url><n>/``. An empty list is one empty page."""
    chunks = batches(profiles, per_page) or [[]]  # batches refuses a size below 1
    pages = Pages([first_url] + [f"{first_url}{number}/" for number in range(2, len(chunks) + 1)])
    return [ListPage(number, pages.urls[number - 1], chunk, pages) for number, chunk in enumerate(chunks, start=1)]


def filter_counts(profiles: list[Profile]) -> dict[str, dict[str, int]]:
    """Profiles per value of each instant filter (ambacht, regio, type, aanbod), for its options."""
    counts: dict[str, dict[str, int]] = {"ambacht": {}, "regio": {}, "type": {}, "aanbod": {}}
    for profile in profiles:
        for craft in profile.crafts:
            counts["ambacht"][craft] = counts["ambacht"].get(craft, 0) + 1
        counts["regio"][profile.region] = counts["regio"].get(profile.region, 0) + 1
        counts["type"][profile.type] = counts["type"].get(profile.type, 0) + 1
        for offer in profile.offers:
            counts["aanbod"][offer] = counts["aanbod"].get(offer, 0) + 1
    return counts
