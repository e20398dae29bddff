"""Resources (GB/T 33190 §8, §10, §11, §13): colour spaces, draw parameters, fonts, multimedia and composite units from PublicRes, DocumentRes and PageRes."""

from __future__ import annotations

from dataclasses import dataclass, field

from offsite_cli.files.ofd.content import ContentReader, child, colour, numbers
from offsite_cli.files.ofd.errors import OfdError, Problem, ProblemKind, problem_from
from offsite_cli.files.ofd.model import CompositeUnit, DrawParam, Font, Media
from offsite_cli.files.ofd.package import Package, folder, join, local


@dataclass
class Resources:
    """All resources of a document by ID; a page's own (PageRes) are added on top for that page."""

    spaces: dict[str, tuple[str, int]] = field(default_factory=dict)  # ID → (type, bits per component)
    draw_params: dict[str, DrawParam] = field(default_factory=dict)
    fonts: dict[str, Font] = field(default_factory=dict)
    media: dict[str, Media] = field(default_factory=dict)
    composites: dict[str, CompositeUnit] = field(default_factory=dict)

    def merged(self, other: Resources) -> Resources:
        return Resources({**self.spaces, **other.spaces}, {**self.draw_params, **other.draw_params},
                         {**self.fonts, **other.fonts}, {**self.media, **other.media},
                         {**self.composites, **other.composites})


def _flag(text: str | None) -> bool:
    return (text or "").strip().lower() in ("true", "1")


def read(package: Package, path: str, into: Resources, problems: list[Problem]) -> None:
    """Add the resources of one Res part to `into`; a missing or unreadable part is a problem."""
    try:
        root = package.xml(path)
    except OfdError as error:
        problems.append(problem_from(error, path, "resources"))
        return
    try:
        base = join(folder(path), root.get("BaseLoc", "") or ".") if root.get("BaseLoc") else folder(path)
    except OfdError:
        base = folder(path)
    for section in root:
        name = local(section.tag)
        for item in section:
            try:
                _one(package, path, base, name, item, into, problems)
            except OfdError as error:
                problems.append(Problem(ProblemKind.BAD_PART, f"{path} {local(item.tag)} {item.get('ID', '?')}",
                                        error.reason))


def _file(base: str, text: str | None) -> str:
    if not text or not text.strip():
        return ""
    return join(base, text.strip())


def _one(package: Package, path: str, base: str, section: str, item, into: Resources,  # noqa: ANN001
         problems: list[Problem]) -> None:
    limits = package.limits
    identifier = item.get("ID", "")
    if section == "ColorSpaces":
        try:
            bits = int(item.get("BitsPerComponent", "8"))
        except ValueError:
            bits = 8
        into.spaces[identifier] = (item.get("Type", "RGB"), bits)
    elif section == "DrawParams":
        values = {}
        if item.get("LineWidth"):
            values["line_width"] = numbers(item.get("LineWidth"), limits, "LineWidth")[0]
        if item.get("DashPattern"):
            values["dash"] = numbers(item.get("DashPattern"), limits, "DashPattern")
        if item.get("MiterLimit"):
            values["miter_limit"] = numbers(item.get("MiterLimit"), limits, "MiterLimit")[0]
        into.draw_params[identifier] = DrawParam(
            identifier, parent=item.get("Relative", ""), join=item.get("Join"), cap=item.get("Cap"),
            fill=colour(child(item, "FillColor"), into.spaces, limits),
            stroke=colour(child(item, "StrokeColor"), into.spaces, limits), **values)
    elif section == "Fonts":
        font_file = child(item, "FontFile")
        into.fonts[identifier] = Font(
            identifier, item.get("FontName", ""), item.get("FamilyName", ""),
            _file(base, font_file.text if font_file is not None else None),
            bold=_flag(item.get("Bold")), italic=_flag(item.get("Italic")), serif=_flag(item.get("Serif")),
            fixed_width=_flag(item.get("FixedWidth")))
    elif section == "MultiMedias":
        media_file = child(item, "MediaFile")
        into.media[identifier] = Media(identifier, item.get("Type", ""), item.get("Format", ""),
                                       _file(base, media_file.text if media_file is not None else None))
    elif section == "CompositeGraphicUnits":
        width, height = (numbers(item.get("Width"), limits, "Width") or (0.0,))[0], \
            (numbers(item.get("Height"), limits, "Height") or (0.0,))[0]
        content = child(item, "Content")
        reader = ContentReader(f"{path} CompositeGraphicUnit {identifier}", limits, into.draw_params,
                               into.spaces, problems)
        block = reader.block(content, reader.look_of(None), 0) if content is not None else None
        if block is not None:
            into.composites[identifier] = CompositeUnit(identifier, width, height, block)
