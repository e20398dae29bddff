"""The OFD package: a zip opened within limits, its parts found by the paths the XML gives, and XML parsed safely (defusedxml whenever the XML could declare a DTD).

A hostile package is refused with OfdError: too many members, too large in all, a member that
unpacks far beyond its compressed size (a zip bomb), a member name that climbs out of the package
(`..`), is absolute or has a backslash, XML with a DTD or entities, XML nested too deep.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from functools import lru_cache
from xml.etree.ElementTree import Element

from offsite_cli.files.ofd.errors import Limits, OfdError

_SMALL_MEMBER = 64 * 1024  # below this a high ratio means nothing (a page of spaces compresses well)


@lru_cache(maxsize=512)  # a page asks for the names of its few kinds of element tens of thousands of times
def local(tag: str) -> str:
    """The element name without its namespace: producers disagree on prefixes and namespaces."""
    return tag.rsplit("}", 1)[-1]


def _member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:
        # Without the UTF-8 flag zipfile decodes as cp437; Chinese tools write GBK or UTF-8.
        raw = name.encode("cp437", errors="replace")
        for encoding in ("utf-8", "gb18030"):
            try:
                name = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return name


def _check_name(name: str) -> None:
    if "\\" in name:
        raise OfdError("a member name has a backslash", name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise OfdError("a member name is an absolute path", name)
    if ".." in name.split("/"):
        raise OfdError("a member name climbs out of the package (..)", name)
    if "\x00" in name:
        raise OfdError("a member name has a NUL character", name)


class Package:
    """The members of an OFD zip, read on demand within the limits."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        if len(data) > limits.max_package_bytes:
            raise OfdError(f"the file is larger than {limits.max_package_bytes} bytes")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise OfdError(f"not a zip package ({error})") from None
        if len(infos) > limits.max_members:
            raise OfdError(f"the package has {len(infos)} members, more than {limits.max_members}")
        self.limits = limits
        self._infos: dict[str, zipfile.ZipInfo] = {}
        self._folded: dict[str, str] = {}
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            name = _member_name(info)
            _check_name(name)
            name = posixpath.normpath(name)  # ./Doc_0/… and Doc_0//… as the XML names them
            if info.file_size > limits.max_member_bytes:
                raise OfdError(f"a member unpacks to {info.file_size} bytes, more than {limits.max_member_bytes}", name)
            if info.file_size > _SMALL_MEMBER and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise OfdError(f"a member unpacks {info.file_size // max(info.compress_size, 1)} times its size "
                               "(a zip bomb)", name)
            total += info.file_size
            if total > limits.max_unpacked_bytes:
                raise OfdError(f"the package unpacks to more than {limits.max_unpacked_bytes} bytes")
            self._infos[name] = info
            # Producers write Doc_0/ in one place and DOC_0/ in another: a fallback, exact names first.
            self._folded.setdefault(name.casefold(), name)
        self._read_total = 0

    def names(self) -> list[str]:
        return list(self._infos)

    def find(self, path: str) -> str | None:
        """The member a package path names (exact, else ignoring case), or None."""
        if path in self._infos:
            return path
        return self._folded.get(path.casefold())

    def read(self, path: str) -> bytes:
        """The bytes of a member; OfdError if it is not there or unpacks beyond what it declared."""
        name = self.find(path)
        if name is None:
            raise OfdError("the part is not in the package", path, missing=True)
        info = self._infos[name]
        try:
            with self._zip.open(info) as member:
                data = member.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error) as error:
            raise OfdError(f"the part cannot be unpacked ({error})", path) from None
        if len(data) > info.file_size:
            raise OfdError("the part unpacks beyond its declared size", path)
        self._read_total += len(data)
        if self._read_total > self.limits.max_unpacked_bytes * 2:
            raise OfdError("the parts read add up to more than the limit (parts read again and again)")
        return data

    def xml(self, path: str) -> Element:
        """A member parsed as XML, safely: no DTD, no entities, bounded size and depth."""
        data = self.read(path)
        return parse_xml(data, path, self.limits)


# What lets XML declare a DTD (and with it entities): `<!` opening anything but a comment or CDATA.
_DECLARATION = re.compile(rb"<!(?!--|\[CDATA\[)")
_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def parse_xml(data: bytes, part: str, limits: Limits) -> Element:
    if len(data) > limits.max_xml_bytes:
        raise OfdError(f"the XML is larger than {limits.max_xml_bytes} bytes", part)
    root = _parse_plain(data, part) if _plain(data) else _parse_defused(data, part, limits)
    level, depth = [root], 1
    while level:  # level by level, not recursively: a hostile nesting costs a loop, not the stack
        if depth > limits.max_xml_depth:
            raise OfdError(f"the XML is nested deeper than {limits.max_xml_depth} levels", part)
        level = [item for element in level for item in element]
        depth += 1
    return root


def _plain(data: bytes) -> bool:
    """Whether the XML can be parsed by the C parser directly: UTF-8 (no NUL, so no UTF-16 or
    UTF-32) and no `<!` that could start a DTD. In UTF-8 those bytes are those characters, so a
    DTD or an entity declaration cannot be there unseen; anything else goes through defusedxml,
    which refuses it (defusedxml's parser is pure Python: five times slower on a page's XML)."""
    if b"\x00" in data or _DECLARATION.search(data):
        return False
    declared = _ENCODING.match(data)
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8")


def _parse_plain(data: bytes, part: str) -> Element:
    from xml.etree.ElementTree import XMLParser

    parser = XMLParser()
    try:
        parser.feed(data)
        return parser.close()
    except SyntaxError as error:  # ParseError, also for an empty document
        if not data.strip():
            raise OfdError("the XML is empty", part) from None
        raise OfdError(f"the XML is not well-formed ({error})", part) from None


def _parse_defused(data: bytes, part: str, limits: Limits) -> Element:
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    depth = 0
    root: Element | None = None
    try:
        for event, element in SafeTree.iterparse(io.BytesIO(data), events=("start", "end"),
                                                 forbid_dtd=True):
            if event == "start":
                depth += 1
                if depth > limits.max_xml_depth:
                    raise OfdError(f"the XML is nested deeper than {limits.max_xml_depth} levels", part)
                if root is None:
                    root = element
            else:
                depth -= 1
    except DefusedXmlException as error:
        raise OfdError(f"the XML declares a DTD or entities, which OFD never needs ({type(error).__name__})",
                       part) from None
    except SyntaxError as error:  # ParseError
        raise OfdError(f"the XML is not well-formed ({error})", part) from None
    except LookupError as error:  # an encoding Python does not know
        raise OfdError(f"the XML declares an unknown encoding ({error})", part) from None
    if root is None:
        raise OfdError("the XML is empty", part)
    return root


def join(base_dir: str, reference: str) -> str:
    """The package path a reference names: absolute from the package root when it starts with /,
    else relative to the folder of the part that holds it. A path out of the package is refused."""
    reference = reference.strip().replace("\\", "/")
    combined = reference.lstrip("/") if reference.startswith("/") else posixpath.join(base_dir, reference)
    normal = posixpath.normpath(combined) if combined else ""
    if normal in ("", ".") or normal.startswith("../") or normal == "..":
        raise OfdError("a reference points outside the package", reference)
    return normal


def folder(path: str) -> str:
    return posixpath.dirname(path)
