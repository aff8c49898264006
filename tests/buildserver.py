"""A build process with the imports done, forked for each ``scripts/build.py`` run of the tests.

Importing Pelican, the plugins and their libraries is a large part of a small test build, and the
tests run several hundred builds and checks. Each xdist worker therefore starts this server once: it
imports what ``scripts/build.py`` imports and then waits. For every run it forks a child that is what
``python scripts/build.py <args>`` would be from there on: its own session (process group), the run's
environment, working folder and ``sys.argv``, stdin from /dev/null, stdout and stderr into files, and
``build.main`` with the normal interpreter exit (atexit, flushing). Nothing of a build ever ran in the
server, so every child starts from freshly imported modules. The server answers with the child's pid
(so that a timeout can stop its whole process group) and then with its exit status.

Protocol: one JSON line per run on stdin (``argv``, ``env``, ``cwd``, ``stdout``, ``stderr``); the
server answers ``{"pid": n}`` and later ``{"status": code}`` on stdout, one line each.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def preload() -> None:
    """What a build imports, without running any of it (no plugin is registered, nothing is read)."""
    import build  # noqa: F401  (scripts/build.py)
    import pelican
    import pelican.generators
    import pelican.settings
    import pelican.writers  # noqa: F401

    for plugin in pkgutil.iter_modules([str(ROOT / "plugins")]):
        package = importlib.import_module(plugin.name)
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{plugin.name}.{module.name}")


def child(request: dict) -> int:
    """In the forked child: become ``python scripts/build.py <args>`` and run it."""
    os.setsid()
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    for descriptor, path in ((1, request["stdout"]), (2, request["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, descriptor)
        os.close(target)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.argv = list(request["argv"])
    import build

    return build.main(sys.argv[1:])


def serve() -> int:
    sys.path[0] = str(ROOT / "scripts")  # as for ``python scripts/build.py``: the script's folder first
    preload()
    replies = sys.stdout.fileno()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            return child(request)  # the child leaves the loop and exits as the build does
        os.write(replies, (json.dumps({"pid": pid}) + "\n").encode())
        _, status = os.waitpid(pid, 0)
        os.write(replies, (json.dumps({"status": os.waitstatus_to_exitcode(status)}) + "\n").encode())
    return 0


if __name__ == "__main__":
    sys.exit(serve())
