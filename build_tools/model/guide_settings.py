"""Settings of the visitors' guide in site.yaml: the feedback channel, the province's OCOP
marketplace, the home page's photo."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, field_validator, model_validator

from build_tools.model.fields import (
    Line,
    LocalizedLine,
    LocalizedText,
    Record,
    Text,
    Url,
    _to_text,
    doc,
    portal_error,
)

_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_PARAM = r"^[A-Za-z0-9_.\-\[\]]{1,60}$"


class Feedback(Record):
    """The city's channel for visitors' reports ("Report a problem" on every record page)."""

    url: Url | None = doc(
        "Trang web nhận phản ánh, góp ý (ví dụ cổng 1022 của tỉnh).",
        "Web page taking reports and suggestions (e.g. the province's 1022 portal).",
        default=None,
    )
    name_param: Line | None = doc(
        "Tên tham số của biểu mẫu để điền sẵn tên trang (nếu biểu mẫu cho phép), ví dụ "
        "`tieu_de`; trang tự mã hóa giá trị.",
        "Query parameter of the form that takes the page's name (when the form can be "
        "prefilled), e.g. `subject`; the value is encoded by the site.",
        default=None,
        pattern=_PARAM,
    )
    page_param: Line | None = doc(
        "Tên tham số của biểu mẫu để điền sẵn địa chỉ trang, ví dụ `lien_ket`.",
        "Query parameter of the form that takes the page's address, e.g. `link`.",
        default=None,
        pattern=_PARAM,
    )
    email: Line | None = doc(
        "Thư điện tử nhận phản ánh; thư mở sẵn với tên và địa chỉ trang.",
        "E-mail address for reports; the message opens with the page's name and address.",
        default=None,
    )
    phone: Line | None = doc(
        "Số điện thoại nhận phản ánh, ví dụ `1022`.",
        "Phone number for reports, e.g. `1022`.",
        default=None,
        pattern=r"^\+?[0-9][0-9 .()-]{1,30}$",
    )

    @field_validator("email")
    @classmethod
    def _one_address(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(_EMAIL, value):
            raise portal_error(
                f'not one e-mail address: "{value}"',
                "write a single address like gopy@example.gov.vn (no commas, spaces or names)",
            )
        return value

    @model_validator(mode="after")
    def _some_channel(self) -> Feedback:
        if not (self.url or self.email or self.phone):
            raise portal_error(
                "no channel is given",
                "write `url:` (a web form), `email:` or `phone:`; or remove `feedback:` to "
                "show no report link",
            )
        if (self.name_param or self.page_param) and not self.url:
            raise portal_error(
                "a form parameter is given without the form",
                "write the form's address as `url:`",
                "name_param" if self.name_param else "page_param",
            )
        return self


class Marketplace(Record):
    """The province's official e-commerce site for OCOP products."""

    name: LocalizedLine = doc(
        "Tên sàn, ví dụ `Sàn thương mại điện tử OCOP tỉnh Đồng Tháp`.",
        "Name of the marketplace, e.g. `Đồng Tháp OCOP online marketplace`.",
    )
    url: Url = doc("Địa chỉ của sàn.", "Address of the marketplace.")


def _inside_site_config(value: str) -> str:
    from build_tools.load.confine import name_problem

    problem = name_problem(value)
    if problem is not None:
        raise portal_error(
            f'"{value[:80]}": {problem.replace("the media folder", "site_config/")}',
            "put the photo in site_config/ and write only its name, like home.jpg",
        )
    return value


SiteFile = Annotated[str, BeforeValidator(_to_text), AfterValidator(_inside_site_config)]
"""A file name inside site_config/ (a sub-folder is allowed, `..` is not)."""


class HomeImage(Record):
    """The photo of the home page's welcome, kept in site_config/."""

    file: SiteFile = doc(
        "Tên tệp ảnh trong site_config/, ví dụ `home.jpg` (ảnh ngang, rộng ít nhất 1600 px).",
        "Photo file inside site_config/, e.g. `home.jpg` (landscape, at least 1600 px wide).",
    )
    alt: LocalizedText = doc(
        "Mô tả ngắn nội dung ảnh cho người khiếm thị.",
        "Short description of what the photo shows, for screen readers.",
    )
    credit: Text | None = doc("Tác giả / nguồn ảnh.", "Photographer or source.", default=None)
