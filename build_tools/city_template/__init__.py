"""`portal init`: a new city root, from the templates beside this file, that checks and builds.

Nothing here knows a particular city: the name, languages and address come from the command
line; texts exist only in the languages we can write correctly (see ABOUT_TITLES), the other
languages fall back at build time until the city's editors add theirs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
import yaml

from build_tools.model.kinds import KINDS
from build_tools.model.schema import SCHEMA_DIR, schemas

TEMPLATES = Path(__file__).resolve().parent
TOOL = "heritage-portal"  # the distribution a city's CI installs
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z]{2,4})?")

# The about page's title and id, in the languages its text is written in; the default
# language of a new city must be one of them, since every text needs the default version.
ABOUT_TITLES = {"vi": "Giới thiệu", "en": "About", "fr": "À propos"}
ABOUT_IDS = {"vi": "gioi-thieu", "en": "about", "fr": "a-propos"}
SITE_NAMES = {"vi": "Di sản {city}", "en": "{city} Heritage", "fr": "Patrimoine de {city}"}
EXAMPLE_BASE_URL = "https://heritage.example.org/"

# Where a city's CI runs (`portal init --ci`) and where it publishes (`--host`): GitHub or
# GitLab Pages, or S3-compatible object storage behind a CDN for catalogues past a Pages limit.
CI_SYSTEMS = {"github": ".github/workflows/publish.yml", "gitlab": ".gitlab-ci.yml"}
HOSTS = ("pages", "s3")
CI_TEMPLATES = {"github": "publish.yml.j2", "gitlab": "gitlab-ci.yml.j2"}
UPLOAD_SCRIPT = "upload-site.sh.j2"  # shared by both CI systems; not a Jinja template

# Turns the record problems that `portal check` and `portal build` print
# (`path:line: [warning:] field: message — fix`) into annotations on the file's line of a
# pull request (GitHub Actions problem matcher); only paths of the city's data folders, so no
# other tool's output is mistaken for one.
PROBLEM_MATCHER: dict[str, Any] = {
    "problemMatcher": [
        {
            "owner": "portal",
            "pattern": [
                {
                    "regexp": r"^((?:heritage|content|site_config|translations)/[^:]+):(\d+): "
                    r"(?:(warning): )?(.+)$",
                    "file": 1,
                    "line": 2,
                    "severity": 3,
                    "message": 4,
                }
            ],
        }
    ]
}

# Typed by mistake for a language code (country codes, mostly).
CODE_HINTS = {"vn": "vi", "kh": "km", "cn": "zh", "kr": "ko", "jp": "ja", "la": "lo"}

# Record folders that start empty; content/pages/ holds the about page.
EMPTY_FOLDERS = (
    "heritage/relics",
    "heritage/media",
    "content/products",
    "content/events",
    "content/wifi",
    "content/media",
)


class InitError(Exception):
    """A reason not to write the city root; nothing was written."""


@dataclass(frozen=True)
class NewLanguage:
    code: str
    name: str  # the language's own name for itself, from Babel's CLDR data


def parse_languages(text: str) -> tuple[NewLanguage, ...]:
    """`vi,en,km` → languages with their own names; an unknown code is an InitError."""
    from babel import Locale, UnknownLocaleError

    codes = [part.strip() for part in text.split(",") if part.strip()]
    if not codes:
        raise InitError('give at least one language code, e.g. --languages "vi,en"')
    result: list[NewLanguage] = []
    for code in codes:
        hint = CODE_HINTS.get(code.lower())
        fix = f"write {hint}" if hint else "write ISO 639-1 codes like vi, en, fr, zh, ko, km"
        if not LANGUAGE_CODE.fullmatch(code):
            raise InitError(f'"{code}" is not a language code; {fix}')
        try:
            locale = Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            raise InitError(f'"{code}" is not a language code; {fix}') from None
        if any(language.code == code for language in result):
            raise InitError(f"{code} is listed twice in --languages; list each code once")
        own = locale.get_display_name(locale) or code
        result.append(NewLanguage(code, own[:1].upper() + own[1:]))
    default = result[0].code
    if default not in ABOUT_TITLES:
        written = ", ".join(ABOUT_TITLES)
        others = ",".join(language.code for language in result)
        raise InitError(
            f"the first language ({default}) is the default, and every text needs its "
            f"version; the new city's pages are written in {written} only — put one of them "
            f'first, e.g. --languages "vi,{others}"'
        )
    return tuple(result)


def tool_requirement() -> str:
    """What a city's CI installs: the tool at the tag of the version running now."""
    try:
        meta = metadata.metadata(TOOL)
    except metadata.PackageNotFoundError:
        raise InitError(f"the {TOOL} package is not installed; run `pip install -e .`") from None
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip()] = url.strip()
    source = urls.get("Source")
    if not source:
        raise InitError(f"the {TOOL} package metadata has no Source URL")
    return f"{TOOL} @ git+{source}@v{meta['Version']}"


