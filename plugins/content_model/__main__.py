"""``python -m content_model [CONTENT_DIR]``: check all content, print problems, exit 1 on any."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .check import ContentChecker


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description="Controleer alle content zonder te bouwen.")
    parser.add_argument("content", nargs="?", default="content", help="de contentmap (standaard: content)")
    parser.add_argument("--github", action="store_true", default=bool(os.environ.get("GITHUB_ACTIONS")),
                        help="meld fouten ook als GitHub-annotaties")
    args = parser.parse_args(argv)
    root = Path(args.content)
    if not root.is_dir():
        print(f"{args.content}:1:1: content: map bestaat niet", file=sys.stderr)
        return 1
    results, problems = ContentChecker(root).check_all()
    for problem in problems:
        print(problem, file=sys.stderr)
        if args.github:
            print(problem.github_annotation())
    if problems:
        files = len({p.path for p in problems})
        print(f"{len(problems)} probleem/problemen in {files} bestand(en).", file=sys.stderr)
        return 1
    print(f"Alle content is in orde ({len(results)} bestanden gecontroleerd).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
