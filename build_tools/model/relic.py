"""Relic site: a pagoda, communal house, church, monument or other heritage place."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from build_tools.model.fields import (
    Coordinates,
    Date,
    LanguageCode,
    Line,
    LocalizedLine,
    LocalizedMarkdown,
    LocalizedText,
    Media,
    MediaFile,
    Record,
    ShortCode,
    Slug,
    Source,
    Text,
    Url,
    code_field,
    doc,
    notes_field,
    portal_error,
)
from build_tools.model.hours import HoursList

RelicCategory = Literal[
    "pagoda",
    "temple",
    "communal-house",
    "church",
    "monument",
    "historic-site",
    "museum",
    "market",
    "other",
]
DesignationLevel = Literal["special-national", "national", "provincial", "none", "unknown"]
DigitizationStatus = Literal["not-started", "in-progress", "complete"]


class Designation(Record):
    """The relic's official heritage ranking."""

    level: DesignationLevel = doc(
        "Cấp xếp hạng: special-national (quốc gia đặc biệt), national (quốc gia), "
        "provincial (cấp tỉnh), none (chưa xếp hạng) hoặc unknown (chưa rõ).",
        "Ranking: special-national, national, provincial, none (not ranked) or unknown.",
    )
    decision: Text | None = doc(
        "Số quyết định xếp hạng, chỉ ghi khi chắc chắn.",
        "Number of the ranking decision; only when known for sure.",
        default=None,
    )
    date: Date | None = doc(
        "Ngày ký quyết định (YYYY-MM-DD), chỉ ghi khi chắc chắn.",
        "Date of the decision (YYYY-MM-DD); only when known for sure.",
        default=None,
    )


class FormerUnits(Record):
    """The address's units before the 2025 reorganization (no districts since then)."""

    ward: Line | None = doc(
        "Phường/xã cũ, ví dụ `Phường 1`.", "Former ward, e.g. `Phường 1`.", default=None
    )
    district: Line | None = doc(
        "Quận/huyện/thành phố cũ.", "Former district or provincial city.", default=None
    )
    province: Line | None = doc("Tỉnh cũ.", "Former province.", default=None)


class HistoryEntry(Record):
    """One dated step in the relic's history."""

    period: Text = doc(
        "Năm hoặc giai đoạn, ví dụ `1849` hoặc `đầu thế kỷ 20`.",
        "Year or period, e.g. `1849` or `early 20th century`.",
    )
    text: LocalizedText = doc("Điều đã xảy ra.", "What happened.")


class Visiting(Record):
    """What a visitor needs to know before going."""

    opening_hours: HoursList = doc(
        "Giờ mở cửa theo ngày, để trang cho biết lúc này đang mở hay đóng: mỗi mục có "
        "`days:` (ví dụ `mon-sun` hoặc `t2-cn`) và `hours:` (ví dụ `07:00-11:30, 13:30-17:00`). "
        "Ngày không ghi là ngày nghỉ. Chỉ ghi khi chắc chắn.",
        "Opening hours per day, so the page can say whether the site is open now: each entry "
        "has `days:` (e.g. `mon-sun`) and `hours:` (e.g. `07:00-11:30, 13:30-17:00`). Days not "
        "listed are closed. Only when known for sure.",
        default=(),
    )
    hours: LocalizedText | None = doc(
        "Giờ mở cửa bằng lời, hoặc ghi chú thêm cho `opening_hours` (ví dụ `Đóng cửa mùng 1 Tết`).",
        "Opening hours in words, or a note beside `opening_hours` "
        "(e.g. `Closed on the first day of Tết`).",
        default=None,
    )
    fee: LocalizedText | None = doc(
        "Phí tham quan (ghi `Miễn phí` nếu không thu).", "Entrance fee, or free.", default=None
    )
    dress_code: LocalizedText | None = doc("Trang phục phù hợp.", "Dress code.", default=None)
    accessibility: LocalizedText | None = doc(
        "Lối đi cho xe lăn, bậc thềm, nhà vệ sinh…",
        "Wheelchair access, steps, toilets…",
        default=None,
    )


class AudioGuide(Record):
    """A recorded guide in one language."""

    file: MediaFile = doc("Tệp âm thanh trong thư mục media.", "Audio file in the media folder.")
    transcript: LocalizedMarkdown | None = doc(
        "Lời thuyết minh dạng chữ.", "Written transcript of the recording.", default=None
    )


