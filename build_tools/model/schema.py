"""JSON Schemas of the record types, for VS Code's YAML extension while staff type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from build_tools.model.kinds import KINDS
from build_tools.model.site import SiteConfig

SCHEMA_DIR = "site_config/schema"


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every record type and the site settings."""
    result = {kind.schema_file: schema_of(kind.model) for kind in KINDS}
    result["site.schema.json"] = schema_of(SiteConfig)
    return result


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
