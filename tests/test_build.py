"""End-to-end: the sample and small inline projects built with real mkdocs-material."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.assemble.mkdocs_run import MkDocsError
from build_tools.assemble.pipeline import build_site
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog, load_site
from tests.conftest import REPO, Project

LANGS = ("vi", "en")  # the inline test projects
_site, _ = load_site(REPO)
assert _site is not None
SAMPLE_LANGS = _site.codes


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def parsed_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_sample_has_every_page_in_every_language(sample_site: Path) -> None:
    catalog = load_catalog(REPO)
    expected = {"", "relics/", "products/", "events/", "wifi/", "staff/guide/",
                "staff/translations/"}
    expected |= {f"relics/{r.id}/" for r in catalog.relics}
    expected |= {f"products/{p.id}/" for p in catalog.products}
    expected |= {f"events/{e.id}/" for e in catalog.events}
    expected |= {f"info/{p.id}/" for p in catalog.pages}
    for lang in SAMPLE_LANGS:
        built = {
            str(path.parent.relative_to(sample_site / lang)) + "/"
            for path in (sample_site / lang).rglob("index.html")
        }
        built = {"" if url == "./" else url for url in built}
        assert expected <= built, f"{lang}: missing {sorted(expected - built)}"
        html = (sample_site / lang / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
    assert (sample_site / "index.html").is_file()


def test_language_switcher_lands_on_the_same_page(sample_site: Path) -> None:
    relic = load_catalog(REPO).relics[0].id
    page = (sample_site / "vi" / "relics" / relic / "index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"[^>]*class="md-select__link"', page))
    targets = {lang: href for href, lang in links.items()}
    assert set(targets) == set(SAMPLE_LANGS)
    for lang, href in targets.items():
        resolved = (sample_site / "vi" / "relics" / relic / href).resolve()
        assert resolved == (sample_site / lang / "relics" / relic).resolve()
        assert (resolved / "index.html").is_file()


def test_one_search_index_per_language(sample_site: Path) -> None:
    for lang in SAMPLE_LANGS:
        index = json.loads(
            (sample_site / lang / "search" / "search_index.json").read_text(encoding="utf-8")
        )
        assert index["config"]["lang"] == [lang]
        # Chinese words are separated by zero-width spaces in the index (jieba segmentation).
        titles = {doc["title"].replace("\u200b", "") for doc in index["docs"]}
        names = {relic.name.get(lang, relic.name["vi"]) for relic in load_catalog(REPO).relics}
        assert names <= titles, f"{lang}: relic pages missing from the search index"


def test_no_resource_from_another_host(sample_site: Path) -> None:
    content_links = set()
    for folder in ("heritage", "content"):
        for file in (REPO / folder).rglob("*.yaml"):
            content_links |= set(re.findall(r"https?://[^\s\"'<>)]+", file.read_text("utf-8")))
    content_links.add(str(load_site(REPO)[0].data_licence_url))  # type: ignore[union-attr]
    for path in html_files(sample_site):
        html = path.read_text(encoding="utf-8")
        # Nothing is loaded from elsewhere: scripts, styles, images, fonts, frames.
        assert not re.findall(r'\ssrc="(?:https?:)?//', html), path
        for tag in re.findall(r"<link\b[^>]*>", html):
            if 'rel="alternate"' in tag or 'rel="canonical"' in tag:
                continue
            assert not re.search(r'href="(?:https?:)?//', tag), (path, tag)
        # Links a visitor may follow to another site come only from the editors' sources,
        # plus the "Open in OpenStreetMap" fallback of the directions button.
        for href in re.findall(r'<a\b[^>]*href="(https?://[^"]+)"', html):
            if href.startswith("https://www.openstreetmap.org/?mlat="):
                continue
            assert href.replace("&amp;", "&") in content_links, (path, href)
    for css in sample_site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text("utf-8")), css


def test_record_pages_are_not_in_the_navigation(sample_site: Path) -> None:
    relics = load_catalog(REPO).relics
    home = (sample_site / "vi" / "index.html").read_text(encoding="utf-8")
    # Header tabs and the sidebar: everything before the page content.
    nav = home.split('<div class="md-content"', 1)[0]
    assert "relics/" in nav
    assert not any(f"relics/{relic.id}/" in nav for relic in relics)


def test_script_in_content_is_never_emitted(project: Project, tmp_path: Path) -> None:
    project.relic("chua-a", extra="""\
        history:
          - period: "<script>alert('period')</script>"
            text: {vi: "<img src=x onerror=alert(1)>"}
    """)
    path = project.root / "heritage/relics/chua-a.yaml"
    path.write_text(path.read_text().replace(
        'description: {vi: "Mô tả 1.", en: "Description 1."}',
        'description:\n  vi: "Chào <script>alert(1)</script> [x](javascript:alert(2)) **đậm**"',
    ).replace('name: {vi: "Chùa 1", en: "Pagoda 1"}', 'name: {vi: "Chùa <script>x()</script>"}'))
    build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    for lang in LANGS:
        html = (tmp_path / "site" / lang / "relics" / "chua-a" / "index.html").read_text("utf-8")
        body = html.split('<article', 1)[1].split("</article>", 1)[0]
        tags = parsed_tags(body)
        assert "script" not in {tag for tag, _ in tags}
        assert not [(t, a) for t, attrs in tags for a, v in attrs if a.startswith("on")]
        assert not [v for _, attrs in tags for a, v in attrs if "javascript:" in (v or "")]
        assert "<strong>đậm</strong>" in body
        assert "&lt;script&gt;x()&lt;/script&gt;" in body


def test_missing_translation_falls_back_with_a_note(project: Project, tmp_path: Path) -> None:
    project.write("heritage/relics/chua-a.yaml", """\
        id: chua-a
        name: {vi: Chùa A}
        category: pagoda
        address: 1 Nguyễn Trung Trực
        ward: Mỹ Phong
        coordinates: {lat: 10.36, lon: 106.38}
        summary: {vi: Tóm tắt.}
        description: {vi: "Chỉ có bản tiếng Việt."}
    """)
    build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    en = (tmp_path / "site/en/relics/chua-a/index.html").read_text("utf-8")
    assert "This text has not been translated yet; it is shown in Tiếng Việt." in en
    assert '<div class="portal-prose portal-fallback" lang="vi">' in en
    # The name and summary are short texts: one note at the top says the page is partly
    # untranslated, and the Vietnamese words are marked as such for screen readers.
    assert "Parts of this page have not been translated yet; they are shown in Tiếng Việt." in en
    assert '<span lang="vi">Chùa A</span>' in en
    vi = (tmp_path / "site/vi/relics/chua-a/index.html").read_text("utf-8")
    assert "portal-fallback" not in vi


def test_failed_build_leaves_the_previous_site(project: Project, tmp_path: Path) -> None:
    project.relic("chua-a")
    out = tmp_path / "site"
    build_site(project.root, out, work=tmp_path / "work")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    project.relic("chua-b", extra="catgory: x\n")
    with pytest.raises(ContentError):
        build_site(project.root, out, work=tmp_path / "work")
    # A broken theme override makes MkDocs itself fail, after rendering.
    (project.root / "heritage/relics/chua-b.yaml").unlink()
    project.write("site_config/overrides/main.html", "{% extends 'base.html' %}{% block x %}")
    with pytest.raises(MkDocsError):
        build_site(project.root, out, work=tmp_path / "work")
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not list(tmp_path.glob(".site.*"))


def test_relic_page_weight_does_not_grow_with_the_catalog(tmp_path: Path) -> None:
    sizes = {}
    for count in (10, 200):
        project = Project(tmp_path / f"p{count}")
        for n in range(count):
            project.relic(f"chua-{n:03d}", n=n)
        out = tmp_path / f"site{count}"
        build_site(project.root, out, work=tmp_path / f"work{count}")
        sizes[count] = (out / "vi/relics/chua-005/index.html").stat().st_size
    assert sizes[200] == sizes[10]


def test_any_mkdocs_warning_fails_the_build(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Generated pages must be warning-free; a warning is a bug and must not ship."""
    from build_tools.assemble import pipeline

    project.relic("chua-a")
    real = pipeline.nav_paths
    monkeypatch.setattr(pipeline, "nav_paths", lambda *args: [*real(*args), "missing.md"])
    with pytest.raises(MkDocsError) as caught:
        build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    assert "missing.md" in str(caught.value)
    assert not (tmp_path / "site").exists()


