"""Bytes to text: UTF-8 first, a stray bad byte replaced and reported, a legacy encoding only when needed."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from parallax.inputs.errors import InputError

__all__ = ["Decoded", "decode_bytes"]

_SHOWN_PLACES = 3
_LEGACY_RATIO = 3
"""Bytes are read as another encoding only when invalid UTF-8 outnumbers valid multi-byte UTF-8 this many times
(or there is no valid multi-byte UTF-8 at all): one stray byte must not turn every "—" into "â€”"."""
_TIE_BREAK = ("cp1252", "latin_1", "iso8859_15")
"""Among encodings the detector finds equally likely, the commonest legacy encodings of English news.

Without a language signal (coherence 0) the detector's other guesses are arbitrary, so a text none
of these decodes is read as UTF-8 with its stray bytes replaced and reported."""
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and a warning for the user when bytes had to be replaced."""

    text: str
    encoding: str
    warning: str = ""


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Decode a file or page body.

    UTF-8 when the bytes are UTF-8, even with some invalid bytes among more valid non-ASCII
    characters (replaced by U+FFFD, with a warning saying how many and on which lines); otherwise
    the declared encoding, else the one charset-normalizer detects, else UTF-8 with replacement.
    InputError when the bytes hold NUL, as binary files do.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(encoding, errors="replace"), encoding)
    if b"\x00" in data:
        raise InputError(f"{source} looks like a binary file, not text.")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    bad = _invalid_utf8_offsets(data)
    valid = _valid_multibyte(data)
    if valid == 0 or len(bad) > _LEGACY_RATIO * valid:
        legacy = _legacy(data, declared)
        if legacy is not None:
            return legacy
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", _replaced_warning(data, bad, source))


def _invalid_utf8_offsets(data: bytes) -> list[int]:
    """Byte offsets where UTF-8 decoding meets an invalid sequence."""
    offsets: list[int] = []
    decoder = codecs.getincrementaldecoder("utf-8")()
    position = 0
    while position < len(data):
        try:
            decoder.decode(data[position:], final=True)
            break
        except UnicodeDecodeError as exc:
            offsets.append(position + exc.start)
            position += exc.end
            decoder.reset()
    return offsets


def _valid_multibyte(data: bytes) -> int:
    """How many characters beyond ASCII decode as well-formed UTF-8."""
    return sum(1 for ch in data.decode("utf-8", errors="replace") if ord(ch) >= 0x80 and ch != "\ufffd")


def _replaced_warning(data: bytes, offsets: list[int], source: str) -> str:
    """One sentence: how many bytes were replaced, and the lines of the first few."""
    lines = sorted({data.count(b"\n", 0, offset) + 1 for offset in offsets})
    shown = ", ".join(str(n) for n in lines[:_SHOWN_PLACES]) + (" and others" if len(lines) > _SHOWN_PLACES else "")
    count = len(offsets)
    noun = "byte that is" if count == 1 else "bytes that are"
    where = "line" if len(lines) == 1 else "lines"
    return f"{source}: {count} {noun} not valid UTF-8 replaced by � (on {where} {shown}); the rest is read as UTF-8."


def _legacy(data: bytes, declared: str | None) -> Decoded | None:
    """The declared encoding when it decodes the bytes, else charset-normalizer's best guess."""
    if declared:
        try:
            encoding = codecs.lookup(declared).name
            return Decoded(data.decode(encoding), encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = {name for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)
            for name in m.could_be_from_charset}
    for name in _TIE_BREAK:
        if name in tied:
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError:
                continue
    return Decoded(str(best), best.encoding) if best.coherence > 0 else None
