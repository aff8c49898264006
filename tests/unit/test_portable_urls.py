"""Portable development builds: the site's own attribute URLs made relative to the page."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from incremental.portable import prefix_for, relativize

SITE = "http://localhost:8000"


def test_prefix_climbs_to_the_site_root():
    assert prefix_for("index.html") == "." and prefix_for("over.html") == "."
    assert prefix_for("over/index.html") == ".."
    assert prefix_for("verhalen/pagina/2/index.html") == "../../.."


def test_the_not_found_page_starts_at_the_server_root():
    out = relativize(f'<link rel="stylesheet" href="{SITE}/theme/assets/error.css"><a href="{SITE}/">x</a>', SITE, "404.html")
    assert out == '<link rel="stylesheet" href="/theme/assets/error.css"><a href="/">x</a>'
    assert prefix_for("404.html", "http://localhost:8000/sub") == "/sub"


def test_links_scripts_images_and_forms_become_relative():
    html = (f'<a href="{SITE}/">Home</a><a href="{SITE}/agenda/?soort=x#top">A</a>'
            f'<script type="module" src="{SITE}/theme/assets/search.1a2b.js"></script>'
            f'<img src="{SITE}/images/a-480.jpg" srcset="{SITE}/images/a-480.jpg 480w, {SITE}/images/a-800.jpg 800w">'
            f'<form action="{SITE}/zoeken/" data-index="{SITE}/pagefind/"></form>')
    out = relativize(html, SITE, "verhalen/deeg/index.html")
    assert SITE not in out
    assert '<a href="../../">Home</a>' in out and 'href="../../agenda/?soort=x#top"' in out
    assert 'src="../../theme/assets/search.1a2b.js"' in out
    assert 'srcset="../../images/a-480.jpg 480w, ../../images/a-800.jpg 800w"' in out
    assert 'action="../../zoeken/"' in out and 'data-index="../../pagefind/"' in out


def test_what_names_the_site_for_others_stays_absolute():
    html = (f'<link rel="canonical" href="{SITE}/over/"><link rel="alternate" type="application/atom+xml" '
            f'href="{SITE}/feeds/verhalen.atom.xml"><meta property="og:url" content="{SITE}/over/">'
            f'<script type="application/ld+json">{{"url": "{SITE}/over/"}}</script>'
            f'<textarea>&lt;a href=&quot;{SITE}/&quot;&gt;</textarea><p>{SITE}/over/</p>'
            f'<a href="https://example.org/">x</a><a href="{SITE}x/">y</a>')
    assert relativize(html, SITE, "over/index.html") == html


def test_a_redirect_stub_moves_along():
    html = f'<meta http-equiv="refresh" content="0; url={SITE}/verhalen/deeg/">'
    assert relativize(html, SITE, "oud/index.html") == '<meta http-equiv="refresh" content="0; url=../verhalen/deeg/">'


segment = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)


@given(st.lists(segment, max_size=4), st.lists(segment, max_size=4))
def test_a_relative_link_resolves_to_the_absolute_one(page, target):
    from urllib.parse import urljoin

    page_path = "/".join([*page, "index.html"])
    target_path = "/".join(target) + ("/" if target else "")
    base = "http://elders:8650/sub/dir"
    html = f'<a href="{SITE}/{target_path}">x</a>'
    href = relativize(html, SITE, page_path).split('"')[1]
    assert urljoin(f"{base}/{page_path}", href) == f"{base}/{target_path}"


@given(st.lists(segment, max_size=4), st.lists(segment, max_size=4), st.lists(segment, max_size=2),
       st.sampled_from(["https://www.dekrachtvanambacht.nl", "http://127.0.0.1:8765"]))
def test_a_published_link_from_the_root_resolves_to_the_absolute_one_on_any_host(page, target, path, host):
    """A published page (``from_root``) links from the server's root, SITEURL's path: on the site's own host
    and on any other host or port that serves the site at that path (www and the bare domain, a preview),
    every link resolves to the same page."""
    from urllib.parse import urljoin

    siteurl = "/".join([host, *path])
    page_path = "/".join([*page, "index.html"])
    target_path = "/".join(target) + ("/" if target else "")
    html = (f'<a href="{siteurl}/{target_path}">x</a><link rel="canonical" href="{siteurl}/{target_path}">'
            f'<img src="{siteurl}/{target_path}a.png" srcset="{siteurl}/{target_path}a.png 1x, {siteurl}/b.png 2x">')
    out = relativize(html, siteurl, page_path, from_root=True)
    href, canonical, src, srcset = out.split('"')[1], out.split('"')[5], out.split('"')[7], out.split('"')[9]
    root = "/" + "/".join(path) if path else ""
    assert href == f"{root}/{target_path}" and src == f"{root}/{target_path}a.png"
    assert srcset == f"{root}/{target_path}a.png 1x, {root}/b.png 2x"
    assert canonical == f"{siteurl}/{target_path}"  # names the site for others: stays absolute
    for served in (siteurl, "https://dekrachtvanambacht.nl" + root, "http://elders:8650" + root):
        assert urljoin(f"{served}/{page_path}", href) == f"{served}/{target_path}"


def test_the_link_style_follows_the_settings():
    from incremental.portable import link_style

    assert link_style({"PORTABLE_URLS": True, "LINKS_FROM_ROOT": True}) == "page"  # make html without a SITEURL
    assert link_style({"PORTABLE_URLS": False, "LINKS_FROM_ROOT": True}) == "root"  # make publish
    assert link_style({"PORTABLE_URLS": False}) is None and link_style({}) is None  # a SITEURL given: absolute
