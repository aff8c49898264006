from seo.headers import CONTENT_SECURITY_POLICY, HEADERS, netlify_headers, nginx_snippet


def test_policy_is_strict():
    policy = dict(CONTENT_SECURITY_POLICY)
    assert policy["default-src"] == "'self'"
    assert "unsafe-inline" not in str(policy) and "'unsafe-eval'" not in str(policy)
    headers = dict(HEADERS)
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"


def test_netlify_headers_cover_the_site_path():
    text = netlify_headers("https://example.test/campagne")
    assert text.startswith("/campagne/*\n")
    assert "  Content-Security-Policy: default-src 'self';" in text


def test_nginx_snippet_has_every_header_always():
    text = nginx_snippet()
    for name, value in HEADERS:
        assert f'add_header {name} "{value}" always;' in text
