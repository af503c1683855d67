"""The editor's configuration (admin/config.yml): one folder collection per record kind."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, get_type_hints

import yaml
from pydantic import TypeAdapter, ValidationError

from build_tools.cms.fields import Field, FieldMaker, Languages
from build_tools.model.fields import SLUG_PATTERN
from build_tools.model.kinds import KINDS, Kind
from build_tools.model.site import SiteConfig

# Kind → (plural, singular) in Vietnamese and English, and a Material Symbols icon.
COLLECTIONS: Mapping[str, tuple[tuple[str, str], tuple[str, str], str]] = {
    "relic": (("Di tích", "Di tích"), ("Relic sites", "Relic site"), "temple_buddhist"),
    "product": (("Sản phẩm OCOP", "Sản phẩm"), ("OCOP products", "Product"), "storefront"),
    "event": (("Sự kiện", "Sự kiện"), ("Events", "Event"), "event"),
    "wifi": (("Điểm wifi", "Điểm wifi"), ("Wifi points", "Wifi point"), "wifi"),
    "page": (("Trang thông tin", "Trang"), ("Pages", "Page"), "article"),
}
# Where a record is published, under a language folder (see render/pages.py).
PREVIEW_PATHS: Mapping[str, str] = {
    "relic": "relics/{{slug}}/",
    "product": "products/{{slug}}/",
    "event": "events/{{slug}}/",
    "wifi": "wifi/",  # wifi points have no page of their own: their list
    "page": "info/{{slug}}/",
}
SLUG_MAX = 80  # fields.Slug
# Sveltia's Editorial Workflow (draft → in review → ready, one pull/merge request per entry)
# exists for these hosts only; on Forgejo/Gitea the editor commits to its branch.
REVIEW_HOSTS = ("github", "gitlab")
LOCAL_BACKEND = "test-repo"


@dataclass(frozen=True)
class EditorSettings:
    """What the admin page needs besides the collections: backend and its API origins."""

    backend: dict[str, Any]
    api_origins: tuple[str, ...]  # what the page's connect-src must allow

    @property
    def local(self) -> bool:
        return bool(self.backend["name"] == LOCAL_BACKEND)


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def editor_settings(site: SiteConfig, local: bool = False) -> EditorSettings:
    """The backend of site.yaml's `cms:` section, or the browser-only test backend."""
    settings = site.cms
    if local or settings is None:
        return EditorSettings({"name": LOCAL_BACKEND}, ())
    backend: dict[str, Any] = {
        "name": settings.backend,
        "repo": settings.repo,
        "branch": settings.branch,
    }
    for key in ("api_root", "base_url", "auth_endpoint", "app_id"):
        value = getattr(settings, key)
        if value is not None:
            backend[key] = value.rstrip("/") if key in ("api_root", "base_url") else value
    if settings.backend == "gitlab" and settings.app_id:
        backend["auth_type"] = "pkce"
    default_api = {
        "github": "https://api.github.com",
        "gitlab": "https://gitlab.com/api/v4",
        "gitea": "https://gitea.com/api/v1",
    }[settings.backend]
    origins = {_origin(settings.api_root or default_api)}
    if settings.base_url and settings.backend != "github":
        # GitLab and Gitea exchange the PKCE/OAuth code for a token on their own origin.
        origins.add(_origin(settings.base_url))
    return EditorSettings(backend, tuple(sorted(origins)))


def languages_of(site: SiteConfig) -> Languages:
    names = {language.code: language.name for language in site.languages}
    ui = "en" if site.default_language == "en" else "vi"
    return Languages(site.codes, names, ui)


def lenient_fields(site: SiteConfig) -> set[str]:
    """Top-level localized fields whose model also takes plain text (the default language's),
    like `organiser: UBND …`: the editor shows them per language and keeps the file's form."""
    maker = FieldMaker(languages_of(site), frozenset())
    context = {"languages": site.codes, "default_language": site.default_language}
    found = set()
    for kind in KINDS:
        hints = get_type_hints(kind.model, include_extras=True)
        for name in kind.model.model_fields:
            if not maker.is_localized(hints[name]):
                continue
            try:
                TypeAdapter(hints[name]).validate_python("text", context=context)
            except ValidationError:
                continue
            found.add(name)
    return found


