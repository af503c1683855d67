"""`portal new`: a record skeleton whose id is the folded Vietnamese name.

The skeleton fails `portal check` until every placeholder ("Cần bổ sung") is replaced and
the coordinates and dates are filled in, so a half-written record is never published.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.model.fields import slug_of
from build_tools.model.kinds import KIND_BY_NAME


class ScaffoldError(Exception):
    pass


def _q(text: str) -> str:
    """A YAML scalar for `text`, quoted when needed."""
    return (
        yaml.safe_dump(text, allow_unicode=True, default_style=None)
        .strip()
        .removesuffix("...")
        .strip()
    )


SKELETONS = {
    "relic": """\
id: {id}
name:
  vi: {name}
  en: {name}
# category: pagoda, temple, communal-house, church, monument, historic-site, museum,
#   market or other
category: other
designation:
  level: unknown  # special-national, national, provincial, none (not ranked), unknown
address: Cần bổ sung
ward: Cần bổ sung
coordinates:  # copy from a map app: latitude, longitude in decimal degrees
  lat:
  lon:
summary:
  vi: Cần bổ sung một câu giới thiệu.
description:
  vi: |
    Cần bổ sung phần giới thiệu.
""",
    "product": """\
id: {id}
name:
  vi: {name}
stars: 3  # 3, 4 or 5
category: food  # food, beverage, herbal, handicraft, fruit, service, other
producer:
  name: Cần bổ sung
  commune: Cần bổ sung
summary:
  vi: Cần bổ sung một câu giới thiệu.
description:
  vi: |
    Cần bổ sung phần mô tả.
""",
    "event": """\
id: {id}
name:
  vi: {name}
start:  # YYYY-MM-DD HH:MM, Vietnam time
end:
venue:
  # relic: <id of a relic site>, or a name and coordinates
  name:
    vi: Cần bổ sung
  coordinates:
    lat:
    lon:
summary:
  vi: Cần bổ sung một câu giới thiệu.
description:
  vi: |
    Cần bổ sung phần mô tả.
""",
    "wifi": """\
id: {id}
name:
  vi: {name}
coordinates:  # latitude, longitude in decimal degrees
  lat:
  lon:
serves:
  text:
    vi: Cần bổ sung
ssid: Cần-bổ-sung
security: open  # open, wpa2, wpa3
""",
}


def new_record(root: Path, kind_name: str, name: str) -> Path:
    kind = KIND_BY_NAME[kind_name]
    record_id = slug_of(name)
    if len(record_id) < 2:
        raise ScaffoldError(f'cannot make an id from "{name}"; give a longer name')
    path = root / kind.folder / f"{record_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; it was not changed")
    header = f"# yaml-language-server: $schema=../../site_config/schema/{kind.schema_file}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        header + SKELETONS[kind_name].format(id=record_id, name=_q(name)), encoding="utf-8"
    )
    return path
