"""`portal i18n extract|update|compile|status`: interface catalogs with Babel, and coverage."""

from __future__ import annotations

import argparse
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


def run(args: argparse.Namespace) -> int:
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
