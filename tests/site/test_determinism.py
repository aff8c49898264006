"""Two builds of the same commit into different folders are byte-identical."""

import pytest
from conftest import ROOT, run_build

pytestmark = pytest.mark.build


@pytest.mark.long
def test_two_builds_are_byte_identical(tmp_path):
    first = run_build(tmp_path / "a" / "output", content=ROOT / "content", cache=tmp_path / "a" / "cache")
    second = run_build(tmp_path / "b" / "output", content=ROOT / "content", cache=tmp_path / "b" / "cache")
    assert first.ok and second.ok, first.stderr + second.stderr
    files_a = sorted(p.relative_to(first.output) for p in first.output.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second.output) for p in second.output.rglob("*") if p.is_file())
    assert files_a == files_b
    different = [str(p) for p in files_a if (first.output / p).read_bytes() != (second.output / p).read_bytes()]
    assert different == []
