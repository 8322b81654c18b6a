"""Hostile and large inputs (issue 14): each is refused quickly, in bounded memory, with a message that
says what to do. The inputs are made by the generators of ``benchmarks/hostile_inputs.py``."""

from __future__ import annotations

import codecs
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest

import cli
from analysis.errors import DiscourseError
from analysis.transcripts import docx as docx_reader
from analysis.transcripts import labelled, load, parse_bytes, read_file
from benchmarks import hostile_inputs as hostile

ROOT = Path(__file__).resolve().parents[3]
ODT = b"application/vnd.oasis.opendocument.text"
SMALL = "Q: How are you?\n\nJANE DOE: Fine, thanks. And you?\n\nQ: Well.\n\nJANE DOE: Good.\n"


# --- item 1: YAML alias bomb in front matter ---------------------------------------------------------


def test_front_matter_alias_bomb_is_refused() -> None:
    # 9**5 strings when expanded: small enough that the code before the fix expanded it (into a
    # 400 KB front_matter value) without the refusal this test asks for.
    bomb = hostile.alias_bomb(depth=5)
    assert len(bomb) < 400
    with pytest.raises(DiscourseError, match="front matter uses aliases"):
        parse_bytes(bomb.encode(), name="laughs.md")


def test_front_matter_bomb_cost_does_not_grow_with_depth() -> None:
    """Refusing a bomb costs the same memory whatever it would expand to (before the fix: 9 x per level)."""

    def peak(depth: int) -> int:
        tracemalloc.start()
        try:
            with pytest.raises(DiscourseError):
                labelled.read_labelled(hostile.alias_bomb(depth=depth))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert peak(6) < 2 * peak(4)


def test_front_matter_without_aliases_is_read() -> None:
    doc = parse_bytes(b"---\ntitle: A briefing\ntags: [a, b]\n---\n" + SMALL.encode(), name="x.md")
    assert doc.title == "A briefing"


def test_overlong_front_matter_is_not_read_as_front_matter() -> None:
    block = "---\n" + "".join(f"key{i}: value {i}\n" for i in range(3000)) + "---\n"  # about 50,000 characters
    assert len(block) > labelled.MAX_FRONT_MATTER_CHARS
    raw = labelled.read_labelled(block + SMALL)
    assert "front_matter" not in raw.metadata


# --- item 5: a .docx whose headers lie ---------------------------------------------------------------


def _peak_refusing(data: bytes) -> tuple[int, str]:
    tracemalloc.start()
    try:
        with pytest.raises(DiscourseError) as e:
            docx_reader.read_docx(data)
        return tracemalloc.get_traced_memory()[1], str(e.value)
    finally:
        tracemalloc.stop()


def test_lying_docx_is_refused_as_too_large_in_bounded_memory() -> None:
    data = hostile.lying_docx(60 * 2**20, declared=10_240)  # 60 MB of zeros declared as 10 KB
    assert len(data) < 200_000
    peak, message = _peak_refusing(data)
    assert "too large when inflated" in message
    assert peak < 5 * 2**20  # before the fix: the part inflated whole (over 60 MB), then "damaged"


def test_lying_docx_memory_does_not_grow_with_the_lie() -> None:
    small, _ = _peak_refusing(hostile.lying_docx(55 * 2**20))
    large, _ = _peak_refusing(hostile.lying_docx(110 * 2**20))
    assert large < 1.5 * small


def test_honest_docx_still_reads() -> None:
    doc = parse_bytes(hostile.docx_bytes(SMALL.strip().split("\n\n")), name="x.docx")
    assert [t.speaker for t in doc.turns] == ["Q", "JANE DOE", "Q", "JANE DOE"]


# --- item 6: the size of a document ------------------------------------------------------------------


def test_document_over_the_character_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.transcripts as transcripts

    monkeypatch.setattr(transcripts, "MAX_DOCUMENT_CHARS", 2_000)
    text = hostile.labelled_text(6_000)
    with pytest.raises(DiscourseError, match=r"big\.txt: The document is too long: [\d,]+ characters .* at most 2,000 characters"):
        parse_bytes(text.encode(), name="big.txt")
    for name, data in (("big.csv", hostile.csv_rows(text).encode()), ("big.docx", hostile.docx_bytes(text.split("\n\n")))):
        with pytest.raises(DiscourseError, match="at most 2,000 characters"):
            parse_bytes(data, name=name)
    parse_bytes(hostile.labelled_text(1_000).encode(), name="small.txt")


