"""scripts/build.py: an unexpected error is one line naming the file, line and column it arose in."""

from __future__ import annotations

import build
import pytest


@pytest.mark.parametrize("source, expected", [
    ("def broken(:\n", ":1:"),
    ("x = 1\nif x:\nprint(x)\n", ":3:"),  # IndentationError, a SyntaxError too
    ("x = (1,\n", ":1:"),
])
def test_a_syntax_error_in_a_plugin_names_the_broken_file_not_its_importer(tmp_path, capsys, source, expected):
    plugin = tmp_path / "plugins" / "kapot.py"  # outside the project: named by its whole path
    plugin.parent.mkdir()
    plugin.write_text(source, encoding="utf-8")
    with pytest.raises(SyntaxError) as caught:
        compile(plugin.read_text(encoding="utf-8"), str(plugin), "exec")
    build.internal_error(caught.value)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    where, _, rest = lines[0].removeprefix("build: interne fout in ").partition(": ")
    assert where.startswith(f"{plugin}{expected}"), lines[0]
    assert where.count(":") == 2 and where.rsplit(":", 1)[1].isdigit(), where
    assert rest.startswith(type(caught.value).__name__ + ": ") and plugin.name not in rest, rest


def test_another_error_still_names_the_deepest_project_frame(capsys):
    try:
        raise KeyError("kapot")
    except KeyError as error:
        build.internal_error(error, build.ROOT / "pelicanconf.py")
    line = capsys.readouterr().err.strip()
    assert line.startswith("build: interne fout in tests/unit/test_build_errors.py:"), line
