"""Profiles that come in and go out by e-mail: `make import-profile` and `make withdraw` (pure; no Pelican).

A craftsperson sends the join form's profile in an e-mail (between two marker lines) or as a
downloaded file, with the photo as an attachment. An editor saves the message or the file and
imports it: the profile is checked with the same rules as `make check`, named after its ``name``,
and its photo placed under ``images/profiles/`` without any metadata (EXIF, XMP, GPS). Withdrawal
sets ``status: withdrawn`` and the date; the build then publishes nothing of the profile and
revokes its badges (``craft_directory``, ``badges``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .check import ContentChecker, display_path
from .files import is_inside
from .problems import Problem
from .scaffold import slugify
from .yamlsafe import YamlProblem, load

# The lines around the profile in the join form's e-mail (theme/static/js/join.js writes them).
MAIL_START = "--- begin profiel ---"
MAIL_END = "--- einde profiel ---"
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
PHOTO_MAX_PIXELS = 50_000_000  # as docs/redactie.md says for every image
QUOTE = re.compile(r"^(?:> ?)+")


@dataclass
class Received:
    """The profile text found in a received file, and the line of the file it starts on."""

    text: str
    first_line: int = 1
    indents: list[int] = field(default_factory=list)  # per line of ``text``: the quoting taken off it

    def place(self, line: int, column: int) -> tuple[int, int]:
        """Where a line and column of ``text`` stand in the received file."""
        indent = self.indents[line - 1] if 0 < line <= len(self.indents) else 0
        return line + self.first_line - 1, column + indent


def received_profile(raw: str) -> Received:
    """The profile between the e-mail's marker lines, or the whole file when it has none.

    A reply quotes with ``>``: quoting is taken off. Line numbers stay those of the file."""
    lines = raw.replace("\r\n", "\n").split("\n")
    starts = [i for i, line in enumerate(lines) if QUOTE.sub("", line).strip() == MAIL_START]
    if not starts:
        return Received(raw.replace("\r\n", "\n"))
    start = starts[-1]
    ends = [i for i, line in enumerate(lines) if i > start and QUOTE.sub("", line).strip() == MAIL_END]
    body = lines[start + 1:ends[0] if ends else len(lines)]
    indents = [len(line) - len(QUOTE.sub("", line)) for line in body]
    return Received("\n".join(QUOTE.sub("", line) for line in body).rstrip("\n") + "\n", start + 2, indents)


def shifted(problem: Problem, label: str, received: Received) -> Problem:
    """A problem found in the profile text, placed where that text stands in the received file."""
    line, column = received.place(problem.line, problem.column)
    return Problem(label, line, column, problem.field, problem.message)


def with_photo(text: str, photo: str) -> str:
    """The profile text with ``photo:`` set, just before ``photo_alt`` (or at the end). Comments stay."""
    lines = [line for line in text.splitlines() if not line.startswith("photo:")]
    entry = f"photo: {photo}"
    for index, line in enumerate(lines):
        if line.startswith("photo_alt:"):
            return "\n".join(lines[:index] + [entry] + lines[index:]) + "\n"
    return "\n".join(lines + [entry]) + "\n"


# What a withdrawn profile keeps: the record that consent was given and withdrawn (name, consent,
# the date), and what the build needs to revoke the badges it issued (type, crafts, region, offers,
# badges). Everything else about the person (bio, photo, e-mail, website, place, ...) is taken out,
# as the privacy statement promises.
WITHDRAWN_KEEPS = ("name", "type", "crafts", "region", "offers", "badges", "consent")


def withdrawn_text(text: str, day: dt.date) -> str:
    """The profile text with ``status: withdrawn`` and ``withdrawn: <day>``, and only ``WITHDRAWN_KEEPS``
    besides; the kept lines (and comments at the top) stay exactly as they were written.

    Which lines belong to which field is the YAML parser's answer (where each top-level key starts), not
    a pattern: a key written in quotes (``'no':``, ``"email":``) is a field of its own, never a part of
    the kept field above it. ``text`` is a profile that passed the checks."""
    lines = text.splitlines()
    starts = sorted((line - 1, path[0]) for path, (line, _) in load(text).keys.items() if len(path) == 1)
    first = starts[0][0] if starts else len(lines)
    kept = [line for line in lines[:first] if line.startswith("#")]  # the file's own heading comment
    for (start, key), (end, _) in zip(starts, [*starts[1:], (len(lines), None)], strict=True):
        if key in WITHDRAWN_KEEPS:
            kept += lines[start:end]
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept + ["status: withdrawn", f"withdrawn: {day.isoformat()}"]) + "\n"


def clean_photo(data: bytes) -> tuple[bytes, str]:
    """The photo re-encoded without EXIF, XMP, GPS or comments, turned upright; and its extension.

    Raises ValueError with a Dutch message for anything that is not a usable photo."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            if kind not in PHOTO_FORMATS:
                raise ValueError(f"'{kind}' wordt niet gebruikt; stuur een JPEG-, PNG- of WebP-foto")
            if image.width * image.height > PHOTO_MAX_PIXELS:
                raise ValueError(f"te groot ({image.width} x {image.height}); hoogstens 50 megapixel")
            icc = image.info.get("icc_profile")  # colours, not data about the person: kept
            clean = ImageOps.exif_transpose(image).copy()
    except UnidentifiedImageError as error:
        raise ValueError("geen foto die te lezen is; stuur een JPEG-, PNG- of WebP-foto") from error
    except (OSError, Image.DecompressionBombError) as error:
        raise ValueError(f"geen foto die te lezen is ({error})") from error
    clean.info = {}  # no EXIF, XMP, GPS, comments or text chunks are written back
    options = {"icc_profile": icc} if icc else {}
    out = io.BytesIO()
    if kind == "JPEG":
        clean.convert("RGB").save(out, "JPEG", quality=92, optimize=True, **options)
    elif kind == "PNG":
        clean.save(out, "PNG", optimize=True, **options)
    else:
        clean.save(out, "WEBP", quality=92, **options)
    return out.getvalue(), PHOTO_FORMATS[kind]


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    message: str = ""


