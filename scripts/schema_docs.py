"""``make docs``: regenerate docs/velden.md from the content schemas."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from content_model.reference import markdown_reference  # noqa: E402

if __name__ == "__main__":
    target = ROOT / "docs" / "velden.md"
    target.write_text(markdown_reference(), encoding="utf-8")
    print(f"Bijgewerkt: {target.relative_to(ROOT)}")
