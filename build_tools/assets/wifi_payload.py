"""The Wi-Fi join payload phones understand: WIFI:T:<type>;S:<ssid>;P:<password>;H:false;;"""

from __future__ import annotations

import re

from build_tools.model.wifi import Wifi

# Backslash first, so the escapes added for the others are not escaped again.
_SPECIAL = ("\\", ";", ",", '"', ":")
_TYPES = {"open": "nopass", "wpa2": "WPA", "wpa3": "SAE"}


def escape(text: str) -> str:
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def join_payload(point: Wifi) -> str | None:
    """The payload of the join code, or None when the password may not be published."""
    if point.security == "open":
        return f"WIFI:T:nopass;S:{escape(point.ssid)};;"
    password = point.public_password
    if password is None:
        return None
    return f"WIFI:T:{_TYPES[point.security]};S:{escape(point.ssid)};P:{escape(password)};H:false;;"


def parse(payload: str) -> dict[str, str]:
    """Read a payload back (for tests and for staff checking a board)."""
    assert payload.startswith("WIFI:") and payload.endswith(";;")
    fields = {}
    for part in re.findall(r"((?:[^;\\]|\\.)*);", payload[len("WIFI:") :]):
        if part:
            key, _, value = part.partition(":")
            fields[key] = unescape(value)
    return fields
