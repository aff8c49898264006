"""The kit pages' QR codes (plugins/badges/generator.py): made with each page, or, when a build has at
least BADGE_QR_BATCH new kits, in jobs on the build's worker processes. Both ways give the same codes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from badges.generator import QR_BATCH, BadgesGenerator, qr_svg, qr_target
from responsive_images.pipeline import Workers

SITEURL = "https://example.org/sub"


def kits(count: int) -> list:
    return [SimpleNamespace(profile=SimpleNamespace(slug=f"maker-{n}", url=f"ambachtengids/maker-{n}/",
                                                    name=f"Maker {n} & Zoon <b>"))
            for n in range(count)]


def starting(fresh: list, size: int | None) -> SimpleNamespace:
    """What _start_qr_codes reads of its generator."""
    return SimpleNamespace(fresh=fresh, siteurl=SITEURL, settings={} if size is None else {"BADGE_QR_BATCH": size})


@pytest.mark.parametrize(("count", "size"), [(5, 2), (4, 2), (3, 3), (7, 1)])
def test_codes_made_in_jobs_on_the_workers_are_those_made_one_by_one(count, size):
    fresh = kits(count)
    workers = Workers(2)
    try:
        codes = BadgesGenerator._start_qr_codes(starting(fresh, size), workers)
        assert sorted(codes) == sorted(kit.profile.slug for kit in fresh)
        for kit in reversed(fresh):  # in any order: each call waits for its own job
            assert codes[kit.profile.slug]() == qr_svg(*qr_target(SITEURL, kit.profile))
    finally:
        workers.close()


def test_fewer_kits_than_a_job_or_no_workers_leave_the_codes_to_the_pages():
    assert QR_BATCH == 100
    assert BadgesGenerator._start_qr_codes(starting(kits(99), None), Workers(2)) == {}  # nothing started
    assert BadgesGenerator._start_qr_codes(starting(kits(3), 4), Workers(2)) == {}
    assert BadgesGenerator._start_qr_codes(starting(kits(300), 2), None) == {}


def test_the_code_names_the_profile_and_leads_to_its_address():
    kit = kits(1)[0]
    url, name = qr_target(SITEURL, kit.profile)
    assert url == f"{SITEURL}/ambachtengids/maker-0/"
    svg = qr_svg(url, name)
    assert "<title>QR-code naar het profiel van Maker 0 &amp; Zoon &lt;b&gt;</title>" in svg
