from seo.headers import CONTENT_SECURITY_POLICY, HEADERS, netlify_headers, nginx_snippet


def test_policy_is_strict():
    policy = dict(CONTENT_SECURITY_POLICY)
    assert policy["default-src"] == "'self'"
    assert "unsafe-inline" not in str(policy) and "'unsafe-eval'" not in str(policy)
    headers = dict(HEADERS)
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"


def test_netlify_headers_keep_admin_apart():
    text = netlify_headers("https://example.test/campagne", [("verhalen", True), ("index.html", False), ("admin", True)])
    paths = [line for line in text.splitlines() if not line.startswith("  ")]
    assert paths == ["/campagne/", "/campagne/index.html", "/campagne/verhalen/*", "/campagne/admin/*",
                     "/campagne/theme/assets/*"]
    admin = text[text.index("/campagne/admin/*"):]
    assert "'unsafe-inline'" in admin and "'unsafe-inline'" not in text[:text.index("/campagne/admin/*")]


def test_admin_lets_the_login_pop_up_talk_back_and_the_rest_stays_closed():
    from seo.headers import ADMIN_HEADERS, headers_for

    admin = dict(headers_for("admin/index.html"))
    assert admin == dict(ADMIN_HEADERS)
    assert admin["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"
    assert dict(headers_for("index.html"))["Cross-Origin-Opener-Policy"] == "same-origin"
    assert dict(headers_for("verhalen/admin/index.html"))["Cross-Origin-Opener-Policy"] == "same-origin"
    text = netlify_headers("https://example.test", [("admin", True), ("verhalen", True)])
    assert text.count("Cross-Origin-Opener-Policy: same-origin-allow-popups") == 1
    assert 'add_header Cross-Origin-Opener-Policy "same-origin-allow-popups" always;' in nginx_snippet()


def test_nginx_snippet_has_every_header_always():
    text = nginx_snippet()
    for name, value in HEADERS:
        assert f'add_header {name} "{value}" always;' in text
    assert "location ^~ /admin/ {" in text


def test_caching_rules():
    from seo.headers import CACHE_IMMUTABLE, CACHE_SHORT, cache_control_for

    assert cache_control_for("theme/assets/home.0123456789.css") == CACHE_IMMUTABLE
    assert cache_control_for("/theme/assets/x.0123456789.woff2") == CACHE_IMMUTABLE
    for path in ("index.html", "theme/js/directory.js", "theme/fonts/x.woff2", "images/a-800.webp", "theme/assetsx/a.css"):
        assert cache_control_for(path) == CACHE_SHORT, path
    text = netlify_headers("https://example.test/campagne", [("verhalen", True), ("theme", True)])
    block = text[text.index("/campagne/theme/assets/*"):]
    assert block.splitlines()[1] == f"  Cache-Control: {CACHE_IMMUTABLE}"
    assert text.count("Cache-Control") == 1  # a second matching rule would be joined to it
    snippet = nginx_snippet()
    assert "gzip_static on;" in snippet and "brotli_static on;" in snippet and "ngx_brotli" in snippet
    assets = snippet[snippet.index("location ^~ /theme/assets/ {"):]
    assets = assets[:assets.index("}")]
    assert f'add_header Cache-Control "{CACHE_IMMUTABLE}" always;' in assets
    for name, value in HEADERS:  # nginx does not inherit add_header into a location
        assert f'add_header {name} "{value}" always;' in assets


def test_preview_server_sends_production_headers_and_precompressed_copies(tmp_path):
    import gzip
    import threading
    import urllib.error
    import urllib.request

    import brotli
    from preview_server import server

    (tmp_path / "theme" / "assets").mkdir(parents=True)
    page = b"<!DOCTYPE html><title>x</title>" * 20
    (tmp_path / "index.html").write_bytes(page)
    (tmp_path / "index.html.gz").write_bytes(gzip.compress(page, mtime=0))
    (tmp_path / "index.html.br").write_bytes(brotli.compress(page))
    (tmp_path / "404.html").write_bytes(b"<!DOCTYPE html><title>weg</title>")
    (tmp_path / "theme" / "assets" / "a.0123456789.css").write_bytes(b"body{}")
    (tmp_path.parent / "secret.txt").write_text("no")
    httpd = server(tmp_path, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"

    def get(path, encoding=""):
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": encoding} if encoding else {})
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    try:
        status, headers, body = get("", "gzip, deflate, br")
        assert status == 200 and headers["Content-Encoding"] == "br" and brotli.decompress(body) == page
        assert headers["Content-Security-Policy"] == dict(HEADERS)["Content-Security-Policy"]
        assert headers["Cache-Control"] == "public, max-age=300" and headers["Vary"] == "Accept-Encoding"
        status, headers, body = get("index.html", "gzip")
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == page
        status, headers, body = get("index.html")
        assert headers["Content-Encoding"] is None and body == page
        status, headers, body = get("theme/assets/a.0123456789.css", "br")
        assert status == 200 and headers["Content-Encoding"] is None and "immutable" in headers["Cache-Control"]
        assert headers["Content-Type"].startswith("text/css")
        for missing in ("nope/", "../secret.txt", "%2e%2e/secret.txt", "theme"):
            status, headers, body = get(missing)
            assert status == 404 and b"weg" in body, missing
    finally:
        httpd.shutdown()
