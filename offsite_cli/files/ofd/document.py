"""Opening an OFD (GB/T 33190 §7): OFD.xml → DocBody → Document.xml → pages, templates, resources, annotations, signatures, attachments, custom data and tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from offsite_cli.files.ofd import resources as resource_reader
from offsite_cli.files.ofd import seal as seal_reader
from offsite_cli.files.ofd.content import ContentReader, box, child, children
from offsite_cli.files.ofd.errors import DEFAULT_LIMITS, Limits, OfdError, Problem, ProblemKind, problem_from
from offsite_cli.files.ofd.model import Attachment, Block, Page, Stamp, Template
from offsite_cli.files.ofd.package import Package, folder, join, local
from offsite_cli.files.ofd.resources import Resources

if TYPE_CHECKING:
    from offsite_cli.files.ofd.fields import InvoiceFields

A4 = (0.0, 0.0, 210.0, 297.0)


@dataclass
class OfdDocument:
    """One document of an OFD package, read. `problems` lists what is missing or cannot be read;
    drawing adds its own (see render.render_pdf)."""

    package: Package
    pages: list[Page]
    templates: dict[str, Template]
    resources: Resources
    page_resources: dict[int, Resources]
    stamps: list[Stamp]
    attachments: list[Attachment]
    custom_data: dict[str, str]
    tags: list[tuple[str, list[tuple[str, str]]]]  # (element path, [(page ID, object ID)])
    problems: list[Problem] = field(default_factory=list)
    depth: int = 0
    _texts: dict[int, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def limits(self) -> Limits:
        return self.package.limits

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def page_sizes_mm(self) -> list[tuple[float, float]]:
        return [page.size_mm for page in self.pages]

    def resources_for(self, page: Page) -> Resources:
        return self.page_resources.get(page.index, self.resources)

    def text(self, page: int) -> str:
        """The text of a page (0-based) in reading order: lines top to bottom, runs left to right."""
        from offsite_cli.files.ofd.textlayout import reading_text

        # Asked for the fields and again for the text a check matches on: laid out once.
        if page not in self._texts:
            self._texts[page] = reading_text(self, self.pages[page])
        return self._texts[page]

    @cached_property
    def fields(self) -> InvoiceFields:
        from offsite_cli.files.ofd.fields import read_fields

        return read_fields(self)

    def attachment(self, name: str) -> bytes | None:
        for item in self.attachments:
            if item.name == name or item.file.rsplit("/", 1)[-1] == name:
                return self.package.read(item.file)
        return None


def open_ofd(data: bytes, *, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> OfdDocument:
    """Read the first document of an OFD package; OfdError when it cannot be read at all."""
    package = Package(data, limits)
    entry = package.find("OFD.xml")
    if entry is None:
        raise OfdError("the package has no OFD.xml: not an OFD file")
    root = package.xml(entry)
    if local(root.tag) != "OFD":
        raise OfdError(f"the root element is {local(root.tag)}, not OFD", "OFD.xml")
    bodies = children(root, "DocBody")
    if not bodies:
        raise OfdError("there is no DocBody", "OFD.xml")
    body = bodies[0]
    problems: list[Problem] = []
    if len(bodies) > 1:
        problems.append(Problem(ProblemKind.UNSUPPORTED, "OFD.xml",
                                f"{len(bodies)} documents in one package; only the first is read"))
    custom_data = {}
    info = child(body, "DocInfo")
    custom = child(info, "CustomDatas") if info is not None else None
    for item in children(custom, "CustomData") if custom is not None else []:
        if item.get("Name"):
            custom_data[item.get("Name")] = (item.text or "").strip()
    doc_root = child(body, "DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        raise OfdError("DocBody has no DocRoot", "OFD.xml")
    document_path = join("", doc_root.text)
    if package.find(document_path) is None:
        raise OfdError("the document part that OFD.xml names is missing", document_path)
    document = package.xml(document_path)
    base = folder(document_path)
    common = child(document, "CommonData")
    if common is None:
        raise OfdError("the document has no CommonData", document_path)

    resources = Resources()
    res_paths = [join(base, item.text) for name in ("PublicRes", "DocumentRes")
                 for item in children(common, name) if (item.text or "").strip()]
    for path in res_paths:
        resource_reader.read(package, path, resources, problems)

    default_box = _page_box(common, limits, document_path, problems) or A4
    templates = {}
    for item in children(common, "TemplatePage"):
        template = _template(package, base, item, resources, problems)
        if template is not None:
            templates[template.id] = template

    pages_element = child(document, "Pages")
    page_items = children(pages_element, "Page") if pages_element is not None else []
    if not page_items:
        raise OfdError("the document has no pages", document_path)
    if len(page_items) > limits.max_pages:
        raise OfdError(f"the document has {len(page_items)} pages, more than {limits.max_pages}", document_path)
    pages, page_resources = [], {}
    for index, item in enumerate(page_items):
        page, own = _page(package, base, index, item, default_box, resources, templates, problems)
        pages.append(page)
        if own is not None:
            page_resources[index] = own
    pages_by_id = {page.id: page for page in pages}

    for name, reader in (("Annotations", _annotations),):
        element = child(document, name)
        if element is not None and (element.text or "").strip():
            reader(package, join(base, element.text), pages_by_id, resources, problems)
    attachments = _attachments(package, base, child(document, "Attachments"), problems)
    tags = _tags(package, base, child(document, "CustomTags"), problems)
    signatures = child(body, "Signatures")
    stamps = _signatures(package, join("", signatures.text), problems) \
        if signatures is not None and (signatures.text or "").strip() else []
    return OfdDocument(package, pages, templates, resources, page_resources, stamps, attachments,
                       custom_data, tags, problems, depth)


def _page_box(element, limits: Limits, part: str, problems: list[Problem]):  # noqa: ANN001, ANN202
    area = child(element, "PageArea") if local(element.tag) != "Area" else element
    physical = child(area, "PhysicalBox") if area is not None else None
    if physical is None:
        return None
    try:
        found = box(physical.text, limits, "PhysicalBox")
    except OfdError as error:
        problems.append(Problem(ProblemKind.BAD_PART, part, error.reason))
        return None
    if not (0 < found[2] <= limits.max_page_mm and 0 < found[3] <= limits.max_page_mm):
        problems.append(Problem(ProblemKind.LIMIT, part, f"page size {found[2]:g} × {found[3]:g} mm is out of "
                                f"range (0, {limits.max_page_mm:g}]; A4 is used"))
        return A4
    return found


def _reader(part: str, package: Package, resources: Resources, problems: list[Problem]) -> ContentReader:
    return ContentReader(part, package.limits, resources.draw_params, resources.spaces, problems)


def _template(package: Package, base: str, item, resources: Resources, problems: list[Problem]):  # noqa: ANN001, ANN202
    try:
        path = join(base, item.get("BaseLoc", ""))
        root = package.xml(path)
    except OfdError as error:
        problems.append(problem_from(error, f"TemplatePage {item.get('ID')}", f"template {item.get('ID')}"))
        return None
    return Template(item.get("ID", ""), path, item.get("ZOrder", "Background"),
                    tuple(_reader(path, package, resources, problems).layers(root)))


def _page(package: Package, base: str, index: int, item, default_box, resources: Resources,  # noqa: ANN001
          templates: dict[str, Template], problems: list[Problem]) -> tuple[Page, Resources | None]:
    page = Page(index, item.get("ID", str(index + 1)), "", default_box)
    try:
        page.part = join(base, item.get("BaseLoc", ""))
        root = package.xml(page.part)
    except OfdError as error:
        problems.append(problem_from(error, f"page {index + 1}", f"page {index + 1} is drawn blank"))
        return page, None
    area = child(root, "Area")
    if area is not None:
        page.box = _page_box(area, package.limits, page.part, problems) or default_box
    own = None
    for res in children(root, "PageRes"):
        own = own or Resources().merged(resources)
        resource_reader.read(package, join(folder(page.part), res.text or ""), own, problems)
    for template in children(root, "Template"):
        template_id = template.get("TemplateID", "")
        if template_id not in templates:
            problems.append(Problem(ProblemKind.MISSING_RESOURCE, page.part,
                                    f"template {template_id} is not among the document's templates"))
            continue
        page.templates.append((template_id, template.get("ZOrder") or templates[template_id].z_order))
    reader = _reader(page.part, package, own or resources, problems)
    page.layers = reader.layers(root)
    page.object_count = reader.count
    return page, own


def _annotations(package: Package, path: str, pages: dict[str, Page], resources: Resources,
                 problems: list[Problem]) -> None:
    try:
        root = package.xml(path)
    except OfdError as error:
        problems.append(problem_from(error, path, "annotations"))
        return
    for entry in children(root, "Page"):
        page = pages.get(entry.get("PageID", ""))
        location = child(entry, "FileLoc")
        if page is None or location is None:
            continue
        try:
            part = join(folder(path), location.text or "")
            annots = package.xml(part)
        except OfdError as error:
            problems.append(problem_from(error, path, "annotations"))
            continue
        reader = _reader(part, package, resources, problems)
        for annot in children(annots, "Annot"):
            appearance = child(annot, "Appearance")
            if appearance is None or annot.get("Visible", "true").lower() == "false":
                continue
            try:
                x, y, _, _ = box(appearance.get("Boundary"), package.limits, "Boundary")
            except OfdError:
                x = y = 0.0
            block = reader.block(appearance, reader.look_of(None), 0)
            if block.objects:
                page.annotations.append(Block(annot.get("ID", ""), block.objects, (1, 0, 0, 1, x, y)))


def _attachments(package: Package, base: str, element, problems: list[Problem]) -> list[Attachment]:  # noqa: ANN001
    if element is None or not (element.text or "").strip():
        return []
    try:
        path = join(base, element.text)
        root = package.xml(path)
    except OfdError as error:
        problems.append(problem_from(error, "Attachments", "attachments"))
        return []
    found = []
    for item in children(root, "Attachment"):
        location = child(item, "FileLoc")
        try:
            file = join(folder(path), location.text or "") if location is not None else ""
        except OfdError:
            continue
        if not file or package.find(file) is None:
            problems.append(Problem(ProblemKind.MISSING_PART, file or path,
                                    f"attachment {item.get('Name', '?')} is not in the package"))
            continue
        try:
            size = int(float(item.get("Size", "0")) * 1024)
        except ValueError:
            size = 0
        found.append(Attachment(item.get("ID", ""), item.get("Name", ""), item.get("Format", ""), file, size))
    return found


def _tags(package: Package, base: str, element, problems: list[Problem]):  # noqa: ANN001, ANN202
    from offsite_cli.files.ofd.tags import read_tags

    if element is None or not (element.text or "").strip():
        return []
    return read_tags(package, join(base, element.text), problems)


def _signatures(package: Package, path: str, problems: list[Problem]) -> list[Stamp]:
    try:
        root = package.xml(path)
    except OfdError as error:
        problems.append(problem_from(error, path, "signatures"))
        return []
    stamps = []
    for item in children(root, "Signature"):
        try:
            part = join(folder(path), item.get("BaseLoc", ""))
            signature = package.xml(part)
        except OfdError as error:
            problems.append(problem_from(error, path, "signature"))
            continue
        signed = child(signature, "SignedInfo")
        value = child(signature, "SignedValue")
        picture, kind = b"", ""
        sources = [value.text] if value is not None and value.text else []
        seal = child(signed, "Seal") if signed is not None else None
        seal_location = child(seal, "BaseLoc") if seal is not None else None
        if seal_location is not None and seal_location.text:
            sources.append(seal_location.text)
        for source in sources:
            try:
                picture, kind = seal_reader.picture(package.read(join(folder(part), source)))
            except OfdError:
                continue
            if picture:
                break
        for stamp in children(signed, "StampAnnot") if signed is not None else []:
            try:
                boundary = box(stamp.get("Boundary"), package.limits, "Boundary")
            except OfdError as error:
                problems.append(Problem(ProblemKind.BAD_PART, part, f"stamp: {error.reason}"))
                continue
            stamps.append(Stamp(part, stamp.get("PageRef", ""), boundary, picture, kind))
    return stamps
