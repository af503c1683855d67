"""Interface strings (the tool's gettext catalogs, with a city's additions merged over them)
and content-language fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from build_tools.load.issues import Issue
from build_tools.model.fields import machine_translated
from build_tools.resources import CITY_LOCALES, LOCALES

DOMAIN = "messages"


def catalog_file(folder: Path, lang: str) -> Path:
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def po_path(root: Path, lang: str) -> Path:
    """The city's own catalog of `lang` (extra language or corrections)."""
    return catalog_file(root / CITY_LOCALES, lang)


def package_po_path(lang: str) -> Path:
    return catalog_file(LOCALES, lang)


def _read(path: Path, lang: str) -> MessageCatalog | None:
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=_babel_locale(lang))


def _babel_locale(lang: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return None


def read_catalog(root: Path, lang: str) -> MessageCatalog | None:
    """The tool's catalog of `lang` with the city's translations merged over it."""
    ours = _read(package_po_path(lang), lang)
    city = _read(po_path(root, lang), lang)
    if ours is None or city is None:
        return ours or city
    for message in city:
        if message.id and message.string and not message.fuzzy:
            # Catalog.__setitem__ keeps an existing message's string: replace it here.
            existing = ours.get(message.id)
            if existing is None:
                ours[message.id] = message
            else:
                existing.string = message.string
                existing.flags.discard("fuzzy")
    return ours


def load_translations(root: Path, lang: str) -> Translations:
    """The compiled catalog of `lang`, built in memory so no .mo file is ever committed.

    Pages, MkDocs settings, offline pages and boards all ask for it; it is compiled once per
    version of the .po file (keyed by its modification time, so `portal serve` sees edits).
    A language without a catalog shows the English msgids, which the tests forbid for
    configured languages.
    """
    stamp = tuple(
        path.stat().st_mtime_ns if path.is_file() else 0
        for path in (package_po_path(lang), po_path(root, lang))
    )
    return _compiled(str(root), lang, stamp)


@lru_cache(maxsize=32)
def _compiled(root: str, lang: str, stamp: tuple[int, ...]) -> Translations:
    try:
        return _compile(read_catalog(Path(root), lang))
    except CATALOG_ERRORS:  # the city's catalog is broken: `catalog_issues` says how
        return _compile(_read(package_po_path(lang), lang))


# What a broken .po file raises: another encoding, a syntax Babel cannot parse, a plural
# formula gettext refuses.
CATALOG_ERRORS = (UnicodeDecodeError, ValueError, SyntaxError, TypeError, KeyError, IndexError)


def _compile(catalog: MessageCatalog | None) -> Translations:
    import io

    if catalog is None:
        return Translations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@dataclass(frozen=True)
class Localized:
    """A text chosen for a language, whether it fell back to another language, and whether
    a machine translated it (written `fr-x-mt` in the record)."""

    text: str
    lang: str
    fallback: bool
    machine: bool = False


def pick(
    value: dict[str, str] | None, lang: str, fallbacks: str | tuple[str, ...]
) -> Localized | None:
    """The text in `lang`, else in the first language of the fallback chain that has one
    (a site's chain ends with its default language, which every text has)."""
    if not value:
        return None
    machine = machine_translated(value)
    if value.get(lang):
        return Localized(value[lang], lang, False, lang in machine)
    chain = (fallbacks,) if isinstance(fallbacks, str) else fallbacks
    for code in chain:
        if value.get(code):
            return Localized(value[code], code, True, code in machine)
    first = next(iter(value))
    return Localized(value[first], first, True, first in machine)


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%%")


def catalog_issues(root: Path, languages: tuple[str, ...]) -> list[Issue]:
    """What in the city's interface catalogs (site_config/locales/) would crash a build or
    show wrong text: a file that is not UTF-8 or not a catalog, plural forms that are not
    a formula, a translation whose placeholders (`%(city)s`) differ from its msgid's, or a
    lone `%` (every string is formatted, so a percent sign is written `%%`)."""
    issues: list[Issue] = []
    for lang in languages:
        path = po_path(root, lang)
        if not path.is_file():
            continue
        shown = path.relative_to(root).as_posix()
        try:
            catalog = _read(path, lang)
        except UnicodeDecodeError:
            issues.append(Issue(shown, 1, "", "the catalog is not saved as UTF-8",
                                "save it again as UTF-8 (Poedit and most editors can)"))
            continue
        except CATALOG_ERRORS as error:
            issues.append(Issue(shown, 1, "", f"the catalog cannot be read ({error})",
                                "open it in Poedit, fix what it reports, and save it again"))
            continue
        assert catalog is not None
        try:
            _compile(catalog)
        except CATALOG_ERRORS as error:
            line = _header_line(path, "Plural-Forms")
            issues.append(Issue(shown, line, "Plural-Forms", f"is not a plural formula ({error})",
                                "copy the Plural-Forms line of the tool's catalog for this "
                                "language, or of the CLDR list"))
        for message in catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            ids = [str(text) for text in _texts(message.id)]
            strings = [str(text) for text in _texts(message.string)]
            wanted = {name for text in ids for name in _PLACEHOLDER.findall(text) if name}
            for text in strings:
                problem = _format_problem(text, wanted)
                if problem:
                    issues.append(Issue(shown, message.lineno or 1, "msgstr", problem,
                                        "keep every %(name)s of the msgid as it is, and write "
                                        "a percent sign as %%"))
    return issues


def _texts(value: object) -> list[object]:
    """A message's msgid or msgstr: one text, or (plural forms) several."""
    return list(value) if isinstance(value, (tuple, list)) else [value]


def _format_problem(text: str, wanted: set[str]) -> str | None:
    used = {name for name in _PLACEHOLDER.findall(text) if name}
    if used - wanted:
        names = ", ".join(f"%({name})s" for name in sorted(used - wanted))
        return f'"{text}" uses {names}, which the original text does not have'
    try:
        text % {name: 1 for name in wanted}  # noqa: B018 — formatted as every page does
    except (ValueError, TypeError, KeyError):
        return f'"{text}" has a % that is not a placeholder'
    return None


def _header_line(path: Path, name: str) -> int:
    for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        if line.startswith(f'"{name}:'):
            return number
    return 1
