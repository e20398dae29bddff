"""What an OFD holds once read: pages, layers, graphic objects, resources, signatures and attachments (GB/T 33190 §7–§18), in millimetres, y downwards."""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x, y, width, height (mm)
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f: x' = a x + c y + e

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# Graphic, TextCode and TextObject are not frozen, only slotted. An
# e-invoice has thousands of them and a frozen dataclass sets each field through
# object.__setattr__ (three times the time: an eighth of reading a page). Nothing changes one
# after the content reader has made it; nothing hashes them.


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies `first`, then `then` (row vectors, as OFD and PDF write them)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


@dataclass(frozen=True)
class Gradient:
    """An axial or radial shading (§8.3.4–8.3.5), in the object's space."""

    kind: str  # AxialShd or RadialShd
    start: tuple[float, float]
    end: tuple[float, float]
    stops: tuple[tuple[float, tuple[float, float, float]], ...]  # position 0..1, RGB
    start_radius: float = 0.0
    end_radius: float = 0.0
    extend: int = 0  # 0 neither side, 1 before the start, 2 past the end, 3 both


@dataclass(frozen=True)
class Colour:
    """A colour as drawn: RGB in 0..1 and alpha in 0..1. `shading` names a shading or pattern; an
    axial or radial one carries its `gradient`, the others are drawn as their first colour (and said)."""

    red: float
    green: float
    blue: float
    alpha: float = 1.0
    shading: str = ""
    gradient: Gradient | None = None


@dataclass(frozen=True)
class DrawParam:
    """A drawing parameter (§8.2): line width, join, cap, dash, colours; `parent` is its Relative."""

    id: str
    parent: str = ""
    line_width: float | None = None
    join: str | None = None
    cap: str | None = None
    miter_limit: float | None = None
    dash: tuple[float, ...] | None = None
    dash_offset: float | None = None
    fill: Colour | None = None
    stroke: Colour | None = None


@dataclass(frozen=True)
class Font:
    """A font resource (§11.1): its names and, when embedded, the package path of its file."""

    id: str
    name: str
    family: str = ""
    file: str = ""  # package path; "" when the OFD relies on a system font
    bold: bool = False
    italic: bool = False
    serif: bool = False
    fixed_width: bool = False


@dataclass(frozen=True)
class Media:
    """A multimedia resource (§10.2): an image with its format as declared and its package path."""

    id: str
    kind: str
    format: str
    file: str


@dataclass(frozen=True)
class PathOp:
    """One operator of AbbreviatedData (§9.3.2): M L Q B A C, with its numbers (mm)."""

    op: str
    numbers: tuple[float, ...] = ()


@dataclass(frozen=True)
class ClipArea:
    """One clip area (§8.5): a path, in the object's space (after its CTM when `transformed`)."""

    ops: tuple[PathOp, ...]
    ctm: Matrix = IDENTITY
    transformed: bool = False
    rule_even_odd: bool = False


@dataclass(frozen=True)
class Look:
    """What an object looks like once its DrawParam chain is resolved (§8.2, §9.1)."""

    line_width: float = 0.353
    join: str = "Miter"
    cap: str = "Butt"
    miter_limit: float = 3.528
    dash: tuple[float, ...] = ()
    dash_offset: float = 0.0
    fill: Colour | None = None
    stroke: Colour | None = None
    alpha: float = 1.0  # the object's Alpha (0..1), on top of the colours' own


@dataclass(slots=True)  # not frozen: see the note under IDENTITY
class Graphic:
    """What every graphic object has (§9.1): ID, Boundary, CTM, look, clips, the part it is in."""

    id: str
    boundary: Box
    ctm: Matrix
    look: Look
    clips: tuple[tuple[ClipArea, ...], ...]  # each Clip is a union of its areas; clips intersect
    part: str


@dataclass(slots=True)  # not frozen: see the note under IDENTITY
class TextCode:
    """A run of text (§11.3): the first glyph's baseline at (x, y), then glyph-to-glyph offsets."""

    text: str
    x: float
    y: float
    delta_x: tuple[float, ...] = ()
    delta_y: tuple[float, ...] = ()


@dataclass(frozen=True)
class GlyphMap:
    """CGTransform (§11.4): `code_count` characters from `code_position` drawn as `glyphs`."""

    code_position: int
    code_count: int
    glyphs: tuple[int, ...]


@dataclass(slots=True)  # not frozen: see the note under IDENTITY
class TextObject:
    graphic: Graphic
    font: str  # resource ID
    size: float
    codes: tuple[TextCode, ...]
    glyph_maps: tuple[GlyphMap, ...] = ()
    horizontal_scale: float = 1.0
    weight: int = 400
    italic: bool = False
    fill: bool = True
    stroke: bool = False
    char_direction: int = 0  # degrees: 0, 90, 180, 270
    read_direction: int = 0


@dataclass(frozen=True)
class PathObject:
    graphic: Graphic
    ops: tuple[PathOp, ...]
    fill: bool = False
    stroke: bool = True
    even_odd: bool = False


@dataclass(frozen=True)
class ImageObject:
    graphic: Graphic
    resource: str  # MultiMedia ID
    mask: str = ""  # ImageMask: a MultiMedia ID whose picture masks this one (not applied; said)


@dataclass(frozen=True)
class CompositeObject:
    graphic: Graphic
    resource: str  # CompositeGraphicUnit ID


@dataclass(frozen=True)
class Block:
    """A PageBlock (§9.2) or a layer: objects drawn in order."""

    id: str
    objects: tuple[object, ...]
    matrix: Matrix = IDENTITY  # an annotation's appearance sits at its Boundary's origin


@dataclass(frozen=True)
class Unsupported:
    """An object this reader knows but does not draw (e.g. a video): said as a problem."""

    id: str
    kind: str
    part: str


@dataclass(frozen=True)
class CompositeUnit:
    """A CompositeGraphicUnit (§13): content drawn in its own Width × Height space."""

    id: str
    width: float
    height: float
    content: Block


@dataclass(frozen=True)
class Template:
    id: str
    part: str
    z_order: str  # Background, Body, Foreground
    layers: tuple[Block, ...]


@dataclass(frozen=True)
class Stamp:
    """Where a signature shows (§18.2.4 StampAnnot): page, box, and the seal picture if we have one."""

    signature: str  # package path of Signature.xml
    page_id: str
    boundary: Box
    picture: bytes = b""
    picture_format: str = ""  # png, jpeg, gif, bmp, ofd; "" when none was found


@dataclass(frozen=True)
class Attachment:
    id: str
    name: str
    format: str
    file: str  # package path
    size: int


@dataclass
class Page:
    """One page as read: size, templates (with their z-order), layers, annotation appearances."""

    index: int
    id: str
    part: str
    box: Box
    templates: list[tuple[str, str]] = field(default_factory=list)  # (template ID, z-order)
    layers: list[Block] = field(default_factory=list)
    annotations: list[Block] = field(default_factory=list)
    object_count: int = 0

    @property
    def size_mm(self) -> tuple[float, float]:
        return (self.box[2], self.box[3])
