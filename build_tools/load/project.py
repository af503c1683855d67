"""Read a project folder: site settings and every record file, validated and cross-checked."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from build_tools.load.city_mkdocs import read_city_mkdocs
from build_tools.load.confine import OutsideFolder, escaping_links, inside
from build_tools.load.explain import issues_from_validation
from build_tools.load.issues import ContentError, Issue
from build_tools.load.yaml_source import YamlDocument, YamlSyntaxError, parse_yaml
from build_tools.model.catalog import Catalog
from build_tools.model.codes import PREFIX, REGISTRY_FILE, Key, assign_codes
from build_tools.model.event import Event
from build_tools.model.fields import slug_of
from build_tools.model.kinds import KINDS, Kind
from build_tools.model.localized import localized_fields
from build_tools.model.page import Page
from build_tools.model.product import Product
from build_tools.model.relic import Relic
from build_tools.model.site import BASE_URL_ENV, SiteConfig
from build_tools.model.wifi import Wifi
from build_tools.render.i18n import catalog_issues
from build_tools.resources import SITE_FILE  # noqa: E402  (re-exported)


@dataclass(frozen=True)
class Located:
    """A validated record with the file and lines it came from, for cross-record checks."""

    kind: Kind
    record: Any
    path: str
    document: YamlDocument

    def line(self, *path: str | int) -> int:
        return self.document.line_of(path)


RECORD_SUFFIXES = (".yaml", ".yml")


def record_files(root: Path, kind: Kind) -> list[Path]:
    """The record files of `kind`: `.yaml` or `.yml` in any letter case."""
    folder = root / kind.folder
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() in RECORD_SUFFIXES and p.is_file()
    )


def stray_files(root: Path, kind: Kind) -> Iterator[Issue]:
    """Files in a record folder that would otherwise be skipped without a word."""
    folder = root / kind.folder
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() in RECORD_SUFFIXES:
            continue
        rel = path.relative_to(root).as_posix()
        if path.is_dir():
            yield Issue(
                rel,
                1,
                "",
                f"{kind.folder}/ holds records only; this folder is not read",
                f"move it out of {kind.folder}/ (photos go in {kind.media_folder or 'media'}/)",
            )
            continue
        yield Issue(
            rel,
            1,
            "",
            f"this file is not read: only .yaml files in {kind.folder}/ are records",
            f"if it is a record, rename it to {path.stem}.yaml; otherwise move it out of "
            f"{kind.folder}/",
        )


def _decode(data: bytes) -> tuple[str | None, str]:
    """The text of a file, or None and what its encoding appears to be."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "UTF-16"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # Notepad's UTF-8 byte order mark is harmless
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        return None, "UTF-16"
    try:
        if any(c in data.decode("cp1258") for c in "ăâđêôơưĂÂĐÊÔƠƯ"):
            return None, "Windows-1258 (Vietnamese Windows)"
    except UnicodeDecodeError:
        pass
    return None, "an encoding other than UTF-8"


def _read(root: Path, file: Path, issues: list[Issue]) -> tuple[str, YamlDocument | None]:
    rel = file.relative_to(root).as_posix()
    text, encoding = _decode(file.read_bytes())
    if text is None:
        issues.append(
            Issue(
                rel,
                1,
                "",
                f"the file is saved as {encoding}, not UTF-8",
                "save it again as UTF-8 (VS Code: bottom bar → the encoding → Save with "
                "Encoding → UTF-8; Notepad: Save as → Encoding: UTF-8)",
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
                error.fix
                or "check indentation and that every `key: value` has a space "
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


def wrong_folder(kind: Kind, rel: str, document: YamlDocument) -> Issue | None:
    """A record of another kind (a relic saved in content/products/) is reported as such,
    instead of as a list of unknown fields."""
    keys = set(document.data)
    own = set(kind.model.model_fields)
    if len(keys - own) < 2:
        return None
    best = max(KINDS, key=lambda other: len(keys & set(other.model.model_fields)))
    if best is kind or not keys <= set(best.model.model_fields):
        return None
    return Issue(
        rel,
        1,
        "",
        f"this is a {best.name} record (it has {', '.join(sorted(keys - own))}), "
        f"but it is in {kind.folder}/",
        f"move it to {best.folder}/",
    )


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
                f"create {SITE_FILE} (or start a new city with `portal init`)",
            )
        ]
    rel, document = _read(root, file, issues)
    site = None
    if document is not None:
        # site_name and city need the text of the site's own default language, not vi's.
        unwritten = SiteConfig.model_fields["default_language"].default
        default = document.data.get("default_language", unwritten)
        context = {"default_language": default} if isinstance(default, str) else {}
        unlisted = _unlisted_default(rel, document, default)
        follows: set[tuple[str, str]] = set()
        if unlisted is not None:
            # One mistake, one message: not "the fr text is missing" for every name first;
            # which names are needed is known once the default is corrected.
            issues.append(unlisted)
            first = _listed_codes(document)[0]
            context = {"default_language": first}
            follows = {(name, f"the {first} text is missing") for name in ("site_name", "city")}
        found: list[Issue] = []
        site = _validate(SiteConfig, rel, document, context, found)
        for issue in found:
            if unlisted is None or (
                issue.field != "default_language" and (issue.field, issue.message) not in follows
            ):
                issues.append(issue)
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


