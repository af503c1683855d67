"""Which source text each translation was made from, so a changed source marks it outdated.

A record holds the texts, not their history: once the Vietnamese text of a summary is
rewritten, nothing in the file says that its French text now translates an older version.
`portal i18n import` therefore notes, per language and place, a hash of the source text the
translator saw, in `translations/<lang>.sources.json` (commit it with the records); `portal
i18n export` compares it with the source of today. A translation written by hand, without
`import`, has no note: it is taken as current, since nothing says otherwise.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

TRANSLATIONS_DIR = "translations"


def memory_file(root: Path, lang: str) -> Path:
    return root / TRANSLATIONS_DIR / f"{lang}.sources.json"


def source_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class SourceMemory:
    """Location (`file#field`) → hash of the source text its translation was made from."""

    def __init__(self, root: Path, lang: str) -> None:
        self.path = memory_file(root, lang)
        self.hashes: dict[str, str] = {}
        if self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text("utf-8"))
            except (ValueError, UnicodeDecodeError):
                loaded = {}  # a damaged note only costs the outdated marks; it is rewritten
            if isinstance(loaded, dict):
                self.hashes = {str(k): str(v) for k, v in loaded.items()}
        self._saved = dict(self.hashes)

    def outdated(self, location: str, source: str) -> bool:
        """Whether the translation at `location` was made from another source text."""
        made_from = self.hashes.get(location)
        return made_from is not None and made_from != source_hash(source)

    def record(self, location: str, source: str) -> None:
        self.hashes[location] = source_hash(source)

    def save(self) -> Path | None:
        """Write the notes if they changed (sorted, so a diff shows only what changed)."""
        if self.hashes == self._saved:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.hashes, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        self.path.write_text(text, encoding="utf-8")
        self._saved = dict(self.hashes)
        return self.path
