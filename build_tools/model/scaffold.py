"""`portal new`: a record skeleton whose id is the folded Vietnamese name.

The skeleton fails `portal check` until every placeholder ("Cần bổ sung") is replaced and
the coordinates and dates are filled in, so a half-written record is never published. Its
texts are keyed by the site's default language (the one every text needs).
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
  {lang}: {name}
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
  {lang}: Cần bổ sung một câu giới thiệu.
description:
  {lang}: |
    Cần bổ sung phần giới thiệu.
""",
    "product": """\
id: {id}
name:
  {lang}: {name}
stars: 3  # 3, 4 or 5
category: food  # food, beverage, herbal, handicraft, fruit, service, other
producer:
  name: Cần bổ sung
  commune: Cần bổ sung
summary:
  {lang}: Cần bổ sung một câu giới thiệu.
description:
  {lang}: |
    Cần bổ sung phần mô tả.
""",
    "event": """\
id: {id}
name:
  {lang}: {name}
start:  # YYYY-MM-DD HH:MM, Vietnam time
end:
venue:
  # relic: <id of a relic site>, or a name and coordinates
  name:
    {lang}: Cần bổ sung
  coordinates:
    lat:
    lon:
summary:
  {lang}: Cần bổ sung một câu giới thiệu.
description:
  {lang}: |
    Cần bổ sung phần mô tả.
""",
    "wifi": """\
id: {id}
name:
  {lang}: {name}
coordinates:  # latitude, longitude in decimal degrees
  lat:
  lon:
serves:
  # relic: <id of the relic site it serves>, or a description of the place under text:
  text:
    {lang}: Cần bổ sung
ssid: Cần bổ sung  # the network name exactly as phones show it
security: open  # open, wpa2, wpa3
""",
    "page": """\
id: {id}
title:
  {lang}: {name}
order: 100  # place in the menu, smallest first
body:
  {lang}: |
    Cần bổ sung nội dung trang (Markdown: ## tiêu đề nhỏ, **chữ đậm**, danh sách "- ").
""",
}


def site_languages(root: Path) -> tuple[str, tuple[str, ...]]:
    """The site's default language and all its languages; `vi` alone when site.yaml is unreadable
    (then `portal check` reports site.yaml, not the skeleton)."""
    from build_tools.load.project import load_site

    site, _ = load_site(root)
    if site is None:
        return "vi", ("vi",)
    return site.default_language, site.codes


def new_record(root: Path, kind_name: str, name: str) -> Path:
    kind = KIND_BY_NAME[kind_name]
    # Texts only in the default language: a name copied into `en:` would count as translated
    # (never exported to translators), even where the English name differs.
    lang, _ = site_languages(root)
    record_id = slug_of(name)
    if len(record_id) < 2:
        raise ScaffoldError(f'cannot make an id from "{name}"; give a longer name')
    path = root / kind.folder / f"{record_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; it was not changed")
    header = f"# yaml-language-server: $schema=../../site_config/schema/{kind.schema_file}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        header + SKELETONS[kind_name].format(id=record_id, name=_q(name), lang=lang),
        encoding="utf-8",
    )
    return path
