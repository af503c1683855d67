"""One mkdocs-material build per language, from a configuration that inherits mkdocs.yml."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools.model.site import SiteConfig


@dataclass(frozen=True)
class LanguageBuild:
    lang: str
    config_file: Path
    site_dir: Path


class MkDocsError(Exception):
    """MkDocs refused a language build; `output` keeps everything it printed (see --debug)."""

    def __init__(self, lang: str, output: str) -> None:
        super().__init__(f"the {lang} build failed:\n{summarize(output)}")
        self.lang = lang
        self.output = output


def summarize(output: str) -> str:
    """MkDocs' warnings and errors, or the last line of a crash, without the traceback."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip() for line in output.splitlines()]
    wanted = [line for line in lines if re.match(r"^(WARNING|ERROR|Aborted)", line)]
    if "Traceback (most recent call last):" in output:
        wanted.append(next(line for line in reversed(lines) if line.strip()))
    return "\n".join(wanted) or "\n".join(lines[-5:])


def language_config(
    root: Path,
    site: SiteConfig,
    lang: str,
    docs_dir: Path,
    site_dir: Path,
    nav: list[Any],
    strings: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What each language adds to the base mkdocs.yml."""
    language = site.language(lang)
    return {
        "INHERIT": str((root / "mkdocs.yml").resolve()),
        # Material prints site_name without escaping.
        "site_name": html.escape(site.site_name.get(lang, site.site_name[site.default_language])),
        "site_url": f"{site.base_url}{lang}/",
        "docs_dir": str(docs_dir.resolve()),
        "site_dir": str(site_dir.resolve()),
        "nav": nav,
        "plugins": [{"search": search_settings(language.material)}],
        "theme": {
            "custom_dir": str((root / "site_config" / "overrides").resolve()),
            "language": language.material,
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
            "portal": {"default_language": site.default_language, "strings": strings or {}},
        },
    }


def search_settings(lang: str) -> dict[str, Any]:
    """Material's search for one language; Chinese text is segmented with jieba at build
    time and joined with zero-width spaces, which the separator must then split on."""
    settings: dict[str, Any] = {"lang": [lang]}
    if lang.startswith("zh"):
        settings["separator"] = r"[\s\u200b\-]"
    return settings


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Written by `portal build`; do not edit.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=True),
        encoding="utf-8",
    )


def run_builds(builds: list[LanguageBuild], jobs: int) -> None:
    """Run the builds in parallel, each in its own process (MkDocs keeps global state)."""

    def one(build: LanguageBuild) -> tuple[str, int, str]:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                # Not --quiet: it hides the warnings that --strict would turn into failures.
                "--strict",
                "--config-file",
                str(build.config_file),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        return build.lang, result.returncode, (result.stdout + result.stderr).strip()

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(one, builds))
    for lang, code, output in results:
        if code != 0:
            raise MkDocsError(lang, output)