def _listed_codes(document: YamlDocument) -> list[str]:
    """The language codes written under `languages:` (valid or not)."""
    languages = document.data.get("languages")
    if not isinstance(languages, list):
        return []
    return [str(item["code"]) for item in languages if isinstance(item, dict) and "code" in item]


def _unlisted_default(rel: str, document: YamlDocument, default: object) -> Issue | None:
    """A default language that is not among `languages`, reported at its own line."""
    codes = _listed_codes(document)
    if not isinstance(default, str) or not codes or default in codes:
        return None
    written = "default_language" in document.data
    return Issue(
        rel,
        document.line_of(("default_language",) if written else ("languages",)),
        "default_language",
        f"default_language {default} is not in languages"
        + ("" if written else f" (without a default_language line, it is {default})"),
        f"add it to languages or use one of {', '.join(codes)}",
    )


@dataclass(frozen=True)
class _FileResult:
    """What reading and validating one record file gave, kept while the file is unchanged."""

    stamp: tuple[int, int, str]  # mtime_ns, size, the context it was validated in
    declared: tuple[str, str]
    located: Located | None
    issues: tuple[Issue, ...]


class LoadCache:
    """Per-file results of a previous load, for `portal serve`: a one-record edit re-reads
    one file, not the catalogue. Cross-record checks always run on the whole catalogue."""

    def __init__(self) -> None:
        self.files: dict[Path, _FileResult] = {}


def _load_record(
    root: Path, kind: Kind, file: Path, context: dict[str, Any], cache: LoadCache | None
) -> _FileResult:
    status = file.stat()
    stamp = (status.st_mtime_ns, status.st_size, repr(sorted(context.items())))
    if cache is not None:
        known = cache.files.get(file)
        if known is not None and known.stamp == stamp:
            return known
    issues: list[Issue] = []
    located = None
    rel, document = _read(root, file, issues)
    if document is None:
        declared = (kind.name, file.stem)
    else:
        declared = (kind.name, str(document.data.get("id", file.stem)))
        elsewhere = wrong_folder(kind, rel, document)
        if elsewhere is not None:
            issues.append(elsewhere)
        else:
            record = _validate(kind.model, rel, document, context, issues)
            if record is not None:
                located = Located(kind, record, rel, document)
    result = _FileResult(stamp, declared, located, tuple(issues))
    if cache is not None:
        cache.files[file] = result
    return result


