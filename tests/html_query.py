"""Built pages as a tree, so tests assert what a page holds, not how its markup is spelled
(pages are minified: attribute quotes and order, whitespace and `&gt;` vary)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """The text inside, entities decoded, as the browser's textContent."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def text_until(self, end: Element) -> str:
        """The text inside this element that comes before `end` starts, in document order."""
        parts: list[str] = []

        def walk(node: Element) -> bool:  # False once `end` is reached
            for child in node.children:
                if child is end:
                    return False
                if isinstance(child, str):
                    parts.append(child)
                elif not walk(child):
                    return False
            return True

        walk(self)
        return "".join(parts)

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(
        self,
        tag: str | None = None,
        *,
        cls: str | None = None,
        attrs: Mapping[str, str | None] | None = None,
        **named: str,
    ) -> list[Element]:
        """Elements inside (or this one) with this tag, class and attributes; an attribute
        given as None only has to be there. `named` are attributes whose names need no
        hyphen (id, href, lang…)."""
        wanted = {**(attrs or {}), **named}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(
                name in element.attrs and (value is None or element.attrs[name] == value)
                for name, value in wanted.items()
            )
        ]

    def find(
        self,
        tag: str | None = None,
        *,
        cls: str | None = None,
        attrs: Mapping[str, str | None] | None = None,
        **named: str,
    ) -> Element:
        """The first such element; AssertionError if there is none."""
        found = self.find_all(tag, cls=cls, attrs=attrs, **named)
        assert found, f"no <{tag or '*'}> with class {cls!r} and {attrs or {}} {named}"
        return found[0]

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, [], self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(
            Element(tag, {name: value or "" for name, value in attrs}, [], self.current)
        )

    def handle_endtag(self, tag: str) -> None:
        # Close up to the nearest open element of that name; a stray end tag is ignored.
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Element:
    """The page as a tree of elements (the document node at the top)."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
