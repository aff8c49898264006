"""Production settings (``make publish``): the real SITEURL, no drafts, no future posts."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = (os.environ.get("SITEURL") or "https://www.dekrachtvanambacht.nl").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
SHOW_DRAFTS = False
PUBLISH_FUTURE = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
CACHE_PATH = ".cache/pelican-publish"
BADGE_SECRET = os.environ.get("BADGE_SECRET", "")  # required: the build fails without it
