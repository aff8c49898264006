"""``make editor``: the web editor on this machine, without a login.

Starts Decap's local backend (decap-server, pinned in tools/decap-server/) on EDITOR_PORT, bound to
127.0.0.1 and pointed at this repository, and beside it ``make serve``. /admin/ on
http://localhost:PORT/admin/ finds the backend (the development build's config.yml names it) and
reads and writes content/ directly: no GitHub, no pull request. Ctrl+C stops both.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "tools" / "decap-server" / "node_modules" / "decap-server" / "dist" / "index.js"


def backend_command(repo: Path, port: int) -> tuple[list[str], dict[str, str]]:
    """The decap-server process for ``repo`` on 127.0.0.1:``port``, and its environment."""
    environment = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(repo),
                   "MODE": "fs", "LOG_LEVEL": os.environ.get("LOG_LEVEL", "info")}
    return ["node", str(SERVER)], environment


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="editor.py", description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument("--editor-port", type=int, default=int(os.environ.get("EDITOR_PORT") or 8081))
    args = parser.parse_args(argv)
    if not SERVER.is_file():
        print("tools/decap-server/package-lock.json:1:1: decap-server: niet geïnstalleerd; draai `make editor` "
              "(installeert het met npm ci)", file=sys.stderr)
        return 1
    command, environment = backend_command(ROOT, args.editor_port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped from outside: end both servers as Ctrl+C does
    backend = subprocess.Popen(command, env=environment, cwd=ROOT)
    print(f"De webredactie: http://localhost:{args.port}/admin/ (lokaal, zonder inloggen; wijzigingen komen "
          f"direct in content/). De lokale backend luistert op 127.0.0.1:{args.editor_port}.", flush=True)
    serve = [sys.executable, str(ROOT / "scripts" / "build.py"), "serve", "--port", str(args.port)]
    try:
        return subprocess.run(serve, env={**os.environ, "EDITOR_PORT": str(args.editor_port)}, cwd=ROOT,
                              check=False).returncode
    except KeyboardInterrupt:
        return 0
    finally:
        backend.terminate()
        try:
            backend.wait(timeout=10)
        except subprocess.TimeoutExpired:
            backend.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
