"""A receipt's fields read off its file: an OFD's own data (files.ofd), a PDF e-receipt's text layer.

The reader calls `fields_of` once per file, with what it already read (the OFD document, the
text layer): no file is opened again for its fields.
"""

from __future__ import annotations

from typing import Any



def fields_of(kind: str, text: str, ofd: Any = None) -> Any:
    """The InvoiceFields of a file that is an e-receipt (a number or a total found), else None."""
    from offsite_cli.files.ofd.fields import fields_from_text

    if kind == "ofd" and ofd is not None:
        fields = ofd.fields
    elif kind == "pdf" and text:
        fields = fields_from_text(text)
    else:
        return None
    return fields if fields.number or fields.total is not None else None