def load_catalog(
    root: Path, require_languages: tuple[str, ...] = (), cache: LoadCache | None = None
) -> Catalog:
    """Everything, validated; raises ContentError with every problem found in every file.

    `require_languages` turns missing translations in those languages into errors, for a
    city that wants, say, English complete before publishing. With a `cache`, files whose
    time stamp and size are unchanged since the last load are not read again.
    """
    site, issues = load_site(root)
    context: dict[str, Any] = {
        "languages": site.codes if site else None,
        "default_language": site.default_language if site else "vi",
    }
    located: list[Located] = []
    declared: set[tuple[str, str]] = set()  # ids written in files, valid or not
    issues.extend(escaping_links(root))
    for kind in KINDS:
        issues.extend(stray_files(root, kind))
        for file in record_files(root, kind):
            result = _load_record(root, kind, file, context, cache)
            declared.add(result.declared)
            issues.extend(result.issues)
            if result.located is not None:
                located.append(result.located)
    registry = load_registry(root, issues)
    issues.extend(cross_check(root, located, declared, registry))
    issues.extend(missing_translations(located, require_languages, site))
    issues.extend(board_glyphs(root, located, site))
    issues.extend(interface_catalogs(root, site))
    issues.extend(catalog_issues(root, site.codes if site else ()))
    issues.extend(read_city_mkdocs(root)[1])
    issues.extend(override_templates(root))
    issues.extend(_home_image_issues(root, site))
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
    codes = assign_codes(
        ((item.kind.name, item.record) for item in located if item.kind.name in PREFIX),
        registry,
    )
    return Catalog(site, of(Relic), of(Product), of(Event), of(Wifi), of(Page), warnings, codes)


def cross_check(
    root: Path,
    located: list[Located],
    declared: set[tuple[str, str]],
    registry: dict[Key, str] | None = None,
) -> Iterator[Issue]:
    """Checks that need more than one file: unique ids, references, media on disk.

    A reference to a record that exists but has its own errors is not reported again:
    one mistake, one message.
    """
    # The file whose name matches its id is the original (its code may be on boards);
    # a copy is blamed, whichever sorts first.
    ordered = sorted(located, key=lambda item: Path(item.path).stem != item.record.id)
    first: dict[tuple[str, str], Located] = {}
    for item in ordered:
        key = (item.kind.name, item.record.id)
        stem = Path(item.path).stem
        if key in first:
            yield Issue(
                item.path,
                item.line("id"),
                "id",
                f'id "{item.record.id}" is already used by {first[key].path}'
                + (" (this file looks like a copy of it)" if stem != item.record.id else ""),
                f"give this record its own id: write `id: {slug_of(stem)}` to match the file name"
                if slug_of(stem) != item.record.id and len(slug_of(stem)) >= 2
                else "give this record its own id, and rename the file to match",
            )
            continue
        first[key] = item
        if stem != item.record.id:
            yield Issue(
                item.path,
                item.line("id"),
                "id",
                f'id "{item.record.id}" does not match the file name {Path(item.path).name}',
                f"rename the file to {item.record.id}.yaml, or write `id: {stem}` if that "
                "is the right id",
            )
    yield from _check_codes(located, registry or {})
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


def _check_codes(located: list[Located], registry: dict[Key, str]) -> Iterator[Issue]:
    """Codes someone wrote must not clash: a printed board would open the wrong page.

    Derived codes never clash (model/codes.py); a `code:` written in a record may clash with
    another one written, or with a code pinned in the registry for another record.
    """
    pinned = {code: key for key, code in registry.items()}
    seen: dict[str, Located] = {}
    ids: set[Key] = set()
    for item in located:
        if item.kind.name not in PREFIX or not item.record.code:
            continue
        key = (item.kind.name, item.record.id)
        if key in ids:
            continue  # a duplicate id is reported once, as such
        ids.add(key)
        code = str(item.record.code)
        owner = pinned.get(code)
        if code in seen:
            yield Issue(
                item.path,
                item.line("code"),
                "code",
                f'short code "{code}" is already used by {seen[code].path}',
                "write another `code:` (3–8 lowercase letters or digits) in this file",
            )
        elif owner is not None and owner != key:
            yield Issue(
                item.path,
                item.line("code"),
                "code",
                f'short code "{code}" is pinned in {REGISTRY_FILE} for {owner[0]} '
                f"{owner[1]} (a printed board may carry it)",
                "write another `code:` (3–8 lowercase letters or digits) in this file",
            )
        else:
            seen[code] = item


