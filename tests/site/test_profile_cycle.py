"""The whole cycle without GitHub: a profile comes in by e-mail, is imported, published, and withdrawn.

`make import-profile` and `make withdraw` (scripts/profiles.py) on a content tree, then real builds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT, make_jpeg, run_build
from PIL import Image

pytestmark = [pytest.mark.build]

MAIL = """Beste redactie,

Hierbij mijn aanmelding voor de ambachtengids.
Mijn foto zit als bijlage bij deze e-mail (IMG_2231.JPG).

--- begin profiel ---
# Profiel voor de ambachtengids, gemaakt met het formulier op /doe-mee/ (2026-11-20).
name: "Smederij ’t Anker"
type: "leerbedrijf"
crafts: ["smeden"]
region: "zeeland"
place: "Vlissingen"
offers: ["leerplek","workshop"]
photo_alt: "Twee leerlingen aan het aambeeld"
consent:
  date: 2026-11-20
  scope: ["profiel","foto","badge","open-data"]
--- einde profiel ---
"""


def profiles(content, *args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "profiles.py"), "--content", str(content), *args],
                          capture_output=True, text=True, cwd=ROOT, env={"PATH": "/usr/bin", "SOURCE_DATE_EPOCH": "1795780800"})


def test_mail_in_import_publish_then_withdraw_removes_everything(tmp_path, minimal_content):
    mail = tmp_path / "aanmelding.txt"
    mail.write_text(MAIL, encoding="utf-8")
    photo = tmp_path / "IMG_2231.JPG"
    make_jpeg(photo, size=(900, 600))  # with camera make and GPS position
    imported = profiles(minimal_content, "import", str(mail), "--photo", str(photo))
    assert imported.returncode == 0, imported.stderr
    assert (minimal_content / "profiles" / "smederij-t-anker.yaml").is_file()

    build = run_build(tmp_path / "output", content=minimal_content)
    assert build.ok, build.stderr
    page = build.page("ambachtengids/smederij-t-anker/")
    # a student finds the way in: the call to action, here through the editors (no public contact)
    cta = page.select_one(".profile-cta")
    assert "een leerplek (leren en werken)" in cta.get_text(" ") and "workshop" not in cta.get_text(" ").lower()
    ask = cta.select_one("a.button")
    assert ask.get_text(strip=True) == "Vraag de redactie om contact" and ask["href"].startswith("mailto:redactie@")
    # the craftsperson finds the way out: a prefilled request naming the profile
    change = page.select_one(".profile-change a")
    assert change.get_text(strip=True) == "Wijzig of verwijder dit profiel"
    url = urlsplit(change["href"])
    fields = parse_qs(url.query)
    assert url.scheme == "mailto" and url.path == "redactie@dekrachtvanambacht.nl"
    assert fields["subject"] == ["Wijzig of verwijder profiel: Smederij ’t Anker (smederij-t-anker)"]
    assert "/ambachtengids/smederij-t-anker/" in fields["body"][0]
    published = [p for p in (build.output / "images").rglob("*smederij-t-anker*") if p.suffix in (".jpg", ".webp")]
    assert published
    for path in published:
        with Image.open(path) as image:
            assert dict(image.getexif()) == {}
    assert b"ExampleCam" not in (minimal_content / "images" / "profiles" / "smederij-t-anker.jpg").read_bytes()
    assert (build.output / "openbadges" / "assertions" / "smederij-t-anker-partner.json").is_file()

    withdrawn = profiles(minimal_content, "withdraw", "smederij-t-anker")
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert "withdrawn: 2026-11-27" in (minimal_content / "profiles" / "smederij-t-anker.yaml").read_text(encoding="utf-8")
    build = run_build(tmp_path / "output", content=minimal_content)
    assert build.ok, build.stderr
    left = [p.relative_to(build.output).as_posix() for p in build.output.rglob("*smederij-t-anker*")]
    assert left and all(name.startswith("openbadges/assertions/") for name in left), left
    for name in left:
        if name.endswith(".json"):
            assert json.loads((build.output / name).read_text())["revoked"] is True
    for listing in ("ambachtengids/index.html", "open-data/ambachtengids.json", "open-data/ambachtengids.csv", "sitemap.xml"):
        assert "smederij-t-anker" not in (build.output / listing).read_text(encoding="utf-8"), listing
    assert "Smederij ’t Anker" not in (build.output / "ambachtengids" / "index.html").read_text(encoding="utf-8")


def test_withdraw_of_an_unknown_slug_says_which_one_was_meant(minimal_content):
    result = profiles(minimal_content, "withdraw", "jan-de-vris")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("SLUG: geen profiel 'jan-de-vris' (bedoel je 'jan-de-vries'?)")
