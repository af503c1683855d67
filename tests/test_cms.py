"""The staff web editor: its configuration from the models, /admin/ in the build, and Sveltia
CMS end to end in headless Chromium (test-repo mode: files in the browser's private storage)."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import textwrap
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_type_hints
from urllib.parse import urlparse

import pytest
import yaml
from pydantic import BaseModel

from build_tools.assemble.csp import script_hash
from build_tools.assemble.pipeline import build_site
from build_tools.assemble.pwa import bundle_paths, core_paths
from build_tools.cli.main import main as portal
from build_tools.cms.admin import (
    ADMIN_DIR,
    FONT_FILES,
    VENDORED,
    font_style,
    import_map,
    write_admin,
)
from build_tools.cms.config import cms_config, editor_settings
from build_tools.load.project import load_catalog, load_site
from build_tools.model.fields import VIETNAM_LAT, VIETNAM_LON, slug_of
from build_tools.model.kinds import KIND_BY_NAME, KINDS
from build_tools.model.site import CmsSettings, SiteConfig
from tests.conftest import REPO, Project, launch_chromium, serve_directory

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the browser tests skip; the others still run
    PlaywrightError = Exception  # type: ignore[misc,assignment]

SCHEMA = json.loads((VENDORED / "sveltia-cms.json").read_text(encoding="utf-8"))
HOSTS = {
    "github": CmsSettings(backend="github", repo="culture-dept/heritage"),
    "gitlab": CmsSettings(
        backend="gitlab", repo="city/culture/heritage", app_id="abc123", branch="main"
    ),
    "gitea": CmsSettings(
        backend="gitea",
        repo="culture/heritage",
        branch="web-editor",
        api_root="https://git.example.gov.vn/api/v1",
        base_url="https://git.example.gov.vn",
        app_id="f00",
    ),
}


@pytest.fixture(scope="module")
def sample_settings() -> SiteConfig:
    site, issues = load_site(REPO)
    assert site is not None, issues
    return site


def config_of(site: SiteConfig, host: str | None) -> dict[str, Any]:
    if host is None:
        return cms_config(site, local=True)
    return cms_config(site.model_copy(update={"cms": HOSTS[host]}))


def collection(config: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == kind)


def has(found: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(found.get(key) == value for key, value in wanted.items())


# --- The configuration: every model field, with its rules ---------------------------------


def _models_in(hint: Any) -> Iterator[type[BaseModel]]:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        yield hint
    for arg in typing.get_args(hint):
        yield from _models_in(arg)


def model_paths(model: type[BaseModel], languages: tuple[str, ...], prefix: str = "") -> set[str]:
    """Every field of `model` and of the models inside it, as dotted paths; a mapping of
    language → model (audio guides) gives one branch per language of the site."""
    paths = set()
    hints = get_type_hints(model, include_extras=True)
    for name in model.model_fields:
        path = f"{prefix}{name}"
        paths.add(path)
        inner = set(_models_in(hints[name]))
        per_language = "dict[" in str(hints[name]) and bool(inner)
        for sub in inner:
            if per_language:
                for lang in languages:
                    paths.add(f"{path}.{lang}")
                    paths |= model_paths(sub, languages, f"{path}.{lang}.")
            else:
                paths |= model_paths(sub, languages, f"{path}.")
    return paths


def editor_paths(fields: list[dict[str, Any]], prefix: str = "") -> dict[str, dict[str, Any]]:
    found = {}
    for field in fields:
        path = f"{prefix}{field['name']}"
        found[path] = field
        found.update(editor_paths(field.get("fields", []), f"{path}."))
    return found


def is_localized(field: dict[str, Any], languages: tuple[str, ...]) -> bool:
    names = [sub["name"] for sub in field.get("fields", [])]
    return field.get("widget") == "object" and names == list(languages) and all(
        sub["widget"] in ("string", "text", "markdown") for sub in field["fields"]
    )


@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
def test_every_model_field_has_an_editor_field(sample_settings: SiteConfig, kind: str) -> None:
    languages = sample_settings.codes
    fields = collection(config_of(sample_settings, None), kind)["fields"]
    editor = editor_paths(fields)
    localized = {p for p, f in editor.items() if is_localized(f, languages)}
    # The languages of a localized text are the editor's own sub-fields, not model fields.
    shown = {p for p in editor if not any(p.startswith(f"{t}.") for t in localized)}
    expected = model_paths(KIND_BY_NAME[kind].model, languages)
    assert expected - shown == set(), f"model fields without an editor field: {expected - shown}"
    assert shown - expected == set(), f"editor fields the model refuses: {shown - expected}"
    for path, field in editor.items():
        if path == "id":
            assert field == {"name": "id", "widget": "hidden"}  # written by portal-cms.js
            continue
        if field["name"] in languages:  # a language of a text, or of an audio guide
            assert field["label"] == sample_settings.language(field["name"]).name
            continue
        assert field["label"] and field["hint"], path
        vi, en = field["hint"].split(" — ", 1)
        assert vi and en, f"{path}: the hint needs the Vietnamese and the English help"


def test_localized_texts_keep_our_format(sample_settings: SiteConfig) -> None:
    relic = editor_paths(collection(config_of(sample_settings, None), "relic")["fields"])
    name = relic["name"]
    assert [(f["name"], f["required"], f["widget"]) for f in name["fields"]] == [
        ("vi", True, "string"), ("en", False, "string"), ("fr", False, "string"),
        ("zh", False, "string"), ("ko", False, "string"),
    ]
    assert [f["label"] for f in name["fields"]][:2] == ["Tiếng Việt", "English"]
    assert {f["widget"] for f in relic["description"]["fields"]} == {"markdown"}
    assert {f["widget"] for f in relic["summary"]["fields"]} == {"text"}
    markdown = relic["description"]["fields"][0]
    assert markdown["editor_components"] == []  # code blocks would load Shiki from a CDN
    # Optional texts are optional as a whole: nothing to fill unless the box is ticked.
    assert relic["visiting.hours"]["required"] is False
    assert relic["visiting.hours.vi"]["required"] is True


def test_field_kinds_and_rules(sample_settings: SiteConfig) -> None:
    config = config_of(sample_settings, None)
    relic = editor_paths(collection(config, "relic")["fields"])
    assert relic["category"]["widget"] == "select"
    assert [o["value"] for o in relic["category"]["options"]][:3] == [
        "pagoda", "temple", "communal-house"]
    assert relic["category"]["options"][0]["label"] == "chùa (pagoda)"
    assert has(relic["coordinates.lat"], {
        "widget": "number", "value_type": "float", "min": VIETNAM_LAT[0], "max": VIETNAM_LAT[1]})
    assert (relic["coordinates.lon"]["min"], relic["coordinates.lon"]["max"]) == VIETNAM_LON
    assert has(relic["designation.date"], {
        "widget": "datetime", "type": "date", "format": "YYYY-MM-DD"})
    assert relic["designation"]["required"] is False and relic["name"]["required"] is True
    assert has(relic["featured"], {"widget": "boolean", "default": False})
    assert has(relic["digitization.documents"], {"value_type": "int", "min": 0})
    assert has(relic["media.file"], {"widget": "image", "choose_url": False})
    assert relic["audio.vi.file"]["widget"] == "file"
    assert relic["notes"]["field"]["widget"] == "string"
    assert relic["sources.url"]["type"] == "url"
    # An optional pattern lets the empty field pass: Sveltia tests it on empty values too.
    assert relic["code"]["pattern"][0] == "^(?:[a-z0-9]{3,8})?$"
    event = editor_paths(collection(config, "event")["fields"])
    assert has(event["start"], {
        "widget": "datetime", "type": "datetime-local", "format": "YYYY-MM-DD HH:mm"})
    assert has(event["venue.relic"], {"widget": "relation", "collection": "relic"})
    product = editor_paths(collection(config, "product")["fields"])
    assert (product["stars"]["min"], product["stars"]["max"]) == (3, 5)
    assert product["year_rated"]["min"] == 2018


def test_collections_point_at_our_folders(sample_settings: SiteConfig) -> None:
    config = config_of(sample_settings, None)
    for kind in KINDS:
        found = collection(config, kind.name)
        assert (found["folder"], found["extension"], found["format"]) == (
            kind.folder, "yaml", "yaml")
        if kind.media_folder:
            assert found["media_folder"] == f"/{kind.media_folder}/{{{{slug}}}}"
            assert found["public_folder"] == ""  # the YAML holds the file name only
        else:
            assert "media_folder" not in found
    assert has(config["slug"], {"encoding": "ascii", "clean_accents": True, "maxlength": 80})
    assert config["output"]["omit_empty_optional_fields"] is True
    relic = collection(config, "relic")
    assert relic["preview_path"] == "vi/relics/{{slug}}/"
    assert relic["slug"]["template"] == "{{fields.name.vi}}"


def test_preview_paths_are_pages_of_the_built_site(sample_site: Path) -> None:
    site, _ = load_site(REPO)
    assert site is not None and site.cms is None
    assert not (sample_site / ADMIN_DIR).exists()  # a production build without `cms:`
    catalog = load_catalog(REPO)
    config = config_of(site, None)
    for kind in KINDS:
        record = getattr(catalog, kind.collection)[0]
        path = collection(config, kind.name)["preview_path"].replace("{{slug}}", record.id)
        assert (sample_site / path / "index.html").is_file(), path


@pytest.mark.parametrize("host", [None, "github", "gitlab", "gitea"])
def test_the_configuration_is_valid_for_sveltia(
    sample_settings: SiteConfig, host: str | None
) -> None:
    config = config_of(sample_settings, host)
    assert schema_errors(config, SCHEMA, SCHEMA) == []
    assert ("publish_mode" in config) == (host in ("github", "gitlab"))
    if host is not None:
        assert config["backend"]["name"] == host and config["site_url"] == "https://heritage.mytho.example"


def test_the_schema_check_can_fail() -> None:
    broken = {
        "backend": {"name": "test-repo"},
        "media_folder": "m",
        "collections": [{"name": "x", "folder": "f", "fields": [
            {"name": "a", "widget": "string", "value_type": "int"}]}],
    }
    assert schema_errors(broken, SCHEMA, SCHEMA)
    assert schema_errors({"collections": []}, SCHEMA, SCHEMA)  # no backend


def schema_errors(value: Any, schema: Any, root: dict[str, Any], path: str = "$") -> list[str]:
    """JSON Schema draft-07 as the CMS's schema uses it: $ref, anyOf, not, const, enum, type,
    properties, required, additionalProperties, items, minItems, maxItems, minLength."""
    if schema is True or schema == {}:
        return []
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return schema_errors(value, target, root, path)
    errors: list[str] = []
    if "anyOf" in schema:
        tries = [schema_errors(value, branch, root, path) for branch in schema["anyOf"]]
        if all(tries):
            closest = min(tries, key=len)
            errors.append(f"{path}: matches no allowed shape, e.g. {closest[0]}")
    if "not" in schema and not schema_errors(value, schema["not"], root, path):
        errors.append(f"{path}: {value!r} is not allowed")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        checks = {
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
            "string": lambda v: isinstance(v, str),
            "boolean": lambda v: isinstance(v, bool),
            "null": lambda v: v is None,
            "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        }
        if not any(checks[t](value) for t in types):
            errors.append(f"{path}: {value!r} is not {types}")
            return errors
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{path}: {key} is missing" for key in schema.get("required", [])
                   if key not in value]
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], root, f"{path}.{key}")
            elif extra is False:
                errors.append(f"{path}.{key}: not a known option")
            elif isinstance(extra, dict):
                errors += schema_errors(item, extra, root, f"{path}.{key}")
    if isinstance(value, list):
        items = schema.get("items", {})
        for index, item in enumerate(value):
            rule = items[index] if isinstance(items, list) and index < len(items) else items
            if isinstance(rule, dict):
                errors += schema_errors(item, rule, root, f"{path}[{index}]")
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 10**9):
            errors.append(f"{path}: wrong number of items")
    if isinstance(value, str) and len(value) < schema.get("minLength", 0):
        errors.append(f"{path}: too short")
    return errors


# --- The admin page: same-origin files, its own policy, built only when it can sign in -----


def test_the_admin_page_loads_only_its_own_files(
    sample_settings: SiteConfig, tmp_path: Path
) -> None:
    site = sample_settings.model_copy(update={"cms": HOSTS["gitlab"]})
    admin = write_admin(tmp_path, site)
    page = (admin / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert refs and all("://" not in ref and not ref.startswith("/") for ref in refs), refs
    for ref in refs:
        assert (admin / ref).is_file(), ref
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    directives = {d.split()[0]: d.split()[1:] for d in policy.group(1).split("; ")}
    assert directives["connect-src"] == ["'self'", "blob:", "data:", "https://gitlab.com"]
    assert directives["script-src"] == ["'self'", script_hash(import_map())]
    assert "'unsafe-eval'" not in policy.group(1) and directives["worker-src"] == ["'self'"]
    assert f'<script type="importmap">{import_map()}</script>' in page
    for target in json.loads(import_map())["imports"].values():
        assert (admin / target).is_file()
    # The CDN fonts the script names are ours, under the id Svelte checks before injecting.
    fonts = font_style((VENDORED / "sveltia-cms.js").read_text(encoding="utf-8"))
    assert f'id="{fonts.element_id}" href="sveltia-fonts.css"' in page
    css = (admin / "sveltia-fonts.css").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in css and all(name in css for name in FONT_FILES.values())
    assert yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))["backend"][
        "repo"] == "city/culture/heritage"


def test_each_host_gets_its_api_in_the_policy(sample_settings: SiteConfig) -> None:
    origins = {
        host: editor_settings(sample_settings.model_copy(update={"cms": HOSTS[host]})).api_origins
        for host in HOSTS
    }
    assert origins == {
        "github": ("https://api.github.com",),
        "gitlab": ("https://gitlab.com",),
        "gitea": ("https://git.example.gov.vn",),
    }
    assert editor_settings(sample_settings, local=True).api_origins == ()


def test_vendored_files_are_the_ones_recorded() -> None:
    readme = (VENDORED.parent / "README.md").read_text(encoding="utf-8")
    for name in ("sveltia-cms.js", "chunks/react-dom.js", "LICENSE.txt", "sveltia-cms.json",
                 "locales/vi.json", *FONT_FILES.values(), "../immutable-5.1.9/immutable.es.js",
                 "../yaml-2.9.1/LICENSE"):
        digest = hashlib.sha256((VENDORED / name).read_bytes()).hexdigest()
        assert digest in readme, f"{name} changed: update the vendored README and the tests"
    assert (VENDORED / "sveltia-cms.js").stat().st_size == 2_139_006


def test_editor_only_with_a_host_or_in_preview(tmp_path: Path) -> None:
    project = Project(tmp_path / "city")
    project.relic("chua-a")
    quiet = build_site(project.root, tmp_path / "site", work=tmp_path / "work")
    assert not (quiet.out / ADMIN_DIR).exists()  # nothing that cannot sign in is published
    preview = build_site(project.root, tmp_path / "preview", work=tmp_path / "work", preview=True)
    config = yaml.safe_load((preview.out / ADMIN_DIR / "config.yml").read_text("utf-8"))
    assert config["backend"] == {"name": "test-repo"}
    site_yaml = project.root / "site_config/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "cms:\n  backend: github\n  repo: city/heritage\n")
    hosted = build_site(project.root, tmp_path / "hosted", work=tmp_path / "work")
    config = yaml.safe_load((hosted.out / ADMIN_DIR / "config.yml").read_text("utf-8"))
    assert config["backend"]["name"] == "github" and config["publish_mode"] == "editorial_workflow"
    # Never in the tourists' offline bundles, the search index or the sitemap.
    for lang in ("vi", "en"):
        for listed in (bundle_paths(hosted.out, lang), core_paths(hosted.out, lang)):
            assert not [p for p in listed if p.startswith("admin/")]
    worker_lists = " ".join(p.read_text("utf-8") for p in (hosted.out / "pwa").glob("*.json"))
    assert "admin/" not in worker_lists
    sitemaps = [hosted.out / "sitemap.xml", *hosted.out.glob("*/sitemap-*.xml.gz")]
    assert len(sitemaps) == 3  # the index and one per language
    for sitemap in sitemaps:
        text = sitemap.read_bytes()
        assert b"admin" not in (gzip.decompress(text) if sitemap.suffix == ".gz" else text)
    # Its own policy survives the pass that protects every other page.
    page = (hosted.out / ADMIN_DIR / "index.html").read_text("utf-8")
    assert page.count("Content-Security-Policy") == 1 and "https://api.github.com" in page
    # The preview pane uses the built site's stylesheets.
    assert re.search(r'"\.\./vi/assets/stylesheets/main\.[0-9a-f]+\.min\.css"', page)


def test_portal_cms_refuses_an_editor_that_cannot_sign_in(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert portal(["cms", "--root", str(project.root), "--out", str(tmp_path / "a")]) == 1
    assert "no `cms:` section" in capsys.readouterr().err
    assert not (tmp_path / "a").exists()
    local = ["cms", "--root", str(project.root), "--out", str(tmp_path / "b"), "--local"]
    assert portal(local) == 0
    assert (tmp_path / "b/admin/index.html").is_file()
    assert "test-repo" in capsys.readouterr().out


def test_a_github_repo_is_owner_and_name(project: Project) -> None:
    from build_tools.load.issues import ContentError

    site_yaml = project.root / "site_config/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "cms: {backend: github, repo: a/b/c}\n")
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    assert '"a/b/c" is not owner/name' in str(caught.value.issues[0])


# --- End to end: Sveltia CMS in headless Chromium, on 127.0.0.1 only ---------------------

# Asked by the CMS's CDN build, answered "404" by portal-cms-offline.js without leaving the
# browser: its hourly "new version available" check.
UPDATE_CHECK = "https://unpkg.com/@sveltia/cms/package.json"
STORAGE = "sveltia-cms-test"  # the test-repo backend's folder in the origin private file system
SAMPLE = {
    f"{kind.folder}/{path.name}": path.read_text(encoding="utf-8")
    for kind in KINDS
    for path in sorted((REPO / kind.folder).glob("*.yaml"))
}


@pytest.fixture(scope="module")
def editor_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample city's editor, browser-only (no site pages: its previews are not tested)."""
    site, _ = load_site(REPO)
    assert site is not None
    out = tmp_path_factory.mktemp("editor")
    write_admin(out, site, local=True)
    with serve_directory(out) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launch_chromium() as browser:
        yield browser


