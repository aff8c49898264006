"""Stock Pelican 4.12 for the benchmark baseline: default theme, no plugins, content cache on.

``bench/run.py`` passes PATH, OUTPUT_PATH and CACHE_PATH on the command line.
"""

AUTHOR = "Redactie"
SITENAME = "De kracht van ambacht (stock Pelican)"
SITEURL = ""
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
PLUGINS = []
PLUGIN_PATHS = []
LOAD_CONTENT_CACHE = True
CACHE_CONTENT = True
DEFAULT_PAGINATION = 12
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
