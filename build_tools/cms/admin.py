"""Write the web editor into a site: /admin/ with the vendored CMS, its config and our script."""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.assemble.csp import REFERRER, admin_policy, script_hash
from build_tools.cms.config import (
    EditorSettings,
    cms_config,
    editor_settings,
    lenient_fields,
    render_config,
)
from build_tools.model.site import SiteConfig
from build_tools.resources import PACKAGE, THEME

VERSION = "0.221.1"
VENDORED = PACKAGE / "cms" / "vendor" / f"sveltia-cms-{VERSION}"
IMMUTABLE = "5.1.9"  # the version the CMS imports (its package.json: immutable ^5.1.9)
VENDORED_IMMUTABLE = PACKAGE / "cms" / "vendor" / f"immutable-{IMMUTABLE}"
YAML_LIBRARY = PACKAGE / "cms" / "vendor" / "yaml-2.9.1"  # its browser build: our file format
CDN = "https://unpkg.com"
# Modules the CMS imports from the CDN → our copies under /admin/ (the page's import map).
# Immutable.js: the Decap-compatible API (event hooks, preview templates) needs it.
IMPORTS = {
    f"{CDN}/immutable@{IMMUTABLE}/dist/immutable.es.js": "./immutable/immutable.es.js",
}
UI_LOCALES = ("vi",)  # interface strings we ship (English is inside the script)
STATIC = PACKAGE / "cms" / "static"
ADMIN_DIR = "admin"  # under the site root: no language folder, so no offline bundle or search
# Copied into /admin/: the script, the chunk it loads for preview templates, the fonts its
# interface uses, and the licences. Not the source maps, not the configuration schema.
PUBLISHED = (
    "sveltia-cms.js",
    "chunks/react-dom.js",
    "LICENSE.txt",
    "fonts/source-sans-3-latin-wght-normal.woff2",
    "fonts/source-sans-3.LICENSE.txt",
    "fonts/noto-mono-latin-400-normal.woff2",
    "fonts/noto-mono.LICENSE.txt",
    "fonts/material-symbols-outlined-latin-wght-normal.woff2",
    "fonts/material-symbols-outlined.LICENSE.txt",
    *(f"locales/{code}.json" for code in UI_LOCALES),
)
# The CDN font files the script names → ours.
FONT_FILES = {
    "source-sans-3": "fonts/source-sans-3-latin-wght-normal.woff2",
    "noto-mono": "fonts/noto-mono-latin-400-normal.woff2",
    "material-symbols-outlined": "fonts/material-symbols-outlined-latin-wght-normal.woff2",
}
_FONT_STYLE = re.compile(
    r"\{hash:`(svelte-[a-z0-9]+)`,code:`((?:[^`\\$]|\\.)*?fontsource/fonts/(?:[^`\\$]|\\.)*?)`\}"
)
_CDN_FONT = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)[:@][^)\s]*")
# A record's page header in the preview shows these, after its name (see portal-cms.js).
FACTS = {
    "relic": ["address", "ward", "former.ward"],
    "product": ["producer.name", "producer.commune"],
    "event": ["start", "end"],
    "wifi": ["ssid"],
    "page": [],
}


class VendoredScriptChanged(RuntimeError):
    """The vendored CMS no longer matches what admin.py expects of it (after an update)."""


@dataclass(frozen=True)
class FontStyle:
    element_id: str  # the id Svelte looks for before injecting the component's own style
    css: str


