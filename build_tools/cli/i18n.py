"""`portal i18n extract|update|compile|status`: interface catalogs with Babel, and coverage."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog, load_site
from build_tools.render.i18n import DOMAIN, LOCALES_DIR

POT = f"{LOCALES_DIR}/{DOMAIN}.pot"


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(  # type: ignore[no-untyped-call]
        ["pybabel", "-q", *args]
    )


def _languages(root: Path) -> tuple[str, ...]:
    site, issues = load_site(root)
    if site is None:
        raise ContentError(issues)
    return site.codes


def extract(root: Path) -> Path:
    """Collect every interface string of the templates and code into messages.pot."""
    package = Path(__file__).resolve().parent.parent
    _pybabel(
        "extract",
        "-F",
        str(package.parent / "babel.cfg"),
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-k",
        "_",
        "-k",
        "ngettext:1,2",
        "-o",
        str(root / POT),
        str(package.parent),  # babel.cfg's patterns are relative to the repository
    )
    return root / POT


def update(root: Path) -> list[Path]:
    """Merge messages.pot into each configured language's catalog (creating missing ones)."""
    written = []
    for lang in _languages(root):
        po = root / LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        common = ["-i", str(root / POT), "-d", str(root / LOCALES_DIR), "-l", lang, "-D", DOMAIN]
        if po.exists():
            _pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", *common)
        else:
            _pybabel("init", *common)
        written.append(po)
    return written


def compile_all(root: Path) -> None:
    """Compile every catalog (to a scratch folder: builds compile in memory) and report."""
    with tempfile.TemporaryDirectory() as scratch:
        for lang in _languages(root):
            po = root / LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
            mo = Path(scratch) / lang / f"{DOMAIN}.mo"
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
        print(f"wrote {extract(root).relative_to(root)}")
    elif args.action == "update":
        for path in update(root):
            print(f"updated {path.relative_to(root)}")
    elif args.action == "compile":
        compile_all(root)
    else:
        print(status(root))
    return 0
