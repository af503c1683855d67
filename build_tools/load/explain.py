"""Turn pydantic's validation errors into editors' messages with the line and the fix."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from build_tools.load.issues import Issue
from build_tools.load.yaml_slips import escape_slip
from build_tools.load.yaml_source import Path, YamlDocument
from build_tools.model.fields import model_in, slug_of

# Staff often write the Vietnamese word for a choice; point them at the value to write.
VIETNAMESE_HINTS = {
    "quoc-gia-dac-biet": "special-national",
    "dac-biet": "special-national",
    "quoc-gia": "national",
    "cap-quoc-gia": "national",
    "cap-tinh": "provincial",
    "tinh": "provincial",
    "chua-xep-hang": "none",
    "chua-ro": "unknown",
    "khong-ro": "unknown",
    "khong": "none",
    "chua": "pagoda",
    "den": "temple",
    "mieu": "temple",
    "dinh": "communal-house",
    "nha-tho": "church",
    "tuong-dai": "monument",
    "di-tich-lich-su": "historic-site",
    "bao-tang": "museum",
    "cho": "market",
    "khac": "other",
    "mo": "open",
    "khong-mat-khau": "open",
    "co-mat-khau": "wpa2",
    "mat-khau": "wpa2",
    "thuc-pham": "food",
    "do-uong": "beverage",
    "duoc-lieu": "herbal",
    "thu-cong": "handicraft",
    "trai-cay": "fruit",
}

# Field names written in Vietnamese (folded, `_` for spaces) → the field meant.
VIETNAMESE_KEYS = {
    "ten": ("name",),
    "ten_goi": ("name",),
    "dia_chi": ("address",),
    "toa_do": ("coordinates",),
    "vi_do": ("lat",),
    "kinh_do": ("lon",),
    "mo_ta": ("description", "alt"),
    "gioi_thieu": ("description", "summary"),
    "tom_tat": ("summary",),
    "phuong": ("ward",),
    "xa": ("ward", "commune"),
    "phuong_xa": ("ward", "commune"),
    "loai": ("category",),
    "loai_hinh": ("category",),
    "nhom": ("category",),
    "xep_hang": ("designation",),
    "cap": ("level",),
    "anh": ("media", "images"),
    "hinh_anh": ("media", "images"),
    "hinh": ("media", "images"),
    "tep": ("file",),
    "chu_thich": ("caption",),
    "tac_gia": ("credit",),
    "giay_phep": ("licence",),
    "gia": ("price",),
    "sao": ("stars",),
    "so_sao": ("stars",),
    "lich_su": ("history",),
    "nguon": ("sources",),
    "gio_mo_cua": ("hours",),
    "gio": ("hours",),
    "phi": ("fee",),
    "ve": ("fee",),
    "gia_ve": ("fee",),
    "trang_phuc": ("dress_code",),
    "mat_khau": ("password",),
    "ten_mang": ("ssid",),
    "bao_mat": ("security",),
    "bat_dau": ("start",),
    "ket_thuc": ("end",),
    "dia_diem": ("venue", "place"),
    "chuong_trinh": ("programme",),
    "don_vi_to_chuc": ("organiser",),
    "to_chuc": ("organiser",),
    "noi_ban": ("where_to_buy",),
    "noi_mua": ("where_to_buy",),
    "co_so": ("producer",),
    "nha_san_xuat": ("producer",),
    "tieu_de": ("title",),
    "noi_dung": ("body", "text"),
    "thuyet_minh": ("audio",),
    "ma": ("id", "code"),
    "noi_bat": ("featured",),
}

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a mapping of `key: value` lines",
    "model_type": "a mapping of `key: value` lines",
    "model_attributes_type": "a mapping of `key: value` lines",
    "list_type": "a list of `- ` items",
    "tuple_type": "a list of `- ` items",
    "date_type": "a date like 2024-12-27",
    "date_parsing": "a date like 2024-12-27",
    "date_from_datetime_parsing": "a date like 2024-12-27",
    "datetime_type": "a date and time like 2024-12-27 18:00",
    "datetime_parsing": "a date and time like 2024-12-27 18:00",
    "datetime_from_date_parsing": "a date and time like 2024-12-27 18:00",
}


def issues_from_validation(
    error: ValidationError, document: YamlDocument, path: str, model: type[BaseModel]
) -> list[Issue]:
    details = error.errors()
    # A misspelt key ("wrad" for "ward") is one mistake: report the unknown key with its
    # correction, not also the required field it leaves missing.
    corrected = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            loc = _clean_loc(detail["loc"])
            known = _known_fields(model, loc[:-1])
            match = _meant(str(loc[-1]), known)
            if match is not None:
                corrected.add((*loc[:-1], match))
    return [
        _issue(detail, document, path, model)
        for detail in details
        if not (detail["type"] == "missing" and _clean_loc(detail["loc"]) in corrected)
    ]


def _meant(name: str, known: list[str]) -> str | None:
    """The allowed field an unknown name most likely means, in English or in Vietnamese."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return close[0]
    folded = slug_of(name).replace("-", "_")
    return next((f for f in VIETNAMESE_KEYS.get(folded, ()) if f in known), None)


def _clean_loc(loc: tuple[Any, ...]) -> Path:
    # pydantic adds '[key]' for errors in dict keys and tags for unions; neither is in the file.
    return tuple(part for part in loc if part != "[key]" and not str(part).startswith("function-"))


