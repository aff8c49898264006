"""``make docs``: regenerate docs/velden.md and docs/content-model.md from the content schemas."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from content_model.reference import contract_markdown, markdown_reference  # noqa: E402
from seo.headers import nginx_snippet  # noqa: E402

GENERATED = {
    ROOT / "docs" / "velden.md": markdown_reference,
    ROOT / "docs" / "content-model.md": contract_markdown,
    ROOT / "deploy" / "nginx-headers.conf": nginx_snippet,
}

if __name__ == "__main__":
    for target, make in GENERATED.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(make(), encoding="utf-8")
        print(f"Bijgewerkt: {target.relative_to(ROOT)}")
