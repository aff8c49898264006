"""The no-op build: a stamp is fresh only while no input changed and no date has passed."""

from __future__ import annotations

import datetime as dt
import os

from buildstamp import AMSTERDAM, Stamp, environment, inputs_digest, next_change

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=AMSTERDAM)


def test_next_change_is_the_next_event_boundary_story_date_or_midnight():
    timed = [
        ("event", {"start": "2026-11-21T14:00:00+01:00", "end": "2026-11-21T16:00:00+01:00"}),
        ("event", {"start": "2026-11-01"}),  # past: irrelevant
        ("story", {"date": "2026-11-25"}),
        ("profile", {"date": "2026-11-21T12:30:00+01:00"}),  # profiles have no timed fields
    ]
    assert next_change(timed, NOW) == dt.datetime(2026, 11, 21, 14, 0, tzinfo=AMSTERDAM)
    assert next_change(timed[1:], NOW) == dt.datetime(2026, 11, 22, 0, 0, tzinfo=AMSTERDAM)
    late = dt.datetime(2026, 11, 21, 15, 0, tzinfo=AMSTERDAM)
    assert next_change(timed, late) == dt.datetime(2026, 11, 21, 16, 0, tzinfo=AMSTERDAM)


def test_digest_follows_file_changes_and_environment(tmp_path):
    (tmp_path / "a.md").write_text("een", encoding="utf-8")
    first = inputs_digest([tmp_path], {"SITEURL": "x"})
    assert inputs_digest([tmp_path], {"SITEURL": "x"}) == first
    assert inputs_digest([tmp_path], {"SITEURL": "y"}) != first
    (tmp_path / "a.md").write_text("twee", encoding="utf-8")
    assert inputs_digest([tmp_path], {"SITEURL": "x"}) != first
    secret = environment(environ={"BADGE_SECRET": "geheim"})["BADGE_SECRET"]
    assert "geheim" not in secret and len(secret) == 64


def test_stamp_is_fresh_until_its_moment_and_only_for_its_output(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<!doctype html>", encoding="utf-8")
    stamp = Stamp(tmp_path / "stamp.json")
    assert not stamp.fresh("abc", output, NOW)
    stamp.save("abc", output, NOW + dt.timedelta(hours=2))
    assert stamp.fresh("abc", output, NOW + dt.timedelta(hours=1))
    assert not stamp.fresh("abc", output, NOW + dt.timedelta(hours=2))
    assert not stamp.fresh("abd", output, NOW)
    assert not stamp.fresh("abc", tmp_path / "elders", NOW)
    os.remove(output / "index.html")
    assert not stamp.fresh("abc", output, NOW)


def test_every_environment_variable_the_settings_read_is_part_of_the_stamp():
    """A variable the settings read changes the output, so a change of it must not be a no-op build."""
    import re
    from pathlib import Path

    from buildstamp import ENVIRONMENT

    root = Path(__file__).resolve().parents[2]
    read = set()
    for name in ("pelicanconf.py", "publishconf.py"):
        text = (root / name).read_text(encoding="utf-8")
        read |= set(re.findall(r"""(?:environ\.get\(|environ\[|getenv\()\s*["']([A-Z_]+)["']""", text))
    assert read, "the settings read no environment variables?"
    assert read <= set(ENVIRONMENT), sorted(read - set(ENVIRONMENT))