def _yaml_scalar(text: str) -> str:
    """A YAML scalar for `text`, quoted when needed."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000)
    return dumped.strip().removesuffix("...").strip()


def _environment() -> jinja2.Environment:
    # Square-bracket delimiters: the workflow is full of GitHub's own `${{ … }}`.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # YAML and Markdown; values go in through the `yaml` filter
    )
    env.filters["yaml"] = _yaml_scalar
    return env


def upload_script() -> str:
    """The shell script both CI systems run to upload a site to object storage (`--host s3`)."""
    return (TEMPLATES / UPLOAD_SCRIPT).read_text(encoding="utf-8").rstrip("\n")


def vscode_settings() -> str:
    """VS Code's YAML extension validates every record file, with or without its header."""
    mapping = {
        f"./{SCHEMA_DIR}/{kind.schema_file}": [f"{kind.folder}/*.yaml", f"{kind.folder}/*.yml"]
        for kind in KINDS
    }
    mapping[f"./{SCHEMA_DIR}/site.schema.json"] = ["site_config/site.yaml"]
    settings = {
        "yaml.schemas": mapping,
        "files.encoding": "utf8",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def city_files(
    city: str,
    languages: tuple[NewLanguage, ...],
    base_url: str | None,
    ci: str = "github",
    host: str = "pages",
) -> dict[str, str]:
    """Relative path → text of every file `portal init` writes (schemas aside)."""
    if ci not in CI_SYSTEMS:
        raise InitError(f"--ci {ci}: write one of {', '.join(CI_SYSTEMS)}")
    if host not in HOSTS:
        raise InitError(f"--host {host}: write one of {', '.join(HOSTS)}")
    city = city.strip()
    if not city or "\n" in city or "\r" in city:
        raise InitError('give the city\'s name on one line, e.g. --city "Hòa Thành"')
    default = languages[0].code
    url = base_url.strip() if base_url else EXAMPLE_BASE_URL
    if not url.endswith("/"):
        url += "/"
    codes = [language.code for language in languages]
    context = {
        "city": city,
        "default": default,
        "languages": languages,
        "others": languages[1:],
        "site_name": SITE_NAMES[default].format(city=city),
        "base_url": url,
        "example_base_url": base_url is None,
        "about_id": ABOUT_IDS[default],
        # The about page's texts: only languages of this site that we write correctly.
        "about": [code for code in codes if code in ABOUT_TITLES],
        "about_titles": ABOUT_TITLES,
        "tool_requirement": tool_requirement(),
        "record_kinds": KINDS,
        "ci": ci,
        "ci_name": "GitLab" if ci == "gitlab" else "GitHub",
        "host": host,
        "workflow_file": CI_SYSTEMS[ci],
        "upload_script": upload_script(),
        "problem_matcher": json.dumps(PROBLEM_MATCHER),
    }
    env = _environment()
    files = {
        "README.md": "README.md.j2",
        "site_config/site.yaml": "site.yaml.j2",
        f"content/pages/{ABOUT_IDS[default]}.yaml": "about.yaml.j2",
        CI_SYSTEMS[ci]: CI_TEMPLATES[ci],
        ".gitignore": "gitignore.j2",
    }
    result = {rel: env.get_template(name).render(context) for rel, name in files.items()}
    result[".vscode/settings.json"] = vscode_settings()
    result[".vscode/extensions.json"] = '{\n  "recommendations": ["redhat.vscode-yaml"]\n}\n'
    for folder in EMPTY_FOLDERS:
        result[f"{folder}/.gitkeep"] = ""
    return result


def _check_as_written(files: dict[str, str]) -> None:
    """What `portal check` would say of the new city; a city name or address it refuses is
    reported now, before anything is written."""
    import tempfile

    from build_tools.load.issues import ContentError
    from build_tools.load.project import load_catalog

    with tempfile.TemporaryDirectory() as scratch:
        for rel, text in files.items():
            path = Path(scratch) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        try:
            load_catalog(Path(scratch))
        except ContentError as error:
            found = "\n".join(f"  {issue}" for issue in error.issues)
            raise InitError(f"the new city would not pass `portal check`:\n{found}") from None


def write_city(
    root: Path,
    city: str,
    languages: tuple[NewLanguage, ...],
    base_url: str | None,
    ci: str = "github",
    host: str = "pages",
) -> list[Path]:
    """Write a new city root into `root`; never overwrites: any existing target is an error."""
    from build_tools.model.schema import write_schemas

    files = city_files(city, languages, base_url, ci, host)
    _check_as_written(files)
    targets = [*files, *(f"{SCHEMA_DIR}/{name}" for name in schemas())]
    if root.exists() and not root.is_dir():
        raise InitError(f"{root} is a file, not a folder")
    existing = [rel for rel in targets if (root / rel).exists() or (root / rel).is_symlink()]
    if existing:
        listed = "\n".join(f"  {rel}" for rel in sorted(existing))
        raise InitError(
            f"{root} already holds files that init would write; nothing was changed:\n{listed}\n"
            "Choose an empty folder, or move these files away first."
        )
    written: list[Path] = []
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # "\n" line ends on every system
        written.append(path)
    written.extend(write_schemas(root))
    return sorted(written)
