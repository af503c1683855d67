"""Read a project folder: site settings and every record file, validated and cross-checked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from build_tools.load.explain import issues_from_validation
from build_tools.load.issues import ContentError, Issue
from build_tools.load.yaml_source import YamlDocument, YamlSyntaxError, parse_yaml
from build_tools.model.catalog import Catalog
from build_tools.model.codes import PREFIX, code_of
from build_tools.model.event import Event
from build_tools.model.kinds import KINDS, Kind
from build_tools.model.localized import localized_fields
from build_tools.model.page import Page
from build_tools.model.product import Product
from build_tools.model.relic import Relic
from build_tools.model.site import BASE_URL_ENV, SiteConfig
from build_tools.model.wifi import Wifi

SITE_FILE = "site_config/site.yaml"


@dataclass(frozen=True)
class Located:
    """A validated record with the file and lines it came from, for cross-record checks."""

    kind: Kind
    record: Any
    path: str
    document: YamlDocument

    def line(self, *path: str | int) -> int:
        return self.document.line_of(path)


def record_files(root: Path, kind: Kind) -> list[Path]:
    folder = root / kind.folder
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _read(root: Path, file: Path, issues: list[Issue]) -> tuple[str, YamlDocument | None]:
    rel = file.relative_to(root).as_posix()
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        issues.append(
            Issue(
                rel,
                1,
                "",
                f"the file is not UTF-8 ({error.reason})",
                "save it again as UTF-8 (VS Code: bottom bar → encoding → UTF-8)",
            )
        )
        return rel, None
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as error:
        issues.append(
            Issue(
                rel,
                error.line,
                "",
                f"YAML syntax error: {error.message}",
                "check indentation and that every `key: value` has a space "
                "after the colon; quote text containing `: ` or `#`",
            )
        )
        return rel, None
    for problem in document.problems:
        field = ".".join(str(p) for p in problem.path)
        issues.append(
            Issue(rel, problem.line, field, problem.message, "keep one and delete the other")
        )
    if not isinstance(document.data, dict):
        issues.append(
            Issue(
                rel,
                1,
                "",
                "the file holds no `key: value` lines",
                "start from a sample file or `portal new`",
            )
        )
        return rel, None
    return rel, document


def _validate(
    model: type[BaseModel],
    rel: str,
    document: YamlDocument,
    context: dict[str, Any],
    issues: list[Issue],
) -> Any:
    try:
        return model.model_validate(document.data, context=context)
    except ValidationError as error:
        issues.extend(issues_from_validation(error, document, rel, model))
        return None


def load_site(root: Path) -> tuple[SiteConfig | None, list[Issue]]:
    issues: list[Issue] = []
    file = root / SITE_FILE
    if not file.is_file():
        return None, [
            Issue(
                SITE_FILE,
                1,
                "",
                "the site settings file is missing",
                f"create {SITE_FILE} (copy it from the sample project)",
            )
        ]
    rel, document = _read(root, file, issues)
    site = None if document is None else _validate(SiteConfig, rel, document, {}, issues)
    if site is None:
        return None, issues
    try:
        return site.with_env(), issues
    except PydanticCustomError as error:
        issues.append(
            Issue(
                f"${BASE_URL_ENV}",
                1,
                "",
                str(error),
                str(error.context["fix"]) if error.context else "correct the environment variable",
            )
        )
        return None, issues


def load_catalog(root: Path, require_languages: tuple[str, ...] = ()) -> Catalog:
    """Everything, validated; raises ContentError with every problem found in every file.

    `require_languages` turns missing translations in those languages into errors, for a
    city that wants, say, English complete before publishing.
    """
    site, issues = load_site(root)
    context: dict[str, Any] = {
        "languages": site.codes if site else None,
        "default_language": site.default_language if site else "vi",
    }
    located: list[Located] = []
    declared: set[tuple[str, str]] = set()  # ids written in files, valid or not
    for kind in KINDS:
        for file in record_files(root, kind):
            rel, document = _read(root, file, issues)
            if document is None:
                declared.add((kind.name, file.stem))
                continue
            declared.add((kind.name, str(document.data.get("id", file.stem))))
            record = _validate(kind.model, rel, document, context, issues)
            if record is not None:
                located.append(Located(kind, record, rel, document))
    issues.extend(cross_check(root, located, declared))
    issues.extend(missing_translations(located, require_languages, site))
    errors = [issue for issue in issues if issue.severity == "error"]
    if errors or site is None:
        raise ContentError(sorted(issues))

    def of(model: type) -> tuple[Any, ...]:
        return tuple(
            sorted(
                (item.record for item in located if isinstance(item.record, model)),
                key=lambda record: record.id,
            )
        )

    warnings = tuple(sorted(issue for issue in issues if issue.severity == "warning"))
    return Catalog(site, of(Relic), of(Product), of(Event), of(Wifi), of(Page), warnings)


def cross_check(
    root: Path, located: list[Located], declared: set[tuple[str, str]]
) -> Iterator[Issue]:
    """Checks that need more than one file: unique ids, references, media on disk.

    A reference to a record that exists but has its own errors is not reported again:
    one mistake, one message.
    """
    first: dict[tuple[str, str], Located] = {}
    for item in located:
        key = (item.kind.name, item.record.id)
        if key in first:
            yield Issue(
                item.path,
                item.line("id"),
                "id",
                f'id "{item.record.id}" is already used by {first[key].path}',
                "give this record its own id (and rename the file to match)",
            )
        else:
            first[key] = item
    yield from _check_codes(located)
    relic_ids = sorted(rid for kind, rid in declared if kind == "relic")
    for item in located:
        record = item.record
        ref_field = {"event": ("venue", "relic"), "wifi": ("serves", "relic")}.get(item.kind.name)
        if ref_field:
            ref = getattr(getattr(record, ref_field[0]), ref_field[1])
            if ref is not None and ref not in relic_ids:
                yield Issue(
                    item.path,
                    item.line(*ref_field),
                    ".".join(ref_field),
                    f'no relic site has the id "{ref}"',
                    _suggest(ref, relic_ids, "heritage/relics/"),
                )
        yield from _check_media(root, item)


def _check_codes(located: list[Located]) -> Iterator[Issue]:
    """Two records must never share a QR code: a printed board would open the wrong page."""
    seen: dict[str, Located] = {}
    ids: set[tuple[str, str]] = set()
    for item in located:
        if item.kind.name not in PREFIX:
            continue
        if (item.kind.name, item.record.id) in ids:
            continue  # a duplicate id is reported once, as such
        ids.add((item.kind.name, item.record.id))
        code = code_of(item.kind.name, item.record)
        if code in seen:
            where = "code" if item.record.code else "id"
            yield Issue(
                item.path,
                item.line(where),
                "code",
                f'short code "{code}" is already used by {seen[code].path}',
                "write another `code:` (3–8 lowercase letters or digits) in this file",
            )
        else:
            seen[code] = item


def missing_translations(
    located: list[Located], languages: tuple[str, ...], site: SiteConfig | None
) -> Iterator[Issue]:
    for lang in languages:
        if site is not None and lang not in site.codes:
            yield Issue(
                SITE_FILE,
                1,
                "languages",
                f'--require-lang {lang}: "{lang}" is not a language of this site',
                f"use one of {', '.join(site.codes)}",
            )
            return
    for item in located:
        for path, texts in localized_fields(item.record):
            for lang in languages:
                if lang not in texts:
                    field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path)
                    yield Issue(
                        item.path,
                        item.line(*path),
                        field.replace(".[", "["),
                        f"the {lang} translation is missing",
                        f"add a line `{lang}: ...` (this site requires {lang})",
                    )


def _suggest(value: str, known: list[str], folder: str) -> str:
    import difflib

    close = difflib.get_close_matches(value, known, n=1)
    return f"did you mean {close[0]}?" if close else f"use the id of a file in {folder}"


def _photo_advice(original: Path) -> tuple[str, str, Literal["error", "warning"]] | None:
    from PIL import UnidentifiedImageError

    from build_tools.assets.images import size_advice

    try:
        advice = size_advice(original)
    except (UnidentifiedImageError, OSError):
        return (
            "the file is not a photo that can be read",
            "export it as JPEG, PNG or WebP",
            "error",
        )
    return None if advice is None else (*advice, "warning")


def _check_media(root: Path, item: Located) -> Iterator[Issue]:
    kind = item.kind
    if kind.media_folder is None or kind.media_field is None:
        return
    folder = f"{kind.media_folder}/{item.record.id}"
    for index, media in enumerate(getattr(item.record, kind.media_field)):
        original = root / folder / media.file
        if original.is_file():
            advice = _photo_advice(original)
            if advice is not None:
                yield Issue(
                    item.path,
                    item.line(kind.media_field, index, "file"),
                    f"{kind.media_field}[{index}].file",
                    advice[0],
                    advice[1],
                    severity=advice[2],
                )
            continue
        if not original.is_file():
            yield Issue(
                item.path,
                item.line(kind.media_field, index, "file"),
                f"{kind.media_field}[{index}].file",
                f'"{media.file}" is not in {folder}/',
                f"put the file in {folder}/ or correct the name (case matters)",
            )
    for lang, audio in getattr(item.record, "audio", {}).items():
        if not (root / folder / audio.file).is_file():
            yield Issue(
                item.path,
                item.line("audio", lang, "file"),
                f"audio.{lang}.file",
                f'"{audio.file}" is not in {folder}/',
                f"put the file in {folder}/ or correct the name (case matters)",
            )
