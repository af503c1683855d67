"""OCOP product: a local product rated under the One Commune One Product programme."""

from __future__ import annotations

from typing import Literal

from pydantic import ValidationInfo, field_validator

from build_tools.model.fields import (
    Coordinates,
    Dong,
    Line,
    LocalizedLine,
    LocalizedMarkdown,
    LocalizedText,
    Media,
    NameLine,
    Record,
    ShortCode,
    Slug,
    Text,
    Url,
    code_field,
    doc,
    notes_field,
    portal_error,
)

ProductCategory = Literal["food", "beverage", "herbal", "handicraft", "fruit", "service", "other"]


class Producer(Record):
    """Who makes the product."""

    name: Line = doc("Tên cơ sở / hợp tác xã.", "Name of the business or cooperative.")
    commune: Line = doc("Xã/phường nơi sản xuất.", "Commune or ward where it is made.")


class Price(Record):
    """Price in Vietnamese đồng, a single value or a range."""

    min: Dong = doc("Giá (hoặc giá thấp nhất), đồng.", "Price, or lowest price, in VND.", ge=0)
    max: Dong | None = doc("Giá cao nhất, đồng.", "Highest price in VND.", default=None, ge=0)
    unit: LocalizedLine | None = doc(
        "Đơn vị bán, ví dụ `hộp 500 g`.", "Unit sold, e.g. `500 g box`.", default=None
    )

    @field_validator("max")
    @classmethod
    def _max_not_below_min(cls, value: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("min")
        if value is not None and low is not None and value < low:
            raise portal_error(
                f"highest price {value} is below the lowest price {low}",
                "swap min and max, or remove max for a single price",
            )
        return value


class SalePoint(Record):
    """A shop or stall where the product is sold."""

    name: NameLine = doc(
        "Tên điểm bán: một tên, hoặc tên theo từng ngôn ngữ `{vi: …, en: …}`.",
        "Name of the shop: one name, or a name per language `{vi: …, en: …}`.",
    )
    address: Line | None = doc("Địa chỉ.", "Address.", default=None)
    coordinates: Coordinates | None = doc("Tọa độ.", "Position.", default=None)


class Product(Record):
    """An OCOP product, one YAML file in content/products/."""

    id: Slug = doc("Mã bản ghi, trùng tên tệp.", "Record id, same as the file name.")
    name: LocalizedLine = doc("Tên sản phẩm.", "Product name.")
    code: ShortCode | None = code_field()
    stars: int = doc("Số sao OCOP (3 đến 5).", "OCOP rating, 3 to 5 stars.")
    year_rated: int | None = doc(
        "Năm được công nhận OCOP.", "Year the rating was awarded.", default=None, ge=2018
    )
    category: ProductCategory = doc(
        "Nhóm: food, beverage, herbal, handicraft, fruit, service, other.",
        "Group: food, beverage, herbal, handicraft, fruit, service, other.",
    )
    producer: Producer = doc("Cơ sở sản xuất.", "Producer.")
    summary: LocalizedText = doc("Một câu giới thiệu.", "One-sentence summary.")
    description: LocalizedMarkdown = doc("Mô tả (Markdown).", "Description (Markdown).")
    price: Price | None = doc("Giá bán.", "Price.", default=None)
    where_to_buy: tuple[SalePoint, ...] = doc("Nơi mua.", "Where to buy.", default=())
    shop_url: Url | None = doc(
        "Gian hàng trên sàn thương mại điện tử chính thức.",
        "Official e-commerce listing.",
        default=None,
    )
    notes: tuple[Text, ...] = notes_field()
    images: tuple[Media, ...] = doc(
        "Ảnh, lưu trong content/media/<id>/.", "Images, kept in content/media/<id>/.", default=()
    )

    @field_validator("stars")
    @classmethod
    def _stars(cls, value: int) -> int:
        if not 3 <= value <= 5:
            raise portal_error(
                f"OCOP stars must be 3, 4 or 5; got {value}",
                "write the rating on the product's OCOP certificate (3 to 5)",
            )
        return value
