"""`portal codes`: pin every record's QR short code in site_config/codes.yaml."""

from __future__ import annotations

from pathlib import Path

from build_tools.load.issues import ContentError, Issue
from build_tools.load.project import load_catalog, load_registry
from build_tools.model.catalog import Catalog
from build_tools.model.codes import REGISTRY_FILE, registry_text


def pin_codes(root: Path, catalog: Catalog) -> tuple[Path, int]:
    """Add every record's current code to the registry (existing entries never change);
    returns the file and how many codes were newly pinned."""
    issues: list[Issue] = []
    previous = load_registry(root, issues)
    if any(issue.severity == "error" for issue in issues):
        raise ContentError(issues)
    current = {key: code for key, code in catalog.codes.items() if code}
    added = sum(1 for key in current if key not in previous)
    path = root / REGISTRY_FILE
    text = registry_text(current, previous)
    if not path.is_file() or path.read_text("utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path, added


def run(root: Path) -> int:
    catalog = load_catalog(root)
    path, added = pin_codes(root, catalog)
    print(
        f"{added} code(s) newly pinned, {len(catalog.codes)} in all, in "
        f"{path.relative_to(root)} — commit this file: pinned codes never change"
    )
    return 0