def _title_field(fields: list[Field]) -> str:
    for name in ("name", "title"):
        if any(field["name"] == name for field in fields):
            return name
    raise ValueError("a record kind needs a name or title field for the editor's list")


def collection(kind: Kind, maker: FieldMaker, languages: Languages) -> dict[str, Any]:
    (plural_vi, singular_vi), (plural_en, singular_en), icon = COLLECTIONS[kind.name]
    english = languages.ui == "en"
    fields = maker.fields(kind.model)
    for field in fields:
        if field["name"] == "id":
            # Written by portal-cms.js from the file name on every save: the id must equal it.
            field.clear()
            field.update({"name": "id", "widget": "hidden"})
    title = f"{_title_field(fields)}.{languages.default}"
    out: dict[str, Any] = {
        "name": kind.name,
        "label": plural_en if english else plural_vi,
        "label_singular": singular_en if english else singular_vi,
        "icon": icon,
        "folder": kind.folder,
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        # A deleted record takes its QR boards and links with it: done in the repository.
        "delete": False,
        # A copy would carry the original's QR `code:` (a clash portal check refuses).
        "duplicate": False,
        "identifier_field": title,
        "summary": f"{{{{fields.{title}}}}}",
        "slug": {
            "template": f"{{{{fields.{title}}}}}",
            "editable": ["create"],
            "pattern": [
                SLUG_PATTERN,
                "Chữ thường không dấu, số và dấu gạch ngang — lowercase ASCII, digits, hyphens",
            ],
            "hint": "Tên tệp và mã bản ghi (id), không đổi được sau khi lưu — the file name and "
            "record id, fixed once saved.",
        },
        "preview_path": f"{languages.default}/{PREVIEW_PATHS[kind.name]}",
        "fields": fields,
    }
    if kind.media_folder is not None:
        out["media_folder"] = f"/{kind.media_folder}/{{{{slug}}}}"
        out["public_folder"] = ""  # the YAML holds the file name only
    return out


def cms_config(site: SiteConfig, local: bool = False) -> dict[str, Any]:
    """The whole configuration, as Sveltia CMS (and Decap CMS 3) read it."""
    languages = languages_of(site)
    settings = editor_settings(site, local)
    maker = FieldMaker(languages, frozenset(kind.name for kind in KINDS))
    config: dict[str, Any] = {"backend": dict(settings.backend)}
    if not settings.local:
        config["backend"]["commit_messages"] = {
            "create": "Thêm {{collection}} {{slug}} (trình soạn thảo web)",
            "update": "Sửa {{collection}} {{slug}} (trình soạn thảo web)",
            "delete": "Xoá {{collection}} {{slug}} (trình soạn thảo web)",
            "uploadMedia": "Tải lên {{path}} (trình soạn thảo web)",
            "deleteMedia": "Xoá {{path}} (trình soạn thảo web)",
        }
    if settings.backend["name"] in REVIEW_HOSTS:
        config["publish_mode"] = "editorial_workflow"
    if not settings.local:
        config["site_url"] = site.base_url.rstrip("/")
    config.update(
        {
            "app_title": f"{site.site_name[languages.default]} — biên tập",
            # Uploads outside an entry land here; a record's photos go to its own folder.
            "media_folder": "content/media",
            # File names folded like ids (Cổng tam quan.jpg → cong-tam-quan.jpg); no stock
            # photo services (they need keys and other hosts).
            "media_libraries": {
                "default": {"config": {"slugify_filename": True}},
                "stock_assets": False,
            },
            "slug": {
                "encoding": "ascii",
                "clean_accents": True,
                "sanitize_replacement": "-",
                "maxlength": SLUG_MAX,
                "trim": True,
                "lowercase": True,
            },
            "output": {
                "omit_empty_optional_fields": True,
                "yaml": {"indent_size": 2, "indent_sequences": True, "quote": "none"},
            },
            "collections": [collection(kind, maker, languages) for kind in KINDS],
        }
    )
    return config


def render_config(config: Mapping[str, Any]) -> str:
    header = (
        "# Written by `portal cms` / `portal build` from the record models: do not edit.\n"
        "# Sveltia CMS configuration (Decap CMS compatible).\n"
    )
    return header + yaml.safe_dump(
        dict(config), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