class Digitization(Record):
    """How far the city has come in digitizing this relic."""

    status: DigitizationStatus = doc(
        "Tiến độ số hóa: not-started, in-progress, complete.",
        "Digitization progress: not-started, in-progress, complete.",
        default="not-started",
    )
    tour_360: Url | None = doc("Liên kết tham quan 360°.", "Link to a 360° tour.", default=None)
    documents: int = doc(
        "Số hồ sơ, tài liệu đã số hóa.", "Number of documents digitized.", default=0, ge=0
    )


class Relic(Record):
    """A relic site, one YAML file in heritage/relics/."""

    id: Slug = doc(
        "Mã bản ghi, trùng tên tệp, chữ thường không dấu, ví dụ `chua-phuoc-lam`.",
        "Record id, same as the file name, lowercase ASCII, e.g. `chua-phuoc-lam`.",
    )
    name: LocalizedLine = doc("Tên di tích.", "Name of the site.")
    code: ShortCode | None = code_field()
    category: RelicCategory = doc(
        "Loại hình: pagoda (chùa), temple (đền/miếu), communal-house (đình), church (nhà thờ), "
        "monument (tượng đài), historic-site (di tích lịch sử), museum (bảo tàng), "
        "market (chợ), other (khác).",
        "Kind of site: pagoda, temple, communal-house, church, monument, historic-site, "
        "museum, market, other.",
    )
    designation: Designation = doc(
        "Xếp hạng di tích; bỏ trống nghĩa là chưa rõ (khác với none: chưa xếp hạng).",
        "Heritage designation; left out means unknown (not the same as none: not ranked).",
        default=Designation(level="unknown"),
    )
    address: Line = doc(
        "Số nhà, đường (tiếng Việt), không ghi phường/xã và tỉnh.",
        "House number and street, in Vietnamese, without ward and province.",
    )
    ward: Line | None = doc(
        "Phường/xã hiện nay (chính quyền hai cấp từ 1/7/2025). Chưa xác minh được thì bỏ "
        "trống và ghi tên cũ trong `former`.",
        "Current ward or commune (two-level local government since 1 July 2025). Leave it "
        "out until confirmed, and give the old name under `former`.",
        default=None,
    )
    province: Line | None = doc(
        "Tỉnh/thành phố hiện nay, nếu khác `province` trong site.yaml.",
        "Current province, when it differs from `province` in site.yaml.",
        default=None,
    )
    former: FormerUnits | None = doc(
        "Tên đơn vị hành chính trước 1/7/2025, như trên biển và bản đồ cũ.",
        "Administrative units before 1 July 2025, as on old signs and maps.",
        default=None,
    )
    coordinates: Coordinates = doc("Tọa độ của cổng chính.", "Position of the main entrance.")
    summary: LocalizedText = doc(
        "Một hoặc hai câu giới thiệu, hiện trên thẻ danh sách.",
        "One or two sentences, shown on list cards.",
    )
    description: LocalizedMarkdown = doc(
        "Bài giới thiệu đầy đủ (Markdown).", "Full description (Markdown)."
    )
    history: tuple[HistoryEntry, ...] = doc(
        "Các mốc lịch sử.", "Timeline of the site's history.", default=()
    )
    visiting: Visiting = doc("Thông tin tham quan.", "Visiting information.", default=Visiting())
    media: tuple[Media, ...] = doc(
        "Ảnh, lưu trong heritage/media/<id>/.", "Photos, kept in heritage/media/<id>/.", default=()
    )
    audio: dict[LanguageCode, AudioGuide] = doc(
        "Thuyết minh âm thanh theo ngôn ngữ, ví dụ `vi: {file: vi.mp3}`.",
        "Audio guide per language, e.g. `vi: {file: vi.mp3}`.",
        default_factory=dict,
    )
    digitization: Digitization = doc(
        "Tình trạng số hóa.", "Digitization status.", default=Digitization()
    )
    sources: tuple[Source, ...] = doc(
        "Nguồn tư liệu.", "Sources of the facts on this page.", default=()
    )
    notes: tuple[Text, ...] = notes_field()
    featured: bool = doc("Hiện trên trang chủ.", "Show on the home page.", default=False)

    @model_validator(mode="after")
    def _some_ward(self) -> Relic:
        if self.ward is None and self.former is None:
            raise portal_error(
                "the ward or commune is missing",
                "write `ward:` (the current ward or commune), or, until it is confirmed, "
                "the old units as `former: {ward: …, district: …}`",
                field="ward",
            )
        return self

    def units(self, site_province: str | None) -> str:
        """Ward and province as they are now, for the address line."""
        return ", ".join(p for p in (self.ward, self.province or site_province) if p)
