"""Development settings for "De kracht van ambacht" (``make html`` and ``make serve``)."""

import os

AUTHOR = "Redactie De kracht van ambacht"
SITENAME = "De kracht van ambacht"
SITE_TAGLINE = "Vakmanschap verbindt"
SITE_DESCRIPTION = (
    "De landelijke campagne van de ambachtensector: verhalen van vakmensen, "
    "de ambachtengids, de agenda en campagnebadges om te laten zien dat je meedoet."
)
SITE_EMAIL = "redactie@dekrachtvanambacht.nl"
SECURITY_CONTACT = "mailto:security@dekrachtvanambacht.nl"
SITE_ORGANIZATION = "Sector Overleg Ambachten"
SITEURL = (os.environ.get("SITEURL") or "http://localhost:8000").rstrip("/")
# Without a SITEURL (``make html``) the pages link to their own site by relative URLs, so the
# output works from any port and under any path (plugins/incremental/portable.py). Canonical
# links, Open Graph, JSON-LD, feeds, badges and open data keep absolute URLs on SITEURL.
# ``make serve`` and the tests set SITEURL and get absolute URLs throughout, as publish builds do.
PORTABLE_URLS = not os.environ.get("SITEURL")
DEFAULT_LANG = "nl"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_DATE_FORMAT = "%d-%m-%Y"

PATH = "content"
THEME = "theme"
THEME_STATIC_DIR = "theme"
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = False

PLUGIN_PATHS = ["plugins"]
# The Pelican class that owns the objects of one build (check cache, output overlay, workers, image
# service) and hands them to the generators; never through the settings (infra.scope).
PELICAN_CLASS = "infra.ScopedPelican"
# In any order: each plugin declares what it reads from and adds to the context (CONTRACT, infra.contracts);
# the build checks the contracts before it starts, and the finishing steps run in infra.phases' order.
PLUGINS = [
    "incremental",
    "content_model",
    "nl_format",
    "responsive_images",
    "stories",
    "agenda",
    "translations",
    "craft_directory",
    "badges",
    "redirects",
    "web_editor",
    "site_search",
    "seo",
    "assets",
]

# Content folders. Events are read by the agenda plugin, not as articles.
ARTICLE_PATHS = ["stories"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []  # images are published by responsive_images, never as originals
ARTICLE_EXCLUDES = []
PAGE_EXCLUDES = []
IGNORE_FILES = [".*", "README.md"]
READERS = {"html": None, "htm": None, "rst": None}
MARKDOWN = {"extensions": [], "extension_configs": {}, "output_format": "html"}
FORMATTED_FIELDS = []
SLUGIFY_SOURCE = "basename"
DEFAULT_CATEGORY = "verhalen"
USE_FOLDER_AS_CATEGORY = False
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "keep_trailing_newline": True}

# URLs (the public contract, see CONTENT_MODEL.md)
ARTICLE_URL = "verhalen/{slug}/"
ARTICLE_SAVE_AS = "verhalen/{slug}/index.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ""
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# English pages (content/pages/en/, lang: en) are Pelican translations of their Dutch page (its slug in
# ``translation``; the reader sets translation_key) or stand alone; both live under /en/.
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_TRANSLATION_ID = "translation_key"
DRAFT_URL = ARTICLE_URL
DRAFT_SAVE_AS = ARTICLE_SAVE_AS
DRAFT_PAGE_URL = PAGE_URL
DRAFT_PAGE_SAVE_AS = PAGE_SAVE_AS
DRAFT_PAGE_LANG_URL = PAGE_LANG_URL
DRAFT_PAGE_LANG_SAVE_AS = PAGE_LANG_SAVE_AS
HOME_PAGE_SLUG = "home"
INDEX_SAVE_AS = "verhalen/index.html"
INDEX_URL = "verhalen/"
DIRECT_TEMPLATES = ["index", "404"]
PAGINATED_TEMPLATES = {"index": None}
DEFAULT_PAGINATION = 12
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/pagina/{number}/", "{base_name}/pagina/{number}/index.html"),
)
# No tag, category, author or date archive pages: the site has its own facets.
TAG_SAVE_AS = TAGS_SAVE_AS = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""

