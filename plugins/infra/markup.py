"""HTML that a page's own templates made, marked so the template filters pass it on as it is.

Pure; no Pelican. The template extensions (``nl_format.templates``: Dutch typography;
``incremental.templates``: a portable build's relative links) put a filter on every ``{{ expression }}``
that writes HTML as text, and each of them makes the value anew. A fragment that the page's templates
made themselves, such as the page's body captured with ``{% set %}`` and written once more in
``base.html``, went through those filters part by part as it was made; filtered again as a whole it
comes out the same, at the cost of reading the whole page once more per filter (about a tenth of the
rendering time of a cold build). The ``rendered`` filter marks such a fragment (:class:`Rendered`);
the filters return a marked value as it is.
"""

from __future__ import annotations

from jinja2.runtime import Undefined
from markupsafe import Markup

FILTER = "rendered"


class Rendered(Markup):
    """HTML made by the page's templates, every part of it filtered as it was made."""

    __slots__ = ()


def rendered(value):
    """The ``rendered`` filter: the HTML a template made (a ``{% set %}`` block, a macro's output), marked."""
    if isinstance(value, Undefined) or not hasattr(value, "__html__"):
        raise TypeError(f"the {FILTER} filter takes HTML that a template made, not {type(value).__name__}")
    return value if isinstance(value, Rendered) else Rendered(value)
