"""Why a page was rendered again (``build.py --debug``). Pure Python; no Pelican.

The writer keys every page by a hash of its inputs (``incremental.writer``); this module keeps
the parts of that hash apart, short, so that the next build can name the part that changed:

- the *baseline*, split by what it is made of (:func:`baseline_parts`): templates, plugin code,
  build scripts, settings, dependencies, reference data and images, the clock;
- per page: its template, and the fingerprint of each keyword argument and of each shared
  context value its templates name;
- per document file: its stamp, so that a changed input can name the content files behind it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping

SHORT = 16  # hex digits kept per part: enough to tell a change, small in the manifest

# The baseline's files by where they are (relative to the project), in the order reasons name them.
BASELINE_GROUPS = (
    ("templates", ("theme/",)),
    ("plugin code", ("plugins/",)),
    ("build scripts", ("scripts/",)),
    ("settings", ("pelicanconf.py", "publishconf.py")),
    ("dependencies", ("requirements", "vendor.json", "pyproject.toml")),
)
REFERENCE = "reference data and images"
CLOCK = "clock (a date in the calendar window passed)"
SETTINGS = "settings"


def short(digest: str) -> str:
    return digest.removeprefix("sha256:")[:SHORT]


def baseline_parts(stamps: Iterable[str], root: str, content: str, extra: Mapping[str, str],
                   clock: str, is_document: Callable[[str], bool]) -> dict[str, str]:
    """The baseline's inputs as named short digests: ``stamps`` are ``path:size:mtime`` lines of the
    project's code and of ``content`` (document files, keyed one by one, are left out); ``extra``
    (configuration, overrides, environment) counts as settings; ``clock`` is the calendar window."""
    digests = {name: hashlib.sha256() for name, _ in BASELINE_GROUPS}
    digests[REFERENCE] = hashlib.sha256()
    root, content = root.rstrip("/") + "/", content.rstrip("/") + "/"
    for stamp in stamps:
        path = stamp.rsplit(":", 2)[0]
        if path.startswith(content):
            if not is_document(path):
                digests[REFERENCE].update(f"{path[len(content):]}|{stamp}\n".encode())
            continue
        relative = path[len(root):] if path.startswith(root) else path
        group = next((name for name, prefixes in BASELINE_GROUPS if relative.startswith(prefixes)), SETTINGS)
        digests[group].update(f"{stamp}\n".encode())
    digests[SETTINGS].update(repr(sorted(extra.items())).encode())
    parts = {name: short(digest.hexdigest()) for name, digest in digests.items()}
    parts[CLOCK] = short(hashlib.sha256(clock.encode()).hexdigest())
    return parts


def changed(previous: Mapping[str, str], current: Mapping[str, str]) -> list[str]:
    """The names whose value differs, in ``current``'s order (names only one side has count)."""
    names = list(current) + [name for name in previous if name not in current]
    return [name for name in names if previous.get(name) != current.get(name)]


def document_stamps(stamps: Iterable[str], content: str, is_document: Callable[[str], bool]) -> dict[str, str]:
    """``path relative to content -> size:mtime`` of the document files."""
    content = content.rstrip("/") + "/"
    found = {}
    for stamp in stamps:
        path, size, mtime = stamp.rsplit(":", 2)
        if path.startswith(content) and is_document(path):
            found[path[len(content):]] = f"{size}:{mtime}"
    return found


def documents_in(value, source_of: Callable[[object], str | None], depth: int = 2) -> set[str]:
    """The source files of the documents ``value`` holds: itself, or in its lists, tuples and
    dict values (``depth`` levels down); ``source_of`` names a document's file (None: not one)."""
    source = source_of(value)
    if source is not None:
        return {source}
    if depth == 0:
        return set()
    if isinstance(value, Mapping):
        items = value.values()
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    else:
        return set()
    found: set[str] = set()
    for item in items:
        found |= documents_in(item, source_of, depth - 1)
    return found


def page_reason(*, incremental: bool, baseline_changed: list[str], previous: list | None, current: list,
                previous_globals: Mapping[str, str], current_globals: Mapping[str, str],
                files_missing: bool, sources: Callable[[str], list[str]]) -> str:
    """One line saying why a page was rendered again.

    ``previous``/``current`` are the page's ``[template, variant, {argument: digest}, [context names]]``;
    ``*_globals`` map ``variant:name`` to the digest of a shared context value; ``sources(input)``
    lists the changed content files behind the input named (``argument`` or ``context name``)."""
    if not incremental:
        return "no earlier build in this folder"
    if baseline_changed:
        return "baseline: " + ", ".join(baseline_changed)
    if previous is None:
        return "new page"
    template, variant, arguments, names = current
    if previous[0] != template:
        return f"template now {template} (was {previous[0]})"
    if previous[1] != variant:
        return f"shows {variant} of documents now (was {previous[1]})"
    reasons = []
    for name in changed(previous[2], arguments):
        reasons.append(_with_sources(f"argument {name}", sources(name)))
    for name in names:
        key = f"{variant}:{name}"
        if previous_globals.get(key) != current_globals.get(key) or name not in previous[3]:
            reasons.append(_with_sources(f"context {name}", sources(name)))
    if reasons:
        return "; ".join(reasons)
    if files_missing:
        return "an output file was missing or changed by hand"
    return "a value without a stable fingerprint (always rendered)"


def _with_sources(what: str, files: list[str]) -> str:
    return f"{what} ({', '.join(files)})" if files else what
