"""The site root: a language chooser that also sends visitors to their language."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from build_tools.model.site import SiteConfig

_TEMPLATE = jinja2.Environment(
    loader=jinja2.PackageLoader("build_tools.render", "templates"), autoescape=True
).get_template("landing.html.j2")


def write_landing(site_dir: Path, site: SiteConfig) -> None:
    languages = [site.language(code) for code in site.codes]
    html = _TEMPLATE.render(
        site=site,
        languages=languages,
        names={
            code: site.site_name.get(code, site.site_name[site.default_language])
            for code in site.codes
        },
        codes_json=json.dumps(list(site.codes)),
        default=site.default_language,
    )
    (site_dir / "index.html").write_text(html, encoding="utf-8")
