"""The one error type every validator reports: ``path:line:column: field: message``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Control and invisible format characters: shown escaped, so a problem line can neither break nor
# reorder itself on a terminal (bidi overrides) or in CI annotations.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def one_line(text: str) -> str:
    """Control characters (newlines, tabs) shown escaped, so a problem always stays on one line."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), str(text))


PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def field_name(path) -> str:
    """``consent.scope[1]``; keys that are not plain names are quoted: ``["a: b"]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif PLAIN_KEY.match(str(part)):
            text += f".{part}" if text else str(part)
        else:
            quoted = json.dumps(str(part), ensure_ascii=False).replace(":", "\\u003a")  # ':' separates the parts
            text += f"[{quoted}]"
    return text or "(kop)"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str

    def __post_init__(self):
        object.__setattr__(self, "field", one_line(self.field))
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (
            f"::error file={self.path},line={self.line},col={self.column},"
            f"title={self.field}::{message}"
        )


class ContentError(Exception):
    """Raised when content cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
