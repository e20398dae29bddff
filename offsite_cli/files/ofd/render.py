"""An OFD drawn as PDF with reportlab: one PDF page per OFD page at its own size; templates under the content, text, paths, clips, images, composite objects, annotations and seal pictures (GB/T 33190 §9–§18).

The page is drawn in millimetres with y downwards, as OFD counts. Whatever is not drawn as the
file means it is returned as a problem naming the part and object, never left silently wrong.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass, replace

from offsite_cli.files.ofd import images, pathdata
from offsite_cli.files.ofd.document import OfdDocument, open_ofd
from offsite_cli.files.ofd.errors import Limits, OfdError, Problem, ProblemKind
from offsite_cli.files.ofd.model import (
    IDENTITY, Block, ClipArea, Colour, CompositeObject, Graphic, ImageObject, Look, Matrix, Page, PathObject, Stamp,
    TextObject, Unsupported,
)
from offsite_cli.files.ofd.package import Package
from offsite_cli.files.ofd.textdraw import draw_text
from offsite_cli.files.ofd.textlayout import apply, page_blocks, positions
from offsite_cli.files.ofd.type3 import Type3Fonts
from offsite_cli.files.ofd.typefaces import Choice, Typefaces

MM = 72 / 25.4
_JOINS = {"Miter": 0, "Round": 1, "Bevel": 2}
_CAPS = {"Butt": 0, "Round": 1, "Square": 2}
_EVEN_ODD, _NON_ZERO = 0, 1
_BLACK = Colour(0, 0, 0)  # reportlab's FILL_EVEN_ODD and FILL_NON_ZERO (note: even-odd is 0)


@dataclass(frozen=True)
class RenderedPdf:
    """The PDF, and every problem of reading and drawing (the document's own first)."""

    pdf: bytes
    problems: tuple[Problem, ...]


def render_pdf(document: OfdDocument, *, cjk_font: str | None = None) -> RenderedPdf:
    """Draw every page; `cjk_font` is a reportlab font name (default: the project's, fonts.register())."""
    from reportlab.pdfgen.canvas import Canvas

    if cjk_font is None:
        from offsite_cli.base import fonts

        cjk_font = fonts.register()
    from reportlab import rl_config

    buffer = io.BytesIO()
    problems = list(document.problems)
    # reportlab wraps every compressed stream in ASCII85 unless told not to: a quarter more bytes
    # and time for a file nobody reads as text. Only for this drawing; the setting is put back.
    ascii85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        canvas = Canvas(buffer, pageCompression=1, invariant=1)
        painter = Painter(canvas, document, problems, cjk_font, {})
        for page in document.pages:
            x, y, width, height = page.box
            canvas.setPageSize((width * MM, height * MM))
            canvas.saveState()
            canvas.transform(MM, 0, 0, -MM, 0, height * MM)
            canvas.translate(-x, -y)
            painter.page(page)
            canvas.restoreState()
            canvas.showPage()
        canvas.save()
    finally:
        rl_config.useA85 = ascii85
    page_ids = {page.id for page in document.pages}
    for stamp in document.stamps:
        if stamp.page_id not in page_ids:
            problems.append(Problem(ProblemKind.SEAL, stamp.signature,
                                    f"the stamp is on page {stamp.page_id}, which is not in the document"))
    unique = list(dict.fromkeys(problems))
    return RenderedPdf(buffer.getvalue(), tuple(unique))


# Seals read, by their bytes: an issuer stamps the same seal OFD on every receipt it issues, so a
# dossier's receipts from one hospital share it. A few are kept for the process.
_SEALS: dict[tuple[bytes, Limits, int], OfdDocument] = {}
_SEALS_KEPT = 32
_SEALS_LOCK = threading.Lock()  # the reader draws under its own lock; any other caller may not


def _seal(picture: bytes, limits: Limits, depth: int) -> OfdDocument:
    """The seal OFD opened, or as opened before for the same bytes and limits. Each use gets a
    package of its own, so what drawing reads of it counts against this use alone."""
    key = (hashlib.sha1(picture).digest(), limits, depth)
    with _SEALS_LOCK:
        known = _SEALS.get(key)
    if known is None:
        known = open_ofd(picture, limits=limits, depth=depth)  # OfdError: nothing kept
        with _SEALS_LOCK:
            while len(_SEALS) >= _SEALS_KEPT:
                _SEALS.pop(next(iter(_SEALS)))
            _SEALS[key] = known
    return replace(known, package=Package(picture, limits))


def _drawable(colour: Colour) -> bool:
    """A gradient reportlab draws: axial, or radial about one centre from radius 0."""
    gradient = colour.gradient
    if gradient is None or len(gradient.stops) < 2:
        return False
    return gradient.kind == "AxialShd" or (gradient.start == gradient.end and gradient.start_radius == 0)


def _in_place(item: TextObject) -> bool:
    """Whether a text object can be drawn without a graphics state of its own (q … Q), its own
    matrix folded into each text matrix instead: nothing to clip, and nothing it sets that a later
    object could inherit — filled only (a stroke's dash would stay), opaque (an alpha would stay).
    The fill colour and a simulated bold's stroke colour and width it leaves behind are set anew by
    whatever fills or strokes next. Most of an e-invoice is such text: q, cm and Q for each of its
    hundreds of objects were a third of its drawing."""
    look = item.graphic.look
    fill = look.fill
    return (not item.graphic.clips and item.fill and not item.stroke and look.alpha >= 1
            and (fill is None or (fill.alpha >= 1 and not fill.shading)))


def _clipped_by_boundary(item: object) -> bool:
    """Whether to clip an object to its Boundary: images and composites always; paths only when
    they reach beyond it (producers draw boundaries tight to the geometry, and a clip on a stroke's
    edge thins it on screen); text never, since a font standing in for the named one has other
    extents and would lose its edges."""
    if isinstance(item, (ImageObject, CompositeObject)):
        return True
    if not isinstance(item, PathObject):
        return False
    graphic = item.graphic
    points = [apply(graphic.ctm, op.numbers[index], op.numbers[index + 1])
              for op in pathdata.to_curves(item.ops) for index in range(0, len(op.numbers), 2)]
    if not points:
        return False
    a, b, c, d = graphic.ctm[:4]
    scale = max(abs(a * d - b * c), 0.0) ** 0.5
    allowance = (graphic.look.line_width * scale / 2 if item.stroke else 0.0) + 0.01
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width, height = graphic.boundary[2], graphic.boundary[3]
    return min(xs) < -allowance or min(ys) < -allowance or max(xs) > width + allowance or max(ys) > height + allowance


class Painter:
    """Draws the pages of one document (and, nested, the OFD pictures of its seals)."""

    def __init__(self, canvas, document: OfdDocument, problems: list[Problem], cjk_font: str,  # noqa: ANN001
                 type3: dict[str, Type3Fonts], drawn: dict | None = None) -> None:
        self.canvas = canvas
        self.type3 = type3  # by font key, shared with the painters of seals: one set of Type 3 fonts a PDF
        self.document = document
        self.problems = problems
        self.cjk = cjk_font
        self.typefaces = Typefaces(document.package, problems, cjk_font)
        self.resources = document.resources
        self.limits = document.limits
        self.images: dict[str, str] = {}  # media file → XObject name
        self.drawn = drawn if drawn is not None else {}  # textdraw's widths and codes by font, for this PDF
        self.seals: dict[str, OfdDocument] = {}  # by the picture's digest
        self.objects_left = self.limits.max_drawn_objects
        self.glyphs_left = self.limits.max_drawn_glyphs
        self.page_part = ""

    def say(self, kind: ProblemKind, where: str, detail: str) -> None:
        self.problems.append(Problem(kind, where, detail))

    def page(self, page: Page) -> None:
        self.resources = self.document.resources_for(page)
        # Composite units and templates repeat their content: what one page may draw is bounded
        # apart from what it may hold, so that 20,000 references to a large unit stay a page.
        self.objects_left = self.limits.max_drawn_objects
        self.glyphs_left = self.limits.max_drawn_glyphs
        self.page_part = page.part
        for block in page_blocks(self.document, page):
            self.block(block, 0)
        for stamp in self.document.stamps:
            if stamp.page_id == page.id:
                self.stamp(stamp)

    def block(self, block: Block, depth: int) -> None:
        if depth > self.limits.max_nesting:
            self.say(ProblemKind.LIMIT, f"block {block.id}", "nested too deep; not drawn")
            return
        moved = block.matrix != IDENTITY
        if moved:
            self.canvas.saveState()
            self.canvas.transform(*block.matrix)
        for item in block.objects:
            if not self.within_budget(item):
                break
            if isinstance(item, Block):
                self.block(item, depth + 1)
            elif isinstance(item, Unsupported):
                self.say(ProblemKind.UNSUPPORTED, f"{item.part} object {item.id}", f"a {item.kind} object is not drawn")
            else:
                self.graphic(item, depth)
        if moved:
            self.canvas.restoreState()

    def within_budget(self, item: object) -> bool:
        self.objects_left -= 1
        if isinstance(item, TextObject):
            self.glyphs_left -= sum(len(code.text) for code in item.codes)
        if self.objects_left >= 0 and self.glyphs_left >= 0:
            return True
        if self.objects_left > -(1 << 40):  # said once a page, then silent
            self.say(ProblemKind.LIMIT, self.page_part, f"the page draws more than {self.limits.max_drawn_objects} "
                     f"objects or {self.limits.max_drawn_glyphs} characters (repeated composites or templates); "
                     "the rest is not drawn")
            self.objects_left = self.glyphs_left = -(1 << 41)
        return False

    def graphic(self, item: TextObject | PathObject | ImageObject | CompositeObject, depth: int) -> None:
        graphic = item.graphic
        if isinstance(item, TextObject) and _in_place(item):
            a, b, c, d, e, f = graphic.ctm  # then the Boundary's origin: placement(), spelt out
            try:
                self.text(item, (a, b, c, d, e + graphic.boundary[0], f + graphic.boundary[1]))
            except OfdError as error:
                self.failed(graphic, error)
            return
        canvas = self.canvas
        canvas.saveState()
        try:
            canvas.translate(graphic.boundary[0], graphic.boundary[1])
            width, height = graphic.boundary[2], graphic.boundary[3]
            if width > 0 and height > 0 and _clipped_by_boundary(item):
                # §9.1: what an object draws beyond its Boundary is clipped.
                frame = canvas.beginPath()
                frame.rect(0, 0, width, height)
                canvas.clipPath(frame, stroke=0, fill=0, fillMode=_NON_ZERO)
            self.clip(graphic, transformed=False)
            if graphic.ctm != IDENTITY:
                canvas.transform(*graphic.ctm)
            self.clip(graphic, transformed=True)
            if isinstance(item, TextObject):
                self.text(item)
            elif isinstance(item, PathObject):
                self.path(item)
            elif isinstance(item, ImageObject):
                self.image(item)
            else:
                self.composite(item, depth)
        except OfdError as error:
            self.failed(graphic, error)
        finally:
            canvas.restoreState()

    def failed(self, graphic: Graphic, error: OfdError) -> None:
        kind = ProblemKind.MISSING_RESOURCE if error.missing or "not among the resources" in error.reason \
            else ProblemKind.UNSUPPORTED
        self.say(kind, f"{graphic.part} object {graphic.id}", error.reason)

    def clip(self, graphic: Graphic, transformed: bool) -> None:
        for clip in graphic.clips:
            areas = [area for area in clip if area.transformed == transformed]
            if not areas:
                continue
            path = self.canvas.beginPath()
            for area in areas:
                self.trace(path, area)
            self.canvas.clipPath(path, stroke=0, fill=0, fillMode=_EVEN_ODD if areas[0].rule_even_odd else _NON_ZERO)

    @staticmethod
    def trace(path, area: ClipArea) -> None:  # noqa: ANN001
        for op in pathdata.to_curves(area.ops):
            points = [apply(area.ctm, op.numbers[index], op.numbers[index + 1]) for index in range(0, len(op.numbers), 2)]
            if op.op == "M":
                path.moveTo(*points[0])
            elif op.op == "L":
                path.lineTo(*points[0])
            elif op.op == "B":
                path.curveTo(*points[0], *points[1], *points[2])
            else:
                path.close()

    def colours(self, look: Look, where: str, fill: bool, stroke: bool, gradients: bool = False) -> None:
        canvas = self.canvas
        colour = look.fill
        if fill and not stroke and colour is not None and not colour.shading and colour.alpha * look.alpha >= 1:
            # Opaque plain fill, as nearly all text is: the loop below, without its tuples.
            rgb = (colour.red, colour.green, colour.blue)
            if canvas._fillColorObj != rgb:
                canvas.setFillColorRGB(*rgb)
            return
        for wanted, colour, setter, current in ((fill, look.fill, canvas.setFillColorRGB, "_fillColorObj"),
                                                (stroke, look.stroke, canvas.setStrokeColorRGB, "_strokeColorObj")):
            if not wanted:
                continue
            colour = colour or _BLACK
            if colour.shading and not (gradients and _drawable(colour)):
                self.say(ProblemKind.UNSUPPORTED, where, f"{colour.shading} drawn as its first colour")
            alpha = colour.alpha * look.alpha
            rgb = (colour.red, colour.green, colour.blue)
            # The colour in force already (reportlab keeps it, saved and restored with the graphics
            # state, as the PDF does): a line of text in one colour sets it once, not per object.
            if alpha >= 1 and getattr(canvas, current, None) == rgb:
                continue
            setter(*rgb, alpha=alpha if alpha < 1 else None)

    def lines(self, look: Look) -> None:
        canvas = self.canvas
        canvas.setLineWidth(look.line_width)
        canvas.setLineJoin(_JOINS.get(look.join, 0))
        canvas.setLineCap(_CAPS.get(look.cap, 0))
        canvas.setMiterLimit(max(look.miter_limit, 1.0))
        if look.dash and any(value > 0 for value in look.dash) and all(value >= 0 for value in look.dash):
            canvas.setDash(list(look.dash), look.dash_offset)

    def path(self, item: PathObject) -> None:
        if not item.ops or not (item.fill or item.stroke):
            return
        where = f"{item.graphic.part} object {item.graphic.id}"
        path = self.canvas.beginPath()
        self.trace(path, ClipArea(item.ops))
        look = item.graphic.look
        self.colours(look, where, item.fill, item.stroke, gradients=True)
        if item.stroke:
            self.lines(look)
        mode = _EVEN_ODD if item.even_odd else _NON_ZERO
        if item.fill and look.fill is not None and _drawable(look.fill):
            self.canvas.saveState()
            self.canvas.clipPath(path, stroke=0, fill=0, fillMode=mode)
            self.shade(look.fill, look.alpha)
            self.canvas.restoreState()
            if item.stroke:
                self.canvas.drawPath(path, stroke=1, fill=0)
            return
        self.canvas.drawPath(path, stroke=int(item.stroke), fill=int(item.fill), fillMode=mode)

    def shade(self, colour: Colour, alpha: float) -> None:
        """Fill the current clip with an axial or radial gradient."""
        from reportlab.lib.colors import Color

        gradient = colour.gradient
        colours = [Color(*rgb) for _, rgb in gradient.stops]
        positions = [position for position, _ in gradient.stops]
        if colour.alpha * alpha < 1:
            self.canvas.setFillAlpha(colour.alpha * alpha)
        extend = gradient.extend != 0
        if gradient.kind == "AxialShd":
            self.canvas.linearGradient(*gradient.start, *gradient.end, colours, positions, extend=extend)
        else:
            self.canvas.radialGradient(*gradient.start, gradient.end_radius, colours, positions, extend=extend)

    def image(self, item: ImageObject) -> None:
        media = self.resources.media.get(item.resource)
        if not item.resource:
            raise OfdError("an image object without a ResourceID is not drawn", missing=True)
        if media is None or not media.file:
            raise OfdError(f"image resource {item.resource} is not among the resources")
        if item.mask:
            self.say(ProblemKind.IMAGE, f"{item.graphic.part} object {item.graphic.id}",
                     f"the image mask {item.mask} is not applied: the whole picture is drawn")
        if item.graphic.look.alpha < 1:
            self.canvas.setFillAlpha(item.graphic.look.alpha)
        self.canvas.transform(1, 0, 0, -1, 0, 1)
        if media.file in self.images:  # a template's image on every page: read and hashed once
            images.show(self.canvas, self.images[media.file])
            return
        data = self.document.package.read(media.file)
        try:
            self.images[media.file] = images.draw(self.canvas, data, self.limits)
        except OfdError as error:
            raise OfdError(f"image {media.file}: {error.reason}") from None

    def composite(self, item: CompositeObject, depth: int) -> None:
        unit = self.resources.composites.get(item.resource)
        if unit is None:
            raise OfdError(f"composite unit {item.resource} is not among the resources")
        self.block(unit.content, depth + 1)

    def text(self, item: TextObject, placed: Matrix | None = None) -> None:
        """`placed`: the object's own matrix (CTM, then Boundary), for text drawn without a graphics
        state of its own (see _in_place); None when the canvas is already in the object's space."""
        font = self.resources.fonts.get(item.font)
        where = f"{item.graphic.part} object {item.graphic.id}"
        if font is None:
            self.say(ProblemKind.MISSING_RESOURCE, where, f"font {item.font} is not among the resources; "
                     "the CJK font stands in")
        if item.read_direction:
            self.say(ProblemKind.UNSUPPORTED, where, f"ReadDirection {item.read_direction}° is not applied: the "
                     "characters are placed by X, DeltaX and DeltaY as if read left to right")
        text = "".join(code.text for code in item.codes)
        bold = item.weight >= 700 or (font is not None and font.bold)
        choice: Choice = self.typefaces.choose(font, text, bool(item.glyph_maps), bold)
        self.colours(item.graphic.look, where, item.fill or not item.stroke, item.stroke)
        if item.stroke:
            self.lines(item.graphic.look)
        type3 = None
        if choice.outlines is not None:
            key = choice.outlines.key
            if key not in self.type3:
                self.type3[key] = Type3Fonts(choice.outlines, self.canvas)
            type3 = self.type3[key]
        draw_text(self.canvas, item, choice, type3, positions, self.problems, where, self.drawn, placed)

    def stamp(self, stamp: Stamp) -> None:
        x, y, width, height = stamp.boundary
        canvas = self.canvas
        if not stamp.picture:
            self.say(ProblemKind.SEAL, stamp.signature, "the seal has no picture we can draw (no PNG, JPEG or OFD in "
                     "the signature); its place is left empty")
            return
        canvas.saveState()
        try:
            if stamp.picture_format == "ofd":
                self.seal_document(stamp)
            else:
                # A seal is ink on paper: multiplied, its white ground leaves the text under it legible.
                canvas.setBlendMode("Multiply")
                canvas.translate(x, y + height)
                canvas.scale(width, -height)
                images.draw(canvas, stamp.picture, self.limits)
        except OfdError as error:
            self.say(ProblemKind.SEAL, stamp.signature, f"the seal picture cannot be drawn: {error.reason}")
        finally:
            canvas.restoreState()

    def seal_document(self, stamp: Stamp) -> None:
        if self.document.depth >= self.limits.max_embedded_depth:
            raise OfdError(f"the seal is an OFD nested {self.document.depth + 1} deep, beyond the limit "
                           f"({self.limits.max_embedded_depth})")
        key = hashlib.sha1(stamp.picture).hexdigest()
        if key not in self.seals:  # one seal stamped on every page is read once
            self.seals[key] = _seal(stamp.picture, self.limits, self.document.depth + 1)
        seal = self.seals[key]
        page = seal.pages[0]
        x, y, width, height = stamp.boundary
        px, py, page_width, page_height = page.box
        self.canvas.translate(x, y)
        self.canvas.scale(width / page_width, height / page_height)
        self.canvas.translate(-px, -py)
        nested = Painter(self.canvas, seal, self.problems, self.cjk, self.type3, self.drawn)
        nested.page(page)
        for problem in seal.problems:
            self.problems.append(Problem(problem.kind, f"{stamp.signature} (seal) {problem.where}", problem.detail))