def load_registry(root: Path, issues: list[Issue]) -> dict[Key, str]:
    """The pinned codes of site_config/codes.yaml; problems are reported, never fatal."""
    file = root / REGISTRY_FILE
    if not file.is_file():
        return {}
    rel, document = _read(root, file, issues)
    if document is None:
        return {}
    registry: dict[Key, str] = {}
    owners: dict[str, Key] = {}
    for kind, entries in document.data.items():
        if kind not in PREFIX or not isinstance(entries, dict):
            issues.append(
                Issue(
                    rel,
                    document.line_of((kind,)),
                    kind,
                    "not a kind of record with codes",
                    f"use {', '.join(sorted(PREFIX))} (or run `portal codes` to rewrite it)",
                )
            )
            continue
        for record_id, code in entries.items():
            line = document.line_of((kind, record_id))
            if not isinstance(code, str) or not re.fullmatch(r"[a-z0-9]{3,12}", code):
                issues.append(
                    Issue(
                        rel,
                        line,
                        f"{kind}.{record_id}",
                        f"{code!r} is not a code",
                        "codes are 3–12 lowercase letters or digits",
                    )
                )
                continue
            if code in owners:
                issues.append(
                    Issue(
                        rel,
                        line,
                        f"{kind}.{record_id}",
                        f'code "{code}" is pinned twice (also for {owners[code][1]})',
                        "keep it for the record whose board is printed",
                    )
                )
                continue
            owners[code] = (kind, record_id)
            registry[(kind, record_id)] = code
    return registry


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


def _media_issues(
    item: Located, path: Path, where: tuple[str | int, ...], audio: bool
) -> Iterator[Issue]:
    from build_tools.assets.images import photo_problem, size_advice
    from build_tools.assets.media import audio_problem

    field = ".".join(str(p) for p in where[:1]) + "".join(
        f"[{p}]" if isinstance(p, int) else f".{p}" for p in where[1:]
    )
    line = item.line(*where)
    problem = audio_problem(path) if audio else photo_problem(path)
    if problem is not None:
        yield Issue(item.path, line, field, *problem)
        return
    advice = None if audio else size_advice(path)
    if advice is not None:
        yield Issue(item.path, line, field, *advice, severity="warning")


def _parents_within(folder: Path, name: str) -> list[Path]:
    """`folder/name` and each folder between it and `folder`."""
    parts = Path(name).parts
    return [folder.joinpath(*parts[: index + 1]) for index in range(len(parts))]


def _check_media(root: Path, item: Located) -> Iterator[Issue]:
    """Every media file: a plain name inside the record's own folder, readable as what it
    claims to be. The build reads them through the same `inside` helper."""
    kind = item.kind
    if kind.media_folder is None or kind.media_field is None:
        return
    folder = f"{kind.media_folder}/{item.record.id}"
    entries: list[tuple[str, tuple[str | int, ...], bool]] = [
        (media.file, (kind.media_field, index, "file"), False)
        for index, media in enumerate(getattr(item.record, kind.media_field))
    ]
    entries += [
        (audio.file, ("audio", lang, "file"), True)
        for lang, audio in getattr(item.record, "audio", {}).items()
    ]
    for name, where, audio in entries:
        field = str(where[0]) + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in where[1:]
        )
        try:
            path = inside(root / folder, name)
        except OutsideFolder as error:
            try:
                target = (root / folder / name).resolve()
            except RuntimeError:
                continue  # a link that leads back to itself: reported as such
            except OSError:
                target = root.resolve()
            if not target.is_relative_to(root.resolve()):
                if (root / folder).resolve().is_relative_to(root.resolve()) and any(
                    p.is_symlink() for p in _parents_within(root / folder, name)
                ):
                    continue  # a link leading out of the project: reported as such
            yield Issue(
                item.path,
                item.line(*where),
                str(field),
                f'"{name}": {error}',
                f"put the file itself in {folder}/ and write only its name",
            )
            continue
        if not path.is_file():
            yield Issue(
                item.path,
                item.line(*where),
                str(field),
                f'"{name}" is not in {folder}/',
                f"put the file in {folder}/ or correct the name (case matters)",
            )
            continue
        yield from _media_issues(item, path, where, audio)


def _home_image_issues(root: Path, site: SiteConfig | None) -> Iterator[Issue]:
    from build_tools.assets.home_image import home_image_issues  # Pillow only when needed

    return home_image_issues(root, site)