def test_file_over_the_byte_limit_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import analysis.transcripts as transcripts

    monkeypatch.setattr(transcripts, "MAX_FILE_BYTES", 4_096)
    (tmp_path / "big.txt").write_text(hostile.labelled_text(10_000))
    with pytest.raises(DiscourseError, match="larger than"):
        load(tmp_path / "big.txt")
    with pytest.raises(DiscourseError, match="larger than"):
        parse_bytes(b"x" * 5_000, name="big.txt")


# --- item 7: devices and pipes -----------------------------------------------------------------------


def test_dev_zero_is_refused_naming_the_limit() -> None:
    # In a subprocess with 1.5 GB of address space and a timeout: the code before the fix read
    # /dev/zero until memory ran out.
    code = textwrap.dedent(
        """
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
        from cli import main
        sys.exit(main(["parse", "/dev/zero"]))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr[-500:]
    assert done.stderr.startswith("error: /dev/zero is larger than 20 MB")
    assert "Traceback" not in done.stderr


def test_pipe_is_read_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import threading

    import analysis.transcripts as transcripts

    monkeypatch.setattr(transcripts, "MAX_FILE_BYTES", 100_000)
    r, w = os.pipe()

    def feed() -> None:  # more than the limit, then the writer stops once the reader has gone
        try:
            with os.fdopen(w, "wb") as f:
                for _ in range(100):
                    f.write(b"Q: again?\n\n" * 1000)
        except BrokenPipeError:
            pass

    t = threading.Thread(target=feed, daemon=True)
    t.start()
    try:
        with pytest.raises(DiscourseError, match="larger than"):
            read_file(f"/dev/fd/{r}", name="the pipe")
    finally:
        os.close(r)
    t.join(10)


# --- item 9: what the CLI prints -----------------------------------------------------------------------


def test_control_characters_in_file_names_are_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", "\x1b[2J\x1b[31mred\u202e.txt"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert err == "error: \\x1b[2J\\x1b[31mred\\u202e.txt: no such file.\n"


def test_control_characters_in_usage_errors_are_escaped() -> None:
    done = subprocess.run([sys.executable, "-m", "analysis", "parse", "a.txt", "\x1b[31mb"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and "\\x1b[31mb" in done.stderr


@pytest.mark.parametrize("argv", [["--", "-x.txt"], ["./-x.txt"]])
def test_file_named_with_a_leading_dash(tmp_path: Path, argv: list[str]) -> None:
    (tmp_path / "-x.txt").write_text(SMALL)
    done = subprocess.run([sys.executable, "-m", "analysis", "parse", "--format", "text", *argv], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "A (JANE DOE): Fine, thanks." in done.stdout


def test_file_named_with_a_leading_dash_alone_says_how(tmp_path: Path) -> None:
    (tmp_path / "-x.txt").write_text(SMALL)
    done = subprocess.run([sys.executable, "-m", "analysis", "parse", "-x.txt"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert "write ./-x.txt or put -- before it" in done.stderr


# --- item 16: messages that fit the file -------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(codec: str) -> None:
    data = SMALL.replace("Fine", "Très bien").encode(codec)
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    doc = parse_bytes(data, name="unicode.txt")
    assert doc.turns[1].text == "Très bien, thanks. And you?"


def test_broken_utf16_without_bom_says_save_as_utf8() -> None:
    data = SMALL.encode("utf-16-le") + "\ud800".encode("utf-16-le", "surrogatepass") + b"a\x00"
    with pytest.raises(DiscourseError, match="UTF-16 text without a byte-order mark.*Save it as UTF-8"):
        parse_bytes(data, name="unicode.txt")


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("old.docx", hostile.old_doc(), r"old\.docx is an old Word 97-2003 \.doc file .* save it as \.docx"),
        ("old.txt", hostile.old_doc(), r"old Word 97-2003 \.doc"),
        ("notes.txt", b"{\\rtf1\\ansi Q: Hello?\\par}", r"an RTF document: .* save it as \.docx or as plain text"),
        ("scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), r"a PNG image, not a transcript"),
        ("scan.md", b"\xff\xd8\xff\xe0" + bytes(100), r"a JPEG image"),
        ("book.txt", hostile._zip([("mimetype", 0, 0, ODT, len(ODT))]), r"OpenDocument file: .* save it as \.docx"),
    ],
)
def test_misnamed_files_get_the_advice_that_fits(name: str, data: bytes, message: str) -> None:
    with pytest.raises(DiscourseError, match=message) as e:
        parse_bytes(data, name=name)
    assert "NUL bytes" not in str(e.value)
