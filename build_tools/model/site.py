"""Site settings: city, languages, base URL and contacts, read from site_config/site.yaml."""

from __future__ import annotations

import os
from typing import Literal

from pydantic import ValidationInfo, field_validator, model_validator

from build_tools.model.fields import (
    Line,
    LocalizedLine,
    Record,
    Text,
    Url,
    _check_url,
    doc,
    portal_error,
)
from build_tools.model.guide_settings import Feedback, HomeImage, Marketplace

BASE_URL_ENV = "PORTAL_BASE_URL"


def preferred_code(code: str) -> str | None:
    """The code to write instead of `code` when Babel knows a shorter or current one for the
    same language: `khm` → `km`, `vie-VN` → `vi-VN`, `iw` → `he`; None when `code` is it.

    `<html lang="khm">` is not a valid BCP 47 tag for Khmer: a language with a two-letter
    ISO 639-1 code must be written with it. Three-letter codes of languages without one
    (`fil`, `yue`, `haw`) stay as they are.
    """
    from babel.core import get_global

    language, dash, rest = code.partition("-")
    alias = get_global("language_aliases").get(language.lower())
    if not isinstance(alias, str):
        return None
    target = alias.replace("_", "-")
    if len(target.split("-")[0]) != 2 or target == language:
        return None
    return target + dash + rest if not rest or "-" not in target else target


