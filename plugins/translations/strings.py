"""The interface strings of the site in every language it speaks, and hreflang alternates.

Pure data and small functions (no Pelican). Templates write the Dutch text and pass it through
the ``t`` filter with the page's language: ``{{ "Naar de inhoud" | t(page_lang) }}``. Dutch is the
source language, so a Dutch page shows the text as written; every other language looks it up here.
A unit test asserts that every string a template passes through ``t`` has a translation.
"""

from __future__ import annotations

from types import MappingProxyType

DEFAULT_LANG = "nl"
LANGUAGES = ("nl", "en")
# Each language's own name, for the language switch (always written in that language).
LANGUAGE_NAMES = MappingProxyType({"nl": "Nederlands", "en": "English"})
# The locale Open Graph names for each language.
OG_LOCALES = MappingProxyType({"nl": "nl_NL", "en": "en_GB"})

EN = MappingProxyType({
    "Naar de inhoud": "Skip to content",
    "Hoofdmenu": "Main menu",
    "Kruimelpad": "Breadcrumb",
    "Home": "Home",
    "Deze pagina in het Nederlands": "This page in Dutch",
    "Deze pagina in het Engels": "This page in English",
    "Concept — deze pagina is nog niet gepubliceerd en verschijnt niet op de echte site.":
        "Draft: this page is not published yet and does not appear on the real site.",
    # the province map of the directory (partials/province_map.html)
    "Kaart van Nederland met het aantal deelnemers per provincie":
        "Map of the Netherlands with the number of participants per province",
    "Hoe donkerder de provincie, hoe meer deelnemers. Elke provincie met deelnemers is een link naar haar pagina "
    "in de ambachtengids.": "The darker the province, the more participants. Each province with participants links "
                            "to its page in the directory.",
    "deelnemer": "participant",
    "deelnemers": "participants",
    "nog geen deelnemers": "no participants yet",
    "Kaart": "Map",
    "vereenvoudigd": "simplified",
    "Daarnaast": "In addition,",
    "landelijke": "nationwide",
    "Landelijk": "Nationwide",
    # the directory's instant filters (partials/directory_filters.html)
    "Ambacht": "Craft",
    "Alle ambachten": "All crafts",
    "Provincie": "Province",
    "Heel Nederland": "All of the Netherlands",
    "Soort": "Type",
    "Alle soorten": "All types",
    "Leerplek, stage of workshop": "Offer",
    "Maakt niet uit": "Everything",
    "Wis filters": "Clear filters",
    # the directory and its facet pages (directory.html, facet.html, partials/facet_nav.html)
    "Ambachtengids": "Craft directory",
    "Vind vakmensen, leerbedrijven, vakscholen, restaurateurs, musea en evenementen uit de ambachtelijke sector, per "
    "ambacht, provincie en soort.": "Find craftspeople, training companies, craft schools, restorers, museums and "
                                    "events of the Dutch crafts sector, by craft, province, type and offer.",
    "Samenwerking en mapping": "Collaboration and mapping",
    "Iedereen die het ambacht draagt, op één plek: vakmensen, leerbedrijven, vakscholen, restaurateurs, musea, "
    "evenementen en organisaties. Zoek op ambacht, provincie, soort of aanbod.":
        "Everyone who carries the Dutch crafts, in one place: craftspeople, training companies, craft schools, "
        "restorers, museums, events and organisations. Search by craft, province, type or offer.",
    "Deelnemers per soort": "Participants by type",
    "Deelnemers per provincie": "Participants by province",
    "Alle deelnemers van A tot Z": "All participants from A to Z",
    "Geen deelnemers gevonden met deze filters.": "No participants match these filters.",
    "Toon iedereen": "Show everyone",
    "Sta je er nog niet in?": "Not listed yet?",
    "Aanbod": "Offer",
    "de ambachtengids": "the craft directory",
    "in": "in",
    "Combineer met andere filters": "Combine with other filters",
    "Bladeren": "Browse",
    "Per ambacht": "By craft",
    "Per provincie": "By province",
    "Per soort": "By type",
    "Per aanbod": "By offer",
    # the search page (search.html)
    "Zoeken": "Search",
    "Zoek in de verhalen, de ambachtengids, de agenda en de campagnepagina's.":
        "Search the English pages of De kracht van ambacht.",
    "Zoekterm": "Search term",
    "bijvoorbeeld smid, Groningen of leerplek": "for example badge, join or privacy",
    "Zoek": "Search",
    "Bekijk alle deelnemers van A tot Z": "See everyone from A to Z (in Dutch)",
    "Paginering": "Pagination",
    "Pagina": "Page",
    "pagina": "page",
    "Vorige": "Previous",
    "Volgende": "Next",
    "op": "on",
    "pagina’s": "pages",
})

STRINGS = MappingProxyType({"en": EN})


def translate(text: str, lang: str | None) -> str:
    """``text`` (Dutch) in ``lang``; Dutch, an unknown language or a missing string give ``text`` itself."""
    if not lang or lang == DEFAULT_LANG:
        return text
    return STRINGS.get(lang, {}).get(text, text)


def alternates(items: list[tuple[str, str]], default_lang: str = DEFAULT_LANG) -> list[dict]:
    """hreflang alternates of one page in every language it exists in, as ``{"lang", "path"}``:
    ``items`` are (lang, path) pairs of the page and its translations. With more than one language
    the list ends with ``x-default``, the Dutch version (or the first). One language: no alternates."""
    seen: dict[str, str] = {}
    for lang, path in items:
        seen.setdefault(lang, path)
    if len(seen) < 2:
        return []
    ordered = sorted(seen.items(), key=lambda pair: (LANGUAGES.index(pair[0]) if pair[0] in LANGUAGES else 99, pair[0]))
    result = [{"lang": lang, "path": path} for lang, path in ordered]
    result.append({"lang": "x-default", "path": seen.get(default_lang, ordered[0][1])})
    return result
