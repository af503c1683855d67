"""A site built from payload-laden content: every payload is shown as text, none runs.

Every free-text field of every record kind, the site name and an interface translation
carry script, markup, template and formula payloads. The build must succeed, the files must
hold the payloads only escaped, and a real browser loading every page must see no dialog.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.assemble.pipeline import build_site
from tests.conftest import Project, serve_directory
from tests.html_query import parse

SCRIPT = "<script>alert('s')</script>"
IMG = "\"><img src=x onerror=alert('i')>"
TEMPLATE = "{{ 7*7 }}{% raw %}"
SVG = "<svg onload=alert('v')>"
FORMULA = "=HYPERLINK(\"http://evil.test\",\"x\")"
PAYLOADS = (SCRIPT, IMG, TEMPLATE, SVG)
MARKDOWN = (
    "[click](javascript:alert('m')) <iframe src=\"javascript:alert('f')\"></iframe> "
    "<a href=\"#\" onclick=\"alert('o')\">x</a> " + "[" * 15_000
)


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, Path]]:
    base = tmp_path_factory.mktemp("payloads")
    project = Project(base / "project")
    site = (project.root / "site_config/site.yaml").read_text("utf-8")
    project.write("site_config/site.yaml", site.replace(
        "site_name: {vi: Di sản thử, en: Test Heritage}",
        f"site_name: {{vi: {q('Di sản ' + SCRIPT)}, en: {q('Heritage ' + IMG)}}}",
    ) + "contacts:\n  hotline: " + q(FORMULA) + "\n")
    name = {"vi": "Chùa " + SCRIPT, "en": "Pagoda " + IMG}
    project.write("heritage/relics/chua-a.yaml", f"""\
        id: chua-a
        name: {json.dumps(name, ensure_ascii=False)}
        category: pagoda
        address: {q(TEMPLATE)}
        ward: {q(SVG)}
        coordinates: {{lat: 10.36, lon: 106.38}}
        summary: {{vi: {q(IMG + TEMPLATE)}, en: {q(SVG)}}}
        description: {{vi: {q(MARKDOWN)}, en: {q(SCRIPT)}}}
        history:
          - period: {q(SVG)}
            text: {{vi: {q(SCRIPT)}}}
        visiting:
          hours: {{vi: {q(IMG)}}}
        sources:
          - title: {q(SCRIPT)}
        featured: true
    """)
    project.write("content/products/keo.yaml", f"""\
        id: keo
        name: {{vi: {q('Kẹo ' + TEMPLATE)}}}
        stars: 4
        category: food
        producer: {{name: {q(FORMULA)}, commune: {q(SCRIPT)}}}
        summary: {{vi: {q(SVG)}}}
        description: {{vi: {q(MARKDOWN)}}}
        where_to_buy:
          - name: {q(TEMPLATE + SCRIPT)}
            coordinates: {{lat: 10.35, lon: 106.37}}
    """)
    project.write("content/events/le-hoi.yaml", f"""\
        id: le-hoi
        name: {{vi: {q('Lễ hội ' + SCRIPT)}}}
        start: 2026-12-27 18:00
        end: 2026-12-28 22:00
        venue: {{relic: chua-a}}
        summary: {{vi: {q(IMG)}}}
        description: {{vi: {q(MARKDOWN)}}}
        programme:
          - start: 2026-12-27 19:00
            title: {{vi: {q(TEMPLATE)}}}
        organiser: {q(FORMULA)}
    """)
    project.write("content/wifi/wifi-a.yaml", f"""\
        id: wifi-a
        name: {{vi: {q('Wifi ' + IMG)}}}
        coordinates: {{lat: 10.361, lon: 106.381}}
        serves: {{text: {{vi: {q(SVG)}}}}}
        ssid: {q('Free' + SCRIPT)}
        security: wpa2
        password: {q('"><svg onload=alert(1)>;,:')}
        password_public: true
    """)
    project.write("content/pages/gioi-thieu.yaml", f"""\
        id: gioi-thieu
        title: {{vi: {q('Giới thiệu ' + TEMPLATE)}}}
        body: {{vi: {q(MARKDOWN)}}}
    """)
    # A city's correction of one interface string, merged over the tool's catalog.
    project.write("site_config/locales/en/LC_MESSAGES/messages.po", """\
        msgid ""
        msgstr "Content-Type: text/plain; charset=UTF-8\\n"

        msgid "Relic sites"
        msgstr "Relic sites <img src=x onerror=alert('po')>"
    """)
    out = base / "site"
    build_site(project.root, out, work=base / "work")
    yield project, out


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class _Active(HTMLParser):
    """Collects what a browser would run: event-handler attributes, script text,
    javascript: URLs and frames."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") and "alert" in (value or ""):
                self.found.append(f"<{tag} {name}={value}>")
            scheme = (value or "").strip().lower().split(":", 1)[0]
            if name in ("href", "src", "action") and scheme in ("javascript", "data", "vbscript"):
                self.found.append(f"<{tag} {name}={value}>")
            if name == "srcdoc":
                self.found.append(f"<{tag} srcdoc>")
        if tag in ("iframe", "svg", "object", "embed") and any(
            "alert" in (value or "") for _, value in attrs
        ):
            self.found.append(f"<{tag}>")
        # JSON-LD and other data blocks are not run (their `<` is written \u003c).
        kind = (dict(attrs).get("type") or "").lower()
        self._in_script = tag == "script" and kind in ("", "text/javascript", "module")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"script: {data[:80]}")


