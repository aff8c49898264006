"""Split a Markdown file into its metadata and body.

Two header forms are read: YAML front matter between ``---`` lines, and Pelican's
own ``Key: value`` lines up to the first blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .yamlsafe import Located, YamlProblem, load

_PELICAN_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):(?:\s+(.*))?$")


@dataclass
class Document:
    meta: Located
    body: str
    body_line: int  # 1-based line number where the body starts
    header_form: str  # "yaml", "pelican" or "none"


def split(text: str) -> Document:
    """Split ``text`` (already normalised to ``\\n`` newlines) into metadata and body."""
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                header = "\n".join(lines[1:index])
                located = load(header, line_offset=1)
                if located.data is None:
                    located.data = {}
                if not isinstance(located.data, dict):
                    raise YamlProblem(2, 1, "de kop moet velden bevatten (naam: waarde), geen lijst of losse tekst")
                return Document(located, "\n".join(lines[index + 1 :]), index + 2, "yaml")
        raise YamlProblem(1, 1, "de YAML-kop begint met --- maar sluit niet af met een regel ---")
    located = Located({})
    index = 0
    for index, line in enumerate(lines):
        if not line.strip():
            break
        match = _PELICAN_KEY.match(line)
        if not match:
            if index == 0:
                return Document(located, text, 1, "none")
            raise YamlProblem(index + 1, 1, "kopregel moet de vorm 'Naam: waarde' hebben")
        key = match.group(1).lower()
        if (key,) in located.keys:
            raise YamlProblem(index + 1, 1, f"dubbel veld '{key}'", field=key)
        located.data[key] = (match.group(2) or "").strip()
        located.keys[(key,)] = (index + 1, 1)
        located.values[(key,)] = (index + 1, len(match.group(1)) + 3)
    else:
        index = len(lines)
    return Document(located, "\n".join(lines[index + 1 :]), index + 2, "pelican")
