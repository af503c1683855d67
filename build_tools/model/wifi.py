"""Wifi point: a public smart-tourism hotspot, with what may and may not be published."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from build_tools.model.fields import (
    Coordinates,
    ExactLine,
    LocalizedLine,
    LocalizedText,
    Record,
    ShortCode,
    Slug,
    Text,
    code_field,
    doc,
    notes_field,
    portal_error,
)

Security = Literal["open", "wpa2", "wpa3"]


class Serves(Record):
    """The place a wifi point serves: a relic of the catalog, or a description."""

    relic: Slug | None = doc(
        "Mã di tích được phục vụ.", "Id of the relic site served.", default=None
    )
    text: LocalizedText | None = doc(
        "Mô tả nơi phục vụ (nếu không phải di tích).",
        "The place served, if not a relic.",
        default=None,
    )

    @model_validator(mode="after")
    def _one_of(self) -> Serves:
        if (self.relic is None) == (self.text is None):
            raise portal_error(
                "give exactly one of `relic` or `text`",
                "write `relic: <relic id>` for a relic site, otherwise `text:` with a description",
            )
        return self


class Wifi(Record):
    """A public wifi point, one YAML file in content/wifi/."""

    id: Slug = doc("Mã bản ghi, trùng tên tệp.", "Record id, same as the file name.")
    name: LocalizedLine = doc("Tên điểm wifi.", "Name of the wifi point.")
    code: ShortCode | None = code_field()
    coordinates: Coordinates = doc("Vị trí điểm phát.", "Position of the access point.")
    serves: Serves = doc("Nơi được phục vụ.", "The place it serves.")
    ssid: ExactLine = doc(
        "Tên mạng (SSID) đúng như trên điện thoại, kể cả khoảng trắng trong dấu ngoặc kép.",
        "Network name (SSID) exactly as phones show it, spaces inside quotes included.",
    )
    security: Security = doc(
        "Bảo mật: open (không mật khẩu), wpa2, wpa3.", "Security: open, wpa2 or wpa3."
    )
    password: ExactLine | None = doc(
        "Mật khẩu, đúng từng ký tự. Chỉ được công bố khi `password_public: true`.",
        "Password, character for character. Published only when `password_public: true`.",
        default=None,
    )
    password_public: bool = doc(
        "Cho phép in/công bố mật khẩu trên trang và bảng QR.",
        "Whether the password may be shown on the site and boards.",
        default=False,
    )
    notes: tuple[Text, ...] = notes_field()
    hours: LocalizedText | None = doc("Giờ hoạt động.", "Hours of service.", default=None)

    @model_validator(mode="after")
    def _password_fits_security(self) -> Wifi:
        if self.security != "open" and self.password is None:
            raise portal_error(
                f"a {self.security} network needs its password",
                "add `password:` (it stays off the site unless `password_public: true`), "
                "or set `security: open` if the network has none",
                field="security",
            )
        if self.password is not None and self.security != "open":
            length = len(self.password.encode("utf-8"))
            hex_key = length == 64 and all(c in "0123456789abcdefABCDEF" for c in self.password)
            if not 8 <= length <= 63 and not hex_key:
                raise portal_error(
                    f"a {self.security} password has 8 to 63 characters; this one has {length}",
                    "copy the password again from the router's label or settings",
                    field="password",
                )
        if self.security == "open" and self.password is not None:
            raise portal_error(
                "an open network has no password",
                "remove `password`, or set `security` to wpa2 or wpa3",
                field="password",
            )
        if self.password_public and self.password is None:
            raise portal_error(
                "`password_public` is true but there is no password",
                "add `password:`, or set `password_public: false`",
                field="password_public",
            )
        return self

    @property
    def public_password(self) -> str | None:
        """The password when it may be published, else None."""
        return self.password if self.password_public else None
