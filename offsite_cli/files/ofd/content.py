"""Page content (GB/T 33190 §9–§13): layers, blocks, text, path, image and composite objects read from XML, their draw parameters resolved, within limits."""

from __future__ import annotations

import math
from dataclasses import replace
from xml.etree.ElementTree import Element

from offsite_cli.files.ofd import pathdata
from offsite_cli.files.ofd.errors import Limits, OfdError, Problem, ProblemKind
from offsite_cli.files.ofd.model import (
    IDENTITY, Block, ClipArea, Colour, CompositeObject, DrawParam, GlyphMap, Gradient, Graphic, ImageObject,
    Look, Matrix, PathObject, multiply, TextCode, TextObject, Unsupported,
)
from offsite_cli.files.ofd.package import local

_DRAWN = {"TextObject", "PathObject", "ImageObject", "CompositeObject", "PageBlock"}
_UNDRAWN = {"VideoObject": "video"}
_LAYER_ORDER = {"Background": 0, "Body": 1, "Foreground": 2}
_BLACK = Colour(0, 0, 0)
_LINE_ATTRIBUTES = frozenset({"LineWidth", "Join", "Cap", "MiterLimit", "DashPattern", "DashOffset"})
_TEXT_ATTRIBUTES = frozenset({"Weight", "CharDirection", "ReadDirection", "HScale", "Italic", "Fill", "Stroke"})


def child(element: Element, name: str) -> Element | None:
    for item in element:
        if local(item.tag) == name:
            return item
    return None


def children(element: Element, name: str) -> list[Element]:
    return [item for item in element if local(item.tag) == name]


def numbers(text: str | None, limits: Limits, what: str) -> tuple[float, ...]:
    if not text:
        return ()
    try:
        values = tuple(map(float, text.replace(",", " ").split()))
    except ValueError:
        raise OfdError(f"{what} has a value that is not a number ({text[:40]!r})") from None
    if values and not _within(values, limits.max_coordinate):
        raise OfdError(f"{what} has a number beyond ±{limits.max_coordinate:g} ({text[:40]!r})")
    return values


def first(text: str | None, limits: Limits, what: str, default: float) -> float:
    """The first number of an attribute (X, Y, Size), else `default` when it has none: what
    numbers() gives, without a tuple for the one number such attributes nearly always hold."""
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        values = numbers(text, limits, what)
        return values[0] if values else default
    if not -limits.max_coordinate <= value <= limits.max_coordinate:  # a NaN fails this too
        raise OfdError(f"{what} has a number beyond ±{limits.max_coordinate:g} ({text[:40]!r})")
    return value


def _within(values: tuple[float, ...], largest: float) -> bool:
    """Every value finite and within ±largest. A NaN or an infinity makes the sum NaN or infinite,
    which no comparison of maxima would catch (max() skips past a NaN); one pass each in C, for
    the tens of thousands of number lists a page has."""
    return math.isfinite(sum(values)) and max(map(abs, values)) <= largest


def box(text: str | None, limits: Limits, what: str) -> tuple[float, float, float, float]:
    values = numbers(text, limits, what)
    if len(values) != 4:
        raise OfdError(f"{what} needs 4 numbers (x y width height), has {len(values)}")
    return values  # type: ignore[return-value]


def matrix(text: str | None, limits: Limits) -> Matrix:
    if not text:
        return IDENTITY
    values = numbers(text, limits, "CTM")
    if len(values) != 6:
        raise OfdError(f"CTM needs 6 numbers, has {len(values)}")
    return values  # type: ignore[return-value]


def deltas(text: str | None, limits: Limits) -> tuple[float, ...]:
    """DeltaX / DeltaY (§11.3): numbers, where `g N d` stands for N times d."""
    if not text:
        return ()
    tokens = text.split()
    values: list[float] = []
    index = 0
    try:
        while index < len(tokens):
            if tokens[index] == "g":
                count = int(tokens[index + 1])
                value = float(tokens[index + 2])
                if count < 0 or len(values) + count > limits.max_glyphs_per_text:
                    raise OfdError(f"a text offset repeats {count} times, beyond {limits.max_glyphs_per_text}")
                values.extend([value] * count)
                index += 3
            else:
                values.append(float(tokens[index]))
                index += 1
    except (ValueError, IndexError):
        raise OfdError(f"a text offset list is not numbers ({text[:40]!r})") from None
    if values and not _within(values, limits.max_coordinate):
        raise OfdError("a text offset is beyond the limits")
    return tuple(values)


