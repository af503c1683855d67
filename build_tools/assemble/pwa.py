"""Offline PWA: icons, web app manifest, offline pages, precache lists and the service worker.

Written after every other file, from the final bytes in the site folder, so revisions are
content hashes: a rebuild that changes nothing changes no revision and no byte of sw.js.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import jinja2
from PIL import Image

from build_tools.assemble.csp import protect
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
            home=_("Home"),
            relics=_("Relic sites"),
            map=_("Map"),
        )
        # Written after the site-wide pass of csp.protect_site: protected here.
        pages[f"offline/{lang}.html"] = protect(html, site.map.tiles)[0].encode()
    return pages


def revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _entries(site_dir: Path, paths: list[str]) -> list[list[str]]:
    return [[path, revision((site_dir / path).read_bytes())] for path in sorted(paths)]


def _urls(path: str) -> str:
    # Pages are requested as directories (…/relics/x/), not …/index.html.
    return path[: -len("index.html")] if path.endswith("index.html") else path


def bundle_paths(site_dir: Path, lang: str) -> list[str]:
    """One language's text pages, lists, search index, maps and the assets they use."""
    folder = site_dir / lang
    keep = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        inner = path.relative_to(folder).as_posix()
        if inner.endswith((".map", ".gz")) or inner == "404.html":
            continue
        if inner.startswith("assets/javascripts/lunr/"):
            name = path.name
            wanted = {f"lunr.{lang}.min.js", "lunr.stemmer.support.min.js", "lunr.multi.min.js"}
            if name not in wanted:
                continue
        keep.append(rel)
    keep += [
        p.relative_to(site_dir).as_posix()
        for p in (site_dir / "vendor").rglob("*")
        if p.is_file() and p.suffix in (".js", ".css", ".png")
    ]
    return keep


def write_pwa(root: Path, site_dir: Path, site: SiteConfig) -> dict[str, int]:
    """Write icons, manifest, offline pages, bundle lists and sw.js; return bytes per bundle."""
    extra = {
        **icons(root / CITY_LOGO),
        "manifest.webmanifest": manifest(site),
        **offline_pages(root, site),
    }
    for name, content in extra.items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    sizes = {}
    bundles = {}
    for lang in site.codes:
        paths = bundle_paths(site_dir, lang)
        entries = [[_urls(path), rev] for path, rev in _entries(site_dir, paths)]
        bundles[lang] = entries
        sizes[lang] = sum((site_dir / path).stat().st_size for path in paths)
        (site_dir / "pwa").mkdir(exist_ok=True)
        (site_dir / "pwa" / f"bundle-{lang}.json").write_text(
            json.dumps(entries, separators=(",", ":")) + "\n", encoding="utf-8"
        )

    shell_paths = ["index.html", "manifest.webmanifest", *sorted(extra)]
    shell_paths += [
        p.relative_to(site_dir).as_posix() for p in (site_dir / "q").rglob("index.html")
    ]
    shell = [[_urls(path), rev] for path, rev in _entries(site_dir, sorted(set(shell_paths)))]
    version = revision(json.dumps([shell, bundles], sort_keys=True).encode())
    worker = _ENV.get_template("sw.js.j2").render(
        version=version, shell=shell, langs=list(site.codes), default=site.default_language
    )
    (site_dir / "sw.js").write_text(worker, encoding="utf-8")
    sizes["shell"] = sum((site_dir / p).stat().st_size for p in shell_paths)
    return sizes
