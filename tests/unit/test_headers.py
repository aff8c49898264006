from conftest import free_port
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
    from seo.headers import CACHE_IMMUTABLE

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


def test_nginx_with_the_snippet_serves_production_headers_http2_and_precompressed_copies(tmp_path):
    """The committed nginx snippet under Debian's nginx (scripts/preview_server.py, which make
    lighthouse measures over): security headers, caching, the .br/.gz copies, 404.html, HTTP/2."""
    import gzip
    import socket
    import ssl
    import urllib.error
    import urllib.request

    import brotli
    from preview_server import serve

    site = tmp_path / "site"
    (site / "theme" / "assets").mkdir(parents=True)
    (site / "admin").mkdir()
    page = b"<!DOCTYPE html><title>x</title>" * 20
    (site / "index.html").write_bytes(page)
    (site / "index.html.gz").write_bytes(gzip.compress(page, mtime=0))
    (site / "index.html.br").write_bytes(brotli.compress(page))
    (site / "404.html").write_bytes(b"<!DOCTYPE html><title>weg</title>")
    (site / "admin" / "index.html").write_bytes(b"<!DOCTYPE html><title>editor</title>")
    (site / "theme" / "assets" / "a.0123456789.css").write_bytes(b"body{}")
    (site / "theme" / "assetsx").mkdir()
    (site / "theme" / "assetsx" / "a.css").write_bytes(b"body{}")
    (tmp_path / "secret.txt").write_text("geheim")
    port = free_port()
    (tmp_path / "nginx").mkdir()
    nginx = serve(site, port, tmp_path / "nginx")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the run's own self-signed certificate
    base = f"https://127.0.0.1:{port}/"

    def get(path, encoding=""):
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": encoding} if encoding else {})
        try:
            with urllib.request.urlopen(request, context=context) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    try:
        with socket.create_connection(("127.0.0.1", port)) as raw:
            alpn = ssl.create_default_context()
            alpn.check_hostname, alpn.verify_mode = False, ssl.CERT_NONE
            alpn.set_alpn_protocols(["h2", "http/1.1"])
            with alpn.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                assert tls.selected_alpn_protocol() == "h2"
        status, headers, body = get("", "gzip, deflate, br")
        assert status == 200 and headers["Content-Encoding"] == "br" and brotli.decompress(body) == page
        for name, value in HEADERS:
            assert headers[name] == value, name
        assert headers["Cache-Control"] == "public, max-age=300" and headers["Vary"] == "Accept-Encoding"
        status, headers, body = get("index.html", "gzip")
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == page
        status, headers, body = get("index.html")
        assert headers["Content-Encoding"] is None and body == page
        status, headers, body = get("theme/assets/a.0123456789.css", "br")
        assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert headers["Content-Type"].startswith("text/css")
        assert headers["Content-Security-Policy"] == dict(HEADERS)["Content-Security-Policy"]
        status, headers, body = get("theme/assetsx/a.css")
        assert status == 200 and headers["Cache-Control"] == "public, max-age=300"
        status, headers, body = get("admin/")
        assert status == 200 and "'unsafe-eval'" in headers["Content-Security-Policy"]
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"
        status, headers, body = get("nope/")
        assert status == 404 and b"weg" in body
        assert headers["Content-Security-Policy"] == dict(HEADERS)["Content-Security-Policy"]
        for outside in ("../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt", "theme/../../secret.txt"):
            status, headers, body = get(outside)
            assert status in (400, 404) and b"geheim" not in body, outside
    finally:
        nginx.terminate()
        nginx.wait()
