"""One mkdocs-material build per language, from a configuration that inherits mkdocs.yml."""

from __future__ import annotations

import html
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import yaml

from build_tools.model.site import SiteConfig
from build_tools.resources import MKDOCS_BASE, merged_theme


class MkDocsError(Exception):
    """MkDocs refused a language build; `output` keeps everything it printed (see --debug)."""

    def __init__(self, lang: str, output: str) -> None:
        super().__init__(f"the {lang} build failed:\n{summarize(output)}")
        self.lang = lang
        self.output = output


def summarize(output: str) -> str:
    """MkDocs' warnings and errors, or the last line of a crash, without the traceback."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip() for line in output.splitlines()]
    wanted: list[str] = []
    keeping = False
    for line in lines:
        if re.match(r"^(WARNING|ERROR|Aborted)", line):
            keeping = True
        elif not (keeping and line.startswith((" ", "\t"))):  # a kept message's next lines
            keeping = False
        if keeping:
            wanted.append(line)
    if "Traceback (most recent call last):" in output:
        wanted.append(next(line for line in reversed(lines) if line.strip()))
    return "\n".join(wanted) or "\n".join(lines[-5:])


def _material_templates() -> Path:
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None, "mkdocs-material is not installed"
    return Path(spec.origin).resolve().parent / "templates"


MATERIAL = _material_templates()
LUNR = MATERIAL / "assets" / "javascripts" / "lunr" / "min"


def material_has(lang: str) -> bool:
    """Whether Material ships the interface strings of `lang`."""
    return (MATERIAL / "partials" / "languages" / f"{lang}.html").is_file()


def base_settings(root: Path) -> dict[str, Any]:
    """The tool's base MkDocs settings with the city's optional mkdocs.yml merged over them."""
    from build_tools.load.city_mkdocs import read_city_mkdocs

    settings: dict[str, Any] = yaml.safe_load(MKDOCS_BASE.read_text("utf-8"))
    # Only what a city may change (load/city_mkdocs.py; `portal check` reports the rest).
    allowed, _refused = read_city_mkdocs(root)
    return deep_merge(settings, allowed)


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`extra` over `base`: mappings merged key by key, anything else replaced."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def write_language_partials(theme: Path, site: SiteConfig) -> None:
    """Material's interface strings for each language it lacks (Khmer, Lao…): its own code
    in `<html lang>` and the text direction, every other string from the language's
    configured fallback that Material has (English at worst)."""
    from babel import Locale

    folder = theme / "partials" / "languages"
    for language in site.languages:
        if material_has(language.code):
            continue
        chain = (language.theme_language or "en", *site.fallbacks(language.code), "en")
        source = next((code for code in chain if material_has(code)), "en")
        # Babel says "ltr" or "rtl" (its `character_order`, "left-to-right", contains "right").
        direction = Locale.parse(language.code.replace("-", "_")).text_direction
        folder.mkdir(parents=True, exist_ok=True)
        overrides = json.dumps({"language": language.code, "direction": direction})
        (folder / f"{language.code}.html").write_text(
            "{#- Written by `portal build` for a language Material lacks. -#}\n"
            f'{{% import "partials/languages/{source}.html" as source %}}\n'
            "{% macro t(key) %}{{ "
            f"{overrides}.get(key) or source.t(key)"
            " }}{% endmacro %}\n",
            encoding="utf-8",
        )


def language_config(
    root: Path,
    site: SiteConfig,
    lang: str,
    docs_dir: Path,
    site_dir: Path,
    nav: list[Any],
    theme_dir: Path | None = None,
) -> dict[str, Any]:
    """One language's complete MkDocs settings: the base ones and what the language adds."""
    language = site.language(lang)
    own = {
        # Material prints site_name without escaping.
        "site_name": html.escape(site.site_name.get(lang, site.site_name[site.default_language])),
        "site_url": f"{site.base_url}{lang}/",
        "docs_dir": str(docs_dir.resolve()),
        "site_dir": str(site_dir.resolve()),
        "nav": nav,
        "plugins": [{"search": search_settings(language.code)}],
        "theme": {
            "custom_dir": str(theme_dir or merged_theme(root, docs_dir.parent / "theme")),
            "language": language.code,
        },
        "extra": {
            # `alternate: true` makes Material show the switcher (our partials/alternate.html)
            # without its own head links and sitemap lookups, which send visitors to the
            # other language's home page whenever the site is not served at site_url.
            "alternate": True,
            "portal_languages": [
                {"name": other.name, "lang": other.code}
                for other in (site.language(code) for code in site.codes)
            ],
            "portal": {"default_language": site.default_language},
        },
    }
    return deep_merge(base_settings(root), own)


def search_settings(lang: str) -> dict[str, Any]:
    """Material's search for one language. Chinese words are joined by zero-width spaces
    (assemble/search.py segments them with jieba after the build, for Chinese only), which
    the separator must then split on. A language lunr has no support for (Khmer, Lao) is
    split on spaces, like English."""
    from build_tools.assemble.search import segments_words

    supported = lang == "en" or (LUNR / f"lunr.{lang}.min.js").is_file()
    settings: dict[str, Any] = {"lang": [lang if supported else "en"]}
    if segments_words(lang):
        settings["separator"] = r"[\s\u200b\-]"
    return settings


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Written by `portal build`; do not edit.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=True),
        encoding="utf-8",
    )
