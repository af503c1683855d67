"""`portal i18n import`: translations from a PO file written into the records' YAML in place."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.catalog import Message
from babel.messages.pofile import read_po
from pydantic import ValidationError

from build_tools.load.confine import OutsideFolder, inside
from build_tools.load.explain import issues_from_validation
from build_tools.load.issues import ContentError
from build_tools.load.project import load_site
from build_tools.load.yaml_edit import EditError, data_at, set_localized_text
from build_tools.load.yaml_source import YamlSyntaxError, parse_yaml
from build_tools.model.fields import MACHINE_SUFFIX
from build_tools.model.site import SiteConfig
from build_tools.translation.locations import Location
from build_tools.translation.memory import SourceMemory
from build_tools.translation.po_export import TranslationError, check_language, clean


@dataclass(frozen=True)
class Skipped:
    location: str  # as in the PO file's msgctxt
    reason: str


@dataclass
class ImportReport:
    lang: str
    written: int = 0  # texts added or replaced
    unchanged: int = 0  # already written so (the source note is still refreshed)
    untranslated: int = 0  # empty msgstr
    fuzzy: int = 0  # marked fuzzy: not confirmed by the translator
    kept: int = 0  # --machine: a person's current translation is not replaced
    files: list[str] = field(default_factory=list)  # files changed
    skipped: list[Skipped] = field(default_factory=list)  # with the reason, for the user


def import_po(
    root: Path, po_file: Path, lang: str | None = None, machine: bool = False
) -> ImportReport:
    """Write each translated, confirmed entry of `po_file` into its record file.

    `machine`: the translations come from a machine engine; they are written as `fr-x-mt`
    (fuzzy entries too, since no person confirmed any of them), and never over a translation
    a person made unless that one is outdated.
    """
    site, issues = load_site(root)
    if site is None:
        raise ContentError(issues)
    catalog = _read(po_file)
    lang = _language(site, catalog, lang, po_file)
    report = ImportReport(lang)
    memory = SourceMemory(root, lang)
    by_file: dict[str, list[tuple[Location, Message]]] = defaultdict(list)
    for message in catalog:
        if not message.id:
            continue  # the header
        where = message.context or ""
        location = Location.parse(where)
        if location is None or location.kind is None or not isinstance(message.id, str):
            report.skipped.append(Skipped(where or str(message.id)[:40], "not a record text"))
        elif not isinstance(message.string, str) or not message.string.strip():
            report.untranslated += 1
        elif message.fuzzy and not machine:
            report.fuzzy += 1
        else:
            by_file[location.file].append((location, message))
    for rel in sorted(by_file):
        _import_file(root, site, rel, by_file[rel], lang, machine, memory, report)
    memory.save()
    return report


def _read(po_file: Path) -> MessageCatalog:
    if not po_file.is_file():
        raise TranslationError(f"{po_file} does not exist")
    try:
        with po_file.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except Exception as error:  # noqa: BLE001 — Babel raises several kinds for a bad file
        raise TranslationError(f"{po_file} cannot be read as a PO file: {error}") from None


def _language(site: SiteConfig, catalog: MessageCatalog, lang: str | None, po_file: Path) -> str:
    written = str(catalog.locale).replace("_", "-") if catalog.locale else None
    if written is not None and written not in site.codes and "-" in written:
        written = written.split("-")[0]  # a translator's tool may write fr_FR for fr
    if lang is None:
        if written is None:
            raise TranslationError(
                f"{po_file} does not say its language: add --lang, e.g. --lang {site.codes[-1]}"
            )
        lang = written
    elif written is not None and written != lang:
        raise TranslationError(
            f"{po_file} holds {written} texts, not {lang}: check the file, or drop --lang"
        )
    check_language(site, lang)
    return lang


def _import_file(
    root: Path,
    site: SiteConfig,
    rel: str,
    entries: list[tuple[Location, Message]],
    lang: str,
    machine: bool,
    memory: SourceMemory,
    report: ImportReport,
) -> None:
    kind = entries[0][0].kind
    assert kind is not None

    def skip_all(reason: str) -> None:
        report.skipped.extend(Skipped(str(location), reason) for location, _m in entries)

    try:
        path = inside(root / kind.folder, rel.rpartition("/")[2])
    except OutsideFolder as error:
        skip_all(f"the file cannot be used: {error}")
        return
    if not path.is_file():
        skip_all("the file no longer exists")
        return
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        skip_all("the file is not saved as UTF-8; run `portal check`")
        return
    context: dict[str, Any] = {"languages": site.codes, "default_language": site.default_language}
    if _problem(kind.model, text, context, rel) is not None:
        skip_all("the file has errors; correct them (`portal check`), then import again")
        return

    default = site.default_language
    twin = lang if machine else lang + MACHINE_SUFFIX
    key = lang + MACHINE_SUFFIX if machine else lang
    changed = False
    for location, message in entries:
        where = str(location)
        data = parse_yaml(text.removeprefix("\ufeff")).data
        texts = data_at(data, location.path)
        if isinstance(texts, str):
            texts = {default: texts}  # a field that takes one text: the default language's
        if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
            report.skipped.append(Skipped(where, "no text per language is written there any more"))
            continue
        source = texts.get(default, texts.get(default + MACHINE_SUFFIX))
        if not isinstance(source, str) or source.strip() != str(message.id):
            report.skipped.append(
                Skipped(
                    where,
                    f"the {default} text has changed since the export; export again and "
                    "translate the new text",
                )
            )
            continue
        source = source.strip()
        translation = clean(str(message.string))
        person = texts.get(lang)
        if machine and isinstance(person, str):
            # A machine fills missing or outdated texts only; and an outdated entry it
            # left as it was is still a person's (outdated) text, not a machine's.
            if not memory.outdated(where, source) or person.strip() == translation:
                report.kept += 1
                continue
        try:
            edited = set_localized_text(
                text, location.path, key, translation, (twin,), default=default
            )
        except EditError as error:
            report.skipped.append(Skipped(where, error.reason))
            continue
        if edited != text:
            problem = _problem(kind.model, edited, context, rel)
            if problem is not None:
                report.skipped.append(Skipped(where, problem))
                continue
            text, changed = edited, True
            report.written += 1
        else:
            report.unchanged += 1
        memory.record(where, source)
    if changed:
        path.write_bytes(text.encode("utf-8"))
        report.files.append(rel)


def _problem(model: Any, text: str, context: dict[str, Any], rel: str) -> str | None:
    """What is wrong with the record `text` holds (the first problem), or None."""
    try:
        document = parse_yaml(text.removeprefix("\ufeff"))
    except YamlSyntaxError as error:
        return f"the file would not be valid YAML ({error.message})"
    try:
        model.model_validate(document.data, context=context)
    except ValidationError as error:
        issue = issues_from_validation(error, document, rel, model)[0]
        return f"{issue.field}: {issue.message} — {issue.fix}"
    return None