class Language(Record):
    """A language the site is published in."""

    code: Text = doc(
        "Mã ngôn ngữ (vi, en, fr, zh, ko…), cũng là thư mục của bản dịch.",
        "Language code (vi, en, fr, zh, ko…), also the folder of that edition.",
        pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$",
    )
    name: Text = doc(
        "Tên ngôn ngữ viết bằng chính ngôn ngữ đó, ví dụ `Tiếng Việt`, `English`.",
        "The language's own name for itself, e.g. `Tiếng Việt`, `English`.",
    )
    theme_language: Text | None = doc(
        "Ngôn ngữ lấy các chữ giao diện của Material khi Material chưa có ngôn ngữ này "
        "(trang vẫn mang mã `code`).",
        "Language whose Material interface strings to show when Material lacks this one "
        "(pages keep `code` as their language).",
        default=None,
    )
    fallback: tuple[Text, ...] = doc(
        "Thứ tự ngôn ngữ thay thế khi một nội dung chưa được dịch, ví dụ `[en, vi]` cho "
        "tiếng Khmer; mặc định: tiếng Anh (nếu có) rồi ngôn ngữ mặc định.",
        "Languages to show, in order, when a text is not translated, e.g. `[en, vi]` for "
        "Khmer; by default English (if published), then the default language.",
        default=(),
    )

    @field_validator("code")
    @classmethod
    def _known_language(cls, value: str) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(value.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            common = {
                "jp": "ja",
                "kr": "ko",
                "cn": "zh",
                "vn": "vi",
                "cz": "cs",
                "dk": "da",
                "gr": "el",
                "se": "sv",
                "ua": "uk",
                "kh": "km",
                "lao": "lo",
            }
            hint = common.get(value.lower())
            raise portal_error(
                f'"{value}" is not a language code',
                f"write {hint}" if hint else "write the ISO 639-1 code, like en, fr, zh, ko, km",
            ) from None
        shorter = preferred_code(value)
        if shorter is not None:
            raise portal_error(
                f'"{value}" is not the code a page may carry for this language (BCP 47 '
                "takes its ISO 639-1 code)",
                f"write {shorter}",
            )
        return value


SHORT_NAME_LENGTH = 12  # what a phone shows under its icon without cutting


def short_name_of(*names: str) -> str:
    """The first of `names` that fits under a home-screen icon, else the last one cut
    between words ("Di sản Hòa Thành" → the city, "Hòa Thành"); never "Di sản Hòa T"."""
    for name in names:
        if len(name) <= SHORT_NAME_LENGTH:
            return name
    kept = ""
    for word in names[-1].split():
        longer = f"{kept} {word}".strip()
        if len(longer) > SHORT_NAME_LENGTH:
            break
        kept = longer
    return kept or names[-1][:SHORT_NAME_LENGTH]


class Contacts(Record):
    """How visitors reach the city."""

    hotline: Text | None = doc("Đường dây nóng.", "Hotline.", default=None)
    email: Text | None = doc("Thư điện tử.", "E-mail.", default=None)

    @field_validator("email")
    @classmethod
    def _one_address(cls, value: str | None) -> str | None:
        import re

        if value is not None and not re.fullmatch(
            r"[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[a-zA-Z]{2,}", value
        ):
            raise portal_error(
                f'not one e-mail address: "{value}"',
                "write a single address like vanhoa@example.gov.vn (no commas, spaces or names)",
            )
        return value

    address: Text | None = doc("Địa chỉ cơ quan.", "Office address.", default=None)


class MapSettings(Record):
    """Map tiles and view; the only requests that leave the site at runtime are tiles."""

    tiles: Text = doc(
        "Mẫu địa chỉ ô bản đồ, có {z}, {x}, {y}.",
        "Tile URL template with {z}, {x} and {y}.",
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    )
    attribution: Text = doc(
        "Ghi công nguồn bản đồ (bắt buộc theo giấy phép).",
        "Attribution of the tiles, as their licence requires.",
        default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
        "contributors",
    )

    @field_validator("tiles")
    @classmethod
    def _template(cls, value: str) -> str:
        import re

        if not re.fullmatch(r"https?://[^\s<>\"'`]+", value) or not all(
            part in value for part in ("{z}", "{x}", "{y}")
        ):
            raise portal_error(
                f"not a tile address template: {value}",
                "write an https:// address containing {z}, {x} and {y}",
            )
        host = value.split("/")[2]
        if "{" in host or "}" in host:
            raise portal_error(
                f"the tile server's name changes ({host}): the site allows one fixed host "
                "for tiles (its Content-Security-Policy names it)",
                "write one of the servers, e.g. " + host.replace("{s}.", "").replace("{s}", "a"),
            )
        return value

    min_zoom: int = doc("Mức thu nhỏ tối đa.", "Smallest zoom level.", default=10, ge=0, le=22)
    max_zoom: int = doc("Mức phóng to tối đa.", "Largest zoom level.", default=19, ge=0, le=22)
    zoom: int = doc("Mức phóng ban đầu.", "Initial zoom level.", default=14, ge=0, le=22)


GitHost = Literal["github", "gitlab", "gitea"]


class CmsSettings(Record):
    """The staff web editor at /admin/: which git host it writes the YAML files to."""

    backend: GitHost = doc(
        "Máy chủ git của thành phố: github, gitlab, hoặc gitea (cả Forgejo).",
        "The city's git host: github, gitlab, or gitea (Forgejo too).",
    )
    repo: Line = doc(
        "Kho chứa dữ liệu, dạng `chủ/tên`, ví dụ `so-vhttdl/di-san` "
        "(GitLab cho phép nhóm con: `nhom/nhom-con/ten`).",
        "Repository holding this city root, `owner/name`, e.g. `culture-dept/heritage` "
        "(GitLab allows subgroups: `group/subgroup/name`).",
        pattern=r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$",
    )
    branch: Line = doc(
        "Nhánh mà trình soạn thảo đọc và ghi (mặc định `main`).",
        "Branch the editor reads and writes (default `main`).",
        default="main",
    )
    api_root: Url | None = doc(
        "Địa chỉ API khi tự vận hành GitLab/Forgejo/Gitea, ví dụ "
        "`https://git.example.gov.vn/api/v1`; bỏ trống cho github.com, gitlab.com, gitea.com.",
        "API address of a self-hosted GitLab/Forgejo/Gitea, e.g. "
        "`https://git.example.gov.vn/api/v1`; leave out for github.com, gitlab.com, gitea.com.",
        default=None,
    )
    base_url: Url | None = doc(
        "Địa chỉ dịch vụ đăng nhập OAuth (ví dụ Sveltia CMS Authenticator), hoặc máy chủ "
        "GitLab/Forgejo tự vận hành; bỏ trống nếu chỉ đăng nhập bằng mã truy cập (token).",
        "Origin of the OAuth sign-in helper (e.g. Sveltia CMS Authenticator), or of a "
        "self-hosted GitLab/Forgejo; leave out to sign in with an access token only.",
        default=None,
    )
    auth_endpoint: Line | None = doc(
        "Đường dẫn đăng nhập OAuth trên `base_url`, nếu khác mặc định.",
        "Path of the OAuth sign-in on `base_url`, when not the default.",
        default=None,
    )
    app_id: Line | None = doc(
        "Mã ứng dụng OAuth (GitLab PKCE, Forgejo/Gitea).",
        "OAuth application id (GitLab PKCE, Forgejo/Gitea).",
        default=None,
    )

    @model_validator(mode="after")
    def _github_owner_name(self) -> CmsSettings:
        if self.backend != "gitlab" and self.repo.count("/") != 1:
            raise portal_error(
                f'"{self.repo}" is not owner/name',
                "write the repository as owner/name, like culture-dept/heritage",
                "repo",
            )
        return self


class SiteConfig(Record):
    """Settings of one city's portal."""

    site_name: LocalizedLine = doc("Tên cổng thông tin.", "Name of the portal.")
    city: LocalizedLine = doc("Tên thành phố.", "Name of the city.")
    base_url: Url = doc(
        "Địa chỉ công khai của trang, kết thúc bằng `/`; biến môi trường PORTAL_BASE_URL "
        "ghi đè giá trị này.",
        "Public address of the site, ending in `/`; the PORTAL_BASE_URL environment "
        "variable overrides it.",
    )
    short_name: Text | None = doc(
        "Tên ngắn dưới biểu tượng trên màn hình điện thoại (≤ 12 ký tự); mặc định: tên cổng "
        "thông tin nếu đủ ngắn, nếu không thì tên thành phố (cắt ở ranh giới từ nếu cần).",
        "Short name under the home-screen icon (12 characters at most); by default the "
        "portal's name if short enough, else the city's (cut between words if need be).",
        default=None,
        max_length=SHORT_NAME_LENGTH,
        validate_default=True,
    )
    default_language: Text = doc("Ngôn ngữ mặc định.", "Default language.", default="vi")
    languages: tuple[Language, ...] = doc(
        "Các ngôn ngữ xuất bản, ngôn ngữ mặc định trước.",
        "Languages published, default first.",
        min_length=1,
    )
    timezone: Text = doc("Múi giờ.", "Time zone.", default="Asia/Ho_Chi_Minh")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise portal_error(
                f"unknown time zone {value!r}",
                "write a time zone name like Asia/Ho_Chi_Minh (Vietnam's)",
            ) from error
        return value
    province: Line | None = doc(
        "Tỉnh/thành phố của các địa chỉ (từ 1/7/2025), ví dụ `Đồng Tháp`.",
        "Province of the addresses (since 1 July 2025), e.g. `Đồng Tháp`.",
        default=None,
    )
    contacts: Contacts = doc("Liên hệ.", "Contacts.", default=Contacts())
    map: MapSettings = doc("Bản đồ.", "Maps.", default=MapSettings())
    data_licence: Text = doc(
        "Giấy phép dữ liệu mở.", "Licence of the open data.", default="CC BY 4.0"
    )
    data_licence_url: Url = doc(
        "Địa chỉ văn bản giấy phép.",
        "Address of the licence text.",
        default="https://creativecommons.org/licenses/by/4.0/",
    )
    featured_count: int = doc(
        "Số di tích nổi bật trên trang chủ.", "Relic sites on the home page.", default=6, ge=1
    )
    feedback: Feedback | None = doc(
        "Kênh nhận phản ánh của du khách: mỗi trang di tích, sản phẩm, sự kiện có liên kết "
        "“Báo lỗi” điền sẵn tên và địa chỉ trang. Bỏ trống thì không có liên kết.",
        "Visitors' reporting channel: every relic, product and event page links to it "
        '("Report a problem"), prefilled with the page\'s name and address. Left out: no link.',
        default=None,
    )
    marketplace: Marketplace | None = doc(
        "Sàn thương mại điện tử chính thức của tỉnh cho sản phẩm OCOP, hiện trên trang sản phẩm.",
        "The province's official OCOP e-commerce site, shown on product pages.",
        default=None,
    )
    home_image: HomeImage | None = doc(
        "Ảnh lớn của trang chủ; bỏ trống thì trang chủ dùng thiết kế chữ.",
        "The home page's large photo; without it the home page has a typographic design.",
        default=None,
    )
    cms: CmsSettings | None = doc(
        "Trình soạn thảo trên web tại /admin/ (xem README, mục Web editor); bỏ trống thì "
        "trang chính thức không có /admin/.",
        "The web editor at /admin/ (see README, Web editor); without it the published "
        "site has no /admin/.",
        default=None,
    )

    @field_validator("short_name")
    @classmethod
    def _short_default(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            return value
        default = (info.context or {}).get("default_language", "vi")
        names: list[dict[str, str]] = [info.data.get(key) or {} for key in ("site_name", "city")]
        texts = [name[default] for name in names if name.get(default)]
        return short_name_of(*texts) if texts else None

    @field_validator("base_url")
    @classmethod
    def _slash(cls, value: str) -> str:
        if not value.endswith("/"):
            raise portal_error(f"base_url must end with /; got {value}", f"write {value}/")
        return value

    @model_validator(mode="after")
    def _default_listed(self) -> SiteConfig:
        codes = [lang.code for lang in self.languages]
        if len(set(codes)) != len(codes):
            raise portal_error("a language is listed twice", "list each code once", "languages")
        if self.default_language not in codes:
            raise portal_error(
                f"default_language {self.default_language} is not in languages",
                f"add it to languages or use one of {', '.join(codes)}",
                "default_language",
            )
        return self

    @model_validator(mode="after")
    def _fallbacks_known(self) -> SiteConfig:
        codes = [lang.code for lang in self.languages]
        for language in self.languages:
            for code in language.fallback:
                if code not in codes or code == language.code:
                    raise portal_error(
                        f'fallback language "{code}" of {language.code} is not another '
                        "language of this site",
                        f"use one of {', '.join(c for c in codes if c != language.code)}",
                        "languages",
                    )
        return self

    def fallbacks(self, code: str) -> tuple[str, ...]:
        """The languages shown, in order, where `code` has no text (the default last)."""
        language = self.language(code)
        chain = list(language.fallback)
        if not chain and code != "en" and "en" in self.codes and code != self.default_language:
            chain.append("en")
        chain.append(self.default_language)
        seen: list[str] = []
        for item in chain:
            if item != code and item not in seen:
                seen.append(item)
        return tuple(seen)

    @property
    def codes(self) -> tuple[str, ...]:
        default = self.default_language
        return (default, *(lang.code for lang in self.languages if lang.code != default))

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    def with_env(self) -> SiteConfig:
        """The settings with PORTAL_BASE_URL applied (CI publishes under its own address)."""
        override = os.environ.get(BASE_URL_ENV, "").strip()
        if not override:
            return self
        if not override.endswith("/"):
            override += "/"
        # Same check as base_url in site.yaml; raises PydanticCustomError with the fix.
        return self.model_copy(update={"base_url": _check_url(override)})