def import_profile(content: Path, source: Path, photo: Path | None = None) -> Outcome:
    """Check a received profile, name it after its ``name`` and place it (and its photo) in ``content``.

    Nothing is written unless the profile as it will be placed passes the whole check."""
    label = display_path(source)
    try:
        raw = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Outcome([Problem(label, 1, 1, "bestand", f"niet te lezen als tekst ({error})")])
    received = received_profile(raw)
    try:
        data = load(received.text).data
    except YamlProblem as problem:
        return Outcome([Problem(label, *received.place(problem.line, problem.column), problem.field, problem.message)])
    name = data.get("name") if isinstance(data, dict) else None
    slug = slugify(name) if isinstance(name, str) else ""
    checker = ContentChecker(content)
    folder = content / checker.validators["profile"].schema["x-folder"]
    target = folder / f"{slug or 'profiel'}.yaml"
    problems = [shifted(p, label, received)
                for p in checker.check_text("profile", target, received.text, label).problems]
    if not slug:
        problems.append(Problem(label, received.first_line, 1, "name", "geen naam waar een bestandsnaam van te maken is"))
    elif target.exists():
        problems.append(Problem(label, received.first_line, 1, "name",
                                f"{display_path(target)} bestaat al; pas dat profiel aan in plaats van een nieuw te maken"))
    cleaned = None
    if photo is not None:
        try:
            cleaned = clean_photo(photo.read_bytes())
        except (OSError, ValueError) as error:
            problems.append(Problem(display_path(photo), 1, 1, "foto", str(error)))
        if isinstance(data, dict) and not data.get("photo_alt"):
            problems.append(Problem(label, received.first_line, 1, "photo_alt",
                                    "verplicht bij een foto: vraag wat er op de foto staat"))
    if problems:
        return Outcome(sorted(set(problems)))
    text = received.text
    written = []
    if cleaned is not None:
        photo_bytes, extension = cleaned
        photo_path = content / "images" / "profiles" / f"{slug}{extension}"
        if photo_path.exists():
            return Outcome([Problem(display_path(photo_path), 1, 1, "foto", "bestaat al; kies of verwijder eerst de oude")])
        photo_path.parent.mkdir(parents=True, exist_ok=True)
        photo_path.write_bytes(photo_bytes)
        written.append(photo_path)
        text = with_photo(text, photo_path.relative_to(content).as_posix())
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    written.append(target)
    final = ContentChecker(content)
    _, all_problems = final.check_all()
    mine = [p for p in all_problems if p.path in {display_path(path) for path in written}]
    if mine:  # e.g. the photo is already another file's picture: take it all back
        for path in written:
            path.unlink()
        return Outcome(mine)
    return Outcome(written=written, message=f"Profiel geplaatst: {display_path(target)}")


def withdraw_profile(content: Path, slug: str, day: dt.date) -> Outcome:
    """Set ``status: withdrawn`` with ``day`` on the profile ``slug``, keep only what revocation needs,
    remove its photo; the build does the rest."""
    checker = ContentChecker(content)
    folder = content / checker.validators["profile"].schema["x-folder"]
    path = folder / f"{slug}.yaml"
    if not slug or not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yaml"))
        close = difflib.get_close_matches(slug, known, n=1)
        hint = f" (bedoel je '{close[0]}'?)" if close else ""
        return Outcome([Problem(display_path(folder), 1, 1, "SLUG", f"geen profiel '{slug}'{hint}")])
    checked = checker.check_file("profile", path)
    if checked.problems:
        return Outcome(checked.problems)
    if checked.data.get("status") == "withdrawn":
        return Outcome(message=f"{display_path(path)} is al ingetrokken op {checked.data.get('withdrawn', '?')}")
    before = path.read_text(encoding="utf-8")
    path.write_text(withdrawn_text(before, day), encoding="utf-8")
    after = ContentChecker(content).check_file("profile", path)
    if after.problems:
        path.write_text(before, encoding="utf-8")
        return Outcome(after.problems)
    removed = []
    photo = checked.data.get("photo")
    if isinstance(photo, str) and photo:
        others = {checker.check_file("profile", other).data.get("photo") for other in folder.glob("*.yaml") if other != path}
        source = content / photo
        if photo not in others and source.is_file() and is_inside(content, source):
            source.unlink()  # the photo is the person's too; nothing else may use it (make check)
            removed.append(source)
    return Outcome(written=[path], removed=removed,
                   message=(f"Ingetrokken op {day.isoformat()}: {display_path(path)}. Bij de volgende publicatie "
                            "verdwijnt het profiel overal en worden de badges ingetrokken."))
