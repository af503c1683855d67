"""End-to-end: the sample and small inline projects built with real mkdocs-material."""

from __future__ import annotations

import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.assemble.mkdocs_run import MkDocsError
from build_tools.assemble.pipeline import build_site
from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog, load_site
from tests.conftest import REPO, Project, site_files
from tests.html_query import parse

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
        assert parse(html).find("html").attrs["lang"] == lang
    assert (sample_site / "index.html").is_file()


def test_language_switcher_lands_on_the_same_page(sample_site: Path) -> None:
    relic = load_catalog(REPO).relics[0].id
    page = (sample_site / "vi" / "relics" / relic / "index.html").read_text(encoding="utf-8")
    switcher = parse(page).find_all("a", cls="md-select__link")
    targets = {a.attrs["hreflang"]: a.attrs["href"] for a in switcher}
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
    site = load_site(REPO)[0]
    assert site is not None
    content_links.add(str(site.data_licence_url))
    # The city's own settings: the OCOP marketplace, and its reporting form (prefilled below).
    if site.marketplace is not None:
        content_links.add(site.marketplace.url)
    form = site.feedback.url if site.feedback is not None else None
    remote = re.compile(r"(?:https?:)?//")
    for path in html_files(sample_site):
        page = parse(path.read_text(encoding="utf-8"))
        # Nothing is loaded from elsewhere: scripts, styles, images, fonts, frames.
        for element in page.find_all(attrs={"src": None}):
            assert not remote.match(element.attrs["src"]), (path, element.tag)
        for link in page.find_all("link"):
            if link.attrs.get("rel") in ("alternate", "canonical"):
                continue
            assert not remote.match(link.attrs.get("href", "")), (path, link.attrs)
        # Links a visitor may follow to another site come only from the editors' sources,
        # plus the "Open in OpenStreetMap" fallback of the directions button.
        for a in page.find_all("a"):
            href = a.attrs.get("href", "")
            if not re.match(r"https?://", href):
                continue
            if href.startswith("https://www.openstreetmap.org/?mlat="):
                continue
            if form is not None and href.startswith(f"{form}?"):
                continue
            assert href in content_links, (path, href)  # entities decoded by the parser
    for css in sample_site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text("utf-8")), css


def test_record_pages_are_not_in_the_navigation(sample_site: Path) -> None:
    relics = load_catalog(REPO).relics
    home = parse((sample_site / "vi" / "index.html").read_text(encoding="utf-8"))
    # Header tabs and the sidebar: every link outside the page content.
    nav = [
        a.attrs.get("href", "")
        for a in home.find_all("a")
        if not any(parent.tag == "article" for parent in a.ancestors())
    ]
    assert "relics/" in nav
    assert not any(f"relics/{relic.id}/" in href for href in nav for relic in relics)


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
        article = parse(html).find("article")
        elements = list(article.iter())
        assert "script" not in {element.tag for element in elements}
        assert not [e.attrs for e in elements if any(a.startswith("on") for a in e.attrs)]
        assert not [e.attrs for e in elements if "javascript:" in " ".join(e.attrs.values())]
        assert "đậm" in [strong.text() for strong in article.find_all("strong")]
        # The name is shown as the text the editor wrote, not as an element.
        assert "Chùa <script>x()</script>" in article.find("h1").text()


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
    page = parse(en)
    assert "This text has not been translated yet; it is shown in Vietnamese." in en
    fallback = page.find("div", cls="portal-fallback", lang="vi")
    assert "portal-prose" in fallback.classes
    # The name and summary are short texts: one note at the top says the page is partly
    # untranslated, and the Vietnamese words are marked as such for screen readers.
    assert "Parts of this page have not been translated yet; they are shown in Vietnamese." in en
    assert "Chùa A" in [span.text() for span in page.find_all("span", lang="vi")]
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
    # A theme override that fails while MkDocs draws the pages, after rendering.
    (project.root / "heritage/relics/chua-b.yaml").unlink()
    project.write(
        "site_config/overrides/main.html",
        "{% extends 'base.html' %}{% block content %}{{ page.nothing.deeper }}{% endblock %}",
    )
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


def test_any_mkdocs_warning_fails_the_build(project: Project, tmp_path: Path) -> None:
    """Generated pages must be warning-free; a warning is a bug and must not ship. (Here a
    city's mkdocs.yml asks MkDocs to warn about pages outside the menu: every record page.)"""
    project.relic("chua-a")
    project.write("mkdocs.yml", "validation:\n  nav:\n    omitted_files: warn\n")
    with pytest.raises(MkDocsError) as caught:
        build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    assert "relics/chua-a.md" in str(caught.value)
    assert not (tmp_path / "site").exists()


def test_broken_override_template_is_named_and_keeps_the_site(
    project: Project, tmp_path: Path
) -> None:
    """A city's template override that fails while pages are drawn: the build says which
    template and why (not a bare internal error), and the previous site stays."""
    project.relic("chua-a")
    build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    before = (tmp_path / "site/vi/relics/chua-a/index.html").read_bytes()
    project.write("site_config/overrides/partials/copyright.html", "{{ page.nothing.deeper }}\n")
    with pytest.raises(MkDocsError) as caught:
        build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    assert "theme template partials/copyright.html, line 1: 'None' has no attribute" in str(
        caught.value
    ), str(caught.value)
    assert (tmp_path / "site/vi/relics/chua-a/index.html").read_bytes() == before


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
        # Written out unescaped only inside a quoted attribute value (minified pages leave
        # `<` there as is), where it is text: as many times as the values hold it.
        inside_values = sum(
            value.count("<img src=x")
            for element in parse(text).iter()
            for value in element.attrs.values()
        )
        assert text.count("<img src=x") == inside_values, page


