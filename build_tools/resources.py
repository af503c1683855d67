"""Where things live: what the tool ships (package data) and what a city root may add.

The package ships everything a city should not have to copy: the Material theme overrides
and our assets, vendored JS/CSS, board fonts, interface catalogs and the base MkDocs
settings. A city root holds only its data and choices; each optional file below is merged
over ours (a city's override of one template or one translation wins, the rest is ours).
"""

from __future__ import annotations

import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

# Shipped with the tool.
THEME = PACKAGE / "theme"  # Material `custom_dir`: main.html, partials/, assets/
VENDOR = PACKAGE / "vendor"  # Leaflet and markercluster, published under /vendor/
FONTS = PACKAGE / "fonts"  # Noto fonts for printed boards (OFL)
LOCALES = PACKAGE / "locales"  # interface catalogs, <lang>/LC_MESSAGES/messages.po
MKDOCS_BASE = PACKAGE / "mkdocs_base.yml"
BABEL_CFG = PACKAGE / "babel.cfg"

# Optional in a city root, relative to it.
SITE_FILE = "site_config/site.yaml"
CITY_OVERRIDES = "site_config/overrides"  # templates/assets at the same path as ours
CITY_LOCALES = "site_config/locales"  # extra languages, corrected strings
CITY_LOGO = "site_config/icons/logo.png"  # boards and app icons; a plain mark otherwise
CITY_MKDOCS = "mkdocs.yml"  # extra MkDocs settings (markdown extensions, extra…)


def merged_theme(root: Path, target: Path) -> Path:
    """Our theme with the city's overrides copied over it, file by file, into `target`.

    A city that overrides `main.html` keeps working when the tool adds a partial: what it
    does not override comes from the tool, as with Material's own `custom_dir`.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(THEME, target)
    overrides = root / CITY_OVERRIDES
    if overrides.is_dir():
        shutil.copytree(overrides, target, dirs_exist_ok=True)
    return target
