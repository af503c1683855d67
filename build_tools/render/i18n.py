"""Interface strings (gettext catalogs under site_config/locales) and content-language fallback."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES_DIR = "site_config/locales"
DOMAIN = "messages"


def po_path(root: Path, lang: str) -> Path:
    return root / LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(root: Path, lang: str) -> MessageCatalog | None:
    path = po_path(root, lang)
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=lang.replace("-", "_"))


def load_translations(root: Path, lang: str) -> Translations:
    """The compiled catalog of `lang`, built in memory so no .mo file is ever committed.

    Pages, MkDocs settings, offline pages and boards all ask for it; it is compiled once per
    version of the .po file (keyed by its modification time, so `portal serve` sees edits).
    A language without a catalog shows the English msgids, which the tests forbid for
    configured languages.
    """
    path = po_path(root, lang)
    stamp = path.stat().st_mtime_ns if path.is_file() else 0
    return _compiled(str(root), lang, stamp)


@lru_cache(maxsize=32)
def _compiled(root: str, lang: str, stamp: int) -> Translations:
    import io

    catalog = read_catalog(Path(root), lang)
    if catalog is None:
        return Translations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@dataclass(frozen=True)
class Localized:
    """A text chosen for a language, and whether it fell back to the default language."""

    text: str
    lang: str
    fallback: bool


def pick(value: dict[str, str] | None, lang: str, default: str) -> Localized | None:
    if not value:
        return None
    if value.get(lang):
        return Localized(value[lang], lang, False)
    return Localized(value[default], default, True)
