"""Fetch the pinned npm packages (Decap CMS for the site, v.Nu for the tests), verify them, unpack what is used.

``npm pack`` downloads exactly the pinned tarball (no dependency tree, no install scripts); its
sha512 must equal the integrity in vendor.json, else nothing is unpacked. ``--stamps`` prints the
stamp file of every package (what the Makefile's ``$(VENDOR)`` prerequisite waits for).
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / ".cache" / "vendor"


def fetch(name: str, spec: dict) -> Path:
    destination = TARGET / f"{name}-{spec['version']}"
    marker = stamp(name, spec)
    if marker.exists() and marker.read_text() == spec["integrity"]:
        return destination
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["npm", "pack", f"{name}@{spec['version']}", "--pack-destination", work, "--silent"],
                       check=True, stdout=subprocess.DEVNULL)
        tarball = next(Path(work).glob("*.tgz"))
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != spec["integrity"]:
            raise SystemExit(f"vendor.json:1:1: {name}: integrity mismatch ({digest}); refusing to use it")
        shutil.rmtree(destination, ignore_errors=True)
        destination.mkdir(parents=True)
        with tarfile.open(tarball) as archive:
            for member in archive.getmembers():
                relative = member.name.removeprefix("package/")
                if member.isfile() and any(fnmatch.fnmatch(relative, pattern) for pattern in spec["files"]):
                    target = destination / Path(relative).name
                    with archive.extractfile(member) as source, open(target, "wb") as out:
                        shutil.copyfileobj(source, out)
    marker.write_text(spec["integrity"])
    return destination


def stamp(name: str, spec: dict) -> Path:
    return TARGET / f"{name}-{spec['version']}" / ".integrity"


def main(argv: list[str]) -> int:
    packages = json.loads((ROOT / "vendor.json").read_text())
    if argv == ["--stamps"]:
        print(" ".join(str(stamp(name, spec).relative_to(ROOT)) for name, spec in packages.items()))
        return 0
    for name, spec in packages.items():
        folder = fetch(name, spec)
        print(f"{name} {spec['version']}: {sum(1 for _ in folder.iterdir()) - 1} bestanden in {folder.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
