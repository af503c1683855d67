"""WCAG 2.1 AA with axe-core in headless Chromium: no critical or serious violation on any
page type, in Vietnamese and English.

axe is injected with `page.add_script_tag`; the pages' Content-Security-Policy (`script-src
'self'` + hashes) would refuse it, so these contexts, and only these, bypass the CSP
(`bypass_csp=True`). axe-core is vendored for tests only (tests/vendor/axe-core, not in site/).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.test_browser import BLANK_TILE, TILE_HOST

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"critical", "serious"}

# Page type → path under the language root.
LANGUAGE_PAGES = {
    "home": "",
    "relic list": "relics/",
    "relic": "relics/chua-vinh-trang/",
    "event list": "events/",
    "event": "events/le-hoi-hu-tieu-my-tho/",
    "product list": "products/",
    "product": "products/keo-dua/",
    "wifi": "wifi/",
    "map page": "map/",
    "map iframe": "maps/overview.html",
    "open data": "open-data/",
    "staff guide": "staff/guide/",
    "info page": "info/gioi-thieu/",
}


def cases() -> list[Any]:
    found = [
        pytest.param(f"{lang}/{path}", False, id=f"{lang}-{kind}")
        for lang in ("vi", "en")
        for kind, path in LANGUAGE_PAGES.items()
    ]
    # Pages that send the visitor on with JavaScript: audited as their no-script chooser.
    found += [
        pytest.param("", True, id="root-chooser"),
        pytest.param("q/{code}/", True, id="short-link"),
        pytest.param("offline/vi.html", False, id="vi-offline"),
        pytest.param("offline/en.html", False, id="en-offline"),
    ]
    return found


def short_code(site: Path) -> str:
    return sorted(p.name for p in (site / "q").iterdir() if p.is_dir())[0]


def violations(browser: Any, url: str, stay: bool) -> list[dict[str, Any]]:
    context = browser.new_context(bypass_csp=True, service_workers="block", locale="vi-VN")
    page = context.new_page()

    def guard(route: Any) -> None:
        request = route.request
        host = urlparse(request.url).hostname
        if host == TILE_HOST:
            route.fulfill(
                status=200,
                content_type="image/png",
                body=BLANK_TILE,
                headers={"Access-Control-Allow-Origin": "*"},
            )
        elif host != "127.0.0.1":
            route.abort()
        elif stay and request.is_navigation_request() and request.frame == page.main_frame:
            # The chooser a visitor sees without JavaScript (with it, the page sends them on
            # at once): the page as served, its script left out.
            response = route.fetch()
            body = re.sub(r"<script\b.*?</script>", "", response.text(), flags=re.S)
            route.fulfill(response=response, body=body)
        else:
            route.continue_()

    page.route("**/*", guard)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)  # scripts that fill the page (lists, the map) run
        audited = page.evaluate("() => location.href")
        assert audited == url, f"axe would audit {audited}, not {url}"
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})).violations",
            TAGS,
        )
    finally:
        context.close()
    return [v for v in result if v.get("impact") in BLOCKING]


def describe(found: list[dict[str, Any]]) -> str:
    lines = []
    for violation in found:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} → {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("path, stay", cases())
def test_no_serious_violation(
    browser: Any, base_url: str, sample_site: Path, path: str, stay: bool
) -> None:
    url = base_url + path.format(code=short_code(sample_site))
    found = violations(browser, url, stay)
    assert found == [], describe(found)
