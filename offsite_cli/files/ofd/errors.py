"""The one exception of the OFD package, the limits a hostile file meets, and the problems of a page that cannot be drawn faithfully."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OfdError(Exception):
    """The file cannot be read as an OFD at all: `reason` says why, `part` names the package part."""

    def __init__(self, reason: str, part: str = "", *, missing: bool = False) -> None:
        super().__init__(f"{part}: {reason}" if part else reason)
        self.reason = reason
        self.part = part
        self.missing = missing  # the part is not in the package at all


@dataclass(frozen=True)
class Limits:
    """What a file may ask of us before it is refused (sizes in bytes).

    The defaults are far above any real e-receipt or letter (the largest sample is 0.9 MB with
    2,000 objects on a page) and far below what would stall a clerk's machine.
    """

    max_package_bytes: int = 64 * 1024 * 1024  # the .ofd file itself
    max_members: int = 5_000
    max_unpacked_bytes: int = 256 * 1024 * 1024  # all members together
    max_member_bytes: int = 64 * 1024 * 1024
    max_ratio: int = 200  # uncompressed / compressed, for members above 64 KiB
    max_xml_bytes: int = 16 * 1024 * 1024
    max_xml_depth: int = 64
    max_pages: int = 2_000
    max_objects_per_page: int = 20_000  # beyond: the rest of the page is not drawn, and said
    max_glyphs_per_text: int = 10_000
    max_drawn_objects: int = 100_000  # per page, composites and templates counted each time drawn
    max_drawn_glyphs: int = 1_000_000
    max_path_operations: int = 100_000
    max_nesting: int = 16  # composite objects, blocks, templates within templates
    max_coordinate: float = 100_000.0  # mm; a larger number is not a drawing but an attack
    max_page_mm: float = 5_000.0  # PDF pages stop at 200 inches (5,080 mm)
    max_image_pixels: int = 50_000_000
    max_embedded_depth: int = 1  # an OFD seal inside an OFD, not deeper


DEFAULT_LIMITS = Limits()


class ProblemKind(StrEnum):
    """What kind of unfaithfulness a problem is (stable names for messages and JSON)."""

    MISSING_PART = "missing-part"  # a part the document names is not in the package
    MISSING_RESOURCE = "missing-resource"  # an object refers to a resource ID that is not there
    BAD_PART = "bad-part"  # a part is there but cannot be read (bad XML, over a limit)
    UNSUPPORTED = "unsupported"  # an object or feature this renderer does not draw
    FONT = "font"  # an embedded font could not be used; another font stands in
    IMAGE = "image"  # an image could not be decoded or embedded
    LIMIT = "limit"  # the page asked for more than the limits; the rest was not drawn
    SEAL = "seal"  # a signature whose appearance is not a picture we can draw
    GLYPHS_LEFT_OUT = "glyphs-left-out"  # characters the font standing in has no glyph for



# What the file itself lacks (a part or resource it names, a glyph its own font has not) is drawn
# as any viewer draws it, and a font that stands in draws the same text: the page is still the
# file's page. The other kinds mean the drawing differs from what the file holds.
FILE_AS_IT_IS = frozenset({ProblemKind.MISSING_PART, ProblemKind.MISSING_RESOURCE, ProblemKind.FONT})


@dataclass(frozen=True)
class Problem:
    """One thing that is not as the file means it: the part (and object) and what is wrong."""

    kind: ProblemKind
    where: str  # "Doc_0/Pages/Page_0/Content.xml object 79", or a package part
    detail: str  # English, for logs and JSON; the command layer words it for the clerk

    def __str__(self) -> str:
        return f"{self.where}: {self.detail}"

    @property
    def changes_the_page(self) -> bool:
        """Whether the drawn page differs from what the file holds (see FILE_AS_IT_IS)."""
        return self.kind not in FILE_AS_IT_IS


def problem_from(error: OfdError, where: str, what: str) -> Problem:
    """A part that could not be read, as a problem: missing, or there but unreadable."""
    kind = ProblemKind.MISSING_PART if error.missing else ProblemKind.BAD_PART
    return Problem(kind, error.part or where, f"{what}: {error.reason}")