def font_style(script: str) -> FontStyle:
    """The CMS's font rules with our copies of the fonts in place of the CDN's."""
    found = _FONT_STYLE.findall(script)
    if len(found) != 1:
        raise VendoredScriptChanged(f"expected one style naming CDN fonts, found {len(found)}")
    element_id, css = found[0]

    def local(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in FONT_FILES:
            raise VendoredScriptChanged(f"the CMS names a font we do not ship: {name}")
        return FONT_FILES[name]

    css = _CDN_FONT.sub(local, css)
    if "://" in css.replace("https://fontsource.org/fonts/", ""):  # comments name the CDN page
        raise VendoredScriptChanged("the CMS's font style still names another host")
    return FontStyle(element_id, css.strip() + "\n")


def _preview_styles(site_dir: Path, lang: str, target: Path) -> list[str]:
    """Stylesheets of the built site (Material's and ours), else our portal.css copied here."""
    sheets = site_dir / lang / "assets" / "stylesheets"
    found = sorted(sheets.glob("main.*.min.css")) + sorted(sheets.glob("portal.css"))
    if any(path.name == "portal.css" for path in found):
        return [f"../{path.relative_to(site_dir).as_posix()}" for path in found] + ["preview.css"]
    shutil.copyfile(THEME / "assets" / "stylesheets" / "portal.css", target / "portal.css")
    return ["portal.css", "preview.css"]


def defaults_of(fields: list[dict[str, Any]], prefix: str = "") -> dict[str, Any]:
    """Key path (list items as `*`) → the model's default, for fields the form pre-fills."""
    found: dict[str, Any] = {}
    for field in fields:
        path = f"{prefix}{field['name']}"
        if "default" in field:
            found[path] = field["default"]
        if field.get("widget") == "object" and "fields" in field:
            found.update(defaults_of(field["fields"], f"{path}."))
        elif field.get("widget") == "list" and "fields" in field:
            found.update(defaults_of(field["fields"], f"{path}.*."))
    return found


def _defaults(config: dict[str, Any]) -> dict[str, Any]:
    """Defaults of every collection; a path whose default differs between kinds is left out
    (the file format does not know a file's kind)."""
    merged: dict[str, Any] = {}
    clashes: set[str] = set()
    for collection in config["collections"]:
        for path, value in defaults_of(collection["fields"]).items():
            if path in merged and merged[path] != value:
                clashes.add(path)
            merged[path] = value
    return {path: value for path, value in merged.items() if path not in clashes}


def _settings(
    config: dict[str, Any], site: SiteConfig, styles: list[str], editor: EditorSettings
) -> dict[str, Any]:
    kinds = {}
    for collection in config["collections"]:
        names = {field["name"] for field in collection["fields"]}
        kinds[collection["name"]] = {
            "name": collection["name"],
            "label": collection["label_singular"],
            "title": collection["identifier_field"].split(".")[0],
            "summary": "summary" if "summary" in names else None,
            "body": next((n for n in ("description", "body") if n in names), None),
            "facts": [f for f in FACTS.get(collection["name"], []) if f.split(".")[0] in names],
        }
    return {
        "languages": list(site.codes),
        "styles": styles,
        "kinds": kinds,
        "apiOrigins": list(editor.api_origins),
        "cdnLocales": f"{CDN}/@sveltia/cms@{VERSION}/locales/",
        "locales": list(UI_LOCALES),
        "uiLocale": "vi" if site.default_language == "vi" else "en-US",
        "yamlModule": "./yaml/index.js",
        "defaults": _defaults(config),
        "lenient": sorted(lenient_fields(site)),
    }


def import_map() -> str:
    return json.dumps({"imports": IMPORTS}, indent=1, sort_keys=True)


def index_html(site: SiteConfig, settings: EditorSettings, fonts: FontStyle, data: str) -> str:
    imports = import_map()
    policy = admin_policy(settings.api_origins, [script_hash(imports)])
    title = html.escape(f"{site.site_name[site.default_language]} — biên tập")
    # A data block (never run, so the policy needs no hash) for our scripts; `</` escaped.
    data = data.replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="{html.escape(site.default_language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">
<meta name="referrer" content="{REFERRER}">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<script type="importmap">{imports}</script>
<link rel="cms-config-url" type="application/yaml" href="config.yml">
<link rel="stylesheet" id="{fonts.element_id}" href="sveltia-fonts.css">
<script type="application/json" id="portal-cms-settings">{data}</script>
</head>
<body>
<script src="portal-cms-offline.js"></script>
<script src="sveltia-cms.js"></script>
<script src="portal-cms.js"></script>
</body>
</html>
"""


def write_admin(site_dir: Path, site: SiteConfig, local: bool = False) -> Path:
    """Write site_dir/admin/ for `site`'s git host (or the browser-only test backend)."""
    target = site_dir / ADMIN_DIR
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PUBLISHED:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(VENDORED / name, target / name)
    fonts = font_style((VENDORED / "sveltia-cms.js").read_text(encoding="utf-8"))
    (target / "sveltia-fonts.css").write_text(fonts.css, encoding="utf-8")
    for name in ("portal-cms-offline.js", "portal-cms.js", "preview.css"):
        shutil.copyfile(STATIC / name, target / name)
    shutil.copytree(YAML_LIBRARY, target / "yaml")
    (target / "immutable").mkdir()
    for name in ("immutable.es.js", "LICENSE"):
        shutil.copyfile(VENDORED_IMMUTABLE / name, target / "immutable" / name)
    settings = editor_settings(site, local)
    config = cms_config(site, local)
    (target / "config.yml").write_text(render_config(config), encoding="utf-8")
    styles = _preview_styles(site_dir, site.default_language, target)
    data = json.dumps(_settings(config, site, styles, settings), ensure_ascii=False, sort_keys=True)
    (target / "index.html").write_text(index_html(site, settings, fonts, data), encoding="utf-8")
    return target


def wanted(site: SiteConfig, preview: bool) -> bool:
    """Publish an editor that can sign in: with a `cms:` section, or in a local preview."""
    return site.cms is not None or preview