# Feeds: only the stories feed, as Atom.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/verhalen.atom.xml"
FEED_ALL_RSS = None
FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
FEED_EN_ATOM = "feeds/en.atom.xml"  # the English pages (plugins/translations)
FEED_MAX_ITEMS = 30
RSS_FEED_SUMMARY_ONLY = False

# Drafts (status: draft) show in the development preview with a banner.
SHOW_DRAFTS = True
PUBLISH_FUTURE = True

# Caching: Pelican's reader cache, keyed by file stamps.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CACHE_PATH = ".cache/pelican-html"  # per build kind: settings shape what is cached
CHECK_MODIFIED_METHOD = "mtime"  # the content check has read and hashed every file already
GZIP_CACHE = False  # read and written on every build; compressing costs more than it saves

# Responsive images
IMAGE_WIDTHS = [480, 800, 1200, 1600]
IMAGE_CACHE_PATH = ".cache/images"
SHARE_IMAGE_DEFAULT = "theme/images/share-default.png"

MAIN_NAV = [
    ("Ambachtengids", "ambachtengids/"),
    ("Verhalen", "verhalen/"),
    ("Agenda", "agenda/"),
    ("Nieuws", "nieuws/"),
    ("Over", "over/"),
    ("Zoeken", "zoeken/"),
    ("Doe mee", "doe-mee/"),
]
# The English pages (content/pages/en/, under /en/): their navigation and theme links.
MAIN_NAV_EN = [
    ("Home", "en/"),
    ("About", "en/about/"),
    ("Directory", "en/directory/"),
    ("Badges", "en/badges/"),
    ("Contact", "en/contact/"),
    ("Search", "en/search/"),
    ("Join", "en/join/"),
]
EN_THEME_NAV = [
    ("Communication", "en/communication/"),
    ("Education and vocational training", "en/education/"),
    ("Collaboration and mapping", "en/collaboration-and-mapping/"),
]
# English pages without a Dutch page of their own that stand for a page the build writes: their slug -> that
# page's path (hreflang alternates both ways).
EN_COUNTERPARTS = {"badges": "badges/"}
DIRECTORY_EN_URL = "en/directory/"
SEARCH_EN_URL = "en/search/"  # searches the English pages only (pagefind/indexes-en.json)
THEME_NAV_SLUGS = ["communicatie", "educatie-en-vakonderwijs", "samenwerking-en-mapping"]
SHARE_TARGETS = ["linkedin", "mastodon", "whatsapp", "bluesky", "email"]
SECURITY_TXT_DAYS = 180

# Agenda
EVENT_PATHS = ["events"]
EVENT_URL = "agenda/{slug}/"
EVENT_SAVE_AS = "agenda/{slug}/index.html"
EVENT_LANG_URL = EVENT_URL
EVENT_LANG_SAVE_AS = ""
AGENDA_URL = "agenda/"
AGENDA_SAVE_AS = "agenda/index.html"

# Ambachtengids (craft directory) and open data
PROFILE_URL = "ambachtengids/{slug}/"
DIRECTORY_URL = "ambachtengids/"
DIRECTORY_SAVE_AS = "ambachtengids/index.html"
DIRECTORY_FACET_URL = "ambachtengids/{kind}/{id}/"
# Up to this many published profiles the index lists them all A-Z with instant filters (2,000
# short entries are about 135 KB gzipped with the CSS and JS, under the 150 KB page budget).
# Above it the index links to one page per initial instead, each paginated at the same number.
DIRECTORY_INDEX_LIMIT = int(os.environ.get("DIRECTORY_INDEX_LIMIT") or 2000)
# A facet page (one craft, province, kind or offer) shows at most this many profile cards (never more
# than DIRECTORY_INDEX_LIMIT); page n of a facet is <facet URL><n>/. 240 cards (a full row in one, two,
# three or four columns) are about 200 KB of HTML, 16 KB gzipped (M corpus: 1,125 cards on one page were
# 870 KB, 58 KB gzipped); each further page repeats about 20 KB of header and facet navigation, so
# smaller pages cost bytes at scale L (about 250 facet pages per language there instead of 98).
DIRECTORY_FACET_PAGE_SIZE = 240
DIRECTORY_AZ_URL = "ambachtengids/a-z/"
DIRECTORY_LETTER_URL = "ambachtengids/a-z/{letter}/"  # a to z, "overig" for other initials; page n: .../{n}/
OPEN_DATA_URL = "open-data/"

