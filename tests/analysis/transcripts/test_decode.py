"""Bytes to text: UTF-8 with and without BOM, UTF-16, cp1252, cp1251; binary and empty refused."""

from __future__ import annotations

import codecs

import pytest

from analysis.errors import DiscourseError
from analysis.transcripts.decode import decode

FRENCH = "Q: Qu'en pensez-vous, café crème ou thé? Naïve question, déjà vue.\n\nA: Très bien, merci — à bientôt.\n"
RUSSIAN = "Вопрос: Что вы думаете о мягкой силе России?\n\nОтвет: Это очень важный вопрос для всех нас.\n"


@pytest.mark.parametrize(
    "data, expected",
    [
        (FRENCH.encode("utf-8"), FRENCH),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), FRENCH),
        (FRENCH.encode("utf-16"), FRENCH),
        (FRENCH.encode("cp1252"), FRENCH),
        (RUSSIAN.encode("cp1251"), RUSSIAN),
        (RUSSIAN.encode("utf-8"), RUSSIAN),
        (b"Q: a\r\nA: b\r\n", "Q: a\nA: b\n"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "cp1252", "cp1251", "utf8-cyrillic", "crlf"],
)
def test_decodes(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary"),
        (bytes(range(1, 32)) * 10, "binary"),
        (codecs.BOM_UTF8 + b"   ", "empty"),
    ],
)
def test_refuses(data, message):
    with pytest.raises(DiscourseError, match=message):
        decode(data, name="x.txt")
