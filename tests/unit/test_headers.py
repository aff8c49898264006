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
    assert paths == ["/campagne/", "/campagne/index.html", "/campagne/verhalen/*", "/campagne/admin/*"]
    admin = text[text.index("/campagne/admin/*"):]
    assert "'unsafe-inline'" in admin and "'unsafe-inline'" not in text[:text.index("/campagne/admin/*")]


def test_nginx_snippet_has_every_header_always():
    text = nginx_snippet()
    for name, value in HEADERS:
        assert f'add_header {name} "{value}" always;' in text
    assert "location ^~ /admin/ {" in text
