"""Bytes → text before feedparser sees them: the encoding the bytes really
have (BOM, declared charset, what they decode as), XML-illegal characters and
the DOCTYPE (no DTD, no external entity) removed."""

from __future__ import annotations

import codecs
import re

# XML 1.0 forbids these; expat stops at the first one and feedparser falls back
# to its loose parser for the whole document. Dropped before parsing.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_XML_DECL = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")


_DECLARED_ENCODING = re.compile(
    rb"\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})"
)


_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.I)


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_NUL_PATTERNS = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


# A DTD is never needed to read a feed, and its internal subset is where entity
# bombs and external entities live: the whole declaration goes, whatever the
# installed expat would have done with it (expat < 2.4 has no amplification limit).
_DOCTYPE = re.compile(
    r"<!DOCTYPE(?:[^\[>\"']|\"[^\"]*\"|'[^']*')*(?:\[(?:[^\]\"']|\"[^\"]*\"|'[^']*')*\])?\s*>",
    re.I,
)


_ROOT_ELEMENT = re.compile(r"<[A-Za-z_]")


# What may come before a DOCTYPE: space, comments, processing instructions.
_PROLOG_PART = re.compile(r"[\s\ufeff]+|<!--.*?-->|<\?.*?\?>", re.S)


def decode(body: bytes, content_type: str | None) -> str:
    """Bytes → text, trusting what the bytes are over what they claim to be.

    A body that is valid UTF-8 is read as UTF-8 even when it declares Latin-1
    (a common misconfiguration that would otherwise turn "é" into "Ã©"); a body
    declared UTF-8 with a few bad bytes keeps its good characters (U+FFFD for
    the bad ones) instead of being re-read wholesale as windows-1252.
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _xml_clean(body.decode(codec, "replace"))
    for pattern, codec in _NUL_PATTERNS:
        if body.startswith(pattern):
            return _xml_clean(body.decode(codec, "replace"))
    try:
        return _xml_clean(body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for declared in _declared_encodings(body, content_type):
        try:
            return _xml_clean(body.decode(declared))
        except (UnicodeDecodeError, LookupError):
            continue
    codec = "utf-8" if _UTF8_MULTIBYTE.search(body[:65536]) else "windows-1252"
    return _xml_clean(body.decode(codec, "replace"))


def _declared_encodings(body: bytes, content_type: str | None) -> list[str]:
    """Charsets from the HTTP header and the XML declaration, if ASCII-compatible
    (the body has no BOM or NUL pattern, so a declared UTF-16 is a lie)."""
    found = []
    header = _CHARSET.search(content_type or "")
    if header:
        found.append(header.group(1))
    decl = _DECLARED_ENCODING.match(body[:300])
    if decl:
        found.append(decl.group(1).decode("ascii"))
    out = []
    for name in found:
        try:
            info = codecs.lookup(name)
        except LookupError:
            continue
        if not info.name.startswith(("utf-16", "utf-32", "utf-8")):
            out.append(info.name)
    return out


def _xml_clean(text: str) -> str:
    """Drop characters XML forbids (NUL and most C0 controls) and restate the
    declaration as UTF-8, which is what feedparser will be given."""
    text = text.removeprefix("\ufeff")
    # Searched first: they are almost never there, and a search costs a
    # fifteenth of rewriting the whole document.
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub("", text)
    return _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1)


def strip_dtd(text: str) -> str:
    """``text`` without its DOCTYPE declaration. Only a real one goes: the
    prolog is read part by part, so "<!DOCTYPE" inside a comment or a
    processing instruction is text, not a declaration to cut from."""
    pos = 0
    while part := _PROLOG_PART.match(text, pos):
        pos = part.end()
    if text[pos : pos + 9].upper() != "<!DOCTYPE":
        if _ROOT_ELEMENT.match(text, pos) or "<!" not in text[pos:]:
            return text
        # Not well-formed before the root: feedparser's lenient parser may
        # still read a DOCTYPE further on, so one there goes too.
        root = _ROOT_ELEMENT.search(text, pos)
        prolog_end = root.start() if root else len(text)
        found = text[pos:prolog_end].upper().find("<!DOCTYPE")
        if found < 0:
            return text
        pos += found
    match = _DOCTYPE.match(text, pos)
    if match is None:  # malformed: drop everything up to the first element
        root = _ROOT_ELEMENT.search(text, pos)
        return text[:pos] + text[root.start() if root else len(text) :]
    return text[:pos] + text[match.end() :]
