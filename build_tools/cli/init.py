"""`portal init DIR --city "…"`: a new city root, also in a fresh clone of an empty repository."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_tools.city_template import NewLanguage


# What a new, empty GitHub or GitLab repository holds once cloned, besides .git/ and a
# LICENSE (which init never writes): init keeps these and adds what it needs to them.
CLONE_FILES = ("README.md", ".gitignore")


def _init_beside_clone_files(
    root: Path,
    city: str,
    languages: tuple[NewLanguage, ...],
    base_url: str | None,
    ci: str,
    host: str,
) -> tuple[list[Path], list[str]]:
    """`portal init` in a fresh clone: the city root is written aside, then moved in; the
    clone's README.md keeps its lines (the staff guide follows them) and its .gitignore gets
    only the lines it lacks. Any other file init would write that exists is still refused."""
    import shutil
    import tempfile

    from build_tools.city_template import write_city

    with tempfile.TemporaryDirectory() as scratch:
        made = Path(scratch) / "city"
        write_city(made, city, languages, base_url, ci, host)
        rels = sorted(p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file())
        clashes = [rel for rel in rels if rel not in CLONE_FILES and (root / rel).exists()]
        if clashes or any((root / name).is_symlink() for name in CLONE_FILES):
            # The usual refusal, listing every file, and nothing written.
            write_city(root, city, languages, base_url, ci, host)
        # Every merge is worked out before the first file is written.
        merged = {
            name: _merged(root / name, (made / name).read_text("utf-8"))
            for name in CLONE_FILES
            if (root / name).exists()
        }
        written: list[Path] = []
        for rel in rels:
            if rel not in merged:
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(made / rel, root / rel)
                written.append(root / rel)
    notes = []
    for name, (text, note) in merged.items():
        if text is not None:
            (root / name).write_text(text, "utf-8")
        notes.append(f"{name} ({note})")
    return written, notes


def _merged(target: Path, ours: str) -> tuple[str | None, str]:
    """The clone's README or .gitignore with init's added, never removing a line of it
    (None: left as it is), and what was done."""
    from build_tools.city_template import InitError

    try:
        theirs = target.read_text("utf-8")
    except UnicodeDecodeError:
        raise InitError(
            f"{target.name} is not saved as UTF-8; save it again as UTF-8, or move it away "
            "(init adds its lines to it); nothing was changed"
        ) from None
    kept = theirs.rstrip("\n") + "\n\n" if theirs.strip() else ""
    if target.name != ".gitignore":
        return kept + ours, "kept its lines; the staff guide added below them"
    have = {line.strip() for line in theirs.splitlines()}
    lacking = [
        line
        for line in ours.splitlines()
        if line.strip() and not line.startswith("#") and line.strip() not in have
    ]
    if not lacking:
        return None, "kept as it was: it already ignores what the build makes"
    block = "# Added by `portal init`: made by the build, never committed.\n"
    return kept + block + "\n".join(
        lacking
    ) + "\n", f"kept its lines; added the {len(lacking)} it lacked"


def run(args: argparse.Namespace) -> int:
    from build_tools.city_template import InitError, parse_languages, write_city
    from build_tools.model.site import preferred_code

    city = args.city
    if city is None:
        if not sys.stdin.isatty():
            print('portal init: give the city\'s name with --city "…"', file=sys.stderr)
            return 1
        city = input("Tên thành phố / name of the city: ").strip()
    root = args.dir.resolve()
    for code in (part.strip() for part in args.languages.split(",")):
        if code and (shorter := preferred_code(code)) is not None:
            print(
                f'portal init: "{code}" is not the code a page may carry for this language '
                f"(BCP 47 takes its ISO 639-1 code); write {shorter}",
                file=sys.stderr,
            )
            return 1
    try:
        languages = parse_languages(args.languages)
        if any((root / name).exists() for name in CLONE_FILES):
            written, merged = _init_beside_clone_files(
                root, city, languages, args.base_url, args.ci, args.host
            )
        else:
            written = write_city(root, city, languages, args.base_url, args.ci, args.host)
            merged = []
    except InitError as error:
        print(f"portal init: {error}", file=sys.stderr)
        return 1
    print(f"Wrote a new city root in {root}:")
    for path in written:
        print(f"  {path.relative_to(root).as_posix()}")
    for line in merged:
        print(f"  {line}")
    print(
        f'\nNext: cd {root}, then `portal check`, `portal new relic "…"`, `portal serve`.\n'
        "README.md says the rest (Vietnamese, then English); site_config/site.yaml has "
        "# TODO lines to fill in."
    )
    return 0