def _field_name(loc: Path) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _got(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + '..."'


def _issue(
    detail: ErrorDetails, document: YamlDocument, path: str, model: type[BaseModel]
) -> Issue:
    loc = _clean_loc(detail["loc"])
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    value = detail.get("input")
    if kind == "portal" and ctx.get("field"):
        loc = (*loc, ctx["field"])
    line = document.line_of(loc)
    field = _field_name(loc)
    name = str(loc[-1]) if loc else ""

    if kind == "portal":
        typed = _typed_escape(document, loc, model, ctx)
        if typed is not None:
            return Issue(path, line, field, *escape_slip(*typed))
        return Issue(path, line, field, detail["msg"], str(ctx["fix"]))
    if kind == "missing":
        return Issue(path, line, field, "required field is missing", f"add `{name}:` here")
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        close = _meant(name, known)
        # Never advise deleting: the value may be right and only the name misspelt.
        fix = (
            f"did you mean `{close}`?"
            if close
            else "check the spelling of the field name (or remove the line if it does not "
            "belong here)."
        )
        return Issue(
            path,
            line,
            field,
            f'unknown field "{name}"',
            f"{fix} Allowed here: {', '.join(known)}" if known else fix,
        )
    if kind in ("literal_error", "enum"):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = VIETNAMESE_HINTS.get(slug_of(str(value)))
        choices = (
            [hint]
            if hint is not None and hint in allowed
            else difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.4)
        )
        fix = f"write {choices[0]}" if choices else f"write one of {', '.join(allowed)}"
        return Issue(
            path, line, field, f"expected one of {', '.join(allowed)}; got {_got(value)}", fix
        )
    if kind in _TYPE_NAMES and value is None:
        expected = _TYPE_NAMES[kind]
        return Issue(path, line, field, "no value is written", f"write {expected}")
    if kind in ("bool_type", "bool_parsing") and slug_of(str(value)) in (
        "co",
        "dung",
        "khong",
        "sai",
    ):
        answer = "true" if slug_of(str(value)) in ("co", "dung") else "false"
        return Issue(
            path, line, field, f"expected true or false; got {_got(value)}", f"write {answer}"
        )
    if kind in ("float_parsing", "float_type") and isinstance(value, str):
        return Issue(
            path,
            line,
            field,
            f"expected a number; got {_got(value)}",
            "write digits with a dot for decimals, like 10.3540",
        )
    if kind in _TYPE_NAMES:
        expected = _TYPE_NAMES[kind]
        return Issue(
            path, line, field, f"expected {expected}; got {_got(value)}", f"write {expected}"
        )
    if kind == "string_pattern_mismatch" and name == "code":
        return Issue(
            path,
            line,
            field,
            f"{_got(value)} is not a short code",
            "write 3 to 8 lowercase letters or digits, like r7k2 (or remove the line to use "
            "the code made from the id)",
        )
    if kind == "string_pattern_mismatch" and name != "id" and name != "relic":
        return Issue(path, line, field, f"{_got(value)} has the wrong form", str(detail["msg"]))
    if kind == "string_pattern_mismatch":
        return Issue(
            path,
            line,
            field,
            f"{_got(value)} is not a valid id",
            "use lowercase letters without accents, digits and hyphens, like chua-phuoc-lam",
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        word = "or more" if kind == "greater_than_equal" else "or less"
        return Issue(
            path,
            line,
            field,
            f"must be {bound} {word}; got {_got(value)}",
            "correct the number",
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return Issue(
            path, line, field, f"{detail['msg'].lower()}; got {_got(value)}", "correct the number"
        )
    if kind in ("too_long", "string_too_long"):
        limit = ctx.get("max_length", "")
        size = len(value) if isinstance(value, (str, list, dict)) else "more"
        return Issue(
            path,
            line,
            field,
            f"the text has {size} characters, more than the {limit} allowed",
            "shorten it (a long article belongs on several pages)",
        )
    if kind in ("too_short", "string_too_short"):
        return Issue(
            path, line, field, "must not be empty", f"write a value for `{name}` or remove the line"
        )
    return Issue(path, line, field, detail["msg"], "correct the value")


def _typed_escape(
    document: YamlDocument, loc: Path, model: type[BaseModel], ctx: dict[str, Any]
) -> tuple[str, str] | None:
    """The value as typed and its key, when a line break or control character in it came
    from a backslash escape inside double quotes (`"Kho C:\\new 12"`).

    Only for a field's own value: a text per language may have been written by `portal i18n
    import` (JSON escapes, `\\n` for a translator's line break), which the generic message
    suits better.
    """
    if ctx.get("reason") not in ("one-line", "control") or not document.escaped or not loc:
        return None
    key = loc[-1]
    raw = document.escaped.get(loc)
    if raw is not None and isinstance(key, str) and key in _known_fields(model, loc[:-1]):
        return raw, key
    # A name typed once (`organiser: "…"`) is read as the default language's.
    raw = document.escaped.get(loc[:-1])
    if raw is not None and len(loc) >= 2 and isinstance(loc[-2], str):
        return raw, loc[-2]
    return None


def _known_fields(model: type[BaseModel], loc: Path) -> list[str]:
    """Field names allowed at `loc`, following nested models (for "did you mean")."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = model_in(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return sorted(fields) if fields else []
