import datetime as dt
import json
import re

import pytest
from seo.structured import breadcrumb_list, jsonld, security_expires


def test_jsonld_cannot_break_out_of_script():
    html = str(jsonld({"name": "</script><script>alert(1)</script>"}))
    inner = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html).group(1)
    assert "</script" not in inner
    assert json.loads(inner)["name"] == "</script><script>alert(1)</script>"


def test_security_expires_is_less_than_a_year_ahead():
    now = dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC)
    expires = dt.datetime.strptime(security_expires(now, 180), "%Y-%m-%dT%H:%M:%SZ")
    assert dt.timedelta(days=179) < expires - now.replace(tzinfo=None) < dt.timedelta(days=365)
    with pytest.raises(ValueError):
        security_expires(now, 400)


def test_breadcrumbs_start_at_home():
    data = breadcrumb_list([("Verhalen", "verhalen/")], "https://example.test/c")
    assert [i["item"] for i in data["itemListElement"]] == ["https://example.test/c/", "https://example.test/c/verhalen/"]
