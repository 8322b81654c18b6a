"""Bytes to text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when every other
byte is NUL, as Windows' "Unicode" text is), else the best of cp1252 / cp1251.

charset-normalizer chooses between the legacy code pages by how the decoded text reads; it is
limited to the encodings transcripts here come in, so that it cannot pick an exotic one.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import DiscourseError

LEGACY_ENCODINGS = ["cp1252", "cp1251"]
# Share of control characters (other than tab, newline, carriage return, form feed) above which the
# "text" is taken to be a binary file.
MAX_CONTROL_SHARE = 0.01
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# UTF-16 text without a byte-order mark: in mostly-Latin text every other byte is NUL. At least this
# share of the odd (little-endian) or even (big-endian) bytes of the first 4 KB are NUL, and at most
# UTF16_OTHER_NULS of the others.
UTF16_NUL_SHARE = 0.4
UTF16_OTHER_NULS = 0.05


def decode(data: bytes, *, name: str = "the file") -> str:
    if not data.strip():
        raise DiscourseError(f"{name} is empty: there is no text to read.")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc), name)
            except UnicodeDecodeError as e:
                raise DiscourseError(f"{name} starts with a {enc} byte-order mark but is not valid {enc}: {e}") from e
    if b"\x00" in data[:4096]:
        if enc := _utf16_without_bom(data[:4096]):
            try:
                return _check_text(data.decode(enc), name)
            except (UnicodeDecodeError, DiscourseError) as e:
                raise DiscourseError(
                    f"{name} looks like UTF-16 text without a byte-order mark, but it is not valid {enc}. "
                    "Save it as UTF-8 text and try again."
                ) from e
        raise DiscourseError(f"{name} looks like a binary file, not text (it contains NUL bytes).")
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        raise DiscourseError(
            f"{name} could not be decoded as UTF-8, cp1252 or cp1251. Save it as UTF-8 text and try again."
        )
    return _check_text(str(best), name)


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when NUL bytes fall on every other byte of ``head``, else None."""
    even, odd = head[0::2], head[1::2]
    if not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul >= UTF16_NUL_SHARE and even_nul <= UTF16_OTHER_NULS:
        return "utf-16-le"
    if even_nul >= UTF16_NUL_SHARE and odd_nul <= UTF16_OTHER_NULS:
        return "utf-16-be"
    return None


def _check_text(text: str, name: str) -> str:
    sample = text[:20000]
    controls = len(CONTROL_CHARS.findall(sample))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise DiscourseError(f"{name} looks like a binary file, not text (it contains control characters).")
    if not text.strip():
        raise DiscourseError(f"{name} is empty: there is no text to read.")
    return text.replace("\r\n", "\n").replace("\r", "\n")