def board_glyphs(root: Path, located: list[Located], site: SiteConfig | None) -> Iterator[Issue]:
    """Text a printed board or a share image would show as empty boxes (no shipped font has
    a character): the names and wifi details `portal signage` prints, the city, the site's
    name in every language (share images draw it), and each language's board texts.
    Refused here, so no one finds the boxes on a printed board or a link preview."""
    from build_tools.assets.fonts import describe, missing_glyphs
    from build_tools.assets.signage import printed_fields, printed_site_fields, shared_site_fields
    from build_tools.render.i18n import load_translations
    from build_tools.render.labels import board_texts

    problem = "the printed board cannot show {}: no board font has it"
    retype = (
        "retype it, or write the text without it (text copied from a PDF or typed with an "
        "old VNI/TCVN3 font often carries such characters)"
    )
    for item in located:
        for where, text in printed_fields(item.kind.name, item.record):
            if chars := missing_glyphs(text):
                message = problem.format(describe(chars))
                yield Issue(item.path, item.line(*where), ".".join(where), message, retype)
    if site is None:
        return
    _, document = _read(root, root / SITE_FILE, [])
    if document is None:
        return
    shown = "the share images (link previews) cannot show {}: no board font has it"
    checks = [(where, text, problem) for where, text in printed_site_fields(site)]
    on_boards = {where for where, _, _ in checks}  # said once, as the board's
    checks += [(w, t, shown) for w, t in shared_site_fields(site) if w not in on_boards]
    for where, text, what in checks:
        if chars := missing_glyphs(text):
            message = what.format(describe(chars))
            yield Issue(SITE_FILE, document.line_of(where), ".".join(where), message, retype)
    for index, language in enumerate(site.languages):
        words = board_texts(load_translations(root, language.code).ugettext)
        if chars := missing_glyphs("".join(words.values())):
            yield Issue(
                SITE_FILE,
                document.line_of(("languages", index)),
                "languages",
                f"the printed boards cannot show {describe(chars)} of the {language.code} "
                "board texts: no board font has it",
                f"correct those {language.code} translations (site_config/locales/"
                f"{language.code}/), or leave {language.code} out until the tool ships a "
                "font for its script",
            )


def interface_catalogs(root: Path, site: SiteConfig | None) -> Iterator[Issue]:
    """A language of the site without an interface catalog, the tool's or the city's: its
    pages would carry `lang=km` with menus, buttons and notes in English."""
    from build_tools.render.i18n import package_po_path, po_path

    if site is None:
        return
    _, document = _read(root, root / SITE_FILE, [])
    for index, language in enumerate(site.languages):
        code = language.code
        if package_po_path(code).is_file() or po_path(root, code).is_file():
            continue
        yield Issue(
            SITE_FILE,
            document.line_of(("languages", index)) if document else 1,
            "languages",
            f"{code} has no interface catalog: the menus, buttons and notes of the {code} "
            "pages are in English",
            f"run `portal i18n update`, then translate "
            f"{po_path(root, code).relative_to(root).as_posix()}",
            severity="warning",
        )


OVERRIDES_HELP = "fix the template or remove the file to use the tool's"


def override_templates(root: Path) -> Iterator[Issue]:
    """Every template the city overrides, parsed with the Jinja environment MkDocs gives
    the theme: a syntax error is reported at its line now, not as a crash of the build."""
    from build_tools.resources import CITY_OVERRIDES

    folder = root / CITY_OVERRIDES
    if not folder.is_dir():
        return
    # Links are not followed: a link out of the project is reported as such (load/confine.py).
    templates = sorted(
        path
        for top, _, names in os.walk(folder)
        for path in (Path(top) / name for name in names)
        if (path.suffix.lower() == ".html" or path.name == "sitemap.xml")
        and not path.is_symlink()
        and path.is_file()
    )
    if not templates:
        return
    from jinja2 import TemplateSyntaxError
    from mkdocs.theme import Theme

    env = Theme(name="material", locale="en").get_env()
    for path in templates:
        rel = path.relative_to(root).as_posix()
        text, encoding = _decode(path.read_bytes())
        if text is None:
            fix = f"save it again as UTF-8, or remove it to use the tool's ({OVERRIDES_HELP})"
            yield Issue(rel, 1, "template", f"the file is saved as {encoding}, not UTF-8", fix)
            continue
        try:
            env.parse(text, path.name, rel)
        except TemplateSyntaxError as error:
            yield Issue(rel, error.lineno, "template", error.message or str(error), OVERRIDES_HELP)
