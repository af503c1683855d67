"""The tourists' search index: each record once, by what visitors search for, with or without
diacritics ("vinh trang" finds "Chùa Vĩnh Tràng"), Chinese split into words."""

from __future__ import annotations

import functools
import importlib
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"
# Folders whose pages are one record each (`relics/<id>/`); their index pages are lists.
RECORD_SECTIONS = frozenset({"relics", "products", "events", "wifi"})
STAFF = "staff/"  # the staff pages: not what a tourist searches for
PRACTICAL = "practical"  # id of the practical section of record pages (`_macros.j2`)
LIST_CHARS = 500  # visible characters kept per entry of a list page
VOID = frozenset({"br", "hr", "img", "wbr"})
ZWSP = "\u200b"  # what separates Chinese words in the index (the zh separator splits on it)

Doc = dict[str, Any]


def fold(text: str) -> str:
    """Vietnamese (and French) text without tone marks and accents, "đ" as "d"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


_TAG = re.compile(r"<[^>]+>")
# Latin words (with Vietnamese and French letters) and numbers: what folding and splitting
# apply to. Han text is segmented instead; Hangul and other scripts are left as written.
_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
_PARAGRAPH = re.compile(r"<p>.*?</p>", re.S)
_SPACE = re.compile(r"\s+")
# Unicode's Han script (CJK ideographs, their extensions and radicals): what jieba segments.
_HAN = re.compile(
    "[\u2e80-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufad9\U00020000-\U0003347f]+"
)


@functools.lru_cache(maxsize=1 << 16)
def _forms(word: str) -> tuple[str, ...]:
    """The other lower-case forms a visitor may type for `word`: without diacritics, and
    the parts of words the page glued together ("chỉẤp", "2026Bắt": a label ends where its
    value starts without a space between them)."""
    parts: list[str] = []
    start = 0
    for i in range(1, len(word)):
        before, here = word[i - 1], word[i]
        if (before.islower() and here.isupper()) or before.isdigit() != here.isdigit():
            parts.append(word[start:i])
            start = i
    # Searchable as its parts only: "xuatto" would match nothing a visitor types.
    forms = [part.lower() for part in [*parts, word[start:]]] if parts else [word.lower()]
    forms += [fold(form) for form in forms]
    return tuple(dict.fromkeys(form for form in forms if form != word.lower()))


def extra_words(text: str) -> list[str]:
    """Forms of the words of `text` it does not have yet, each once, in order."""
    words = _WORD.findall(_TAG.sub(" ", text))
    present = {word.lower() for word in words}
    seen: dict[str, None] = {}
    for word in words:
        if word.isascii() and (word.islower() or word.isdigit()):
            continue  # nothing to fold, nothing glued
        for form in _forms(word):
            if form not in present:
                seen.setdefault(form, None)
    return list(seen)


def plain_text(html: str) -> str:
    """The text of an index entry's HTML, on one line (entities stay escaped)."""
    return _SPACE.sub(" ", _TAG.sub(" ", html)).strip()


def trim_html(html: str, limit: int) -> str:
    """The first `limit` visible characters of `html`, cut between words, tags closed."""
    out: list[str] = []
    open_tags: list[str] = []
    used = 0
    for part in re.split(r"(<[^>]+>)", html):
        if part.startswith("<"):
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if part.startswith("</"):
                if open_tags and open_tags[-1] == name:
                    open_tags.pop()
            elif not part.endswith("/>") and name not in VOID:
                open_tags.append(name)
            out.append(part)
            continue
        if used + len(part) <= limit:
            out.append(part)
            used += len(part)
            continue
        cut = part[: max(0, limit - used)]
        cut = cut[: cut.rfind(" ")] if " " in cut else ""
        cut = re.sub(r"&[^;\s]*$", "", cut)  # never half an entity
        out.append(cut.rstrip() + "…")
        out.extend(f"</{name}>" for name in reversed(open_tags))
        return "".join(out).strip()
    return html


def page_of(location: str) -> str:
    return location.split("#", 1)[0]


