"""Careful file access for content: size limits, UTF-8, paths that stay inside content/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

MAX_TEXT_BYTES = 1_000_000
MAX_IMAGE_BYTES = 40_000_000
MAX_IMAGE_PIXELS = 50_000_000
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class FileProblem(Exception):
    """A problem with a file, with a 1-based position inside it."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a UTF-8 text file (BOM allowed, CRLF normalised) or raise FileProblem."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileProblem("bestand ontbreekt; elke site heeft het nodig (zie docs/velden.md)") from None
    if size > limit:
        raise FileProblem(
            f"bestand is te groot ({size / 1_000_000:.1f} MB; hoogstens {limit / 1_000_000:.0f} MB)"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise FileProblem(
            f"geen geldige UTF-8 (byte 0x{raw[error.start]:02x}); sla het bestand op als UTF-8",
            line,
            column,
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise FileProblem("bestand bevat een NUL-teken; is dit wel een tekstbestand?", line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_inside(root: Path, path: Path) -> bool:
    """True when ``path`` (after resolving symlinks) lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def resolve_content_path(root: Path, reference: str) -> Path:
    """Resolve an editor's path like ``images/x.jpg`` below ``root`` or raise FileProblem."""
    if not reference or reference.strip() != reference:
        raise FileProblem("leeg pad of pad met spaties aan het begin of eind")
    if "\\" in reference or "\x00" in reference:
        raise FileProblem(f"ongeldig pad '{reference}': gebruik / als scheidingsteken")
    if reference.startswith(("/", "~")) or PurePosixPath(reference).is_absolute() or ":" in reference:
        raise FileProblem(f"'{reference}' is een absoluut pad; schrijf het pad vanaf content/, zoals images/foto.jpg")
    if ".." in PurePosixPath(reference).parts:
        raise FileProblem(f"'{reference}' wijst buiten content/ (.. is niet toegestaan)")
    candidate = root / reference
    if not candidate.exists():
        raise FileProblem(f"bestand '{reference}' bestaat niet onder content/")
    if not is_inside(root, candidate):
        raise FileProblem(f"'{reference}' wijst (via een snelkoppeling) buiten content/")
    if not candidate.is_file():
        raise FileProblem(f"'{reference}' is geen bestand")
    return candidate


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int
    format: str


def inspect_image(path: Path) -> ImageInfo:
    """Check that ``path`` is a complete JPEG, PNG or WebP of sane size; raise FileProblem."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise FileProblem(f"afbeelding is te groot ({size / 1_000_000:.0f} MB; hoogstens 40 MB)")
    try:
        with Image.open(path) as image:
            if image.format not in IMAGE_FORMATS:
                raise FileProblem(
                    f"bestandstype {image.format} wordt niet ondersteund; gebruik JPEG, PNG of WebP"
                )
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise FileProblem(
                    f"afbeelding is {width}x{height} pixels ({width * height / 1e6:.0f} megapixel); "
                    "hoogstens 50 megapixel"
                )
            if getattr(image, "n_frames", 1) > 1:
                raise FileProblem("bewegende afbeeldingen worden niet ondersteund")
            if image.format == "JPEG":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
            return ImageInfo(width, height, image.format)
    except FileProblem:
        raise
    except Image.DecompressionBombError:
        raise FileProblem("afbeelding is verdacht groot (decompressiebom); hoogstens 50 megapixel") from None
    except UnidentifiedImageError:
        raise FileProblem("dit bestand is geen afbeelding (JPEG, PNG of WebP)") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise FileProblem(f"afbeelding is beschadigd of onvolledig ({error})") from None


class BuildScoped:
    """Base of the objects one build keeps in its settings (caches, the output overlay, services).

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
