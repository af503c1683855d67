"""QR short codes at a national scale: never a clash nobody wrote, never a printed code changed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from build_tools.assets import qr
from build_tools.cli.main import main
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from build_tools.model.codes import LONG, SHORT, assign_codes, derived_code
from tests.conftest import Project


def records(ids: list[str]) -> list[tuple[str, SimpleNamespace]]:
    return [("relic", SimpleNamespace(id=i, code=None)) for i in ids]


NATIONAL = [f"di-tich-{n:05d}" for n in range(40_000)]


def test_forty_thousand_records_get_unique_codes_at_a_low_qr_version() -> None:
    codes = assign_codes(records(NATIONAL), {})
    assert len(set(codes.values())) == len(NATIONAL)
    lengths = sorted({len(code) for code in codes.values()})
    assert lengths == [1 + SHORT, 1 + LONG]  # the prefix letter + 4, or + 7 on a clash
    long = sum(1 for code in codes.values() if len(code) == 1 + LONG)
    # ~48 clashing pairs expected at 10,000; at 40,000 about 760 pairs → ~1,500 long codes.
    assert 1_000 < long < 2_200
    base = "https://heritage.mytho.example/q/"
    # The version depends on the URL's length only (lowercase URLs are byte mode).
    one_per_length = {len(code): code for code in codes.values()}.values()
    versions = {qr.info(f"{base}{code}/").version for code in one_per_length}
    assert versions == {4}  # level Q, 41-character URLs at most


def test_pinned_codes_never_change_when_records_are_added() -> None:
    pinned = {key: code for key, code in assign_codes(records(NATIONAL), {}).items()}
    more = NATIONAL + [f"di-tich-moi-{n:04d}" for n in range(2_000)]
    codes = assign_codes(records(more), pinned)
    assert all(codes[key] == code for key, code in pinned.items())
    assert len(set(codes.values())) == len(more)


def test_an_unpinned_record_only_changes_with_its_own_clash() -> None:
    """Without a registry, a new record can lengthen only the codes it clashes with."""
    before = assign_codes(records(NATIONAL[:5_000]), {})
    after = assign_codes(records(NATIONAL[:5_001]), {})
    changed = {key for key in before if before[key] != after[key]}
    new_short = derived_code("relic", NATIONAL[5_000])
    assert all(derived_code(*key) == new_short for key in changed)


def test_a_deleted_records_code_stays_reserved(project: Project) -> None:
    project.relic("chua-a")
    project.relic("chua-b", n=2)
    assert main(["codes", "--root", str(project.root)]) == 0
    registry = (project.root / "site_config/codes.yaml").read_text("utf-8")
    code_b = derived_code("relic", "chua-b")
    assert f"  chua-b: {code_b}\n" in registry
    (project.root / "heritage/relics/chua-b.yaml").unlink()
    project.relic("chua-c", n=3, extra=f"code: {code_b}\n")
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert [str(issue) for issue in caught.value.issues] == [
        f'heritage/relics/chua-c.yaml:9: code: short code "{code_b}" is pinned in '
        "site_config/codes.yaml for relic chua-b (a printed board may carry it) — write "
        "another `code:` (3–8 lowercase letters or digits) in this file"
    ]
    # Pinning again keeps chua-b's entry though the record is gone.
    (project.root / "heritage/relics/chua-c.yaml").unlink()
    assert main(["codes", "--root", str(project.root)]) == 0
    assert f"  chua-b: {code_b}\n" in (project.root / "site_config/codes.yaml").read_text()


def test_a_pinned_code_wins_over_derivation(project: Project) -> None:
    project.relic("chua-a")
    project.write("site_config/codes.yaml", "relic:\n  chua-a: rvinh\n")
    catalog = load_catalog(project.root)
    assert catalog.code("relic", catalog.relics[0]) == "rvinh"
    data = (project.root / "site_config/codes.yaml")
    data.write_text("relic:\n  chua-a: RV!\n")
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert [str(i) for i in caught.value.issues] == [
        "site_config/codes.yaml:2: relic.chua-a: 'RV!' is not a code — codes are 3–12 "
        "lowercase letters or digits"
    ]