def kind_of(page: str) -> str:
    """What the page is: "staff", "record", "list" (home, map, sections) or "page"."""
    if page.startswith(STAFF):
        return "staff"
    parts = page.rstrip("/").split("/")
    if parts[0] in RECORD_SECTIONS:
        return "record" if len(parts) == 2 and page.endswith("/") else "list"
    return "list" if page in ("", "map/") else "page"


def record_doc(docs: list[Doc]) -> tuple[Doc, str] | None:
    """One entry for a record page: its head (name, kind, designation, summary) as Material
    indexed it, and the text of its practical section (address, ward, hours, fee, producer,
    venue) to hide in it; the description and the other sections are left out."""
    head = next((doc for doc in docs if "#" not in doc["location"]), None)
    if head is None:
        return None
    practical = next((doc for doc in docs if doc["location"].endswith("#" + PRACTICAL)), None)
    # Buttons and directions are paragraphs; the facts are a definition list.
    return head, (plain_text(_PARAGRAPH.sub(" ", practical["text"])) if practical else "")


_SECTION_START = re.compile(r"""<h[1-6]\s+id=["']?([^"'\s>]+)""")


def indexed_html(content: str) -> str:
    """What of a record page Material's search parser must read for `record_doc`: the head
    and the practical section, up to the next section's heading. The description, history
    and the rest are never kept, and are most of the page's text."""
    for found in _SECTION_START.finditer(content):
        if found.group(1) != PRACTICAL:
            return content[: found.start()]
    return content


def read_record_heads_only() -> None:
    """Make Material's search plugin read only `indexed_html` of HTML-only record pages
    (`assemble/html_pages.py`), in a build process: the same entries, for a third of the
    parsing."""
    from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]

    add = SearchIndex.add_entry_from_context
    if getattr(add, "heads_only", False):
        return

    def add_entry(self: SearchIndex, page: Any) -> None:
        if page.meta.get("portal_html") is not True or kind_of(page.url) != "record":
            add(self, page)
            return
        content = page.content
        page.content = indexed_html(content)
        try:
            add(self, page)
        finally:
            page.content = content

    add_entry.heads_only = True  # type: ignore[attr-defined]
    SearchIndex.add_entry_from_context = add_entry


def tourist_docs(docs: list[Doc]) -> list[tuple[Doc, str]]:
    """Material's entries reduced to what a tourist searches, in the same order, each with
    the text to hide in it."""
    pages: dict[str, list[Doc]] = {}
    for doc in docs:
        pages.setdefault(page_of(doc["location"]), []).append(doc)
    kept: list[tuple[Doc, str]] = []
    for page, entries in pages.items():
        kind = kind_of(page)
        if kind == "record":
            entry = record_doc(entries)
            kept.extend([entry] if entry else [])
        elif kind == "list":
            kept.extend(
                ({**doc, "text": trim_html(doc["text"], LIST_CHARS)}, "") for doc in entries
            )
        elif kind == "page":
            kept.extend((doc, "") for doc in entries)
    return kept


def finish(doc: Doc, hidden: str, segment: Callable[[str], str] | None) -> Doc:
    """The entry with its hidden words (`hidden`, other forms of its words) and, when
    `segment` is given, its Han text split into words."""
    title, text = str(doc.get("title", "")), str(doc.get("text", ""))
    extra = extra_words(f"{title} {text} {hidden}")
    words = " ".join(part for part in (hidden, " ".join(extra)) if part)
    if words:
        text = f"{text} <span hidden>{words}</span>".strip()
    if segment is not None:
        title, text = segment(title), segment(text)
    return {**doc, "title": title, "text": text}


def segment_chinese(text: str) -> str:
    """Han text split into words by jieba, joined by zero-width spaces (as Material does)."""
    jieba = _jieba()

    def words(match: re.Match[str]) -> str:
        return ZWSP + ZWSP.join(jieba.cut(match.group(0))) + ZWSP

    return _HAN.sub(words, text).strip(ZWSP)


