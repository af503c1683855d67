"""One invalid record per kind of mistake, with the exact message an editor reads."""

from __future__ import annotations

import pytest

from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from tests.conftest import Project


def problems(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    return [str(issue) for issue in caught.value.issues]


def test_valid_project_loads(project: Project) -> None:
    project.relic("chua-a")
    catalog = load_catalog(project.root)
    assert [relic.id for relic in catalog.relics] == ["chua-a"]
    assert catalog.relics[0].name["en"] == "Pagoda 1"


CASES = {
    "yaml syntax": (
        "id: chua-a\nname: {vi: Chùa A\ncategory: pagoda\n",
        "heritage/relics/chua-a.yaml:2: YAML syntax error: the `{` opened on this line is not "
        "closed — add `}` at the end of the line; if the text itself contains `,` `:` `{` or "
        '`}`, put it in double quotes "…"',
    ),
    "unknown key": (
        None, "heritage/relics/chua-a.yaml:9: catgory: unknown field \"catgory\" — did you mean "
        "`category`? Allowed here: address, audio, category, code, coordinates, description, "
        "designation, digitization, featured, former, history, id, media, name, notes, province, "
        "sources, summary, visiting, ward",
    ),
    "wrong choice": (
        None, 'heritage/relics/chua-a.yaml:10: designation.level: expected one of '
        'special-national, national, provincial, none, unknown; got "quoc gia" — write national',
    ),
    "latitude outside Vietnam": (
        None, "heritage/relics/chua-a.yaml:8: coordinates.lat: latitude 95.0 is outside Vietnam "
        "(6.0 to 23.5) — copy the point again from a map; check that latitude and longitude are "
        "not swapped (in Vietnam the latitude is the smaller number)",
    ),
    "missing required field": (
        "id: chua-a\nname: {vi: Chùa A}\ncategory: pagoda\naddress: x\nward: y\n"
        "coordinates: {lat: 10.36, lon: 106.38}\nsummary: {vi: s}\n",
        "heritage/relics/chua-a.yaml:1: description: required field is missing — "
        "add `description:` here",
    ),
    "missing Vietnamese text": (
        None, "heritage/relics/chua-a.yaml:10: history[0].text: the vi text is missing — add a "
        "line `vi: ...` — every text needs the vi version",
    ),
    "language not configured": (
        None, 'heritage/relics/chua-a.yaml:10: history[0].text.de: "de" is not a language of '
        "this site — use one of vi, en (site_config/site.yaml lists the languages)",
    ),
    "wrong type": (
        None, 'heritage/relics/chua-a.yaml:9: featured: expected true or false; got "often" — '
        "write true or false",
    ),
    "invalid url": (
        None, 'heritage/relics/chua-a.yaml:11: sources[0].url: not a web address: "www.example" '
        "— write the full address starting with https://",
    ),
    "media file missing": (
        None, 'heritage/relics/chua-a.yaml:10: media[0].file: "cong.jpg" is not in '
        "heritage/media/chua-a/ — put the file in heritage/media/chua-a/ or correct the name "
        "(case matters)",
    ),
    "key written twice": (
        None, 'heritage/relics/chua-a.yaml:9: ward: key "ward" is written twice — keep one and '
        "delete the other",
    ),
}

EXTRAS = {
    "unknown key": "catgory: temple\n",
    "wrong choice": "designation:\n  level: quoc gia\n",
    "latitude outside Vietnam": "history: []\n",
    "missing Vietnamese text": "history:\n  - {period: 1849, text: {en: Built.}}\n",
    "language not configured": "history:\n  - {period: 1849, text: {vi: Xây., de: Gebaut.}}\n",
    "wrong type": "featured: often\n",
    "invalid url": "sources:\n  - title: Trang\n    url: www.example\n",
    "media file missing": "media:\n  - file: cong.jpg\n    alt: {vi: Cổng chùa}\n",
    "key written twice": "ward: Phường 1\n",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_has_its_message(project: Project, case: str) -> None:
    text, expected = CASES[case]
    if text is not None:
        project.write("heritage/relics/chua-a.yaml", text)
    elif case == "latitude outside Vietnam":
        path = project.relic("chua-a")
        path.write_text(path.read_text().replace("coordinates: {lat: 10.36, lon: 106.38}",
                                                 "history: []\ncoordinates:\n  lat: 95\n  lon: 106.38"))
    else:
        project.relic("chua-a", extra=EXTRAS[case])
    assert problems(project) == [expected]


def test_duplicate_id_blames_the_copy_not_the_original(project: Project) -> None:
    # "0-copy" sorts before "chua-a": the blame must follow the file name, not the order.
    project.relic("chua-a")
    project.write("heritage/relics/0-copy.yaml",
                  (project.root / "heritage/relics/chua-a.yaml").read_text())
    assert problems(project) == [
        'heritage/relics/0-copy.yaml:1: id: id "chua-a" is already used by '
        "heritage/relics/chua-a.yaml (this file looks like a copy of it) — give this record "
        "its own id: write `id: 0-copy` to match the file name"
    ]


def test_dangling_references_suggest_the_right_id(project: Project) -> None:
    project.relic("chua-vinh-trang")
    project.write("content/wifi/wifi-a.yaml", """\
        id: wifi-a
        name: {vi: Wifi A}
        coordinates: {lat: 10.36, lon: 106.38}
        serves: {relic: chua-vinh-trag}
        ssid: MyTho-Free
        security: open
    """)
    project.write("content/events/le-hoi.yaml", """\
        id: le-hoi
        name: {vi: Lễ hội}
        start: 2024-12-27T18:00
        end: 2024-12-31T22:00
        venue: {relic: dinh-khong-co}
        summary: {vi: Tóm tắt.}
        description: {vi: Mô tả.}
    """)
    project.write("content/events/le-hoi-2.yaml", """\
        id: le-hoi-2
        name: {vi: Lễ hội}
        start: 2024-12-27T18:00
        end: 2024-12-26T22:00
        venue: {relic: chua-vinh-trang}
        summary: {vi: Tóm tắt.}
        description: {vi: Mô tả.}
    """)
    assert problems(project) == [
        "content/events/le-hoi-2.yaml:4: end: the event ends (2024-12-26 22:00) before it starts "
        "(2024-12-27 18:00) — check the dates; `end` must be the same as or after `start`",
        'content/events/le-hoi.yaml:5: venue.relic: no relic site has the id "dinh-khong-co" — '
        "use the id of a file in heritage/relics/",
        'content/wifi/wifi-a.yaml:4: serves.relic: no relic site has the id "chua-vinh-trag" — '
        "did you mean chua-vinh-trang?",
    ]


def test_ocop_stars_out_of_range_and_unpublishable_password(project: Project) -> None:
    project.write("content/products/keo-dua.yaml", """\
        id: keo-dua
        name: {vi: Kẹo dừa}
        stars: 6
        category: food
        producer: {name: Cơ sở A, commune: Tân Thạch}
        summary: {vi: Kẹo.}
        description: {vi: Kẹo dừa.}
    """)
    project.write("content/wifi/wifi-b.yaml", """\
        id: wifi-b
        name: {vi: Wifi B}
        coordinates: {lat: 10.36, lon: 106.38}
        serves: {text: {vi: Bến tàu}}
        ssid: MyTho-Free
        security: open
        password: secret
    """)
    assert problems(project) == [
        "content/products/keo-dua.yaml:3: stars: OCOP stars must be 3, 4 or 5; got 6 — write the "
        "rating on the product's OCOP certificate (3 to 5)",
        "content/wifi/wifi-b.yaml:7: password: an open network has no password — remove "
        "`password`, or set `security` to wpa2 or wpa3",
    ]


def test_every_problem_in_every_file_is_reported_in_one_run(project: Project) -> None:
    project.relic("chua-a", extra="catgory: x\n")
    project.relic("chua-b", extra="featured: often\n")
    project.write("heritage/relics/chua-c.yaml", "id: [\n")
    found = problems(project)
    assert [line.split(":")[0] for line in found] == [
        "heritage/relics/chua-a.yaml", "heritage/relics/chua-b.yaml", "heritage/relics/chua-c.yaml"
    ]
