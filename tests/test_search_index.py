"""The tourists' search index: every record found by what a visitor types (its name without
diacritics, its ward), nothing from the staff pages, Chinese split into words and no other
language, and small enough for a province: ≤ 400 KB gzip per language at 1,000 relics."""

from __future__ import annotations

import gzip
import importlib.machinery
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from build_tools.assemble.pipeline import build_site
from build_tools.assemble.search import LIST_CHARS, ZWSP, kind_of, page_of, trim_html
from tests.conftest import REPO, SITE_YAML, Project

SITE = SITE_YAML + "  - {code: zh, name: 中文}\n"  # the suite's site, with Chinese
NOTE = "Mái ngói hậu điện dột, báo Sở trước 30/6"  # staff only
DESCRIBED = {"vi": "ngậm ngọc", "en": "holding pearls"}  # only in the long description


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("search")
    project = Project(base / "city")
    project.write("site_config/site.yaml", SITE)
    project.write(
        "heritage/relics/chua-vinh-trang.yaml",
        f"""\
        id: chua-vinh-trang
        name: {{vi: Chùa Vĩnh Tràng, en: Vinh Trang Pagoda, zh: 永长寺}}
        category: pagoda
        address: 60A Nguyễn Trung Trực
        ward: Phường Tân Long
        coordinates: {{lat: 10.3622, lon: 106.3877}}
        summary:
          vi: Ngôi chùa cổ (永長寺) có mặt tiền pha trộn kiến trúc Á – Âu.
          en: An old pagoda whose façade blends Asian and European styles.
          zh: 美荻最著名的古寺。
        description:
          vi: Trong chánh điện có bộ bao lam chạm hình kỳ lân {DESCRIBED["vi"]}.
          en: The main hall has carved panels of unicorns {DESCRIBED["en"]}.
        notes: ["{NOTE}"]
    """,
    )
    project.relic("chua-hai", 2)
    out = base / "site"
    build_site(project.root, out, work=base / "work")
    return out


def index_of(site: Path, lang: str) -> dict[str, Any]:
    index: dict[str, Any] = json.loads((site / lang / "search/search_index.json").read_text())
    return index


def entries(index: dict[str, Any], page: str) -> list[dict[str, str]]:
    return [doc for doc in index["docs"] if page_of(doc["location"]) == page]


def finds(index: dict[str, Any], doc: dict[str, str], query: str) -> bool:
    """Whether Material's search matches every word of `query` in `doc`: the text split on
    the index's separator, markup left out, each query word a prefix (Material adds `*`)."""
    separator = index["config"]["separator"]
    text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}").lower()
    tokens = [token for token in re.split(separator, text) if token]
    return all(
        any(token.startswith(word) for token in tokens)
        for word in re.split(separator, query.lower())
        if word
    )


def visible(doc: dict[str, str]) -> str:
    return re.sub(r"<span hidden>.*?</span>", "", doc["text"])


@pytest.mark.parametrize("lang, query", [
    ("vi", "vinh trang"),  # typed without diacritics
    ("vi", "Vĩnh Tràng"),
    ("vi", "tan long"),  # its ward, which neither its name nor its summary says
    ("en", "vinh trang"),
    ("en", "Tân Long"),
    ("zh", "tan long"),
])  # fmt: skip
def test_a_record_is_found_by_its_folded_name_and_its_ward(
    city: Path, lang: str, query: str
) -> None:
    index = index_of(city, lang)
    [entry] = entries(index, "relics/chua-vinh-trang/")
    assert finds(index, entry, query)
    assert not finds(index, entries(index, "relics/chua-hai/")[0], query)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_record_page_is_one_entry_showing_its_summary(city: Path, lang: str) -> None:
    index = index_of(city, lang)
    [entry] = entries(index, "relics/chua-vinh-trang/")
    assert entry["location"] == "relics/chua-vinh-trang/"  # the page, not a section of it
    summary = {"vi": "Ngôi chùa cổ (永長寺)", "en": "An old pagoda whose façade"}[lang]
    assert summary in visible(entry)
    # The long description is on the page, not in the index every visitor downloads.
    page = (city / lang / "relics/chua-vinh-trang/index.html").read_text("utf-8")
    assert DESCRIBED[lang] in page
    assert DESCRIBED[lang] not in json.dumps(index, ensure_ascii=False)


def test_staff_pages_stay_out_of_the_tourists_index(city: Path) -> None:
    register = (city / "vi/staff/digitization/index.html").read_text("utf-8")
    assert NOTE not in register  # never published: the local preview shows it (portal serve)
    for lang in ("vi", "en", "zh"):
        index = index_of(city, lang)
        assert not [doc for doc in index["docs"] if doc["location"].startswith("staff/")]
        assert NOTE not in json.dumps(index, ensure_ascii=False)
        assert "ngoi hau dien dot" not in json.dumps(index)


