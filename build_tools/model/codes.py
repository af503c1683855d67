"""Short, stable codes for QR boards: declared in YAML, or derived from the kind and id."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from build_tools.model.catalog import Catalog
from build_tools.model.kinds import KINDS

# One letter says what a code points to, so staff can tell codes apart on a contact sheet.
PREFIX = {kind.name: kind.code_prefix for kind in KINDS if kind.code_prefix}


def derived_code(kind: str, record_id: str) -> str:
    """Prefix + 4 base32 characters of a hash of kind and id: independent of the title.

    Renaming a record's name keeps its code; changing its id would change it, which is why
    boards already printed should have their code written in the YAML (`code:`).
    """
    digest = hashlib.sha256(f"{kind}:{record_id}".encode()).digest()
    return PREFIX[kind] + base64.b32encode(digest).decode("ascii")[:4].lower()


def code_of(kind: str, record: Any) -> str:
    return str(record.code) if record.code else derived_code(kind, record.id)


@dataclass(frozen=True)
class ShortLink:
    code: str
    kind: str
    record: Any


def short_links(catalog: Catalog) -> list[ShortLink]:
    """Every record with a board or a QR code, sorted by code."""
    links = [
        ShortLink(code_of(kind.name, record), kind.name, record)
        for kind in KINDS
        if kind.code_prefix
        for record in getattr(catalog, kind.collection)
    ]
    return sorted(links, key=lambda link: link.code)
