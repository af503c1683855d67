"""`portal i18n export`: the record texts a language lacks, as a PO file for translators."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.pofile import read_po, write_po

from build_tools.load.project import load_catalog, record_files
from build_tools.load.yaml_source import parse_yaml
from build_tools.model.fields import machine_translated
from build_tools.model.kinds import KINDS, Kind
from build_tools.model.localized import localized_fields
from build_tools.model.site import SiteConfig
from build_tools.translation.locations import Location, field_help
from build_tools.translation.memory import TRANSLATIONS_DIR, SourceMemory


class TranslationError(Exception):
    """A mistake in how a command was asked for (language, file), told to the user as is."""


@dataclass(frozen=True)
class RecordText:
    """One localized text of a record, with everything a translator's entry needs."""

    location: Location
    line: int
    texts: dict[str, str]
    kind: Kind
    title: str  # the record's name or title in the default language

    def source(self, default: str) -> str:
        return self.texts[default]


@dataclass(frozen=True)
class ExportReport:
    path: Path
    missing: int
    outdated: int
    machine: int  # machine translations listed for a person to check
    current: int  # translations listed only because everything was asked for

    @property
    def entries(self) -> int:
        return self.missing + self.outdated + self.machine + self.current


def default_po(root: Path, lang: str) -> Path:
    return root / TRANSLATIONS_DIR / f"{lang}.po"


def check_language(site: SiteConfig, lang: str) -> None:
    if lang not in site.codes:
        raise TranslationError(
            f'"{lang}" is not a language of this site: use one of '
            f"{', '.join(site.codes[1:])} (site_config/site.yaml lists the languages)"
        )
    if lang == site.default_language:
        raise TranslationError(
            f"{lang} is the default language, the one every text is translated from: "
            f"name another language, like {', '.join(site.codes[1:]) or 'en'}"
        )


def record_texts(root: Path, site: SiteConfig) -> Iterator[RecordText]:
    """Every localized text of every record file, in kind, file and field order.

    The files are read again after `load_catalog` has checked them all, because a PO entry
    needs what the Catalog leaves behind: the file and line of each text.
    """
    context: dict[str, Any] = {"languages": site.codes, "default_language": site.default_language}
    for kind in KINDS:
        for file in record_files(root, kind):
            rel = file.relative_to(root).as_posix()
            document = parse_yaml(file.read_bytes().decode("utf-8-sig"))
            record = kind.model.model_validate(document.data, context=context)
            title = _title(record, site.default_language)
            for path, texts in localized_fields(record):
                yield RecordText(Location(rel, path), document.line_of(path), texts, kind, title)


def _title(record: Any, default: str) -> str:
    for name in ("name", "title"):
        texts = getattr(record, name, None)
        if isinstance(texts, dict) and default in texts:
            return str(texts[default])
    return str(getattr(record, "id", ""))


def export_po(
    root: Path,
    lang: str,
    out: Path | None = None,
    everything: bool = False,
    include_machine: bool = False,
    force: bool = False,
) -> ExportReport:
    """Write the texts of every record that `lang` lacks (or whose translation is outdated)
    as a PO file; `everything` lists every text, `include_machine` machine translations too.

    Raises ContentError when the content has errors: a translator should only ever see texts
    that `portal check` accepts.
    """
    catalog = load_catalog(root)
    site = catalog.site
    check_language(site, lang)
    out = out or default_po(root, lang)
    default = site.default_language
    memory = SourceMemory(root, lang)
    texts = list(record_texts(root, site))
    if out.is_file() and not force:
        _refuse_unimported(root, out, lang, texts)

    when = _timestamp()
    po = MessageCatalog(
        locale=_babel_locale(lang),
        project=site.site_name[default],
        header_comment=_header(site, lang, root, out),
        creation_date=when,
        revision_date=when,
        language_team=site.language(lang).name,
        fuzzy=False,
    )
    counts = {"missing": 0, "outdated": 0, "machine": 0, "current": 0}
    for item in texts:
        source = item.source(default)
        location = str(item.location)
        help_text, kind = field_help(item.kind.model, item.location.path)
        comments = [f"{item.kind.name} “{item.title}” — {help_text}".rstrip(" —")]
        if kind == "localized-markdown":
            comments.append(
                "Markdown: keep the blank lines between paragraphs, **bold**, lists and the "
                "addresses of [links](…)."
            )
        existing = item.texts.get(lang)
        if existing is None:
            state, fuzzy = "missing", False
        elif memory.outdated(location, source):
            state, fuzzy = "outdated", True
            comments.append(
                f"The {default} text has changed since this translation was made: update it, "
                "then clear the fuzzy mark."
            )
        elif lang in machine_translated(item.texts) and (include_machine or everything):
            state, fuzzy = "machine", True
            comments.append(
                "A machine made this translation: correct it, then clear the fuzzy mark; "
                "the page will then no longer say it was translated automatically."
            )
        elif everything:
            state, fuzzy = "current", False
        else:
            continue
        counts[state] += 1
        message = po.add(
            source,
            existing or "",
            locations=[(item.location.file, item.line)],
            flags=("fuzzy",) if fuzzy else (),
            auto_comments=comments,
            context=location,
        )
        # Babel guesses `python-format` from a `%` in the text ("giảm 50% giá"); a
        # translator's tool would then demand placeholders that are not there.
        message.flags.discard("python-format")

    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, po, width=100, ignore_obsolete=True)
    out.write_bytes(buffer.getvalue())
    return ExportReport(out, **counts)


def _refuse_unimported(root: Path, out: Path, lang: str, texts: list[RecordText]) -> None:
    """A PO file about to be overwritten must not hold translations not yet imported."""
    current = {str(item.location): item.texts.get(lang) for item in texts}
    try:
        with out.open("rb") as handle:
            previous = read_po(handle)
    except Exception:  # noqa: BLE001 — not a PO file we can read: it is not ours to drop
        raise TranslationError(
            f"{_shown(root, out)} exists and is not a PO file: choose another --out"
        ) from None
    pending = [
        message
        for message in previous
        if message.id
        and isinstance(message.string, str)
        and message.string.strip()
        and isinstance(message.context, str)
        and message.context in current
        and current[message.context] != clean(message.string)
    ]
    if pending:
        shown = _shown(root, out)
        fuzzy = [message for message in pending if message.fuzzy]
        note = ""
        if fuzzy:
            where = ", ".join(
                f"line {message.lineno} ({message.context})" for message in fuzzy[:3]
            ) + (" …" if len(fuzzy) > 3 else "")
            note = (
                f"; {len(fuzzy)} of them marked fuzzy, which import skips ({where}): confirm "
                "each by deleting its `#, fuzzy` line, or import them as machine translations "
                "with --machine"
            )
        raise TranslationError(
            f"{shown} holds {len(pending)} translation(s) not imported yet{note}: run "
            f"`portal i18n import {shown} --lang {lang}` first, or add --force to overwrite it"
        )


def clean(text: str) -> str:
    """A translation as it is written into a record: Unix line ends, no surrounding space."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _header(site: SiteConfig, lang: str, root: Path, out: Path) -> str:
    language = site.language(lang).name
    default = site.language(site.default_language).name
    return (
        f"# Texts of {site.site_name[site.default_language]} to translate from {default} "
        f"into {language} ({lang}).\n"
        "# Write each translation in its msgstr. An entry marked fuzzy holds a translation\n"
        "# to check (outdated, or made by a machine): correct it, then clear the mark.\n"
        f"# Then: portal i18n import {_shown(root, out)}\n"
        "#"
    )


def _babel_locale(lang: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return None


def _timestamp() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, so the same content exports the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
