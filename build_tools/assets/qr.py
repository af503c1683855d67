"""QR codes (level Q, quiet zone 4 modules) as PNG and SVG, cached by a hash of their inputs."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qrcode
import qrcode.image.svg
from PIL import Image

QUIET_ZONE = 4
CACHE_VERSION = "qr-1"  # bump when the drawing changes


@dataclass(frozen=True)
class QrCode:
    payload: str
    version: int
    modules: int  # width in modules, quiet zone included


def make(payload: str) -> qrcode.QRCode[Any]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=QUIET_ZONE)
    code.add_data(payload)
    code.make(fit=True)
    return code


def info(payload: str) -> QrCode:
    code = make(payload)
    return QrCode(payload, int(code.version), code.modules_count + 2 * QUIET_ZONE)


def image(payload: str, width_px: int) -> Image.Image:
    """A black-on-white QR code at least `width_px` wide, each module a whole number of pixels."""
    code = make(payload)
    modules = code.modules_count + 2 * QUIET_ZONE
    box = max(1, -(-width_px // modules))  # ceiling: never narrower than asked
    code.box_size = box
    picture = code.make_image(fill_color="black", back_color="white").get_image()
    converted: Image.Image = picture.convert("L")
    return converted


def svg(payload: str) -> bytes:
    code = make(payload)
    buffer = io.BytesIO()
    code.make_image(image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return buffer.getvalue()


def cached_svg(payload: str, cache: Path) -> bytes:
    """SVG bytes, from the cache when the same payload was drawn before."""
    key = hashlib.sha256(f"{CACHE_VERSION}|svg|{payload}".encode()).hexdigest()
    path = cache / f"{key}.svg"
    if path.exists():
        return path.read_bytes()
    data = svg(payload)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def cached_png(payload: str, width_px: int, cache: Path) -> bytes:
    """PNG bytes, from the cache when the same payload and size were drawn before."""
    key = hashlib.sha256(f"{CACHE_VERSION}|{width_px}|{payload}".encode()).hexdigest()
    path = cache / f"{key}.png"
    if path.exists():
        return path.read_bytes()
    buffer = io.BytesIO()
    image(payload, width_px).save(buffer, format="PNG", optimize=True)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()
