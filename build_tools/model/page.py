"""Free page: about, practical information and other text pages written by staff."""

from __future__ import annotations

from build_tools.model.fields import LocalizedLine, LocalizedMarkdown, Record, Slug, doc


class Page(Record):
    """A free text page, one YAML file in content/pages/."""

    id: Slug = doc("Mã trang, trùng tên tệp.", "Page id, same as the file name.")
    title: LocalizedLine = doc("Tiêu đề.", "Title.")
    body: LocalizedMarkdown = doc("Nội dung (Markdown).", "Body text (Markdown).")
    order: int = doc(
        "Thứ tự trong menu (nhỏ trước).", "Order in the menu, smallest first.", default=100
    )
