"""Short, stable codes for QR boards: declared, pinned in the city's registry, or derived.

A code printed on a board must never change and never be reused. Three sources, in order:

1. `code:` written in the record (an editor's choice; two equal ones are the editor's error);
2. the registry `site_config/codes.yaml`, which `portal codes` and `portal signage` keep:
   once a code is pinned there it stays that record's code, and stays reserved even after
   the record is deleted, so no new record can take a code printed on an old board;
3. otherwise derived from kind and id: the prefix and 4 base32 characters of a hash (short
   URLs, a low QR version). When two unpinned records would share those 4 characters (about
   1 pair at 1,000 records, 48 at 10,000), every record of that clash gets 7 characters
   instead (about 0.02 clashing pairs at 40,000 records), so no build ever fails on a clash
   nobody wrote. Pinning is what makes a derived code permanent: a new record can only
   lengthen the codes of unpinned records it clashes with.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from build_tools.model.kinds import KINDS

# One letter says what a code points to, so staff can tell codes apart on a contact sheet.
PREFIX = {kind.name: kind.code_prefix for kind in KINDS if kind.code_prefix}
SHORT = 4
LONG = 7
REGISTRY_FILE = "site_config/codes.yaml"

Key = tuple[str, str]  # (kind name, record id)


def derived_code(kind: str, record_id: str, length: int = SHORT) -> str:
    """Prefix + `length` base32 characters of a hash of kind and id: independent of the title.

    Renaming a record keeps its code; changing its id would change it, unless the code is
    pinned in the registry or written in the YAML.
    """
    digest = hashlib.sha256(f"{kind}:{record_id}".encode()).digest()
    return PREFIX[kind] + base64.b32encode(digest).decode("ascii")[:length].lower()


def assign_codes(records: Iterable[tuple[str, Any]], registry: Mapping[Key, str]) -> dict[Key, str]:
    """Every record's code. Declared and pinned codes are kept as they are (a clash between
    them is reported by `portal check`); derived ones never clash with anything."""
    codes: dict[Key, str] = {}
    unpinned: list[Key] = []
    for kind, record in records:
        key = (kind, record.id)
        if record.code:
            codes[key] = str(record.code)
        elif key in registry:
            codes[key] = registry[key]
        else:
            unpinned.append(key)
    taken = set(codes.values()) | set(registry.values())
    groups: dict[str, list[Key]] = defaultdict(list)
    for key in unpinned:
        groups[derived_code(*key)].append(key)
    for short, members in sorted(groups.items()):
        if len(members) == 1 and short not in taken:
            codes[members[0]] = short
            taken.add(short)
    for short, members in sorted(groups.items()):
        if len(members) == 1 and codes.get(members[0]) == short:
            continue
        for key in sorted(members):
            length = LONG
            while (code := derived_code(*key, length)) in taken:
                length += 1  # 35 bits did not suffice: astronomically rare, still stable
            codes[key] = code
            taken.add(code)
    return codes


def code_of(kind: str, record: Any, codes: Mapping[Key, str] | None = None) -> str:
    """The record's code from an assignment (see `Catalog.codes`), else declared/derived."""
    if codes is not None and (kind, record.id) in codes:
        return codes[(kind, record.id)]
    return str(record.code) if record.code else derived_code(kind, record.id)


@dataclass(frozen=True)
class ShortLink:
    code: str
    kind: str
    record: Any


def short_links(catalog: Any) -> list[ShortLink]:
    """Every record with a board or a QR code, sorted by code."""
    links = [
        ShortLink(catalog.code(kind.name, record), kind.name, record)
        for kind in KINDS
        if kind.code_prefix
        for record in getattr(catalog, kind.collection)
    ]
    return sorted(links, key=lambda link: link.code)


def registry_text(codes: Mapping[Key, str], previous: Mapping[Key, str]) -> str:
    """The registry file: every pinned code, old ones kept (even for deleted records)."""
    merged = {**codes, **previous}  # a pinned code never changes
    lines = [
        "# Short codes printed on QR boards, pinned so they never change or get reused.",
        "# Written by `portal codes` and `portal signage`; keep this file in git.",
    ]
    for kind in sorted({kind for kind, _ in merged}):
        lines.append(f"{kind}:")
        for (each, record_id), code in sorted(merged.items()):
            if each == kind:
                lines.append(f"  {record_id}: {code}")
    return "\n".join(lines) + "\n"
