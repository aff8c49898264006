"""The page /verifieer/: anyone checks a badge image or a credential URL of this site in their browser.

The page is static; the checking is theme/static/js/verifieer.js (built from tests/vc-verify/browser.js)."""

from __future__ import annotations

from pelican.generators import Generator


class VerifyPageGenerator(Generator):
    def generate_context(self):
        url = self.settings.get("VERIFY_URL", "verifieer/")
        self.context["verify_url"] = url
        self.context.setdefault("sitemap_entries", []).append({"url": url, "lastmod": None})

    def generate_output(self, writer):
        url = self.context["verify_url"]
        writer.write_file(url + "index.html", self.get_template("verifieer"), self.context, url=url)