def colour(element: Element | None, spaces: dict[str, tuple[str, int]], limits: Limits) -> Colour | None:
    """A CT_Color (§8.3): Value in its colour space (RGB, Gray, CMYK; #hex allowed), Alpha 0–255."""
    if element is None:
        return None
    alpha = _alpha(element.get("Alpha"))
    shading = next((local(item.tag) for item in element
                    if local(item.tag) in ("AxialShd", "RadialShd", "GouraudShd", "LaGouraudShd", "Pattern")), "")
    value = element.get("Value")
    space, bits = spaces.get(element.get("ColorSpace", ""), ("RGB", 8))
    if shading:
        body = child(element, shading)
        gradient = _gradient(body, spaces, limits) if shading in ("AxialShd", "RadialShd") else None
        segment = next((item for item in element.iter() if local(item.tag) == "Color"), None)
        inner = colour(segment, spaces, limits) if segment is not None else None
        base = inner or Colour(0, 0, 0)
        return replace(base, alpha=base.alpha * alpha, shading=shading, gradient=gradient)
    if value is None:
        return Colour(0, 0, 0, alpha)
    components = []
    for token in value.split():
        try:
            components.append(int(token[1:], 16) if token.startswith("#") else float(token))
        except ValueError:
            raise OfdError(f"a colour value is not numbers ({value[:30]!r})") from None
    top = float((1 << min(max(bits, 1), 16)) - 1)
    scaled = [min(max(component / top, 0.0), 1.0) for component in components]
    if space.upper() == "GRAY" and scaled:
        return Colour(scaled[0], scaled[0], scaled[0], alpha, shading)
    if space.upper() == "CMYK" and len(scaled) >= 4:
        c, m, y, k = scaled[:4]
        return Colour((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k), alpha, shading)
    if len(scaled) >= 3:
        return Colour(scaled[0], scaled[1], scaled[2], alpha, shading)
    raise OfdError(f"a colour has {len(scaled)} components for colour space {space}")


def _gradient(body: Element, spaces: dict[str, tuple[str, int]], limits: Limits) -> Gradient | None:
    """AxialShd / RadialShd: StartPoint, EndPoint, radii, Extend and the Segments' colours."""
    stops = []
    for position, segment in enumerate(children(body, "Segment")):
        found = colour(child(segment, "Color"), spaces, limits)
        if found is None:
            continue
        at = numbers(segment.get("Position"), limits, "Position")[:1] or (float(position),)
        stops.append((min(max(at[0], 0.0), 1.0), (found.red, found.green, found.blue)))
    start = numbers(body.get("StartPoint"), limits, "StartPoint")
    end = numbers(body.get("EndPoint"), limits, "EndPoint")
    if len(stops) < 1 or len(start) != 2 or len(end) != 2:
        return None
    if len(stops) == 1:
        stops.append((1.0, stops[0][1]))
    try:
        extend = int(body.get("Extend", "0"))
    except ValueError:
        extend = 0
    radii = [(numbers(body.get(name), limits, name) or (0.0,))[0] for name in ("StartRadius", "EndRadius")]
    return Gradient(local(body.tag), (start[0], start[1]), (end[0], end[1]), tuple(sorted(stops)),
                    radii[0], radii[1], extend)


def _alpha(text: str | None) -> float:
    if text is None:
        return 1.0
    try:
        return min(max(float(text) / 255.0, 0.0), 1.0)
    except ValueError:
        return 1.0


def _flag(text: str | None, default: bool) -> bool:
    return default if text is None else text.strip().lower() in ("true", "1")


