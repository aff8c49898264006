"""``make new-story TITLE="..."`` (and new-event, new-page, new-profile): write a valid, fully commented content file.

``--lang en`` (``make new-page LANG=en``) writes an English page into its language folder (content/pages/en/)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from content_model.scaffold import scaffold, slugify  # noqa: E402
from content_model.validate import load_schema  # noqa: E402


def main(argv: list[str]) -> int:
    lang = None
    if len(argv) >= 2 and argv[-2] == "--lang":
        lang, argv = argv[-1].strip() or None, argv[:-2]
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
    values = {}
    if lang and lang != "nl":
        if lang not in schema.get("x-lang-folders", []):
            known = ", ".join(schema.get("x-lang-folders", [])) or "geen"
            print(f"LANG: '{lang}' kan niet voor dit soort bestand; talen naast nl: {known}", file=sys.stderr)
            return 2
        folder, values = folder / lang, {"lang": lang}
    target = folder / f"{slug}{schema['x-extension']}"
    if target.exists():
        print(f"{target.relative_to(ROOT)}:1:1: slug: bestaat al; kies een andere titel", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold(kind, title, dt.date.today(), values), encoding="utf-8")
    print(f"Nieuw bestand: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
