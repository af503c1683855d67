"""Every page carries a Content-Security-Policy that allows its own scripts, and nothing else."""

from __future__ import annotations

import base64
import hashlib
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from build_tools.assemble.csp import policy, protect, protect_site, script_hash, tile_origin
from tests.conftest import ARGS, REPO, Project, launch_chromium, serve_directory

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
SAMPLE_TILES = "https://tile.openstreetmap.org"


# --- one page --------------------------------------------------------------------------------


def test_hash_of_a_known_script() -> None:
    # printf 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    # The browser hashes the text after its parser turned CR LF into LF.
    assert script_hash("a()\r\nb()") == script_hash("a()\nb()")


PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>t</title>
<script>alert(1)</script>
<script type="application/json">{"a": 1}</script>
<script type="application/ld+json">{"@type": "Place"}</script>
<script src="x.js"></script>
<!-- <script>commented()</script> -->
</head>
<body>
<SCRIPT TYPE="Text/JavaScript">var a = "</div>";
b()</SCRIPT>
<script type="module">import "./m.js";</script>
</body>
</html>
"""


def test_only_executable_inline_scripts_are_hashed() -> None:
    page, hashes = protect(PAGE, OSM)
    assert hashes == sorted(
        [
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='",  # alert(1)
            "'sha256-rzcUuq6+AvLQgtF5yc8NBFMGifrx3xs0EFjoFR7lLnw='",  # the upper-case one
            script_hash('import "./m.js";'),
        ]
    )
    assert script_hash('{"a": 1}') not in page and script_hash("commented()") not in page


def test_policy_goes_right_after_the_charset_and_before_any_script() -> None:
    page, hashes = protect(PAGE, OSM)
    head = page.split("<title>")[0]
    assert head == (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy(OSM, hashes)}">\n'
        '<meta name="referrer" content="strict-origin-when-cross-origin">\n'
    )


def test_without_a_charset_the_policy_opens_the_head() -> None:
    page, _ = protect("<html><head><script>x()</script></head></html>", OSM)
    assert page.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy"')


def test_a_page_keeps_its_own_referrer_policy() -> None:
    page, _ = protect(
        '<head><meta charset="utf-8"><meta name="referrer" content="no-referrer">', OSM
    )
    assert page.count('name="referrer"') == 1 and 'content="no-referrer"' in page


def test_protecting_twice_changes_nothing() -> None:
    once, _ = protect(PAGE, OSM)
    assert protect(once, OSM)[0] == once
    changed = once.replace("alert(1)", "alert(2)")  # a stale policy is replaced, not kept
    again, hashes = protect(changed, OSM)
    assert again.count("Content-Security-Policy") == 1 and script_hash("alert(2)") in hashes


@pytest.mark.parametrize(
    "template, origin",
    [
        (OSM, "https://tile.openstreetmap.org"),
        (
            "https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png",
            "https://*.tile.openstreetmap.fr",
        ),
        ("https://tiles-{s}.Example.org/{z}/{x}/{y}{r}.png", "https://*.example.org"),
        ("http://127.0.0.1:9/{z}/{x}/{y}.png", "http://127.0.0.1:9"),
    ],
)
def test_tile_origin(template: str, origin: str) -> None:
    assert tile_origin(template) == origin


def test_a_tile_host_made_only_of_placeholders_is_refused() -> None:
    with pytest.raises(ValueError, match="no fixed domain"):
        tile_origin("https://{s}.org/{z}/{x}/{y}.png")


# --- the built sample site -------------------------------------------------------------------

EXECUTABLE = (None, "", "text/javascript", "module")


class _Page(HTMLParser):
    """What the test checks, gathered independently of build_tools.assemble.csp."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []  # "csp", "referrer", "script" in document order
        self.policies: list[str] = []
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        self.handlers += [
            f"<{tag} {name}>"
            for name, value in values.items()
            if (value or "").strip().lower().startswith("javascript:")
        ]
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.events.append("csp")
            self.policies.append(values.get("content") or "")
        elif tag == "meta" and values.get("name") == "referrer":
            self.events.append("referrer:" + (values.get("content") or ""))
        elif tag == "script":
            self.events.append("script")
            if "src" not in values and values.get("type") in EXECUTABLE:
                self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text = "".join(self._script)
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            self.inline.append(f"'sha256-{digest}'")
            self._script = None