PAYLOADS = {
    "name": "Chùa <img src=x onerror=alert(1)> [x](javascript:alert(2)) {: onmouseover=alert(3) }",
    "summary": 'Tóm "><svg onload=alert(4)> tắt',
}


def test_no_payload_from_yaml_becomes_markup_anywhere(project: Project, tmp_path: Path) -> None:
    """Names and titles reach <title>, meta tags, headings, nav, maps and SVG: none may run."""
    project.relic("chua-a")
    path = project.root / "heritage/relics/chua-a.yaml"
    path.write_text(path.read_text().replace(
        'name: {vi: "Chùa 1", en: "Pagoda 1"}', f"name: {{vi: '{PAYLOADS['name']}'}}"
    ).replace('summary: {vi: "Tóm tắt 1.", en: "Summary 1."}',
              f"summary: {{vi: '{PAYLOADS['summary']}'}}"))
    project.write("content/pages/gioi-thieu.yaml", f"""\
        id: gioi-thieu
        title: {{vi: '{PAYLOADS["name"]}'}}
        body: {{vi: "Nội dung."}}
    """)
    out = tmp_path / "site"
    build_site(project.root, out, work=tmp_path / "work")
    pages = [p for p in out.rglob("*.html")] + [p for p in out.rglob("*.svg")]
    assert pages
    for page in pages:
        text = page.read_text("utf-8")
        for tag, attrs in parsed_tags(text):
            names = {name for name, _ in attrs}
            assert not names & {"onerror", "onload", "onmouseover"}, (page, tag, attrs)
            for name, value in attrs:
                assert not (value or "").strip().lower().startswith("javascript:"), (page, tag)
            assert tag not in ("img", "svg") or "x" not in dict(attrs).get("src", "") or \
                dict(attrs).get("src") != "x", (page, tag)
        assert "<img src=x" not in text, page


def test_tile_template_must_be_a_web_address(project: Project) -> None:
    settings = project.root / "site_config/site.yaml"
    settings.write_text(settings.read_text() + "map:\n  tiles: 'https://t.example/{z}/{x}/{y}.png?</script>'\n")
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert "not a tile address template" in str(caught.value.issues[0])
