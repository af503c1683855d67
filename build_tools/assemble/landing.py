"""Pages that choose a language: the site root, and /q/<code>/ behind every QR code."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from build_tools.assets import qr
from build_tools.assets.wifi_payload import join_payload
from build_tools.model.catalog import Catalog
from build_tools.model.codes import ShortLink, short_links
from build_tools.model.site import SiteConfig

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("build_tools.render", "templates"), autoescape=True
)


def _common(site: SiteConfig) -> dict[str, Any]:
    return {
        "site": site,
        "languages": [site.language(code) for code in site.codes],
        "codes_json": json.dumps(list(site.codes)),
        "default": site.default_language,
    }


def _localized(value: dict[str, str], site: SiteConfig) -> dict[str, str]:
    return {code: value.get(code, value[site.default_language]) for code in site.codes}


def write_landing(site_dir: Path, site: SiteConfig) -> None:
    html = _ENV.get_template("landing.html.j2").render(
        **_common(site), names=_localized(site.site_name, site), prefix="", target=""
    )
    (site_dir / "index.html").write_text(html, encoding="utf-8")


def target_of(link: ShortLink) -> str:
    """The page a code opens, relative to a language root."""
    record = link.record
    if link.kind == "wifi":
        return f"relics/{record.serves.relic}/" if record.serves.relic else "wifi/"
    return {"relic": "relics", "event": "events", "product": "products"}[link.kind] + (
        f"/{record.id}/"
    )


def short_url(site: SiteConfig, code: str) -> str:
    return f"{site.base_url}q/{code}/"


def write_short_links(
    site_dir: Path, catalog: Catalog, cache: Path, only: set[str] | None = None
) -> list[ShortLink]:
    """/q/<code>/index.html and qr.svg for every code (or the codes in `only`); wifi.svg
    when the password may be published (or the network is open)."""
    site = catalog.site
    links = short_links(catalog)
    for link in links:
        if only is not None and link.code not in only:
            continue
        folder = site_dir / "q" / link.code
        if only is not None:
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        html = _ENV.get_template("shortlink.html.j2").render(
            **_common(site),
            titles=_localized(link.record.name, site),
            prefix="../../",
            target=target_of(link),
        )
        (folder / "index.html").write_text(html, encoding="utf-8")
        url = short_url(site, link.code)
        # One format serves screens and print at any size; boards are drawn by signage.
        (folder / "qr.svg").write_bytes(qr.cached_svg(url, cache))
        if link.kind == "wifi":
            payload = join_payload(link.record)
            if payload is not None:
                (folder / "wifi.svg").write_bytes(qr.cached_svg(payload, cache))
    return links


def not_found_texts(_: Callable[[str], str], name: str) -> dict[str, str]:
    """The words of the root 404 page in one language."""
    return {
        "title": _("Page not found"),
        "body": _("This page does not exist or has moved. Try one of these:"),
        "home": name,
        "relics": _("Relic sites"),
        "map": _("Map"),
    }


def write_not_found(site_dir: Path, site: SiteConfig, root: Path) -> None:
    """/404.html: GitHub Pages serves it for any missing path, in the visitor's language."""
    from build_tools.render.i18n import load_translations

    names = _localized(site.site_name, site)
    texts = {
        code: not_found_texts(load_translations(root, code).ugettext, names[code])
        for code in site.codes
    }
    prefix = urlsplit(site.base_url).path or "/"
    html = _ENV.get_template("notfound.html.j2").render(
        **_common(site), names=names, texts=texts, prefix=prefix
    )
    (site_dir / "404.html").write_text(html, encoding="utf-8")
