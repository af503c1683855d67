"""QR codes (level Q, quiet zone 4 modules): compact SVG for the site, images for boards."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qrcode
from PIL import Image

QUIET_ZONE = 4
CACHE_VERSION = "qr-2"  # bump when the drawing changes


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
    """The code as one SVG path, 1 mm a module at its natural size, black on white.

    Each row's runs of dark modules are one horizontal line of stroke width 1 through the
    middle of the row (`M4 4.5h7m2 0h1`…): about 2 KB for a short link, where a square
    per module (qrcode's SVG writer) takes 8.5 KB. The quiet zone is painted white, so the
    code scans on a dark page or in a dark image viewer too.
    """
    matrix = make(payload).get_matrix()  # the quiet zone included
    size = len(matrix)
    steps: list[str] = []
    x, y = 0, 0.0  # where the pen is: each step moves relative to it
    for row, cells in enumerate(matrix):
        column = 0
        while column < size:
            if not cells[column]:
                column += 1
                continue
            end = column
            while end < size and cells[end]:
                end += 1
            if not steps:
                steps.append(f"M{column} {row + 0.5:g}")
            else:
                steps.append(f"m{column - x} {row + 0.5 - y:g}")
            steps.append(f"h{end - column}")
            x, y = end, row + 0.5
            column = end
    path = "".join(steps)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size}mm" height="{size}mm" shape-rendering="crispEdges">'
        f'<path fill="#fff" d="M0 0h{size}v{size}H0z"/>'
        f'<path stroke="#000" d="{path}"/></svg>\n'
    ).encode()


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
