"""Production settings (``make publish``): the real SITEURL, no drafts, no future posts."""

import os
from pathlib import Path

from pelican.settings import load_source

# Everything of the development settings next to this file, as `from pelicanconf import *` would give
# it, read with Pelican's own settings loader (no sys.path edit); the lines below change what differs.
_development = load_source("pelicanconf", str(Path(__file__).with_name("pelicanconf.py")))
globals().update({name: value for name, value in vars(_development).items() if not name.startswith("_")})

SITEURL = (os.environ.get("SITEURL") or "https://www.dekrachtvanambacht.nl").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
PORTABLE_URLS = False
# published pages link to the site from the server's root (/verhalen/…, or /campagne/verhalen/… for a SITEURL with a
# path), and name it absolutely where another site or a reader needs that (canonical, Open Graph, JSON-LD, feeds)
LINKS_FROM_ROOT = True
SHOW_DRAFTS = False
PUBLISH_FUTURE = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
CACHE_PATH = ".cache/pelican-publish"
# Salt secret for the hashed e-mail recipients of the Open Badges. Without it the badges name the
# profile URL as recipient (a warning says so); never a hash with a public salt.
BADGE_SECRET = os.environ.get("BADGE_SECRET", "")
BADGE_SECRET_WARNING = True
# Open Badges 3.0 are signed only with BADGE_SIGNING_KEY (a CI secret); without it they are left out.
BADGE_SIGNING_KEY_REQUIRED = True
# The web editor never looks for a local backend on the public site, and says when GitHub logins
# would go through Netlify (no ADMIN_AUTH_BASE_URL: the campaign's own OAuth client is missing).
ADMIN_LOCAL_BACKEND = ""
ADMIN_AUTH_WARNING = True