def _directives(content: str) -> dict[str, list[str]]:
    pairs = [part.split() for part in content.split(";") if part.strip()]
    return {words[0]: words[1:] for words in pairs}


def test_every_page_of_the_sample_has_one_policy_before_its_scripts(sample_site: Path) -> None:
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 200  # every language, the root, /q/ pages, maps, offline pages
    assert {"index.html", "offline/en.html", "en/maps/overview.html", "en/404.html"} <= {
        p.relative_to(sample_site).as_posix() for p in pages
    }
    for path in pages:
        name = path.relative_to(sample_site).as_posix()
        page = _Page()
        page.feed(path.read_text("utf-8"))
        page.close()
        assert page.events.count("csp") == 1, name
        if "script" in page.events:
            assert page.events.index("csp") < page.events.index("script"), name
        assert page.events.count("referrer:strict-origin-when-cross-origin") == 1, name
        directives = _directives(page.policies[0])
        # The only source besides the site itself (and data: images) is the tile server.
        others = {
            source
            for sources in directives.values()
            for source in sources
            if not source.startswith("'") and source != "data:"
        }
        assert others <= {SAMPLE_TILES}, (name, others)
        assert SAMPLE_TILES in directives["img-src"], name
        assert directives["object-src"] == ["'none'"] and directives["default-src"] == ["'self'"]
        # Exactly the page's own inline scripts, each allowed by its hash.
        allowed = [s for s in directives["script-src"] if s.startswith("'sha256-")]
        assert allowed == sorted(set(page.inline)), name
        # The policy would block handlers and javascript: links: the site must have none.
        assert page.handlers == [], (name, page.handlers)


def test_material_pages_need_only_their_own_snippets(sample_site: Path) -> None:
    page = _Page()
    page.feed((sample_site / "en/relics/chua-vinh-trang/index.html").read_text("utf-8"))
    script_src = _directives(page.policies[0])["script-src"]
    # __md_scope of Material's base.html; nothing more (one colour scheme, so no palette
    # script; no content tabs, so no tab-anchor script).
    assert script_src[0] == "'self'" and len(script_src) == 2
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_protection_is_deterministic_and_the_same_in_parallel(
    sample_site: Path, tmp_path: Path
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(sample_site / "en", one)
    shutil.copytree(sample_site / "en", two)
    report = protect_site(one, OSM)
    protect_site(two, OSM, jobs=2, parallel_from=1)
    for path in sorted(one.rglob("*.html")):
        rel = path.relative_to(one)
        # Already protected pages come out byte for byte the same, one process or two.
        assert (
            path.read_bytes() == (two / rel).read_bytes() == (sample_site / "en" / rel).read_bytes()
        )
    assert report.pages == len(list(one.rglob("*.html")))


# --- in Chromium -----------------------------------------------------------------------------

# Nothing resolves but 127.0.0.1, so not even the service worker could reach another host.
LOCAL_ONLY = [*ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
BLANK_TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005fe02fe2ba02b7c0000000049454e44ae426082"
)
# Playwright runs a wait_for_function *expression* string with eval, which the policy refuses
# ('unsafe-eval' is not allowed): pass functions, "() => …", as every test here does.
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const v = {directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample,
             source: e.sourceFile + ":" + e.lineNumber, page: location.href};
  window.__cspViolations.push(v);
  if (window.__reportCsp) window.__reportCsp(v);  // survives the redirects of / and /q/
});
"""


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with launch_chromium(LOCAL_ONLY) as browser:
        yield browser


@pytest.fixture(scope="module")
def sample_url(sample_site: Path) -> Iterator[str]:
    with serve_directory(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def media_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A relic with a photo and an audio guide (the sample has none yet)."""
    from build_tools.assemble.pipeline import build_site
    from tests.test_media import MEDIA, MP3_FRAME, camera_photo

    base = tmp_path_factory.mktemp("csp-media")
    project = Project(base / "project")
    project.relic("chua-a", extra=MEDIA)
    camera_photo(project.root / "heritage/media/chua-a/cong.jpg", 1200, 800)
    (project.root / "heritage/media/chua-a/thuyet-minh.mp3").write_bytes(MP3_FRAME * 383)
    build_site(project.root, base / "site", work=base / "work")
    with serve_directory(base / "site") as url:
        yield url


