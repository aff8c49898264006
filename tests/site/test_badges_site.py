"""The badge kits, the generic kit and the Open Badges files in a real build of the example content."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4.element import NavigableString, TemplateString
from conftest import QR_BATCH_IN_TESTS, ROOT, SITEURL, run_build
from PIL import Image

pytestmark = pytest.mark.build

PROFILES = ROOT / "content" / "profiles"
TEXT = (NavigableString, TemplateString)  # a <template>'s text too (BeautifulSoup leaves it out of get_text)
FORMAT_SIZES = {"vierkant-400": (400, 400), "vierkant-1080": (1080, 1080), "staand-1080x1350": (1080, 1350),
                "deelkaart-1200x630": (1200, 630), "handtekening-600x200": (600, 200)}


def profile_data(slug: str) -> dict:
    return yaml.safe_load((PROFILES / f"{slug}.yaml").read_text(encoding="utf-8"))


def kit_slugs(build) -> set[str]:
    return {p.parent.name for p in (build.output / "badges").glob("*/index.html")}


def test_kits_exist_exactly_for_published_profiles_with_badge_consent(example_site):
    expected = set()
    for path in PROFILES.glob("*.yaml"):
        data = profile_data(path.stem)
        scope = data["consent"]["scope"]
        if data.get("status", "published") == "published" and "profiel" in scope and "badge" in scope:
            expected.add(path.stem)
    assert kit_slugs(example_site) == expected
    for slug in {p.stem for p in PROFILES.glob("*.yaml")} - expected:
        assert not (example_site.output / "badges" / slug).exists(), slug


def test_earned_badges_follow_type_offers_and_grants(example_site):
    def badges_of(slug):
        page = example_site.page(f"badges/{slug}/")
        return [h.get_text(strip=True) for h in page.select(".badge-block__title")]

    assert badges_of("ingrid-van-t-hof")[0] == "Ambachtsmens" and "Ambassadeur" in badges_of("ingrid-van-t-hof")
    assert "Opleider" in badges_of("vakschool-restauratie-oost")
    assert "Partner" in badges_of("textielmuseum-de-schietspoel")
    assert "Ambachtsmens" not in badges_of("textielmuseum-de-schietspoel")
    for slug in kit_slugs(example_site):
        offers = set(profile_data(slug).get("offers", []))
        assert ("Leermeester" in badges_of(slug)) == bool(offers & {"leerplek", "stage"}), slug
        assert ("Ambassadeur" in badges_of(slug)) == ("ambassadeur" in profile_data(slug).get("badges", [])), slug


def test_kit_hosts_only_what_needs_a_url_and_offers_every_size(example_site):
    slug = "maria-louise-van-den-heuvel-vanderbroeck"
    page = example_site.page(f"badges/{slug}/")
    ids = [section["id"].removeprefix("badge-") for section in page.select("section.badge-block")]
    # (a .gz/.br copy stands beside a text file for the web server; it is the same file)
    hosted = {p.name for p in (example_site.output / "badges" / slug).iterdir() if p.suffix not in (".gz", ".br")}
    # the share card of the first badge (the og:image) and an e-mail signature per badge, at the URLs kits had
    # and the light SVG per badge (for pages without JavaScript; the script bakes it)
    assert hosted == {"index.html", f"{slug}-{ids[0]}-deelkaart-1200x630-licht.png",
                      *(f"{slug}-{badge_id}-handtekening-600x200-licht.png" for badge_id in ids),
                      *(f"{slug}-{badge_id}-licht.svg" for badge_id in ids)}
    # What only the script uses is in the page once, in a template (badge-kit.js clones it into each block)
    parts = page.find("template", id="badge-kit-parts")
    order = [*FORMAT_SIZES, "svg"]
    drawn_rows = {row["data-format"]: row for row in parts.select("tr")}
    for fmt, row in drawn_rows.items():
        assert row.has_attr("data-drawn-only") and row.select_one("a") is None and not row.has_attr("hidden")
        assert row["data-at"] == str(order.index(fmt))  # its place in the table
    for section in page.select("section.badge-block"):
        # without JavaScript a row is in the page only when it offers a hosted file; the script adds the rest
        in_page = section.select(".download-table tbody tr")
        for row in in_page:
            assert row.select_one("a[href]") is not None and not row.has_attr("data-drawn-only"), row.th.get_text()
            assert not row.has_attr("hidden")
        formats = [row["data-format"] for row in in_page]
        assert formats == [f for f in order if f in formats]  # in the page's order
        rows = in_page + [drawn_rows[f] for f in order if f not in formats]
        assert sorted(row["data-format"] for row in rows) == sorted(order)  # every size, hosted or drawn
        cells = [cell for row in rows for cell in row.select("td")]
        assert len(cells) == 6 * 2  # six formats, light and dark
        variants = [head.get("data-variant") for head in section.select(".download-table thead th")]
        assert variants == [None, "licht", "donker"]
        for cell in cells:
            control = cell.select_one("a") or cell
            row = cell.find_parent("tr").th.get_text(" ", strip=True, types=TEXT)
            if control.name == "td":  # drawn in the browser: an empty cell until the script puts its button in
                # the format from the row, the variant from the column's header
                fmt = cell.find_parent("tr")["data-format"]
                assert not control.contents and control.has_attr("data-draw") and fmt in (*FORMAT_SIZES, "svg")
                assert variants[cell.find_parent("tr").find_all(["th", "td"]).index(cell)] in ("licht", "donker")
                if fmt != "svg":
                    width, height = FORMAT_SIZES[fmt]
                    assert f"{width} × {height} px" in row
            elif control["href"].endswith(".svg"):  # the light SVG, hosted: for pages without JavaScript too
                assert control["href"].endswith("-licht.svg") and control["type"] == "image/svg+xml"
                assert control.has_attr("download") and control.has_attr("data-svg")
                root = ET.fromstring(example_site.at(control["href"]).read_bytes())
                text = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
                assert "Maria-Louise" in text and "Ruwenborgh" in text  # real, selectable text, nothing cut
            else:
                path = example_site.at(control["href"])
                fmt = next(f for f in FORMAT_SIZES if f"-{f}-" in control["href"])
                with Image.open(path) as image:
                    assert image.format == "PNG" and image.size == FORMAT_SIZES[fmt]
                    assert not image.info.get("exif") and not image.getexif()
                assert f"{FORMAT_SIZES[fmt][0]} × {FORMAT_SIZES[fmt][1]} px" in row
    data = json.loads(page.find("script", id="badge-kit-data").string)
    assert [badge["id"] for badge in data["badges"]] == ids
    design = example_site.at(data["design"])
    assert json.loads(design.read_text())["geometry"].keys() == FORMAT_SIZES.keys()
    for name in json.loads(design.read_text())["fonts"]:
        assert example_site.at(data["fonts"] + name).is_file()


def test_snippets_use_absolute_urls_dimensions_and_alt_text(example_site):
    slug = "ingrid-van-t-hof"
    page = example_site.page(f"badges/{slug}/")
    codes = {pre["id"]: pre.get_text() for pre in page.select("pre.snippet__code")}
    website = codes["code-ambachtsmens-website"]
    mail = codes["code-ambachtsmens-mail"]
    for code, (width, height) in ((website, (200, 200)), (mail, (300, 100))):
        assert f'href="{SITEURL}/ambachtengids/{slug}/"' in code
        src = re.search(r'src="([^"]+)"', code).group(1)
        assert src.startswith(SITEURL + "/") and example_site.at(src).is_file()
        assert f'width="{width}"' in code and f'height="{height}"' in code
        assert "Ingrid van 't Hof" in re.search(r'alt="([^"]+)"', code).group(1)
    with Image.open(example_site.at(re.search(r'src="([^"]+)"', mail).group(1))) as image:
        assert image.size == (600, 200)  # shown at 300 x 100: sharp on 2x screens
    # the copy buttons are made by the script (only it can copy), from the page's template, one per snippet
    assert page.select("main button") == page.select("main template button")
    parts = page.find("template", id="badge-kit-parts")
    assert len(parts.select("button.copy-button:not([data-copy])")) == 1
    assert parts.select_one("button.copy-button").get_text(types=TEXT) == "Kopieer code: "


def test_kit_offers_verifiable_badge_linkedin_share_links_and_qr(example_site):
    slug = "ingrid-van-t-hof"
    page = example_site.page(f"badges/{slug}/")
    # Open Badges 2.0 and, signed with the development key, 3.0: both baked by the page's script, which
    # puts their buttons in from the page's template (without JavaScript there is nothing to bake with)
    assert page.select(".verifiable button") == []
    parts = page.find("template", id="badge-kit-parts")
    bakers = parts.select("button[data-bake]")
    assert [b["data-bake"] for b in bakers] == ["png", "svg", "png-v3", "svg-v3"]
    for verifiable in page.select(".verifiable"):  # the places the script puts them in: PNG (with the note), SVG
        lists = verifiable.select(":scope > ul")
        assert [len(ul.select("li")) for ul in lists] == [4, 3]
        assert [li.select_one("noscript") is not None for ul in lists for li in ul.select("li")[:2]] == [True, False] * 2
    credential = page.find("a", href=f"{SITEURL}/openbadges/v3/credentials/{slug}-ambachtsmens.json")
    assert credential is not None and example_site.at(credential["href"]).is_file()
    assertion = page.find("a", href=f"{SITEURL}/openbadges/assertions/{slug}-ambachtsmens.json")
    assert assertion is not None and example_site.at(assertion["href"]).is_file()
    linkedin = [a["href"] for a in page.select("a[href^='https://www.linkedin.com/profile/add']")]
    assert linkedin
    query = parse_qs(urlsplit(linkedin[0]).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["certUrl"] == [f"{SITEURL}/openbadges/assertions/{slug}-ambachtsmens.json"]
    assert query["organizationName"] == ["De kracht van ambacht"]
    shares = page.select(".badge-share .link-list a")
    assert len(shares) >= 3 and all(a["href"].startswith(("https://", "mailto:")) for a in shares)
    qr = page.select_one(".badge-share__qr svg")
    assert "QR-code" in qr.title.get_text()
    # the files are made by the page's script from the inline code (not carried twice in every kit page)
    assert page.select_one(".badge-share__qr a[download]") is None
    assert page.select_one(".badge-share__qr [data-qr-png]") is None  # the script puts the buttons in
    assert parts.select_one("[data-qr-png] button[data-qr-svg]")
    assert parts.select_one("[data-qr-png] button[data-qr-download]")


def test_qr_codes_made_in_jobs_on_the_workers_are_those_made_with_the_pages(example_site, paged_directory_site):
    """A build with 100 or more new kits (a cold build at scale) makes their QR codes on the build's workers,
    in jobs of BADGE_QR_BATCH (tests/unit/test_badge_qr.py); paged_directory_site lowers that to two, so
    the codes of its kits come from jobs, the last one shorter if the count is odd. Each kit page, and the
    QR code in it, is byte for byte the one example_site made with its pages."""
    kits = sorted(path.relative_to(example_site.output) for path in example_site.output.rglob("badges/*/index.html"))
    with_code = [kit for kit in kits if example_site.page(kit.parent.as_posix() + "/").select_one(".badge-share__qr svg")]
    assert len(with_code) > QR_BATCH_IN_TESTS
    for kit in kits:
        assert (paged_directory_site.output / kit).read_bytes() == (example_site.output / kit).read_bytes(), kit


def test_profile_page_shows_badges_and_uses_the_share_card_as_open_graph_image(example_site):
    slug = "ingrid-van-t-hof"
    page = example_site.page(f"ambachtengids/{slug}/")
    og = page.find("meta", property="og:image")["content"]
    assert og == f"{SITEURL}/badges/{slug}/{slug}-ambachtsmens-deelkaart-1200x630-licht.png"
    with Image.open(example_site.at(og)) as image:
        assert image.size == (1200, 630)
    assert page.find("a", href=f"{SITEURL}/badges/{slug}/") is not None
    kit = example_site.page(f"badges/{slug}/")
    assert kit.find("meta", property="og:image")["content"] == og
    without = example_site.page("ambachtengids/omar-el-amrani/")  # no badge consent
    assert "/badges/" not in str(without.select_one("main"))


def test_generic_kit_has_supporter_badges_photo_frame_and_badge_criteria(example_site):
    page = example_site.page("badges/")
    supporters = yaml.safe_load((ROOT / "content/data/badges.yaml").read_text(encoding="utf-8"))
    for supporter in supporters["supporters"]:
        block = page.find(id=f"steun-{supporter['id']}")
        assert block is not None and supporter["text"] in block.get_text()
        links = block.select(".download-table a[download]")
        assert len(links) == 12 and all(example_site.at(a["href"]).is_file() for a in links)
    assert page.select_one("[data-photo-frame]") is not None
    for badge in supporters["badges"]:
        anchor = page.find(id=f"badge-{badge['id']}")
        assert anchor is not None and badge["name"] in anchor.get_text()
        badge_class = json.loads((example_site.output / f"openbadges/badges/{badge['id']}.json").read_text())
        assert badge_class["criteria"]["id"] == f"{SITEURL}/badges/#badge-{badge['id']}"
        assert example_site.at(badge_class["image"]).is_file()


def test_withdrawn_profiles_leave_only_revoked_stubs_and_unconsented_ones_nothing(example_site):
    for slug in ("wendelien-schoonderwoerd", "marloes-ypma"):  # status: withdrawn
        stubs = list((example_site.output / "openbadges/assertions").glob(f"{slug}-*.json"))
        assert stubs, slug
        for stub in stubs:
            document = json.loads(stub.read_text())
            assert set(document) == {"@context", "id", "type", "revoked", "revocationReason"}
            assert document["revoked"] is True
    for slug in ("omar-el-amrani", "anouk-brinkman-sahin"):  # published, but never with badge consent
        assert not any(slug in path.name for path in (example_site.output / "openbadges").rglob("*")), slug
        assert not (example_site.output / "badges" / slug).exists()


def test_a_never_published_profile_leaves_no_file_named_after_it(tmp_path, minimal_content):
    profile = (minimal_content / "profiles" / "jan-de-vries.yaml").read_text(encoding="utf-8")
    variants = {
        "nooit-profiel": profile.replace("scope: [profiel, foto, badge, open-data]", "scope: [foto, badge, open-data]"),
        "nooit-badge": profile.replace("scope: [profiel, foto, badge, open-data]", "scope: [profiel, foto]"),
        "ingetrokken": profile + "status: withdrawn\n",
        "ingetrokken-zonder-badge": (profile.replace("scope: [profiel, foto, badge, open-data]", "scope: [profiel]")
                                     + "status: withdrawn\n"),
    }
    for slug, text in variants.items():
        (minimal_content / "profiles" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    build = run_build(tmp_path / "output", command="publish", content=minimal_content)
    assert build.ok, build.stderr
    files = [path.relative_to(build.output).as_posix() for path in build.output.rglob("*")]
    originals = [name for name in files if not name.endswith((".gz", ".br"))]  # precompressed copies follow them
    for slug in ("nooit-profiel", "ingetrokken-zonder-badge"):
        assert not [name for name in files if slug in name], slug
    assert not [name for name in files if "nooit-badge" in name and name.startswith(("openbadges/", "badges/"))]
    assert "ambachtengids/nooit-badge/index.html" in files  # its profile itself is published
    stubs = [name for name in originals if "ingetrokken" in name and "zonder" not in name]
    assert stubs and all(name.startswith("openbadges/assertions/ingetrokken-") for name in stubs)
    for name in stubs:
        assert json.loads((build.output / name).read_text())["revoked"] is True
    assert (build.output / "openbadges/assertions/jan-de-vries-ambachtsmens.json").is_file()


def test_publish_without_the_badge_secret_names_the_profile_instead_of_a_hash(tmp_path, minimal_content):
    build = run_build(tmp_path / "output", command="publish", content=minimal_content, env={"BADGE_SECRET": ""})
    assert build.ok, build.stderr
    assert re.search(r"^publishconf\.py:\d+:\d+: BADGE_SECRET: ", build.stderr, re.MULTILINE)
    assert "Traceback" not in build.stderr
    assertion = json.loads((build.output / "openbadges/assertions/jan-de-vries-ambachtsmens.json").read_text())
    assert assertion["recipient"] == {"type": "url", "hashed": False, "identity": f"{SITEURL}/ambachtengids/jan-de-vries/"}
    secret = run_build(tmp_path / "with-secret", command="publish", content=minimal_content,
                       env={"BADGE_SECRET": "een-geheim"})
    hashed = json.loads((secret.output / "openbadges/assertions/jan-de-vries-ambachtsmens.json").read_text())
    assert hashed["recipient"]["type"] == "email" and hashed["recipient"]["identity"].startswith("sha256$")
    assert "jan@example.nl" not in json.dumps(hashed)


def test_a_rebuild_with_nothing_changed_renders_no_badge(tmp_path, minimal_content):
    cache = tmp_path / "badge-cache"
    first = run_build(tmp_path / "one", content=minimal_content, env={"BADGE_CACHE_PATH": str(cache)})
    assert first.ok, first.stderr
    cold = json.loads((cache / "stats.json").read_text())
    assert cold["rendered"] > 0 and cold["reused"] == 0
    second = run_build(tmp_path / "two", content=minimal_content, env={"BADGE_CACHE_PATH": str(cache)})
    assert second.ok, second.stderr
    warm = json.loads((cache / "stats.json").read_text())
    assert warm["rendered"] == 0 and warm["reused"] == cold["rendered"]
    # a changed name re-renders that profile's files only
    profile = minimal_content / "profiles" / "jan-de-vries.yaml"
    profile.write_text(profile.read_text().replace("Jan de Vries", "Jan de Vries-Ĳzerman"), encoding="utf-8")
    third = run_build(tmp_path / "three", content=minimal_content, env={"BADGE_CACHE_PATH": str(cache)})
    assert third.ok, third.stderr
    changed = json.loads((cache / "stats.json").read_text())
    assert 0 < changed["rendered"] <= 12 and changed["reused"] >= cold["rendered"] - 12
