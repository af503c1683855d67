"""The registry of record kinds: where each lives, its model, its media folder."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from build_tools.model.event import Event
from build_tools.model.page import Page
from build_tools.model.product import Product
from build_tools.model.relic import Relic
from build_tools.model.wifi import Wifi


@dataclass(frozen=True)
class Kind:
    name: str  # as typed in `portal new <name>`
    folder: str  # relative to the project root
    model: type[BaseModel]
    media_folder: str | None  # media/<id>/ lives here
    media_field: str | None
    collection: str  # the Catalog attribute holding these records
    code_prefix: str | None  # first letter of QR short codes; None: no QR code

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


KINDS: tuple[Kind, ...] = (
    Kind("relic", "heritage/relics", Relic, "heritage/media", "media", "relics", "r"),
    Kind("product", "content/products", Product, "content/media", "images", "products", "p"),
    Kind("event", "content/events", Event, "content/media", "images", "events", "e"),
    Kind("wifi", "content/wifi", Wifi, None, None, "wifi", "w"),
    Kind("page", "content/pages", Page, None, None, "pages", None),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
