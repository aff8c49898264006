"""`make import-profile` and `make withdraw` (content_model.intake), on real content trees; no build."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, make_jpeg
from content_model.check import ContentChecker
from content_model.intake import (
    MAIL_END,
    MAIL_START,
    WITHDRAWN_KEEPS,
    clean_photo,
    import_profile,
    received_profile,
    with_photo,
    withdraw_profile,
    withdrawn_text,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

PROFILE = """# Profiel voor de ambachtengids, gemaakt met het formulier op /doe-mee/ (2026-11-21).
name: "Zoë van ’t Hof"
type: "leerbedrijf"
crafts: ["smeden"]
region: "zeeland"
offers: ["leerplek"]
photo_alt: "Zoë boet een net op de kade"
consent:
  date: 2026-11-21
  scope: ["profiel","foto","badge"]
"""
DAY = dt.date(2026, 12, 1)


def mail(profile: str, quote: str = "") -> str:
    lines = ["Van: Zoë", "Onderwerp: Aanmelding ambachtengids", "", "Beste redactie,", "",
             MAIL_START, *profile.rstrip("\n").split("\n"), MAIL_END, "", "Groet, Zoë"]
    return "\n".join(quote + line for line in lines) + "\n"


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "data", root / "data")
    (root / "profiles").mkdir()
    return root


def test_the_profile_is_found_between_the_mail_markers_and_quoting_is_taken_off():
    for quote in ("", "> ", ">> "):
        received = received_profile(mail(PROFILE, quote))
        assert received.text == PROFILE
        assert received.first_line == 7
        assert received.place(3, 7) == (9, 7 + len(quote))
    whole = received_profile(PROFILE)
    assert whole.text == PROFILE and whole.first_line == 1 and whole.place(2, 1) == (2, 1)


LINE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30).filter(
    lambda line: not line.lstrip().startswith(">") and line.strip() not in (MAIL_START, MAIL_END))


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=8), st.sampled_from(["", "> ", ">> ", "> > "]))
def test_any_profile_text_comes_back_from_any_mail_as_it_was_written(lines, quote):
    text = "\n".join(lines).rstrip("\n") + "\n"
    received = received_profile(mail(text, quote))
    assert received.text == text and received.first_line == 7
    assert received.place(1, 1) == (7, 1 + len(quote))


def test_import_names_checks_and_places_profile_and_photo(content, tmp_path):
    source = tmp_path / "aanmelding.txt"
    source.write_text(mail(PROFILE, "> "), encoding="utf-8")
    photo = tmp_path / "IMG_0042.JPG"
    make_jpeg(photo)  # with EXIF and GPS
    outcome = import_profile(content, source, photo)
    assert outcome.problems == []
    placed = content / "profiles" / "zoe-van-t-hof.yaml"
    picture = content / "images" / "profiles" / "zoe-van-t-hof.jpg"
    assert outcome.written == [picture, placed]
    data = yaml.safe_load(placed.read_text(encoding="utf-8"))
    assert data["photo"] == "images/profiles/zoe-van-t-hof.jpg" and data["name"] == "Zoë van ’t Hof"
    assert placed.read_text(encoding="utf-8").startswith("# Profiel voor de ambachtengids")  # the comment stays
    with Image.open(picture) as image:
        assert dict(image.getexif()) == {} and "exif" not in image.info and "xmp" not in image.info
    assert b"ExampleCam" not in picture.read_bytes()
    _, problems = ContentChecker(content).check_all()
    assert problems == []


def test_import_reports_every_problem_where_it_stands_in_the_mail_and_writes_nothing(content, tmp_path):
    broken = PROFILE.replace('["smeden"]', '["smeeden"]').replace('"zeeland"', '"zeland"').replace(
        'photo_alt: "Zoë boet een net op de kade"\n', "")
    source = tmp_path / "aanmelding.txt"
    source.write_text(mail(broken, "> "), encoding="utf-8")
    not_a_photo = tmp_path / "foto.jpg"
    not_a_photo.write_text("geen foto", encoding="utf-8")
    outcome = import_profile(content, source, not_a_photo)
    lines = [str(p) for p in outcome.problems]
    label = str(source)
    assert any(line.startswith(f"{label}:10:12: crafts[0]: onbekende ambacht 'smeeden'") for line in lines), lines
    assert any(line.startswith(f"{label}:11:11: region:") for line in lines), lines
    assert any(": photo_alt: verplicht bij een foto" in line for line in lines), lines
    assert any(line.startswith(f"{not_a_photo}:1:1: foto: geen foto") for line in lines), lines
    assert outcome.written == [] and list((content / "profiles").iterdir()) == []
    assert not (content / "images").exists()


def test_import_refuses_a_name_that_is_taken_and_yaml_that_is_not_plain_data(content, tmp_path):
    (content / "profiles" / "zoe-van-t-hof.yaml").write_text(PROFILE, encoding="utf-8")
    source = tmp_path / "zoe.yaml"
    source.write_text(PROFILE, encoding="utf-8")
    assert "bestaat al" in str(import_profile(content, source).problems[0])
    source.write_text(mail("name: &a Zoë\ntype: *a\n"), encoding="utf-8")
    [problem] = import_profile(content, source).problems
    assert problem.line == 7 and problem.path == str(source)


def test_withdraw_sets_status_and_date_keeps_what_revocation_needs_and_removes_the_rest(content):
    path = content / "profiles" / "zoe-van-t-hof.yaml"
    photo = content / "images" / "profiles" / "zoe.jpg"
    make_jpeg(photo)
    personal = ('place: "Vlissingen"\nbio: |\n  Twintig jaar smid.\n\n  - hekwerk\nemail: zoe@example.nl\n'
                "skills:\n- netten boeten\n- splitsen\nphoto: images/profiles/zoe.jpg\n")
    path.write_text(PROFILE.replace("offers:", personal + "offers:") + "status: published\n", encoding="utf-8")
    assert ContentChecker(content).check_file("profile", path).problems == []
    outcome = withdraw_profile(content, "zoe-van-t-hof", DAY)
    assert outcome.problems == [] and outcome.written == [path] and outcome.removed == [photo]
    assert not photo.exists()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Profiel voor de ambachtengids")
    data = yaml.safe_load(text)
    assert data["status"] == "withdrawn" and data["withdrawn"] == DAY
    kept = {k: v for k, v in yaml.safe_load(PROFILE).items() if k != "photo_alt"}
    assert {k: v for k, v in data.items() if k not in ("status", "withdrawn")} == kept
    assert "Vlissingen" not in text and "zoe@example.nl" not in text and "smid" not in text
    assert ContentChecker(content).check_file("profile", path).problems == []
    again = withdraw_profile(content, "zoe-van-t-hof", DAY + dt.timedelta(days=3))
    assert again.written == [] and "al ingetrokken op 2026-12-01" in again.message
    missing = withdraw_profile(content, "zoe-van-t-hf", DAY)
    assert "geen profiel 'zoe-van-t-hf' (bedoel je 'zoe-van-t-hof'?)" in str(missing.problems[0])


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.one_of(st.from_regex(r"[a-z_]{1,12}", fullmatch=True),  # and words YAML reads as
                                 st.sampled_from(["no", "yes", "on", "off", "y", "n", "null", "true", "email"]))  # others
                       .filter(lambda k: k not in ("status", "withdrawn")),
                       st.one_of(st.text(max_size=20), st.integers(), st.lists(st.text(max_size=5), max_size=3)),
                       min_size=1, max_size=6),
       st.sampled_from(["", "status: published\n", "status: withdrawn\nwithdrawn: 2020-01-01\n"]),
       st.sampled_from([None, '"', "'"]))
def test_withdrawn_text_keeps_exactly_the_record_and_sets_status_and_date(data, before, quotes):
    """Whatever the other fields and however the keys are written (plain, or every key and value quoted)."""
    data = {**data, "name": "Zoë", "offers": ["stage"]}
    text = yaml.safe_dump(data, allow_unicode=True, default_style=quotes) + before
    result = yaml.safe_load(withdrawn_text(text, DAY))
    assert result.pop("status") == "withdrawn" and result.pop("withdrawn") == DAY
    assert result == {k: v for k, v in data.items() if k in WITHDRAWN_KEEPS}


@pytest.mark.parametrize("other", [
    "'no': geheim\n", '"email": jan@example.nl\n', "'telefoon' : '0612345678'\n", '? email\n: jan@example.nl\n',
    '"website":\n  https://example.nl\n', "email: {adres: jan@example.nl}\n", "'e-mail': jan@example.nl # privé\n"])
def test_a_field_written_in_another_form_after_a_kept_one_is_not_kept(other):
    """A quoted or explicit key right after a field that is kept is a field of its own: it goes."""
    text = f"# Profiel van Jan\nname: Jan de Vries\n{other}type: ambachtsmens\ncrafts: [smeden]\n"
    after = withdrawn_text(text, DAY)
    assert yaml.safe_load(after) == {"name": "Jan de Vries", "type": "ambachtsmens", "crafts": ["smeden"],
                                     "status": "withdrawn", "withdrawn": DAY}
    assert after.startswith("# Profiel van Jan\nname: Jan de Vries\ntype:")
    assert "jan@" not in after and "geheim" not in after and "0612" not in after


def test_with_photo_goes_before_photo_alt_and_replaces_an_old_one():
    assert with_photo("name: a\nphoto_alt: b\n", "images/profiles/a.jpg") == "name: a\nphoto: images/profiles/a.jpg\nphoto_alt: b\n"
    assert with_photo("photo: x.jpg\nname: a\n", "images/profiles/a.png") == "name: a\nphoto: images/profiles/a.png\n"


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_clean_photo_keeps_pixels_drops_metadata_and_turns_upright(kind):
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = image.getexif()
    exif[0x010F] = "ExampleCam"
    exif[0x0112] = 6  # rotated: shown 90 degrees turned
    exif.get_ifd(0x8825)[1] = "N"
    buffer = io.BytesIO()
    image.save(buffer, kind, exif=exif.tobytes())
    cleaned, extension = clean_photo(buffer.getvalue())
    assert extension == {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[kind]
    with Image.open(io.BytesIO(cleaned)) as result:
        assert result.format == kind and result.size == (20, 40)
        assert dict(result.getexif()) == {} and b"ExampleCam" not in cleaned
    with pytest.raises(ValueError, match="geen foto"):
        clean_photo(b"GIF89a nonsense")


def test_make_targets_print_problems_one_per_line(content, tmp_path):
    source = tmp_path / "zoe.yaml"
    source.write_text(PROFILE.replace('"zeeland"', '"zeland"'), encoding="utf-8")
    script = [sys.executable, str(ROOT / "scripts" / "profiles.py"), "--content", str(content)]
    result = subprocess.run([*script, "import", str(source)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["zoe.yaml:5:9: region: onbekende provincie 'zeland' (bedoel je 'zeeland'?)"]
    source.write_text(PROFILE, encoding="utf-8")
    result = subprocess.run([*script, "import", str(source)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([*script, "withdraw", "zoe-van-t-hof"], capture_output=True, text=True, cwd=tmp_path,
                            env={"SOURCE_DATE_EPOCH": "1795000000", "PATH": "/usr/bin"})
    assert result.returncode == 0, result.stderr
    assert "withdrawn: 2026-11-18" in (content / "profiles" / "zoe-van-t-hof.yaml").read_text(encoding="utf-8")
