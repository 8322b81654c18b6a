"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else the best of cp1252 / cp1251.

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


def _check_text(text: str, name: str) -> str:
    sample = text[:20000]
    controls = len(CONTROL_CHARS.findall(sample))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise DiscourseError(f"{name} looks like a binary file, not text (it contains control characters).")
    if not text.strip():
        raise DiscourseError(f"{name} is empty: there is no text to read.")
    return text.replace("\r\n", "\n").replace("\r", "\n")