def test_payloads_appear_only_as_text(payload_site: tuple[Project, Path]) -> None:
    _, site = payload_site
    for path in html_files(site):
        parser = _Active()
        parser.feed(path.read_text("utf-8"))
        assert parser.found == [], path.relative_to(site)
    relic = parse((site / "vi/relics/chua-a/index.html").read_text("utf-8")).find("article")
    assert "{{ 7*7 }}{% raw %}" in relic.text()  # the address, shown as written
    assert "<script>alert" in relic.text()  # as text, not as an element (see _Active)
    relics_en = parse((site / "en/relics/index.html").read_text("utf-8")).find("article")
    # The .po string, shown as text.
    assert "Relic sites <img src=x onerror=alert" in relics_en.text()


def test_csv_cells_never_run_as_formulas(payload_site: tuple[Project, Path]) -> None:
    _, site = payload_site
    for name in ("products.csv", "events.csv"):
        text = (site / "data" / name).read_bytes().decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert "'" + FORMULA in cells, name
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), name


def test_long_bracket_run_is_rendered_as_text(payload_site: tuple[Project, Path]) -> None:
    _, site = payload_site
    page = (site / "vi/info/gioi-thieu/index.html").read_text("utf-8")
    assert "[" * 1000 in page or "&#91;" * 1000 in page


@pytest.mark.browser
def test_no_payload_runs_in_a_browser(payload_site: tuple[Project, Path]) -> None:
    from tests.conftest import ARGS, CHROMIUM

    playwright_api = pytest.importorskip("playwright.sync_api")
    _, site = payload_site
    pages = [p.relative_to(site).as_posix() for p in html_files(site)]
    assert len(pages) > 30
    dialogs: list[str] = []
    with serve_directory(site) as base, playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(service_workers="block")
        context.add_init_script(
            "for (const f of ['alert', 'confirm', 'prompt', 'print']) {"
            "  window[f] = (...a) => {"
            "    window.__called = (window.__called || []).concat([f + a]);"
            "  };"
            "}"
        )
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith(base) else route.abort())
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for rel in pages:
            page.goto(base + rel, wait_until="load")
            page.wait_for_timeout(50)
            called = page.evaluate("window.__called || []")
            frames = [f.evaluate("window.__called || []") for f in page.frames[1:]]
            assert called == [] and all(f == [] for f in frames), (rel, called, frames)
        browser.close()
    assert dialogs == []
    assert os.environ.get("PORTAL_BASE_URL") is None
