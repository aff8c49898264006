"""Objects of one build that Pelican can reach only through its settings. Pure Python.

Where a plugin can keep a per-build object elsewhere it does: the theme assets live in the context
(``theme_assets``, declared by the ``assets`` plugin), the search index is made by the step that uses
it. The objects that remain are those only the settings carry to where they are used, because Pelican
gives those places nothing else (a reader and a Markdown extension get the settings, a ``finalized``
step the Pelican object): ``scripts/build.py``'s content check cache, output overlay and render
workers, and the image service that the Markdown extension in ``MARKDOWN`` holds. They derive from :class:`BuildScoped`.
"""

from __future__ import annotations


class BuildScoped:
    """Base of the objects one build hands to Pelican through its settings.

    Pelican's content cache pickles every story's author and category together with the
    settings they point at. These objects must not travel along: in the next build they would
    be stale, and the cache file would grow by their size with every build. They pickle as None.
    """

    def __reduce__(self):
        return (type(None), ())

    def __copy__(self):  # copying the settings keeps them; only pickling leaves them out
        return self

    def __deepcopy__(self, memo):
        return self
