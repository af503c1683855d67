"""scripts/gen-corpus writes a valid, realistic city root, the same bytes for the same seed."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from build_tools.load.project import load_catalog
from build_tools.model.catalog import Catalog
from build_tools.model.codes import code_of, derived_code
from tests.conftest import load_gen_corpus


@pytest.fixture(scope="module")
def gen_corpus() -> ModuleType:
    return load_gen_corpus()


def generate(gen_corpus: ModuleType, out: Path, seed: int = 3) -> list[str]:
    said: list[str] = []
    gen_corpus.main(
        [str(out), "--relics", "40", "--products", "8", "--events", "8", "--wifi", "8",
         "--languages", "vi,en,fr", "--seed", str(seed)],
        say=said.append,
    )  # fmt: skip
    return said


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def city(gen_corpus: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("corpus") / "city"
    said = generate(gen_corpus, root)
    return root, said[0]


@pytest.fixture(scope="module")
def catalog(city: tuple[Path, str]) -> Catalog:
    return load_catalog(city[0])


def test_the_corpus_checks_and_has_the_counts_asked_for(
    city: tuple[Path, str], catalog: Catalog
) -> None:
    assert (len(catalog.relics), len(catalog.products), len(catalog.events)) == (40, 8, 8)
    assert (len(catalog.wifi), len(catalog.pages)) == (8, 2)
    assert catalog.site.codes == ("vi", "en", "fr")
    assert catalog.warnings == ()
    assert city[1].startswith("gen-corpus: 67 files")
    codes = [code_of("relic", relic) for relic in catalog.relics]
    assert len(set(codes)) == len(codes)


def test_records_look_like_a_province(catalog: Catalog) -> None:
    for relic in catalog.relics:
        assert relic.name["vi"] != relic.name["en"]  # diacritics in Vietnamese, none in English
        assert 9.65 <= relic.coordinates.lat <= 11.15 and 105.25 <= relic.coordinates.lon <= 106.75
        for lang in ("vi", "en", "fr"):
            assert 1500 <= len(relic.description[lang].encode()) <= 4500
            assert relic.description[lang].rstrip().endswith("*")  # the "generated" mark
    assert any("ư" in relic.name["vi"] or "ơ" in relic.name["vi"] for relic in catalog.relics)
    assert {wifi.security for wifi in catalog.wifi} <= {"open", "wpa2"}
    assert all(3 <= product.stars <= 5 for product in catalog.products)


def test_same_seed_same_bytes_other_seed_other_corpus(
    gen_corpus: ModuleType, city: tuple[Path, str], tmp_path: Path
) -> None:
    generate(gen_corpus, tmp_path / "again", seed=3)
    assert files_of(tmp_path / "again") == files_of(city[0])
    other = gen_corpus.generate(40, 8, 8, 8, ["vi", "en", "fr"], seed=4)
    assert {path: gen_corpus.dump(data, 3) for path, data in other.files.items()} != files_of(
        city[0]
    )


def test_a_derived_code_clash_is_left_to_the_tool(gen_corpus: ModuleType) -> None:
    """No code is written by hand: the tool lengthens the later clashing code (test_codes)."""
    seen: dict[str, str] = {}
    for number in range(20_000):  # 32⁴ derived codes: a clash comes within a few thousand ids
        relic_id = f"chua-{number}"
        code = derived_code("relic", relic_id)
        if code in seen:
            break
        seen[code] = relic_id
    first, second = seen[code], relic_id
    corpus = gen_corpus.Corpus()
    for relic_id in (first, second):
        corpus.add("heritage/relics", {"id": relic_id, "name": {"vi": relic_id}, "category": "x"})
    gen_corpus.count_clashes(corpus)
    assert all("code" not in data for data in corpus.files.values())
    assert corpus.derived_clashes == [f"heritage/relics/{max(first, second)}.yaml: {code}"]


def test_an_existing_city_root_is_not_overwritten_without_force(
    gen_corpus: ModuleType, city: tuple[Path, str]
) -> None:
    before = files_of(city[0])
    with pytest.raises(SystemExit):
        generate(gen_corpus, city[0])
    assert files_of(city[0]) == before