@functools.cache
def _jieba() -> Any:
    jieba = importlib.import_module("jieba")  # ships no type hints
    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict…" in every build log
    return jieba


def jieba_ready() -> None:
    """Load jieba's dictionary now rather than at the first words it cuts."""
    _jieba().initialize()


def _clean(doc: Doc) -> Doc:
    """Without Material's own segmentation marks (it segments every language when it can
    import jieba); Chinese is segmented again after trimming."""
    title, text = str(doc.get("title", "")), str(doc.get("text", ""))
    if ZWSP in title or ZWSP in text:
        return {**doc, "title": title.replace(ZWSP, ""), "text": text.replace(ZWSP, "")}
    return doc


def _splits_zwsp(separator: str) -> bool:
    """Whether the index's word separator (a JavaScript regex) splits on zero-width spaces:
    then its text must be segmented, as for Chinese (`search_settings`)."""
    try:
        return re.search(separator, f"a{ZWSP}b") is not None
    except re.error:
        return ZWSP in separator


@dataclass(frozen=True)
class IndexSize:
    entries_before: int
    entries_after: int
    bytes_before: int
    bytes_after: int


def prepare_search_index(site_dir: Path) -> IndexSize:
    """Rewrite `site_dir`'s search index for tourists.

    - Record pages (`relics/<id>/`, …) are one entry each: name, kind, designation and
      summary as the page shows them, plus the practical facts (address and ward, former
      ward, hours, fee, producer, venue) as hidden text. Descriptions, histories,
      programmes and sources are not indexed word for word: the page has them.
    - List pages (home, map, the record sections' index pages) keep their headings and the
      first words of each section: their records have their own entries.
    - Free pages (about, practical information, open data) stay as they are.
    - Staff pages are left out: the tourists' index is not their tool.
    - Every accented word also goes in folded ("vinh" for "Vĩnh"): visitors on foreign
      phones often cannot type "ĩ", and lunr matches whole tokens.
    - When the index separates words by zero-width spaces (Chinese), Han text is segmented
      by jieba here, after trimming, rather than by Material in every language.

    Hidden text sits in `<span hidden>`: searchable, never shown in results. In a dirty
    build the index holds only the rebuilt pages' entries; each page's entries are
    rewritten on their own, so merging with the old ones stays correct.
    """
    path = site_dir / INDEX
    raw = path.read_text(encoding="utf-8")
    index = json.loads(raw)
    docs = [_clean(doc) for doc in index["docs"]]
    segment = segment_chinese if _splits_zwsp(str(index["config"].get("separator", ""))) else None
    index["docs"] = [finish(doc, hidden, segment) for doc, hidden in tourist_docs(docs)]
    written = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(written, encoding="utf-8")
    return IndexSize(len(docs), len(index["docs"]), len(raw.encode()), len(written.encode()))


def add_folded_words(site_dir: Path) -> int:
    """The former name of `prepare_search_index`; returns the number of entries kept."""
    return prepare_search_index(site_dir).entries_after


def segments_words(lang: str) -> bool:
    """Whether `lang`'s index splits Han text into words: Chinese only (Japanese and Korean
    have their own lunr tokenizers, and jieba's Chinese words would be wrong for them)."""
    return lang == "zh" or lang.startswith("zh-")


def keep_material_from_segmenting() -> None:
    """Import Material's search plugin with jieba hidden from it, so that it never segments.

    Material segments the Han characters of every language's index whenever it can import
    jieba: a dictionary load (about 70 MB) and a pass over every page, in languages that need
    none. `prepare_search_index` segments the Chinese index itself, after trimming. Call it
    in a build process before MkDocs loads its plugins; once Material's plugin is imported,
    it changes nothing.
    """
    saved = sys.modules.get("jieba")
    sys.modules["jieba"] = None  # type: ignore[assignment]  # `import jieba` → ImportError
    try:
        importlib.import_module("material.plugins.search.plugin")
    finally:
        if saved is None:
            del sys.modules["jieba"]
        else:
            sys.modules["jieba"] = saved