class ContentReader:
    """Reads the content of one part (page, template, composite unit or annotation) into Blocks."""

    def __init__(self, part: str, limits: Limits, draw_params: dict[str, DrawParam],
                 spaces: dict[str, tuple[str, int]], problems: list[Problem]) -> None:
        self.part = part
        self.limits = limits
        self.draw_params = draw_params
        self.spaces = spaces
        self.problems = problems
        self.count = 0
        self._over_limit = False
        self._colours: dict[tuple[str | None, ...], Colour | None] = {}
        self._looks: dict[tuple, tuple[Look, Look]] = {}

    def layers(self, page: Element) -> list[Block]:
        """The page's layers in drawing order (Background, Body, Foreground; document order within)."""
        content = child(page, "Content")
        if content is None:
            return []
        found = []
        for position, layer in enumerate(children(content, "Layer")):
            order = _LAYER_ORDER.get(layer.get("Type", "Body"), 1)
            found.append((order, position, self.block(layer, self.look_of(layer.get("DrawParam")), 0)))
        return [block for _, _, block in sorted(found, key=lambda item: item[:2])]

    def block(self, element: Element, inherited: Look, depth: int) -> Block:
        if depth > self.limits.max_nesting:
            raise OfdError(f"blocks are nested deeper than {self.limits.max_nesting}", self.part)
        objects: list[object] = []
        for item in element:
            name = local(item.tag)
            if name not in _DRAWN and name not in _UNDRAWN:
                continue
            if self.count >= self.limits.max_objects_per_page:
                if not self._over_limit:
                    self._over_limit = True
                    self.problems.append(Problem(ProblemKind.LIMIT, self.part,
                                                 f"more than {self.limits.max_objects_per_page} objects; "
                                                 "the rest are not drawn"))
                break
            self.count += 1
            try:
                made = self._object(name, item, inherited, depth)
            except OfdError as error:
                self.problems.append(Problem(ProblemKind.BAD_PART, self._where(item), error.reason))
                continue
            if made is not None:
                objects.append(made)
        return Block(element.get("ID", ""), tuple(objects))

    def _where(self, item: Element) -> str:
        return f"{self.part} object {item.get('ID', '?')} ({local(item.tag)})"

    def _object(self, name: str, item: Element, inherited: Look, depth: int) -> object | None:
        if name in _UNDRAWN:
            return Unsupported(item.get("ID", ""), _UNDRAWN[name], self.part)
        if name == "PageBlock":
            return self.block(item, inherited, depth + 1)
        if not _flag(item.get("Visible"), True):
            return None
        graphic = self._graphic(item, inherited, name == "TextObject")
        if name == "TextObject":
            return self._text(item, graphic)
        if name == "PathObject":
            data = child(item, "AbbreviatedData")
            ops = pathdata.parse(data.text or "" if data is not None else "", self.limits.max_path_operations,
                                 self.limits.max_coordinate)
            return PathObject(graphic, ops, fill=_flag(item.get("Fill"), False),
                              stroke=_flag(item.get("Stroke"), True),
                              even_odd=item.get("Rule", "NonZero") == "Even-Odd")
        if name == "ImageObject":
            return ImageObject(graphic, item.get("ResourceID", ""), item.get("ImageMask", ""))
        return CompositeObject(graphic, item.get("ResourceID", ""))

    def look_of(self, param_id: str | None, base: Look | None = None) -> Look:
        look = base or Look()
        chain: list[DrawParam] = []
        seen: set[str] = set()
        while param_id and param_id not in seen and len(chain) < self.limits.max_nesting:
            seen.add(param_id)
            param = self.draw_params.get(param_id)
            if param is None:
                self.problems.append(Problem(ProblemKind.MISSING_RESOURCE, self.part,
                                             f"draw parameter {param_id} is not among the resources"))
                break
            chain.append(param)
            param_id = param.parent
        for param in reversed(chain):  # the farthest ancestor first, the nearest wins
            look = replace(look, **{key: value for key, value in (
                ("line_width", param.line_width), ("join", param.join), ("cap", param.cap),
                ("miter_limit", param.miter_limit), ("dash", param.dash), ("dash_offset", param.dash_offset),
                ("fill", param.fill), ("stroke", param.stroke)) if value is not None})
        return look

    def _graphic(self, item: Element, inherited: Look, text: bool = False) -> Graphic:
        look = self.look_of(item.get("DrawParam"), inherited) if item.get("DrawParam") else inherited
        changes: dict[str, object] = {}
        if not _LINE_ATTRIBUTES.isdisjoint(item.keys()):  # most objects (text) give none of these
            self._lines(item, changes)
        parts: dict[str, Element] = {}
        for part in item:  # FillColor, StrokeColor and Clips in one pass (the first of each, as child() finds)
            parts.setdefault(local(part.tag), part)
        fill = self._colour(parts.get("FillColor"))
        stroke = self._colour(parts.get("StrokeColor"))
        if fill is not None:
            changes["fill"] = fill
        if stroke is not None:
            changes["stroke"] = stroke
        if text and changes.get("fill", look.fill) is None:
            changes["fill"] = _BLACK  # text is filled black unless it says otherwise (§11.2)
        alpha = _alpha(item.get("Alpha"))
        if alpha != look.alpha:
            changes["alpha"] = alpha
        if changes:  # most objects only inherit: the Look they inherit is theirs as it is
            look = self._changed(look, changes)
        clips = []
        clips_element = parts.get("Clips")
        if clips_element is not None:
            for clip in children(clips_element, "Clip"):
                transformed = _flag(clips_element.get("TransFlag"), False)
                areas = []
                for area in children(clip, "Area"):
                    try:
                        areas.append(self._clip_area(area, transformed))
                    except OfdError as error:
                        self.problems.append(Problem(ProblemKind.UNSUPPORTED, self._where(item),
                                                     f"{error.reason}; drawn without that clip"))
                if areas:
                    clips.append(tuple(areas))
        return Graphic(item.get("ID", ""), box(item.get("Boundary"), self.limits, "Boundary"),
                       matrix(item.get("CTM"), self.limits), look, tuple(clips), self.part)

    def _lines(self, item: Element, changes: dict[str, object]) -> None:
        if item.get("LineWidth"):
            changes["line_width"] = numbers(item.get("LineWidth"), self.limits, "LineWidth")[0]
        if item.get("Join"):
            changes["join"] = item.get("Join")
        if item.get("Cap"):
            changes["cap"] = item.get("Cap")
        if item.get("MiterLimit"):
            changes["miter_limit"] = numbers(item.get("MiterLimit"), self.limits, "MiterLimit")[0]
        if item.get("DashPattern"):
            changes["dash"] = numbers(item.get("DashPattern"), self.limits, "DashPattern")
        if item.get("DashOffset"):
            changes["dash_offset"] = numbers(item.get("DashOffset"), self.limits, "DashOffset")[0]

    def _colour(self, element: Element | None) -> Colour | None:
        """colour(), once per distinct plain colour of the part: a page gives hundreds of text
        objects the same FillColor. One with children (a shading) is read each time."""
        if element is None or len(element):
            return colour(element, self.spaces, self.limits)
        key = (element.get("Value"), element.get("ColorSpace"), element.get("Alpha"))
        if key not in self._colours:
            self._colours[key] = colour(element, self.spaces, self.limits)
        return self._colours[key]

    def _changed(self, look: Look, changes: dict[str, object]) -> Look:
        """The look with the changes, one Look for each look and set of changes the part has."""
        key = (id(look), *changes.items())
        known = self._looks.get(key)
        if known is not None and known[0] is look:  # the same look, not another at a reused id
            return known[1]
        changed = replace(look, **changes)
        self._looks[key] = (look, changed)
        return changed

    def _clip_area(self, area: Element, transformed: bool) -> ClipArea:
        path = child(area, "Path")
        if path is None:
            # A clip by text outlines (§8.5) is rare; drawing unclipped is said rather than guessed.
            raise OfdError("a clip area that is not a path is not supported")
        data = child(path, "AbbreviatedData")
        ops = pathdata.parse(data.text or "" if data is not None else "", self.limits.max_path_operations,
                             self.limits.max_coordinate)
        path_ctm = matrix(path.get("CTM"), self.limits)
        offset = box(path.get("Boundary"), self.limits, "Boundary")[:2] if path.get("Boundary") else (0.0, 0.0)
        placed = multiply(path_ctm, (1, 0, 0, 1, offset[0], offset[1]))
        return ClipArea(ops, multiply(placed, matrix(area.get("CTM"), self.limits)),
                        transformed=transformed,
                        rule_even_odd=path.get("Rule", "NonZero") == "Even-Odd")

    def _text(self, item: Element, graphic: Graphic) -> TextObject:
        codes: list[TextCode] = []
        maps: list[GlyphMap] = []
        glyph_total = 0
        last_x = last_y = 0.0
        for part in item:
            name = local(part.tag)
            if name == "TextCode":
                text = part.text or ""
                glyph_total += len(text)
                if glyph_total > self.limits.max_glyphs_per_text:
                    raise OfdError(f"the text object has more than {self.limits.max_glyphs_per_text} characters")
                code = TextCode(text, first(part.get("X"), self.limits, "X", last_x),
                                first(part.get("Y"), self.limits, "Y", last_y),
                                deltas(part.get("DeltaX"), self.limits), deltas(part.get("DeltaY"), self.limits))
                codes.append(code)
                last_x, last_y = code.x + sum(code.delta_x), code.y + sum(code.delta_y)
            elif name == "CGTransform":
                glyphs = child(part, "Glyphs")
                try:
                    values = tuple(int(value) for value in (glyphs.text or "").split()) if glyphs is not None else ()
                    maps.append(GlyphMap(int(part.get("CodePosition", "0")), int(part.get("CodeCount", "1")), values))
                except ValueError:
                    raise OfdError("a CGTransform has glyph numbers that are not integers") from None
        size = first(item.get("Size"), self.limits, "Size", 0.0)
        if _TEXT_ATTRIBUTES.isdisjoint(item.keys()):  # plain text, as most is: the defaults as they are
            return TextObject(graphic, item.get("Font", ""), size, tuple(codes), tuple(maps))
        try:
            weight = int(float(item.get("Weight", "400")))
            direction = int(float(item.get("CharDirection", "0"))) % 360
            reading = int(float(item.get("ReadDirection", "0"))) % 360
            scale = float(item.get("HScale", "1"))
        except ValueError:
            raise OfdError("Weight, CharDirection, ReadDirection or HScale is not a number") from None
        if not math.isfinite(scale) or not 0 < scale <= 100:
            raise OfdError(f"HScale {scale} is out of range")
        return TextObject(graphic, item.get("Font", ""), size, tuple(codes), tuple(maps),
                          horizontal_scale=scale, weight=weight,
                          italic=_flag(item.get("Italic"), False), fill=_flag(item.get("Fill"), True),
                          stroke=_flag(item.get("Stroke"), False), char_direction=direction,
                          read_direction=reading)
