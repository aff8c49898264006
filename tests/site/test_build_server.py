"""The tests' build server (tests/buildserver.py) runs a build as ``python scripts/build.py`` would:
the same output byte for byte, the same exit status and problem lines, and a timeout that stops it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import BUILD_SCRIPT, ROOT, build_command, build_server, run_build, tree_digest, write_minimal_content

pytestmark = pytest.mark.build


def started(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """The same run as a process of its own, as before the build server."""
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_a_forked_build_writes_what_a_started_build_writes(tmp_path):
    content = write_minimal_content(tmp_path / "content")
    runs = {}
    for way in ("forked", "started"):
        args, env = build_command(tmp_path / way / "output", content=content)
        runs[way] = (build_server().run(args, env=env, timeout=300, cwd=ROOT) if way == "forked" else started(args, env))
        assert runs[way].returncode == 0, runs[way].stderr
    assert tree_digest(tmp_path / "forked" / "output") == tree_digest(tmp_path / "started" / "output")
    assert runs["forked"].stderr == runs["started"].stderr


def test_a_refused_build_and_check_say_the_same_as_a_started_one(tmp_path):
    content = write_minimal_content(tmp_path / "content")
    story = content / "stories" / "een-klein-verhaal.md"
    story.write_text(story.read_text(encoding="utf-8").replace("date: 2026-01-05", "date: 2026-13-45"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    for command in (["check", str(content)], ["html", "--content", str(content), "--output", str(tmp_path / "out"),
                                              "--cache", str(tmp_path / "cache")]):
        args = [sys.executable, BUILD_SCRIPT, *command]
        forked = build_server().run(args, env=env, timeout=60, cwd=ROOT)
        own = started(args, env)
        assert forked.returncode == own.returncode == 1
        assert forked.stderr == own.stderr and "2026-13-45" in forked.stderr and "Traceback" not in forked.stderr


def test_a_timeout_stops_the_build_and_the_server_goes_on(tmp_path):
    content = write_minimal_content(tmp_path / "content")
    began = time.monotonic()
    # a build of the minimal content takes about 0.9 s on a quick machine with the shared caches warm (1 s
    # was once not enough to time out): 0.2 s stops it while it runs
    with pytest.raises(subprocess.TimeoutExpired):
        run_build(tmp_path / "slow" / "output", content=content, timeout=0.2)
    assert time.monotonic() - began < 60
    again = run_build(tmp_path / "next" / "output", content=content)
    assert again.ok, again.stderr
