"""Which preview figures and download rows the kit page's script-only template carries: those some badge
of the kit has no hosted file for (badges.kit.drawn_only_parts, KitDrawings.drawn_only)."""

from pathlib import Path

from badges.designs import FORMATS, VARIANTS, BadgeArt
from badges.generator import Kit, KitBadge, KitDrawings
from badges.kit import FORMAT_LABELS, drawn_only_parts, plan_files
from hypothesis import given
from hypothesis import strategies as st

ART = BadgeArt("Ambachtsmens", "Ik ben", "copper", "dekrachtvanambacht.nl", "Jan de Vries", "Smid · Friesland")
PREVIEWS = (("deelkaart-1200x630", "licht", "Deelkaart"), ("staand-1080x1350", "licht", "Staand"),
            ("vierkant-1080", "donker", "Donkere versie"))
ALL = [(fmt, variant) for fmt in (*FORMATS, "svg") for variant in VARIANTS]


def hosted(*pairs):
    return [file for fmt, variant in pairs
            for file in plan_files("badges/jan", "jan-ambachtsmens", ART, "design", formats=(fmt,), variants=(variant,))]


# what a kit hosts today: the e-mail signature and the SVG for every badge, the share card for the first
FIRST = hosted(("handtekening-600x200", "licht"), ("svg", "licht"), ("deelkaart-1200x630", "licht"))
OTHER = hosted(("handtekening-600x200", "licht"), ("svg", "licht"))


def test_a_kit_page_draws_what_no_badge_hosts_with_its_place():
    parts = drawn_only_parts([FIRST, OTHER], PREVIEWS, FORMAT_LABELS)
    # the share card is hosted for the first badge only: the second badge draws it, so it is in the template
    assert parts["previews"] == [(0, "deelkaart-1200x630", "licht", "Deelkaart"), (1, "staand-1080x1350", "licht", "Staand"),
                                 (2, "vierkant-1080", "donker", "Donkere versie")]
    # the places follow FORMAT_LABELS' order; the signature is hosted for all, the SVG always
    assert parts["formats"] == [(0, "vierkant-400"), (1, "vierkant-1080"), (2, "staand-1080x1350"), (3, "deelkaart-1200x630")]


def test_what_every_badge_hosts_is_not_in_the_template():
    parts = drawn_only_parts([FIRST], PREVIEWS, FORMAT_LABELS)
    assert [at for at, *_ in parts["previews"]] == [1, 2]
    assert parts["formats"] == [(0, "vierkant-400"), (1, "vierkant-1080"), (2, "staand-1080x1350")]
    everything = hosted(*ALL)
    assert drawn_only_parts([everything, everything], PREVIEWS, FORMAT_LABELS) == {"previews": [], "formats": []}


def test_a_row_needs_no_drawing_when_one_variant_of_its_format_is_hosted():
    # the row is in the page when either colour is hosted; the script fills the other cell
    parts = drawn_only_parts([hosted(("vierkant-400", "donker"))], PREVIEWS, ["vierkant-400", "svg"])
    assert parts["formats"] == []


@given(st.lists(st.sets(st.sampled_from(ALL)), min_size=1, max_size=4))
def test_listed_exactly_when_some_badge_lacks_it(kits):
    parts = drawn_only_parts([hosted(*sorted(pairs)) for pairs in kits], PREVIEWS, FORMAT_LABELS)
    assert parts["previews"] == [(at, *preview) for at, preview in enumerate(PREVIEWS)
                                 if any(preview[:2] not in pairs for pairs in kits)]
    assert parts["formats"] == [(at, fmt) for at, fmt in enumerate(FORMAT_LABELS)
                                if fmt != "svg" and any(all(kind != fmt for kind, _ in pairs) for pairs in kits)]


def test_kit_drawings_ask_about_the_badges_of_their_kit():
    def badge(files):
        return KitBadge({"id": "ambachtsmens"}, ART, files, "https://example.org/a.json", "{}", "key", "class.png")

    kit = Kit(profile=None, url="badges/jan/", badges=[badge(FIRST), badge(OTHER)])
    drawings = KitDrawings(kit, Path("unused"), {}, "design.json", "fonts/", "https://example.org")
    assert drawings.drawn_only(PREVIEWS, FORMAT_LABELS) == drawn_only_parts([FIRST, OTHER], PREVIEWS, FORMAT_LABELS)
    assert [at for at, *_ in drawings.drawn_only(PREVIEWS, FORMAT_LABELS)["previews"]] == [0, 1, 2]
