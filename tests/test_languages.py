"""Five languages from configuration: builds, hreflang, fallback for search engines, coverage."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from build_tools.assemble.pipeline import build_site
from build_tools.cli.main import main
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog, load_site
from tests.conftest import REPO, Project
from tests.html_query import parse

SITE, _ = load_site(REPO)
assert SITE is not None
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sample_is_configured_with_five_languages() -> None:
    assert SITE.codes == ("vi", "en", "fr", "zh", "ko")


@pytest.mark.parametrize("lang", SITE.codes)
def test_each_language_is_its_own_build(sample_site: Path, lang: str) -> None:
    home = parse((sample_site / lang / "index.html").read_text("utf-8"))
    assert home.find("html").attrs["lang"] == lang
    index = json.loads((sample_site / lang / "search/search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == [lang]
    # The interface is in the visitor's language, from the gettext catalog.
    from build_tools.render.i18n import load_translations

    relics_heading = load_translations(REPO, lang).ugettext("Relic sites")
    relics = parse((sample_site / lang / "relics/index.html").read_text("utf-8"))
    assert relics_heading in [element.text().strip() for element in relics.iter()]


def sitemaps(site: Path, base: str = str(SITE.base_url)) -> dict[str, ElementTree.Element]:
    """Each sitemap the root index lists (gzip-compressed), by its path in the site."""
    index = ElementTree.parse(site / "sitemap.xml").getroot()
    found = {}
    for loc in index.findall("s:sitemap/s:loc", NS):
        assert loc.text and loc.text.startswith(base), loc.text
        name = loc.text.removeprefix(base)
        found[name] = ElementTree.fromstring(gzip.decompress((site / name).read_bytes()))
    return found


def sitemap_alternates(sample_site: Path) -> dict[str, frozenset[tuple[str, str]]]:
    found: dict[str, frozenset[tuple[str, str]]] = {}
    for root in sitemaps(sample_site).values():
        for url in root.findall("s:url", NS):
            loc = url.findtext("s:loc", namespaces=NS)
            assert loc
            found[loc] = frozenset(
                (link.get("hreflang", ""), link.get("href", ""))
                for link in url.findall("x:link", NS)
            )
    return found


def test_hreflang_alternates_are_symmetric_with_x_default(sample_site: Path) -> None:
    alternates = sitemap_alternates(sample_site)
    assert alternates
    for loc, links in alternates.items():
        assert ("x-default" in {code for code, _ in links}), loc
        languages = {code: href for code, href in links if code != "x-default"}
        assert loc in languages.values(), f"{loc} does not list itself"
        for href in languages.values():
            assert alternates[href] == links, f"{loc} and {href} disagree"
    # One sitemap per language (the sample is far below 50,000 URLs), each listed once.
    assert list(sitemaps(sample_site)) == [f"{lang}/sitemap-1.xml.gz" for lang in SITE.codes]
    assert f"Sitemap: {SITE.base_url}sitemap.xml" in (sample_site / "robots.txt").read_text()


def test_untranslated_page_is_noindex_and_left_out_of_the_sitemap(
    project: Project, tmp_path: Path
) -> None:
    project.relic("chua-a")
    project.write("heritage/relics/chua-b.yaml", (project.root / "heritage/relics/chua-a.yaml")
                  .read_text().replace("chua-a", "chua-b")
                  .replace('description: {vi: "Mô tả 1.", en: "Description 1."}',
                           'description: {vi: "Mô tả 1."}'))
    out = tmp_path / "site"
    build_site(project.root, out, work=tmp_path / "work")
    en_b = parse((out / "en/relics/chua-b/index.html").read_text("utf-8"))
    assert en_b.find("meta", name="robots").attrs["content"] == "noindex, follow"
    assert "noindex" not in (out / "en/relics/chua-a/index.html").read_text("utf-8")
    assert "noindex" not in (out / "vi/relics/chua-b/index.html").read_text("utf-8")
    project_site, _ = load_site(project.root)
    assert project_site is not None
    maps = sitemaps(out, str(project_site.base_url))
    en_map = ElementTree.tostring(maps["en/sitemap-1.xml.gz"], encoding="unicode")
    vi_map = ElementTree.tostring(maps["vi/sitemap-1.xml.gz"], encoding="unicode")
    assert "en/relics/chua-a/" in en_map and "en/relics/chua-b/" not in en_map
    assert "vi/relics/chua-b/" in vi_map


def test_require_lang_turns_missing_translations_into_errors(project: Project) -> None:
    project.write("heritage/relics/chua-a.yaml", """\
        id: chua-a
        name: {vi: Chùa A, en: Pagoda A}
        category: pagoda
        address: 1 Nguyễn Trung Trực
        ward: Mỹ Phong
        coordinates: {lat: 10.36, lon: 106.38}
        summary:
          vi: Tóm tắt.
        description: {vi: Mô tả., en: Description.}
    """)
    load_catalog(project.root)  # fine by default: English is optional
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root, ("en",))
    assert [str(issue) for issue in caught.value.issues] == [
        "heritage/relics/chua-a.yaml:7: summary: the en translation is missing — add a line "
        "`en: ...` (this site requires en)"
    ]
    assert main(["check", "--root", str(project.root), "--require-lang", "en"]) == 1
    assert main(["check", "--root", str(project.root)]) == 0


def test_i18n_status_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["i18n", "status", "--root", str(REPO)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["record", "type", *SITE.codes]
    relics = next(line for line in lines if line.startswith("relics"))
    cells = re.findall(r"(\d+)/(\d+)", relics)
    assert len(cells) == 5 and cells[0][0] == cells[0][1]  # Vietnamese is always complete


def test_coverage_page_in_every_language(sample_site: Path) -> None:
    for lang in SITE.codes:
        page = parse((sample_site / lang / "staff/translations/index.html").read_text("utf-8"))
        assert len(page.find_all(attrs={"data-percent": None})) == 5 * len(SITE.codes)
