"""Open Badges 3.0 maintenance: ``keygen`` (a new signing key) and ``status`` (pin status list positions).

``python scripts/badge_keys.py keygen``: prints a new Ed25519 key as ``BADGE_SIGNING_KEY`` (keep it secret:
store it as the CI secret) and the entry the DID document will list for it (the build writes the document).

``python scripts/badge_keys.py status``: copies the positions the last development build used
(``.cache/badges/badge-status.yaml``) into ``content/data/badge-status.yaml``, after checking that every
position already pinned stays as it is (the registry only grows). Commit the file afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import yaml  # noqa: E402
from badges import ob3  # noqa: E402

REGISTRY = ROOT / "content" / "data" / "badge-status.yaml"


def keygen(siteurl: str) -> int:
    key = ob3.SigningKey.generate()
    did = ob3.did_web(siteurl)
    entry = ob3.did_document(did, [key.public])["verificationMethod"][0]
    print("# Geheim: zet dit als BADGE_SIGNING_KEY in de CI-geheimen (nooit in git).")
    print(f"BADGE_SIGNING_KEY={key.secret()}")
    print(f"# Openbaar: de build zet deze sleutel in {ob3.did_url(did)} ({did}):")
    print(json.dumps(entry, indent=2))
    print("# Vervang je een sleutel, zet de publicKeyMultibase van de oude dan in BADGE_PREVIOUS_KEYS (pelicanconf.py).")
    return 0


def pin(proposal: Path, registry: Path) -> int:
    if not proposal.exists():
        print(f"{proposal}: geen nieuwe posities; draai eerst `make html`", file=sys.stderr)
        return 1
    new = yaml.safe_load(proposal.read_text(encoding="utf-8")) or {}
    old = yaml.safe_load(registry.read_text(encoding="utf-8")) if registry.exists() else {}
    old = old or {}
    problems = [f"{registry}:1:1: {key}: positie {index} zou verdwijnen of veranderen (de lijst groeit alleen)"
                for key, index in old.items() if new.get(key) != index]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    registry.write_text(proposal.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"{registry}: {len(new) - len(old)} posities vastgelegd ({len(new)} in totaal); commit dit bestand.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("keygen", "status"))
    parser.add_argument("--siteurl", default=os.environ.get("SITEURL") or "https://www.dekrachtvanambacht.nl")
    parser.add_argument("--cache", default=os.environ.get("BADGE_CACHE_PATH") or str(ROOT / ".cache" / "badges"))
    args = parser.parse_args(argv)
    if args.command == "keygen":
        return keygen(args.siteurl.rstrip("/"))
    return pin(Path(args.cache) / "badge-status.yaml", REGISTRY)


if __name__ == "__main__":
    sys.exit(main())
