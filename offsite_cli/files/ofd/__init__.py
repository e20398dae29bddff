"""OFD (GB/T 33190, China's fixed-layout format) read safely, its invoice fields taken, and drawn as PDF.

The whole API:

    from offsite_cli.files.ofd import open_ofd, render_pdf, OfdError

    document = open_ofd(data)            # bytes of the .ofd; OfdError(reason, part) if unreadable
    document.pages                       # [Page]: .index, .id, .size_mm (width, height)
    document.page_count, document.page_sizes_mm()
    document.attachments, .attachment(name) -> bytes | None, .custom_data, .tags, .stamps
    document.text(0)                     # page 1's text in reading order (lines, runs left to right)
    document.fields                      # InvoiceFields: code, number, check_code, date, payer, payee,
                                         #   total, total_words, fund_paid, account_paid, cash_paid,
                                         #   self_paid, self_expense; .sources says where each was read
    document.problems                    # [Problem]: what is missing or unreadable (kind, where, detail)
    rendered = render_pdf(document)      # RenderedPdf: .pdf (bytes, one page per OFD page at its
                                         #   own size) and .problems (reading's and drawing's)

`open_ofd(data, limits=Limits(...))` tightens or loosens what a hostile file may ask (zip members,
sizes, compression ratio, XML depth, objects per page and drawn per page, …). Everything a file can
do wrong ends as OfdError (nothing readable) or as a Problem (drawn within limits, the rest said).
Problem.kind is a stable ProblemKind for messages; Problem.where names the part and object.
Nothing here prints; defusedxml and fontTools are imported only inside this package.

Not drawn as the file means (each said as a Problem where it occurs): Gouraud shadings, patterns
and two-centre radial shadings (their first colour), image masks, text used as a clip, video,
ReadDirection, stroked text in an embedded font (filled), packages of several documents (the first).
Deliberate: system fonts the file names without embedding (宋体, 楷体, 黑体…) are drawn in the CJK
font the project registers and Latin ones (Courier New, Times New Roman, Arial) in the PDF standard
fonts, without a problem; text is not clipped to its Boundary; a seal picture is multiplied onto
the page like ink. Signatures are found for their pictures, never verified.

Modules: package (zip, XML), document (OFD.xml → pages), resources, content (objects), model,
pathdata, textlayout (positions, reading order), tags, fields, seal (signature pictures), render,
textdraw, typefaces, type3 (embedded glyphs as Type 3 fonts), images, jbig2, errors.
"""

from typing import Any

# The package's API, each name imported from its module when it is first asked for (PEP 562):
# a PDF e-receipt's fields (files/receipts.py) need only `fields`, and importing this package
# must not load the reader and the renderer (reportlab) for it.
_EXPORTS = {
    "OfdDocument": "document", "open_ofd": "document",
    "DEFAULT_LIMITS": "errors", "Limits": "errors", "OfdError": "errors", "Problem": "errors",
    "ProblemKind": "errors",
    "InvoiceFields": "fields",
    "RenderedPdf": "render", "render_pdf": "render",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
