"""Search that forgives missing diacritics: "vinh trang" finds "Chùa Vĩnh Tràng"."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path


def fold(text: str) -> str:
    """Vietnamese (and French) text without tone marks and accents, "đ" as "d"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


def folded_words(text: str) -> list[str]:
    """The words of `text` that have diacritics, folded, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(_TAG.sub(" ", text)):
        plain = fold(word)
        if plain != word:
            seen.setdefault(plain.lower(), None)
    return list(seen)


def add_folded_words(site_dir: Path) -> int:
    """Add the folded form of every accented word to its search document.

    Visitors on foreign phones often cannot type "ĩ" or "à"; lunr matches whole tokens, so
    "vinh" must be in the index for "vinh trang" to find "Vĩnh Tràng". The words go in a
    hidden span, so result snippets still show the text as written. Returns the number of
    documents changed.
    """
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    changed = 0
    for doc in index["docs"]:
        words = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}")
        if words:
            doc["text"] = f"{doc.get('text', '')} <span hidden>{' '.join(words)}</span>".strip()
            changed += 1
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return changed