def test_only_the_chinese_index_is_split_into_words(city: Path) -> None:
    zh = index_of(city, "zh")
    [entry] = entries(zh, "relics/chua-vinh-trang/")
    assert entry["title"] == f"永长{ZWSP}寺"
    assert re.search(zh["config"]["separator"], ZWSP)
    for lang in ("vi", "en"):
        raw = (city / lang / "search/search_index.json").read_text("utf-8")
        assert ZWSP not in raw
    assert "(永長寺)" in visible(entries(index_of(city, "vi"), "relics/chua-vinh-trang/")[0])


def test_material_segments_nothing_once_kept_from_it() -> None:
    # A fresh process, as a language build is: Material's plugin module is imported once.
    script = (
        "from build_tools.assemble.search import keep_material_from_segmenting\n"
        "keep_material_from_segmenting()\n"
        "import material.plugins.search.plugin as material, jieba\n"
        "print(material.jieba is None, callable(jieba.cut))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.split() == ["True", "True"]


def test_a_list_entry_keeps_its_first_words_and_closes_its_tags() -> None:
    cards = "".join(
        f"<li>Chùa số {n} <p>Một ngôi chùa &amp; một cái ao.</p></li>" for n in range(60)
    )
    trimmed = trim_html(f"<ul>{cards}</ul>", LIST_CHARS)
    text = re.sub(r"<[^>]+>", "", trimmed)
    assert LIST_CHARS - 40 < len(text) <= LIST_CHARS + 1 and text.endswith("…")
    assert trimmed.startswith("<ul><li>Chùa số 0 ") and trimmed.endswith("</ul>")
    opened = re.findall(r"<(ul|li|p)>", trimmed)
    closed = re.findall(r"</(ul|li|p)>", trimmed)
    assert sorted(opened) == sorted(closed)
    assert not re.search(r"&[a-z]*…", trimmed)  # never half an entity
    assert trim_html("<p>Short.</p>", LIST_CHARS) == "<p>Short.</p>"


def test_pages_are_told_apart_by_their_address() -> None:
    assert kind_of("relics/chua-vinh-trang/") == "record"
    assert kind_of("events/hoi-tet-2027/") == "record"
    assert kind_of("relics/") == kind_of("relics/page/2/") == kind_of("") == "list"
    assert kind_of("staff/digitization/") == "staff"
    assert kind_of("info/gioi-thieu/") == kind_of("open-data/") == "page"


# A province: the generated corpus at a tenth of the size, in five languages.
RELICS = 100
TARGET_RELICS = 1000
TARGET_BYTES = 400 * 1024


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = REPO / "scripts" / "gen-corpus"
    loader = importlib.machinery.SourceFileLoader("gen_corpus_search", str(path))
    spec = importlib.util.spec_from_loader("gen_corpus_search", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    loader.exec_module(module)
    base = tmp_path_factory.mktemp("province")
    module.main(
        [str(base / "city"), "--relics", str(RELICS), "--languages", "vi,en,fr,zh,ko"],
        say=lambda _: None,
    )
    build_site(base / "city", base / "site", work=base / "work")
    return base / "site"


def gzip_size(index: dict[str, Any], docs: list[dict[str, str]]) -> int:
    data = json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    return len(gzip.compress(data.encode(), 9))


@pytest.mark.parametrize("lang", ["vi", "en", "fr", "zh", "ko"])
def test_the_index_stays_small_at_a_province_size(province: Path, lang: str) -> None:
    index = index_of(province, lang)
    records = [d for d in index["docs"] if kind_of(page_of(d["location"])) == "record"]
    others = [d for d in index["docs"] if kind_of(page_of(d["location"])) != "record"]
    # One entry per record page: relics, products and events (wifi points have none).
    assert len(records) == RELICS + 2 * (RELICS // 5)
    # What does not grow with the catalogue (home, lists capped, free pages), and what each
    # record adds. gzip's window (32 KB) is already full here, so the cost per record does
    # not shrink at a larger size: a straight line extrapolates honestly.
    fixed = gzip_size(index, others)
    per_record = (gzip_size(index, index["docs"]) - fixed) / len(records)
    at_target = fixed + per_record * len(records) * TARGET_RELICS / RELICS
    # Measured: fixed 4–5.5 KB, 67–72 bytes a record, about 100 KiB at 1,000 relics.
    assert fixed < 16 * 1024, fixed
    assert per_record < 150, per_record
    assert at_target <= TARGET_BYTES, at_target
