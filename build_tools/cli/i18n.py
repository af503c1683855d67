"""`portal i18n extract|update|compile|status|export|import`: interface catalogs with Babel,
coverage, and record texts to and from translators."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog, load_site
from build_tools.render.i18n import DOMAIN, package_po_path, po_path
from build_tools.resources import BABEL_CFG, CITY_LOCALES, LOCALES, PACKAGE

POT = LOCALES / f"{DOMAIN}.pot"


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(  # type: ignore[no-untyped-call]
        ["pybabel", "-q", *args]
    )


def _languages(root: Path) -> tuple[str, ...]:
    site, issues = load_site(root)
    if site is None:
        raise ContentError(issues)
    return site.codes


def extract() -> Path:
    """Collect every interface string of the tool's templates and code into its messages.pot
    (for the tool's developers; cities never need it)."""
    _pybabel(
        "extract",
        "-F",
        str(BABEL_CFG),
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-k",
        "_",
        "-k",
        "ngettext:1,2",
        "-o",
        str(POT),
        str(PACKAGE.parent),  # babel.cfg's patterns start with build_tools/
    )
    return POT


def _merge(folder: Path, lang: str, po: Path) -> Path:
    common = ["-i", str(POT), "-d", str(folder), "-l", lang, "-D", DOMAIN, "-w", "100"]
    if po.exists():
        _pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", *common)
    else:
        _pybabel("init", *common)
    return po


def update(root: Path, package: bool = False) -> list[Path]:
    """Bring catalogs up to date with the tool's messages.pot.

    A city gets a catalog of its own for each of its languages the tool does not ship
    (e.g. Khmer), in site_config/locales/, to translate; and its correction files, if it
    has any, are updated too. `package=True` updates the tool's own catalogs instead.
    """
    written = []
    for lang in _languages(root):
        if package:
            written.append(_merge(LOCALES, lang, package_po_path(lang)))
        elif not package_po_path(lang).is_file() or po_path(root, lang).is_file():
            written.append(_merge(root / CITY_LOCALES, lang, po_path(root, lang)))
    return written


def compile_all(root: Path) -> None:
    """Compile every catalog a build would use (to a scratch folder) and report."""
    with tempfile.TemporaryDirectory() as scratch:
        for lang in _languages(root):
            for index, po in enumerate((package_po_path(lang), po_path(root, lang))):
                if not po.is_file():
                    continue
                mo = Path(scratch) / f"{lang}-{index}" / f"{DOMAIN}.mo"
                mo.parent.mkdir(parents=True)
                CommandLineInterface().run(  # type: ignore[no-untyped-call]
                    ["pybabel", "compile", "--statistics", "-l", lang, "-i", str(po), "-o", str(mo)]
                )


def status(root: Path) -> str:
    from build_tools.model.coverage import coverage_table

    return coverage_table(load_catalog(root))


def export(args: argparse.Namespace) -> int:
    from build_tools.translation.po_export import export_po

    if not args.lang:
        print("portal i18n export: name the language, e.g. --lang fr", file=sys.stderr)
        return 1
    report = export_po(args.root, args.lang, args.out, args.all, args.include_machine, args.force)
    shown = _shown(args.root, report.path)
    parts = [
        f"{report.missing} missing",
        f"{report.outdated} outdated (fuzzy)",
        *([f"{report.machine} machine-translated (fuzzy)"] if report.machine else []),
        *([f"{report.current} already translated"] if report.current else []),
    ]
    print(f"wrote {shown}: {report.entries} {args.lang} text(s) — {', '.join(parts)}")
    if report.entries:
        print(f"once translated: portal i18n import {shown}")
    return 0


def import_(args: argparse.Namespace) -> int:
    from build_tools.translation.po_import import import_po

    if args.file is None:
        print("portal i18n import: name the PO file, e.g. translations/fr.po", file=sys.stderr)
        return 1
    report = import_po(args.root, args.file, args.lang, args.machine)
    reasons = [
        *([f"{report.untranslated} not translated"] if report.untranslated else []),
        *([f"{report.fuzzy} fuzzy (not confirmed)"] if report.fuzzy else []),
        *([f"{report.kept} kept: a person's translation"] if report.kept else []),
        *([f"{len(report.skipped)} listed below"] if report.skipped else []),
    ]
    skipped = report.untranslated + report.fuzzy + report.kept + len(report.skipped)
    written_as = f"{report.lang}-x-mt" if args.machine else report.lang
    print(
        f"{report.written} {written_as} text(s) written into {len(report.files)} file(s), "
        f"{report.unchanged} already so, {skipped} skipped"
        + (f" ({', '.join(reasons)})" if reasons else "")
    )
    for path in report.files:
        print(f"  changed {path}")
    for item in report.skipped:
        print(f"  skipped {item.location}: {item.reason}", file=sys.stderr)
    return 1 if report.skipped else 0


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def run(args: argparse.Namespace) -> int:
    from build_tools.translation.po_export import TranslationError

    try:
        if args.action == "export":
            return export(args)
        if args.action == "import":
            return import_(args)
    except TranslationError as error:
        print(f"portal i18n {args.action}: {error}", file=sys.stderr)
        return 1
    root: Path = args.root
    if args.action == "extract":
        print(f"wrote {extract()}")
    elif args.action == "update":
        paths = update(root, package=getattr(args, "package", False))
        for path in paths:
            print(f"updated {path}")
        if not paths:
            print("nothing to update: the tool ships the catalogs of every language of this site")
    elif args.action == "compile":
        compile_all(root)
    else:
        print(status(root))
    return 0