# Search (Pagefind, run on the finished output)
SEARCH_URL = "zoeken/"
DIRECTORY_FEATURED = 4  # profiles shown on the home page

# Badges: kits per profile, the generic kit, hosted Open Badges 2.0
BADGES_URL = "badges/"
BADGE_LANGUAGES = ["en"]  # badge classes also in these languages (name_en ...): /openbadges/badges/en/<id>.json
BADGE_KIT_URL = "badges/{slug}/"
BADGE_CACHE_PATH = ".cache/badges"
SHARE_IMAGE_SQUARE = "theme/images/apple-touch-icon.png"
BADGE_SITE_NAME = "https://www.dekrachtvanambacht.nl"  # the address printed on every badge, wherever the site is built
# Salt secret for the hashed e-mail recipients (from the environment; never a public default).
# Without it the badges name the profile URL as recipient; publish builds warn about that.
BADGE_SECRET = os.environ.get("BADGE_SECRET", "")
BADGE_SECRET_WARNING = False
# Open Badges 3.0 (docs/openbadges3.md): the Ed25519 signing key as secretKeyMultibase (`make keygen`).
# Without it a development build signs with this machine's key in BADGE_DEV_KEY_PATH.
BADGE_SIGNING_KEY = os.environ.get("BADGE_SIGNING_KEY", "")
BADGE_SIGNING_KEY_REQUIRED = False
BADGE_DEV_KEY_PATH = os.environ.get("BADGE_DEV_KEY_PATH") or ".cache/badge-signing-dev-key"
# Kit pages' QR codes are made on the build's workers, this many per job, once at least this many kits
# are new or changed (a cold build of a large site); fewer are made with their pages. The tests lower it.
BADGE_QR_BATCH = int(os.environ.get("BADGE_QR_BATCH") or 100)
BADGE_PREVIOUS_KEYS = []  # publicKeyMultibase of earlier keys whose badges stay valid (key rotation)
VERIFY_URL = "verifieer/"
# A .gz and a .br copy of every text file (plugins/assets), for servers that send them as they are
# (nginx gzip_static/brotli_static, deploy/nginx-headers.conf; GitLab Pages serves such copies too, but
# compresses nothing itself). Hosts that compress by themselves (GitHub Pages, Netlify, Cloudflare Pages)
# have no use for them: PRECOMPRESS=0 leaves them out, two files fewer per text file where a host counts files.
PRECOMPRESS = os.environ.get("PRECOMPRESS", "1") != "0"
# The costly copies (best quality, large files such as the Decap bundle), kept between builds (plugins/assets).
COMPRESS_CACHE_PATH = ".cache/compressed"
REDIRECTS_FILE = "_redirects"  # old URLs (aliases), for hosts that read it

# Web editor (Decap CMS at /admin/, docs/publiceren.md): where editors' changes go in production.
# ADMIN_BACKEND: github (pull requests on ADMIN_REPO, logged in through the campaign's own OAuth client
# at ADMIN_AUTH_BASE_URL) or git-gateway (Netlify Identity); test-repo for screenshots.
ADMIN_BACKEND = os.environ.get("ADMIN_BACKEND") or "github"
ADMIN_REPO = os.environ.get("ADMIN_REPO") or "sector-overleg-ambachten/dekrachtvanambacht"
ADMIN_BRANCH = os.environ.get("ADMIN_BRANCH") or "main"
ADMIN_AUTH_BASE_URL = os.environ.get("ADMIN_AUTH_BASE_URL", "")  # e.g. https://auth.dekrachtvanambacht.nl
ADMIN_AUTH_ENDPOINT = os.environ.get("ADMIN_AUTH_ENDPOINT", "")  # its path, when not Decap's default "auth"
ADMIN_LOGO = "theme/images/logo.svg"
# `make editor`: Decap's local backend (tools/decap-server) on EDITOR_PORT; on localhost /admin/ then
# edits content/ on this machine without a login. Development builds only (publishconf.py clears it).
EDITOR_PORT = int(os.environ.get("EDITOR_PORT") or 8081)
ADMIN_LOCAL_BACKEND = f"http://127.0.0.1:{EDITOR_PORT}/api/v1"