class Watched:
    """A page that keeps its policy violations, errors and requests to other hosts."""

    def __init__(self, browser, locale: str, service_workers: str = "block") -> None:  # type: ignore[no-untyped-def]
        self.violations: list[dict[str, object]] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.tiles: list[str] = []
        self.context = browser.new_context(locale=locale, service_workers=service_workers)
        self.context.expose_function("__reportCsp", lambda v: self.violations.append(v))
        self.context.add_init_script(WATCH)
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _guard(self, route) -> None:  # type: ignore[no-untyped-def]
        host = urlparse(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        elif host == "tile.openstreetmap.org":  # allowed by img-src; answered here
            self.tiles.append(route.request.url)
            route.fulfill(
                status=200,
                content_type="image/png",
                body=BLANK_TILE,
                headers={"Access-Control-Allow-Origin": "*"},
            )
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in message.text:
            self.console.append(message.text)
        elif message.type == "error":
            self.errors.append(message.text)

    def stored_violations(self) -> list[object]:
        """What the listener kept on window, in the page and its frames."""
        return [
            v for frame in self.page.frames for v in frame.evaluate("window.__cspViolations || []")
        ]

    def assert_clean(self) -> None:
        assert self.violations == [] and self.stored_violations() == [], self.violations
        assert self.console == [], self.console
        assert self.errors == [], self.errors
        assert self.foreign == [], self.foreign


def _code(record_id: str) -> str:
    from build_tools.load.project import load_catalog
    from build_tools.model.codes import short_links

    return next(
        link.code for link in short_links(load_catalog(REPO)) if link.record.id == record_id
    )


def _frame_map(watched: Watched) -> None:
    frame = watched.page.locator("iframe").first
    frame.scroll_into_view_if_needed()  # the maps are lazy iframes
    watched.page.frame_locator("iframe").first.locator(".leaflet-container").wait_for(timeout=15000)


QUERIES = {"vi": ("Vĩnh Tràng", "Chùa Vĩnh Tràng"), "en": ("Vinh Trang", "Vinh Trang Pagoda")}
LOCALES = {"vi": "vi-VN", "en": "en-US"}


def _search(watched: Watched, lang: str) -> None:
    query, title = QUERIES[lang]
    box = watched.page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    watched.page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert title in watched.page.locator(".md-search-result__list").inner_text()


# page type → (path in a language, what shows that the page still works)
PAGES = {
    "root chooser": ("", lambda w, base, lang: w.page.wait_for_url(f"{base}{lang}/")),
    "short link": (
        "q/{code}/",
        lambda w, base, lang: w.page.wait_for_url(f"{base}{lang}/relics/chua-vinh-trang/"),
    ),
    "home": (
        "{lang}/",
        lambda w, base, lang: w.page.locator('a.md-select__link[hreflang="en"]').wait_for(
            state="attached"
        ),
    ),
    "relic list": (
        "{lang}/relics/",
        lambda w, base, lang: w.page.locator("article a").first.wait_for(),
    ),
    "relic": ("{lang}/relics/chua-vinh-trang/", lambda w, base, lang: _frame_map(w)),
    "event": ("{lang}/events/le-hoi-hu-tieu-my-tho/", lambda w, base, lang: _frame_map(w)),
    "product": ("{lang}/products/keo-dua/", lambda w, base, lang: w.page.locator("h1").wait_for()),
    "wifi list": ("{lang}/wifi/", lambda w, base, lang: w.page.locator("h1").wait_for()),
    "map": ("{lang}/map/", lambda w, base, lang: _frame_map(w)),
    "open data": (
        "{lang}/open-data/",
        lambda w, base, lang: w.page.locator("article table").first.wait_for(),
    ),
    "staff guide": ("{lang}/staff/guide/", lambda w, base, lang: w.page.locator("h1").wait_for()),
    "search": ("{lang}/", lambda w, base, lang: _search(w, lang)),
    "not found": ("{lang}/404.html", lambda w, base, lang: w.page.locator("h1").wait_for()),
    "offline": (
        "offline/{lang}.html",
        lambda w, base, lang: w.page.locator("main a").first.wait_for(),
    ),
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_page_type_breaks_its_policy(chromium, sample_url: str, kind: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    path, works = PAGES[kind]
    watched = Watched(chromium, LOCALES[lang])
    code = _code("chua-vinh-trang") if "{code}" in path else ""
    watched.page.goto(sample_url + path.format(lang=lang, code=code))
    works(watched, sample_url, lang)
    watched.page.wait_for_load_state("load")
    if kind == "map":
        watched.page.wait_for_timeout(500)  # let Leaflet ask for its first tiles
        assert watched.tiles, "no tile was requested: img-src may not name the tile server"
    watched.assert_clean()
    watched.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_photos_and_audio_play_under_the_policy(chromium, media_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    watched = Watched(chromium, LOCALES[lang])
    page = watched.page
    page.goto(f"{media_url}{lang}/relics/chua-a/")
    photo = page.locator("picture img").first
    photo.scroll_into_view_if_needed()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    # The player waits for a tap (preload="none"): ask for the metadata as a tap would.
    page.locator("audio").evaluate("(audio) => { audio.preload = 'metadata'; audio.load(); }")
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1", timeout=10000)
    _frame_map(watched)
    watched.assert_clean()
    watched.context.close()


@pytest.mark.browser
def test_the_service_worker_registers_under_the_policy(chromium, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    watched = Watched(chromium, "en-US", service_workers="allow")
    watched.page.goto(sample_url + "en/")
    scope = watched.page.evaluate("""() => Promise.race([
        navigator.serviceWorker.ready.then((registration) => registration.scope),
        new Promise((resolve) => setTimeout(() => resolve(null), 10000)),
    ])""")
    assert scope == sample_url
    watched.assert_clean()
    watched.context.close()


@pytest.mark.parametrize("page", [
    "<!doctype html><html><head><meta charset='utf-8'><title>a</title>"
    "<!-- <script>hidden()</script> --><script>real()</script></head><body>"
    "<script type='module'>m()</script>"
    "<script type=\"application/json\">{}</script><script>s = '<meta name=referrer>'</script>"
    "<SCRIPT>upper()</SCRIPT><script src=a.js></script><script>unclosed()",
    "<html><body><p>no head</p><script>late()</script></body></html>",
])
def test_fast_scan_agrees_with_the_full_html_parser(page: str) -> None:
    from build_tools.assemble import csp

    full = csp._Scan(page)
    full.feed(page)
    full.close()
    fast = csp._scan(page)
    assert fast.scripts == full.scripts
    assert fast.position() == full.position()
    assert fast.has_referrer == full.has_referrer


def test_fast_scan_reads_title_and_textarea_as_text_like_browsers() -> None:
    # Python's HTMLParser would see scripts here; HTML5 reads RCDATA as text.
    from build_tools.assemble import csp

    page = ("<head><title>a <script>x()</script></title></head><body><textarea>"
            "<script>y()</script></textarea><script>z()</script>")
    assert csp._scan(page).scripts == ["z()"]