class Editor:
    """One fresh browser profile (its own private storage) on the editor, driven as staff do."""

    def __init__(self, browser: Any, url: str) -> None:
        self.url = url
        self.context = browser.new_context(locale="vi-VN", viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.crashes: list[str] = []

        def guard(route: Any) -> None:
            if urlparse(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                self.foreign.append(route.request.url)
                route.abort()

        self.page.route("**/*", guard)
        self.page.on("pageerror", lambda error: self.crashes.append(str(error)))
        self.page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )

    def open(self, files: dict[str, str]) -> None:
        """Put `files` in the browser's storage, then sign in to the test repository."""
        self.page.goto(self.url + "admin/LICENSE.txt")  # any page of the origin
        self.page.evaluate(
            """async ([top, files]) => {
              const root = await navigator.storage.getDirectory();
              const base = await root.getDirectoryHandle(top, {create: true});
              for (const [path, text] of Object.entries(files)) {
                const parts = path.split('/');
                let dir = base;
                for (const part of parts.slice(0, -1)) {
                  dir = await dir.getDirectoryHandle(part, {create: true});
                }
                const file = await dir.getFileHandle(parts.at(-1), {create: true});
                const out = await file.createWritable();
                await out.write(text);
                await out.close();
              }
            }""",
            [STORAGE, files],
        )
        self.page.goto(self.url + "admin/")
        # The interface is Vietnamese: its strings come from the site, not from unpkg.
        self.page.get_by_role("button").filter(has_text="kho mã nguồn thử nghiệm").click()
        self.page.get_by_role("button").filter(has_text="Tạo mới").first.wait_for()

    def files(self) -> dict[str, str]:
        """Every file in the test repository, read when none is being written."""
        for _ in range(50):
            found: dict[str, Any] = self.page.evaluate(
                """async (top) => {
                  const out = {};
                  let busy = false;
                  async function walk(dir, prefix) {
                    for await (const [name, handle] of dir.entries()) {
                      try {
                        if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
                        else if (name.endsWith('.crswap')) busy = true;  // being written
                        else out[prefix + name] = await (await handle.getFile()).text();
                      } catch (error) {
                        busy = true;  // written or moved while we read
                      }
                    }
                  }
                  const root = await navigator.storage.getDirectory();
                  await walk(await root.getDirectoryHandle(top), '');
                  return {files: out, busy};
                }""",
                STORAGE,
            )
            if not found["busy"]:
                return dict(found["files"])
            self.page.wait_for_timeout(100)
        raise AssertionError("the test repository stayed busy")

    def wait_for_file(self, name: str, unlike: str | None = None) -> str:
        for _ in range(100):
            text = self.files().get(name)
            if text is not None and text != unlike:
                return text
            self.page.wait_for_timeout(100)
        raise AssertionError(f"{name} was not saved")

    def reveal(self, path: str) -> Any:
        # The form renders sections as they scroll into view, and re-renders after a route
        # change: look again until the section stays.
        section = self.page.locator(f'section[data-key-path="{path}"]').first
        for _ in range(10):
            for _ in range(80):
                if section.count():
                    break
                self.page.mouse.move(300, 500)
                self.page.mouse.wheel(0, 400)
                self.page.wait_for_timeout(50)
            try:
                section.scroll_into_view_if_needed(timeout=3000)
                return section
            except PlaywrightError:
                self.page.wait_for_timeout(200)
        raise AssertionError(f"the form never showed {path}")

    def field(self, path: str, control: str = "input") -> Any:
        self.reveal(path.split(".")[0])
        return self.reveal(path).locator(control).first

    def type_markdown(self, path: str, *paragraphs: str) -> None:
        self.field(path, "[contenteditable=true]").click()
        for index, paragraph in enumerate(paragraphs):
            if index:
                self.page.keyboard.press("Enter")
            self.page.keyboard.type(paragraph)

    def choose(self, path: str, option: str) -> None:
        self.field(path, "[role=combobox]").click()
        self.page.get_by_role("option", name=option).click()

    def save(self, expect_saved: bool = True) -> None:
        self.page.get_by_role("button").filter(has_text="Lưu").first.click()
        if expect_saved:
            # "Saved", then the CMS goes back to the list by itself: wait, or a navigation
            # of ours could race with it.
            self.page.get_by_text("Đã lưu bài viết").first.wait_for()
            self.page.get_by_role("button").filter(has_text="Tạo mới").first.wait_for()

    def close(self) -> None:
        violations = self.page.evaluate("window.__violations")
        answered_here = self.page.evaluate("window.portalCmsOffline")
        self.context.close()
        assert self.foreign == [], f"requests that left 127.0.0.1: {self.foreign}"
        assert violations == [], f"refused by the admin page's policy: {violations}"
        assert set(answered_here) <= {UPDATE_CHECK}, answered_here
        assert self.crashes == []


@pytest.fixture
def editor(chromium: Any, editor_url: str) -> Iterator[Editor]:
    session = Editor(chromium, editor_url)
    yield session
    session.close()


def checked_root(tmp_path: Path, files: dict[str, str]) -> Path:
    """A city root with the sample's settings and only `files`, for load_catalog."""
    root = tmp_path / "city"
    (root / "site_config").mkdir(parents=True)
    shutil.copyfile(REPO / "site_config/site.yaml", root / "site_config/site.yaml")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


NAME_VI = "Đền thờ Bà Chúa Xứ Thới Sơn"
NAME_EN = "Lady of the Realm Temple, Thới Sơn"


@pytest.mark.browser
def test_staff_create_a_relic_that_portal_check_accepts(editor: Editor, tmp_path: Path) -> None:
    editor.open(SAMPLE)  # the sample's records, read from the browser's storage
    editor.page.get_by_text("Chùa Vĩnh Tràng", exact=True).first.wait_for()
    editor.page.get_by_role("button").filter(has_text="Tạo mới").first.click()
    editor.field("name.vi").fill(NAME_VI)
    editor.field("name.en").fill(NAME_EN)
    editor.choose("category", "đền/miếu (temple)")
    editor.field("address").fill("Ấp Thới Bình")
    editor.field("ward").fill("Thới Sơn")
    editor.field("coordinates.lat").fill("10.3313")
    editor.field("coordinates.lon").fill("106.3489")
    editor.field("summary.vi", "textarea").fill("Ngôi đền trên cồn Thới Sơn.")
    editor.field("summary.en", "textarea").fill("A temple on Thới Sơn islet.")
    editor.type_markdown("description.vi", "Đền thờ Bà Chúa Xứ.", "Lễ vía vào tháng Tư âm lịch.")
    editor.save()
    name = f"heritage/relics/{slug_of(NAME_VI)}.yaml"
    assert slug_of(NAME_VI) == "den-tho-ba-chua-xu-thoi-son"  # đ folded like portal new
    text = editor.wait_for_file(name)
    # Nothing empty written for what was left out, no default values added.
    assert "''" not in text and '""' not in text and ": null" not in text
    assert "featured" not in text and "code:" not in text and "fr:" not in text

    catalog = load_catalog(checked_root(tmp_path, {name: text}))
    (relic,) = catalog.relics
    assert relic.id == slug_of(NAME_VI)
    assert dict(relic.name) == {"vi": NAME_VI, "en": NAME_EN}
    assert relic.category == "temple" and relic.ward == "Thới Sơn"
    assert (relic.coordinates.lat, relic.coordinates.lon) == (10.3313, 106.3489)
    assert dict(relic.summary) == {"vi": "Ngôi đền trên cồn Thới Sơn.",
                                   "en": "A temple on Thới Sơn islet."}
    assert relic.description["vi"] == "Đền thờ Bà Chúa Xứ.\n\nLễ vía vào tháng Tư âm lịch."


@pytest.mark.browser
def test_a_latitude_outside_vietnam_cannot_be_saved(editor: Editor) -> None:
    editor.open({})
    editor.page.get_by_role("button").filter(has_text="Tạo mới").first.click()
    editor.field("name.vi").fill("Chùa Ngoài Khơi")
    editor.choose("category", "chùa (pagoda)")
    editor.field("address").fill("1 Lê Lợi")
    editor.field("ward").fill("Mỹ Phong")
    editor.field("coordinates.lat").fill("95")
    editor.field("coordinates.lon").fill("106.38")
    editor.field("summary.vi", "textarea").fill("Tóm tắt.")
    editor.type_markdown("description.vi", "Mô tả.")
    editor.save(expect_saved=False)
    lat = editor.reveal("coordinates.lat")
    lat.get_by_text("23,5").wait_for()  # "Giá trị phải nhỏ hơn hoặc bằng 23,5."
    assert lat.locator("input").get_attribute("aria-invalid") == "true"
    editor.page.get_by_text("Vui lòng sửa lỗi để lưu").first.wait_for()
    editor.page.wait_for_timeout(1000)
    assert editor.files() == {}  # nothing was written


@pytest.mark.browser
def test_saving_changes_only_what_was_edited(editor: Editor, tmp_path: Path) -> None:
    relic = "heritage/relics/chua-vinh-trang.yaml"
    event = "content/events/le-hoi-hu-tieu-my-tho.yaml"
    machine = "heritage/relics/chua-may.yaml"
    files = {relic: SAMPLE[relic], event: SAMPLE[event], machine: textwrap.dedent("""\
        id: chua-may
        # Dịch máy, cần người kiểm tra.
        name: {vi: Chùa Máy, en-x-mt: Machine Pagoda}
        category: pagoda
        address: 1 Lê Lợi
        ward: Mỹ Phong
        coordinates: {lat: 10.3600, lon: 106.38}
        summary: {vi: Tóm tắt., en-x-mt: Summary.}
        description: {vi: Mô tả.}
        """)}
    editor.open(files)
    changed = {}
    for name, key, text in (
        (relic, "summary.en", "The best-known old pagoda of Mỹ Tho."),
        (event, "summary.en", "The first Mỹ Tho Noodle Festival."),
        (machine, "name.en", "Machine Pagoda, checked"),
    ):
        kind = next(k for k in KINDS if name.startswith(k.folder))
        editor.page.goto(f"{editor.url}admin/#/collections/{kind.name}/entries/{Path(name).stem}")
        editor.page.get_by_role("button").filter(has_text="Lưu").first.wait_for()
        control = "textarea" if key.startswith("summary") else "input"
        editor.field(key, control).fill(text)
        editor.save()
        changed[name] = editor.wait_for_file(name, unlike=files[name])
    # Comments, quotes, number spellings (10.3540), block texts and plain-text fields stay
    # byte for byte: only the edited line differs.
    for name, text in ((relic, "The best-known old pagoda of Mỹ Tho."),
                       (event, "The first Mỹ Tho Noodle Festival.")):
        before, after = files[name].splitlines(), changed[name].splitlines()
        assert len(before) == len(after), changed[name]
        differ = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(differ) == 1 and differ[0][0].startswith("  en: "), differ
        assert differ[0][1] == f"  en: {text}"
    # A person's English replaces the machine's; the other machine text stays.
    assert changed[machine] == textwrap.dedent("""\
        id: chua-may
        # Dịch máy, cần người kiểm tra.
        name: {vi: Chùa Máy, en: "Machine Pagoda, checked"}
        category: pagoda
        address: 1 Lê Lợi
        ward: Mỹ Phong
        coordinates: {lat: 10.3600, lon: 106.38}
        summary: {vi: Tóm tắt., en-x-mt: Summary.}
        description: {vi: Mô tả.}
        """)
    load_catalog(checked_root(tmp_path, changed))  # raises on any problem


@pytest.mark.browser
def test_photos_go_to_the_record_media_folder(editor: Editor, tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "Cổng tam quan.jpg"
    Image.new("RGB", (64, 48), (140, 29, 24)).save(photo, quality=85)
    editor.open({})
    editor.page.goto(editor.url + "admin/#/collections/relic/new")
    editor.page.get_by_role("button").filter(has_text="Lưu").first.wait_for()
    editor.field("name.vi").fill("Đình Điều Hòa Mới")
    editor.choose("category", "đình (communal-house)")
    editor.field("address").fill("1 Trưng Trắc")
    editor.field("ward").fill("Mỹ Tho")
    editor.field("coordinates.lat").fill("10.3540")
    editor.field("coordinates.lon").fill("106.3650")
    editor.field("summary.vi", "textarea").fill("Đình làng.")
    editor.type_markdown("description.vi", "Mô tả.")
    editor.reveal("media").locator("button").filter(has_text="Thêm").first.click()
    editor.field("media.0.file", "input[type=file]").set_input_files(photo)
    editor.field("media.0.alt.vi", "textarea").fill("Cổng tam quan nhìn từ đường.")
    editor.save()
    name = "heritage/relics/dinh-dieu-hoa-moi.yaml"
    text = editor.wait_for_file(name)
    stored = editor.files()
    assert "heritage/media/dinh-dieu-hoa-moi/cong-tam-quan.jpg" in stored
    assert "  - file: cong-tam-quan.jpg\n" in text  # the file name only
    root = checked_root(tmp_path, {name: text})
    (root / "heritage/media/dinh-dieu-hoa-moi").mkdir(parents=True)
    shutil.copyfile(photo, root / "heritage/media/dinh-dieu-hoa-moi/cong-tam-quan.jpg")
    (relic,) = load_catalog(root).relics
    assert relic.media[0].file == "cong-tam-quan.jpg"
