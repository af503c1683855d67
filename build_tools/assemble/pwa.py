"""Offline PWA: icons, web app manifest, offline pages, the worker's download lists, sw.js.

Three lists, so a first visit stays small whatever the catalogue's size: the shell (sw.js,
cached on install), a language's core (pwa/core-<lang>.json, cached in the background on the
first visit to it: home, lists, map, search index, theme) and its bundle
(pwa/bundle-<lang>.json, every page, downloaded only when the visitor asks). Each entry is
[url, revision, bytes] (and the page a /q/ entry opens). Written after every other file,
from the final bytes, so revisions are content hashes: a rebuild that changes nothing
changes no revision and no byte of sw.js.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from PIL import Image

from build_tools.assemble.csp import protect
from build_tools.assemble.pwa_budget import FirstVisit as FirstVisit  # for scripts/bench
from build_tools.assemble.pwa_budget import first_visit_bytes as first_visit_bytes
from build_tools.model.site import SiteConfig
from build_tools.render.i18n import load_translations
from build_tools.resources import CITY_LOGO

THEME = "#8c1d18"
BACKGROUND = "#fff8e7"
ICONS = {  # file → (size, purpose)
    "icons/icon-192.png": (192, "any"),
    "icons/icon-512.png": (512, "any"),
    "icons/icon-512-maskable.png": (512, "maskable"),
    "icons/apple-touch-icon.png": (180, "apple"),
}
MASKABLE_SAFE_ZONE = 0.8  # the artwork fits the central circle of 80 % of the width
OFFLINE_SCRIPT = "offline/offline.js"
STAFF = "staff/"  # pages for culture staff: never cached for visitors
OPEN_DATA = "open-data/"  # reusers download it; a visitor's phone does not need it
VENDOR_SUFFIXES = (".js", ".css", ".png", ".svg")

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("build_tools.render", "templates"), autoescape=True
)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _plain_mark() -> Image.Image:
    """A stand-in mark for a city that has not added its logo yet."""
    from PIL import ImageDraw

    mark = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
    ImageDraw.Draw(mark).ellipse([0, 0, 511, 511], fill=THEME)
    return mark


def icons(source: Path) -> dict[str, bytes]:
    """Every icon from one source image (transparent PNG, square)."""
    logo = Image.open(source).convert("RGBA") if source.is_file() else _plain_mark()
    files = {}
    for name, (size, purpose) in ICONS.items():
        if purpose == "any":
            files[name] = _png(logo.resize((size, size), Image.Resampling.LANCZOS))
            continue
        # Maskable and Apple icons are cropped by the system: full-bleed background and the
        # artwork inside the safe zone (a circle of 80 % of the width).
        canvas = Image.new("RGBA", (size, size), BACKGROUND)
        inner = (
            round(size * MASKABLE_SAFE_ZONE * 0.7071)
            if purpose == "maskable"
            else round(size * 0.84)
        )
        art = logo.resize((inner, inner), Image.Resampling.LANCZOS)
        canvas.alpha_composite(art, ((size - inner) // 2, (size - inner) // 2))
        files[name] = _png(canvas.convert("RGB"))
    return files


def manifest(site: SiteConfig) -> bytes:
    default = site.default_language
    name = site.site_name[default]
    data: dict[str, Any] = {
        "id": "./",
        "name": name,
        "short_name": site.short_name or name[:12],
        "description": site.city[default],
        "lang": default,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": BACKGROUND,
        "icons": [
            {"src": file, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
            for file, (size, purpose) in ICONS.items()
            if purpose != "apple"
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def offline_pages(root: Path, site: SiteConfig) -> dict[str, bytes]:
    pages = {}
    for lang in site.codes:
        _ = load_translations(root, lang).ugettext
        html = _ENV.get_template("offline.html.j2").render(
            lang=lang,
            title=_("You are offline"),
            body=_(
                "This page has not been saved on this phone yet. The pages you opened "
                "before, and the guide in the languages you used, still work."
            ),
            more=_(
                "To read every page without a connection, open the list of relic sites "
                "when you are online again and press “Save for offline”."
            ),
            home=_("Home"),
            relics=_("Relic sites"),
            map=_("Map"),
        )
        # Written after the site-wide pass of csp.protect_site: protected here.
        pages[f"offline/{lang}.html"] = protect(html, site.map.tiles)[0].encode()
    # Served by the worker for any page it lacks, under that page's address: the worker
    # gives it a <base> in offline/, so this one script serves every language.
    pages[OFFLINE_SCRIPT] = _ENV.get_template("offline.js.j2").render().encode()
    return pages


def revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Entry:
    """One file the worker may download: its URL (relative to the site root, directories
    end in /), the hash of its bytes, its size, and for a /q/ page the page it opens."""

    url: str
    revision: str
    size: int
    opens: str | None = None

    def row(self) -> list[str | int]:
        return [self.url, self.revision, self.size, *([self.opens] if self.opens else [])]


def url_of(path: str) -> str:
    # Pages are requested as directories (…/relics/x/), not …/index.html.
    return path[: -len("index.html")] if path.endswith("index.html") else path


def _entries(
    site_dir: Path,
    paths: Iterable[str],
    opens: Mapping[str, str] | None = None,
    known: dict[str, tuple[str, int]] | None = None,
) -> list[Entry]:
    """List entries of `paths`; `known` keeps each file's revision and size across lists
    (the vendored files and /q/ pages are in every language's)."""
    out = []
    opens = opens or {}
    known = {} if known is None else known
    for path in sorted(set(paths)):
        if path not in known:
            data = (site_dir / path).read_bytes()
            known[path] = (revision(data), len(data))
        out.append(Entry(url_of(path), *known[path], opens.get(path)))
    return out


def _language_files(site_dir: Path, lang: str) -> list[str]:
    """Files of one language a visitor may keep: no staff pages, source maps, sitemaps, 404,
    nor the lunr files of other languages."""
    base = site_dir / lang
    wanted_lunr = {f"lunr.{lang}.min.js", "lunr.stemmer.support.min.js", "lunr.multi.min.js"}
    keep = []
    for folder, dirs, files in os.walk(base):
        inner = Path(folder).relative_to(base).as_posix()
        prefix = "" if inner == "." else f"{inner}/"
        if prefix.startswith(STAFF):
            dirs.clear()
            continue
        for name in files:
            if name.endswith((".map", ".gz")) or (not prefix and name.startswith("sitemap")):
                continue
            if prefix.startswith("assets/javascripts/lunr/") and name not in wanted_lunr:
                continue
            if prefix or name != "404.html":
                keep.append(f"{lang}/{prefix}{name}")
    return sorted(keep)


def _lists_of(site_dir: Path, sections: set[str], path: str) -> str:
    """ "record" for a page under a section that has its own list page (relics/<id>/…, and
    the later pages of a list, relics/page/2/: saved with the language, not on a first
    visit), "open-data" for the reusers' page, else "core" (a list's first page and its
    list.json, which the phone filters offline)."""
    parts = path.split("/")  # <lang>/<section>/<id>/index.html
    if len(parts) >= 4 and parts[-1] == "index.html" and parts[1] in sections:
        return "record"
    return "open-data" if path.startswith(f"{parts[0]}/{OPEN_DATA}") else "core"


def _sections(site_dir: Path, lang: str) -> set[str]:
    return {d.name for d in (site_dir / lang).iterdir() if (d / "index.html").is_file()}


def is_record_page(site_dir: Path, path: str) -> bool:
    """A page under a section that has its own list page: relics/<id>/, events/<id>/…"""
    sections = _sections(site_dir, path.split("/")[0])
    return _lists_of(site_dir, sections, path) == "record"


# Our pages load vendored files by relative URLs: …/vendor/<package>/<file>, the value
# quoted or not (minified pages drop the quotes where HTML allows).
_VENDOR_REFERENCE = re.compile(rb"""(?:src|href)\s*=\s*["']?(?:\.\./)*vendor/([^/"'#?]+)/""")


def _vendor_files(site_dir: Path, pages: Iterable[str]) -> list[str]:
    """Every file of the vendored packages (Leaflet…) that these pages load from."""
    packages = set()
    for page in pages:
        if page.endswith(".html"):
            data = (site_dir / page).read_bytes()
            if b"vendor/" in data:
                packages |= {name.decode() for name in _VENDOR_REFERENCE.findall(data)}
    return [
        p.relative_to(site_dir).as_posix()
        for package in sorted(packages)
        for p in sorted((site_dir / "vendor" / package).rglob("*"))
        if p.is_file() and p.suffix in VENDOR_SUFFIXES
    ]


def language_lists(site_dir: Path, lang: str) -> tuple[list[str], list[str]]:
    """The core and the bundle of one language, as files relative to site_dir.

    The core is what the first visit to a language caches in the background: its home,
    lists, map, free pages, search index and the theme and map files; no record page, no
    open data. The bundle is everything a visitor can save: every page but staff ones."""
    files = _language_files(site_dir, lang)
    sections = _sections(site_dir, lang)
    core = [path for path in files if _lists_of(site_dir, sections, path) == "core"]
    bundle = sorted(set(files + _vendor_files(site_dir, files)))
    return core + _vendor_files(site_dir, core), bundle


def core_paths(site_dir: Path, lang: str) -> list[str]:
    return language_lists(site_dir, lang)[0]


def bundle_paths(site_dir: Path, lang: str) -> list[str]:
    return language_lists(site_dir, lang)[1]


def shell_paths(site_dir: Path, extra: Iterable[str]) -> list[str]:
    """Cached when the worker installs: the language chooser, manifest, icons, offline pages.
    No /q/ page: one is cached when visited, or with the records a visitor saves."""
    return sorted({"index.html", *extra})


def _write_list(site_dir: Path, name: str, entries: list[Entry]) -> None:
    (site_dir / "pwa").mkdir(exist_ok=True)
    rows = ",\n".join(json.dumps(entry.row(), ensure_ascii=False) for entry in entries)
    (site_dir / "pwa" / name).write_text(f"[\n{rows}\n]\n", encoding="utf-8")


def write_pwa(
    root: Path, site_dir: Path, site: SiteConfig, short_links: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Write icons, manifest, offline pages, the download lists and sw.js; return bytes per
    language bundle, per language core (`core-<lang>`) and of the shell.

    `short_links` maps each /q/ code to the page it opens, relative to a language root: a
    saved record takes its /q/ page along, so its board still works offline.
    """
    extra = {
        **icons(root / CITY_LOGO),
        "manifest.webmanifest": manifest(site),
        **offline_pages(root, site),
    }
    for name, content in extra.items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    shell = _entries(site_dir, shell_paths(site_dir, extra))
    _write_list(site_dir, "shell.json", shell)
    codes = dict(short_links or {})
    q_pages = sorted(
        p.relative_to(site_dir).as_posix() for p in (site_dir / "q").glob("*/index.html")
    )
    sizes: dict[str, int] = {}
    cores: dict[str, list[Entry]] = {}
    bundles: dict[str, list[Entry]] = {}
    known: dict[str, tuple[str, int]] = {}
    for lang in site.codes:
        core, bundle = language_lists(site_dir, lang)
        cores[lang] = _entries(site_dir, core, known=known)
        opens = {
            page: f"{lang}/{codes[page.split('/')[1]]}"
            for page in q_pages
            if page.split("/")[1] in codes
        }
        bundles[lang] = _entries(site_dir, bundle + q_pages, opens, known)
        _write_list(site_dir, f"core-{lang}.json", cores[lang])
        _write_list(site_dir, f"bundle-{lang}.json", bundles[lang])
        sizes[lang] = sum(entry.size for entry in bundles[lang])
        sizes[f"core-{lang}"] = sum(entry.size for entry in cores[lang])
    sizes["shell"] = sum(entry.size for entry in shell)

    lists = [[e.row() for e in shell], {k: [e.row() for e in v] for k, v in cores.items()}]
    lists.append({k: [e.row() for e in v] for k, v in bundles.items()})
    worker = _ENV.get_template("sw.js.j2").render(
        version=revision(json.dumps(lists, sort_keys=True).encode()),
        shell=[e.row() for e in shell],
        bundle_sizes={lang: [len(bundles[lang]), sizes[lang]] for lang in site.codes},
        langs=list(site.codes),
        default=site.default_language,
    )
    (site_dir / "sw.js").write_text(worker, encoding="utf-8")
    return sizes