def test_tile_template_must_be_a_web_address(project: Project) -> None:
    settings = project.root / "site_config/site.yaml"
    settings.write_text(settings.read_text() + "map:\n  tiles: 'https://t.example/{z}/{x}/{y}.png?</script>'\n")
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert "not a tile address template" in str(caught.value.issues[0])


def _marked_bodies(docs: Path) -> list[tuple[Path, str]]:
    from mkdocs.utils import meta

    marked = []
    for path in sorted(docs.rglob("*.md")):
        body, front = meta.get_data(path.read_text("utf-8"))
        if front.get("portal_html") is True:
            marked.append((path, body))
    return marked


def _python_markdown(body: str) -> str:
    import markdown
    import yaml

    base = yaml.safe_load((REPO / "build_tools/mkdocs_base.yml").read_text("utf-8"))
    names = [next(iter(e)) if isinstance(e, dict) else e for e in base["markdown_extensions"]]
    configs = {k: v for e in base["markdown_extensions"] if isinstance(e, dict) for k, v in e.items()}
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(body)


def test_html_only_pages_are_what_markdown_would_make(project: Project, tmp_path: Path) -> None:
    """Pages skip Python-Markdown (`assemble/html_pages.py`): every page is HTML only, so
    Python-Markdown would hand every body back unchanged (no Markdown left to be shown as
    text), also when the editors' prose uses every Markdown feature and characters Markdown
    would act on."""
    prose = textwrap.indent(textwrap.dedent("""\
        Đoạn *nhấn* và **đậm**, `mã <b>`, [liên kết](https://example.test/a_b_c),
        dấu \\* sao_gạch_dưới_ & < > "ngoặc" 'đơn' {: .x } [^1] ~~gạch~~.

        # Tiêu đề

        ## Mục

        - một
        - hai
          - lồng

        1. một
        2. hai

        > trích dẫn
        > dòng hai

            khối mã thụt
            <div>

        ```
        rào *mã*
        ```

        | a | b |
        |---|---|
        | 1 | 2 |

        ---

        <div markdown="1">*html*</div>

        Dòng cuối  
        ngắt dòng.
        """), "    ")
    project.relic("chua-a", extra='history:\n  - {period: "1800", text: {vi: "Dựng *chùa*."}}\n')
    path = project.root / "heritage/relics/chua-a.yaml"
    path.write_text(path.read_text().replace(
        'description: {vi: "Mô tả 1.", en: "Description 1."}',
        f"description:\n  vi: |\n{prose}  en: |\n{prose}",
    ))
    build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    docs = tmp_path / "work" / "docs"
    marked = _marked_bodies(docs)
    assert {p for p, _ in marked} == set(docs.rglob("*.md"))  # every page
    assert {"vi/relics/chua-a.md", "en/relics/chua-a.md"} <= {
        p.relative_to(docs).as_posix() for p, _ in marked}
    for path, body in marked:
        assert _python_markdown(body) == body.strip(), path
    page = (tmp_path / "site/vi/relics/chua-a/index.html").read_text("utf-8")
    assert "<em>nhấn</em>" in page and re.search(r"<h2 id=\"?about\"?>", page)


def test_sample_html_only_pages_are_what_markdown_would_make(sample_site: Path) -> None:
    docs = sample_site.parent / "build" / "docs"
    marked = _marked_bodies(docs)
    assert {p for p, _ in marked} == set(docs.rglob("*.md"))  # every page, every language
    catalog = load_catalog(REPO)
    records = len(catalog.relics) + len(catalog.products) + len(catalog.events)
    assert len(marked) > records * len(catalog.site.codes)
    for path, body in marked:
        assert _python_markdown(body) == body.strip(), path


def test_a_build_redraws_only_what_changed_and_equals_a_full_build(
    project: Project, tmp_path: Path
) -> None:
    """The second build starts from the first one's pages (assemble/page_cache.py): after an
    edit, a deletion and a new record it redraws a few pages per language, and the site is
    the same, byte for byte, as a build without any kept pages."""
    for n, relic_id in enumerate(("chua-a", "chua-b", "chua-c"), 1):
        project.relic(relic_id, n)
    first = build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    total = first.html_written["vi"]
    unchanged = build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    assert unchanged.html_written["vi"] <= 2, unchanged.html_written  # 404 and sitemap pages
    edited = project.root / "heritage/relics/chua-b.yaml"
    edited.write_text(edited.read_text("utf-8").replace("Tóm tắt 2.", "Tóm tắt mới."), "utf-8")
    (project.root / "heritage/relics/chua-c.yaml").unlink()
    project.relic("chua-d", 4)
    warm = build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    assert 0 < warm.html_written["vi"] < total / 2, (warm.html_written, total)
    cold = build_site(project.root, tmp_path / "cold", work=tmp_path / "work-cold")
    assert cold.html_written["vi"] > warm.html_written["vi"]
    assert site_files(tmp_path / "site") == site_files(tmp_path / "cold")
    page = (tmp_path / "site/vi/relics/chua-b/index.html").read_text("utf-8")
    assert "Tóm tắt mới." in page
    assert not (tmp_path / "site/vi/relics/chua-c").exists()


def test_a_citys_copyright_line_is_shown_as_text(project: Project, tmp_path: Path) -> None:
    """Material prints mkdocs.yml's copyright as HTML; ours prints it as text."""
    project.relic("chua-a")
    project.write("mkdocs.yml", 'copyright: "<img src=x onerror=alert(1)> © Sở VHTTDL"\n')
    build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    page = (tmp_path / "site/vi/relics/chua-a/index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)> © Sở VHTTDL" in page
    assert "<img src=x" not in page
