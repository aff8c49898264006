"""``make new-story TITLE="..."`` (and new-event): write a valid, fully commented content file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from content_model.scaffold import scaffold, slugify  # noqa: E402
from content_model.validate import load_schema  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1].strip():
        what = "NAME" if argv and argv[0] == "profile" else "TITLE"
        print(f'gebruik: make new-{argv[0] if argv else "story"} {what}="..."', file=sys.stderr)
        return 2
    kind, title = argv[0], argv[1].strip()
    slug = slugify(title)
    if not slug:
        print(f"TITLE: '{title}' geeft geen bruikbare bestandsnaam; gebruik letters of cijfers", file=sys.stderr)
        return 2
    schema = load_schema(kind)
    folder = ROOT / "content" / schema["x-folder"]
    target = folder / f"{slug}{schema['x-extension']}"
    if target.exists():
        print(f"{target.relative_to(ROOT)}:1:1: slug: bestaat al; kies een andere titel", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold(kind, title, dt.date.today()), encoding="utf-8")
    print(f"Nieuw bestand: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
