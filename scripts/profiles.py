"""``make import-profile FILE=... [PHOTO=...]`` and ``make withdraw SLUG=...`` (plugins/content_model/intake.py).

Every problem is one line ``path:line:column: field: message``, all at once, exit 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from content_model.intake import import_profile, withdraw_profile  # noqa: E402
from nl_format.clock import now  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="profiles.py", description=__doc__)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    commands = parser.add_subparsers(dest="command", required=True)
    imported = commands.add_parser("import", help="een ingestuurd profiel controleren en plaatsen")
    imported.add_argument("file", help="het profielbestand of de opgeslagen e-mail (FILE=...)")
    imported.add_argument("--photo", default="", help="de meegestuurde foto (PHOTO=...)")
    withdrawn = commands.add_parser("withdraw", help="een profiel intrekken")
    withdrawn.add_argument("slug", help="de bestandsnaam van het profiel zonder .yaml (SLUG=...)")
    args = parser.parse_args(argv)
    if args.command == "import":
        if not args.file.strip():
            print('gebruik: make import-profile FILE=aanmelding.txt [PHOTO=foto.jpg]', file=sys.stderr)
            return 2
        source = Path(args.file)
        if not source.is_file():
            print(f"{args.file}:1:1: FILE: bestand niet gevonden", file=sys.stderr)
            return 1
        photo = Path(args.photo) if args.photo.strip() else None
        if photo is not None and not photo.is_file():
            print(f"{args.photo}:1:1: PHOTO: bestand niet gevonden", file=sys.stderr)
            return 1
        outcome = import_profile(args.content, source, photo)
    else:
        if not args.slug.strip():
            print("gebruik: make withdraw SLUG=jan-de-vries", file=sys.stderr)
            return 2
        outcome = withdraw_profile(args.content, args.slug.strip(), now().date())
    for problem in outcome.problems:
        print(problem, file=sys.stderr)
    if outcome.problems:
        return 1
    for path in outcome.written:
        print(f"geschreven: {path}")
    for path in outcome.removed:
        print(f"verwijderd: {path}")
    print(outcome.message)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
