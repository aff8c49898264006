"""Text fit for XML documents (feeds, SVG): characters XML 1.0 cannot hold are dropped. No Pelican."""

from __future__ import annotations

import re

# Everything but TAB, LF, CR and the printable ranges XML 1.0 allows; DEL and C1 (allowed but
# discouraged, and never meant in a name or a title) go as well.
NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_chars(value: str) -> str:
    """``value`` without the characters an XML document cannot (or should not) contain."""
    return NOT_XML.sub("", value)
