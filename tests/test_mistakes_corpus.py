"""The corpus of editors' mistakes: each file in tests/mistakes/ is one realistic mistake,
and `portal check` must answer it with exactly the message in tests/mistakes/expected.txt.

Each fixture is copied into a fresh project beside one valid relic (`chua-vinh-trang`, for
references), at the same relative path, so a fixture reads like the file an editor saved.
To add a case: save the file under tests/mistakes/<folder>/, run this test, read the
message it prints, and add `path<TAB>message` to expected.txt when the message is right.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.load.issues import ContentError
from build_tools.load.project import load_catalog
from tests.conftest import Project

CORPUS = Path(__file__).parent / "mistakes"
EXPECTED = dict(
    line.split("\t", 1)
    for line in (CORPUS / "expected.txt").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
)
FIXTURES = sorted(
    p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()
    and p.name != "expected.txt"
)


def test_every_fixture_has_its_message() -> None:
    assert sorted(EXPECTED) == FIXTURES
    assert len(FIXTURES) >= 60


@pytest.mark.parametrize("fixture", FIXTURES)
def test_mistake_gets_its_message(project: Project, fixture: str) -> None:
    project.relic("chua-vinh-trang")
    target = project.root / fixture
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((CORPUS / fixture).read_bytes())
    with pytest.raises(ContentError) as caught:
        load_catalog(project.root)
    found = [str(issue) for issue in caught.value.issues]
    assert found == [EXPECTED.get(fixture, "(not in expected.txt)")], "\n".join(found)
