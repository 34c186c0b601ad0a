"""Bytes to text: refusing binary files, then a BOM, UTF-8, a declared charset or a detected one.

Also where a decoded document is told to be HTML or plain text, since both are read off its start.
"""

import codecs
import re
from dataclasses import dataclass
from typing import NoReturn

import charset_normalizer

from articles.cleaning.document import BinaryDocument, EmptyDocument, UndecodableDocument

_MAGIC_NUMBERS = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CHARSET_PARAM_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def decode_document(data: bytes | str, *, content_type: str | None = None) -> str:
    """Decode ``data`` with its BOM, declared charset (header, then <meta>) or a detected one."""
    if isinstance(data, str):
        return data
    if not data.strip():
        raise EmptyDocument("The document is empty.")
    for magic, kind in _MAGIC_NUMBERS.items():
        if data.startswith(magic):
            raise BinaryDocument(f"The document is {kind}, not text or HTML.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # UTF-16/32 text is full of NUL bytes, so the BOM must be honoured before the NUL test.
            return _decode_strict(data, encoding) or _undecodable(encoding)
    if b"\x00" in data:
        raise BinaryDocument("The document is binary (it contains NUL bytes), not text.")
    declared: list[str] = []
    if content_type and (match := _CHARSET_PARAM_RE.search(content_type)):
        declared.append(match.group(1))
    if meta := _META_CHARSET_RE.search(data[:4096]):
        declared.append(meta.group(1).decode("ascii", "replace"))
    utf8 = _read_utf8(data)
    # A clean UTF-8 reading of non-ASCII bytes is almost never an accident, so it wins over any
    # declaration (a page saying ISO-8859-1 that is really UTF-8 is common; the other way round
    # cannot decode cleanly). Mostly-valid UTF-8, with a stray invalid byte or two among many
    # multi-byte characters, is UTF-8 too: the stray bytes become U+FFFD rather than every curly
    # quote becoming mojibake; it wins over the Latin declarations that would decode anything.
    if utf8.invalid == 0 and utf8.multibyte:
        return utf8.text
    for encoding in declared:
        if utf8.mostly_valid and _is_latin_single_byte(encoding):
            return utf8.text
        decoded = _decode_strict(data, encoding)
        if decoded is not None:
            return decoded
    if utf8.invalid == 0 or utf8.mostly_valid:
        return utf8.text
    legacy = _decode_strict(data, "cp1252")
    if legacy is not None and _reads_as_western_text(legacy):
        return legacy
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise UndecodableDocument(
            "The document's character encoding could not be determined; it may be binary."
        )
    return data.decode(best.encoding, errors="replace")


@dataclass(frozen=True)
class _Utf8Reading:
    text: str  # invalid sequences replaced by U+FFFD, as ``errors="replace"`` does
    multibyte: int  # valid non-ASCII characters
    invalid: int  # invalid sequences

    @property
    def mostly_valid(self) -> bool:
        """At least two valid multi-byte characters for each invalid sequence.

        Text in a legacy single-byte encoding has next to no valid UTF-8 sequences (an accented
        letter is followed by a letter or a space, not a continuation byte), so it is far below.
        """
        return self.multibyte > 0 and self.multibyte >= 2 * self.invalid


def _read_utf8(data: bytes) -> _Utf8Reading:
    pieces: list[str] = []
    view = memoryview(data)
    multibyte = invalid = start = 0
    while True:
        try:
            piece, _ = codecs.utf_8_decode(view[start:], "strict", True)
            end = None
        except UnicodeDecodeError as exc:
            piece, _ = codecs.utf_8_decode(view[start : start + exc.start], "strict", True)
            end = start + exc.end
        pieces.append(piece)
        multibyte += len(piece) - len(piece.encode("ascii", "ignore"))
        if end is None:
            return _Utf8Reading(text="".join(pieces), multibyte=multibyte, invalid=invalid)
        pieces.append("\ufffd")
        invalid += 1
        start = end


_LATIN_SINGLE_BYTE = {"ascii", "iso8859-1", "iso8859-15", "cp1252"}


def _is_latin_single_byte(encoding: str) -> bool:
    """Declarations that decode any bytes at all, and are the usual wrong ones."""
    try:
        return codecs.lookup(encoding).name in _LATIN_SINGLE_BYTE
    except LookupError:
        return False


def _decode_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


_TYPOGRAPHY = set("“”‘’–—…€«»°£§·•")


def _reads_as_western_text(text: str) -> bool:
    """Whether a windows-1252 reading gives ordinary accented prose.

    windows-1252 is what an undeclared legacy page almost always is (browsers default to it too);
    mostly-ASCII text gives charset detection too little to go on and it picks DOS code pages.
    """
    non_ascii = [char for char in text if ord(char) > 127]
    if not non_ascii or len(non_ascii) > len(text) * 0.3:
        return False
    plausible = sum(1 for char in non_ascii if char.isalpha() or char in _TYPOGRAPHY)
    return plausible >= len(non_ascii) * 0.9


def _undecodable(encoding: str) -> NoReturn:
    raise UndecodableDocument(
        f"The document starts with a {encoding} marker but is not {encoding}."
    )


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def looks_binary(text: str) -> bool:
    """Control characters where text has none: a binary file that happened to decode."""
    sample = text[:8192]
    return "\x00" in sample or len(_CONTROL_RE.findall(sample)) > max(8, len(sample) // 20)


_HTML_SNIFF_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|section|span|br|h[1-6]|title|meta|a\s)"
    r"[\s>/]",
    re.IGNORECASE,
)


def is_html(text: str, *, content_type: str | None = None) -> bool:
    """HTML when the content type says so, or when tags appear near the start of the text."""
    if content_type:
        media_type = content_type.split(";")[0].strip().lower()
        if "html" in media_type or media_type.endswith("+xml"):
            return True
        if media_type == "text/plain":
            return False
    return bool(_HTML_SNIFF_RE.search(text[:4096]))
