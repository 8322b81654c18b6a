"""Hostile and large inputs (issue 14): each case generated here, run through the CLI, timed and measured.

    python benchmarks/hostile_inputs.py [--only ITEM_OR_TEXT]... [--timeout SECONDS] [--quick] [--keep DIR] [--code DIR]
    python benchmarks/hostile_inputs.py --server   # item 6 on the dashboard: uploads in Chromium, server memory

Prints figures; it is not a test. Every case is made by a small generator below (nothing hostile is
committed), written to a temporary folder and given to ``python -m analysis`` in a subprocess with a
timeout (default 60 s). Each case runs in its own runner process, which starts the command(s) and then
reads ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``: the peak resident memory of that case's
commands only (of the larger one when a case runs two at once). The table shows, per case, the exit
status, the first line of the message (stderr; ``ok`` when it exited 0 silently), the wall time and the
peak memory, and flags a row (``!!``) that misses the targets:

- a traceback anywhere, an exit status other than 0 or 2, or the timeout;
- a file under 1 MB not read or refused within 5 s and 300 MB;
- a larger file not done within 60 s and 1 GB;
- what the case itself expects (the right refusal, an escaped file name, no file left behind).

Issue items: 1 YAML alias bomb, 2 many speaker labels, 3 paragraphs that never end a sentence, 4 PDF
text operators, 5 a .docx whose headers lie, 6 large documents, 7 devices, 8 (a Markdown file name on
the Upload page: browser only, listed as skipped), 9 file names with escapes or a leading ``-``, 11
captions with bad cue times and an unterminated CSV quote, 12-14 the library, 16 misnamed files.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))


MB = 1024 * 1024
# The targets: what one hostile file may cost at most.
SMALL_FILE = 1 * MB
SMALL_SECONDS, SMALL_MB = 5.0, 300
LARGE_SECONDS, LARGE_MB = 60.0, 1024
DEFAULT_TIMEOUT = 60.0

# ---------------------------------------------------------------------------------------------------
# Generators (bytes or text; small and deterministic)

SYLLABLES = "ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to".split()
COMMON = "the of and to a in that is we it for on with they this not are be as have by at our".split()


def _words(r: random.Random, n: int) -> list[str]:
    return [r.choice(COMMON) if r.random() < 0.45 else "".join(r.choices(SYLLABLES, k=r.randint(1, 4))) for _ in range(n)]


def sentence(r: random.Random) -> str:
    w = _words(r, r.randint(6, 24))
    return w[0].capitalize() + " " + " ".join(w[1:]) + r.choice(".....?!")


def labelled_text(n_chars: int, *, seed: int = 0, labels: tuple[str, str] = ("Q:", "JANE DOE:")) -> str:
    """A question-and-answer transcript of about ``n_chars`` characters (pseudo-words, real layout)."""
    r = random.Random(seed)
    out, size, i = [], 0, 0
    while size < n_chars:
        par = f"{labels[i % 2]} " + " ".join(sentence(r) for _ in range(r.randint(1, 3) if i % 2 == 0 else r.randint(2, 9)))
        out.append(par)
        size += len(par) + 2
        i += 1
    return "\n\n".join(out) + "\n"


def alias_bomb(depth: int = 9, width: int = 9) -> str:
    """YAML front matter of nested aliases ("billion laughs"): ``width ** depth`` strings when expanded.
    The default is a 378-byte file."""
    lines = ["---", "a: &a [" + ",".join(['"lol"'] * width) + "]"]
    names = "abcdefghijklmnopqrstuvwxyz"
    for i in range(1, depth):
        lines.append(f"{names[i]}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * width) + "]")
    lines += ["title: laughs", "---", "Q: Hello?", "", "JANE DOE: Hi.", ""]
    return "\n".join(lines)


def distinct_labels(n: int, *, lookalike: bool = False, seed: int = 0) -> str:
    """``n`` turns by ``n`` different speakers (``NAME n:``), or ``n`` look-alike labels: ``n / 2`` names
    each written in full and as a short form (``MS. JANE ROE-KA`` and ``MS. ROE-KA``)."""
    r = random.Random(seed)
    out = ["Q: Who is here today?"]
    for i in range(n // 2 if lookalike else n):
        name = "".join(r.choices(SYLLABLES, k=3)).upper()
        labels = [f"MS. JANE {name}", f"MS. {name}"] if lookalike else [f"SPEAKER {name} {i}"]
        out += [f"{label}: {sentence(r)}" for label in labels]
        if i % 5 == 4:
            out.append("Q: And then?")
    return "\n\n".join(out) + "\n"


def unended_paragraphs(n_chars: int, *, seed: int = 0) -> str:
    """One answer made of paragraphs that never end a sentence (no full stop anywhere)."""
    r = random.Random(seed)
    out, size = ["Q: What happened", "JANE DOE: well"], 0
    while size < n_chars:
        par = " ".join(_words(r, r.randint(20, 60)))
        out.append(par)
        size += len(par) + 2
    return "\n\n".join(out) + "\n"


def pdf(pages: list[bytes], *, title: str | None = None) -> bytes:
    """A minimal PDF (Helvetica) whose pages have the given content streams."""
    objs: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, content in enumerate(pages):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    info = ""
    if title:
        info = f" /Info {len(objs) + 1} 0 R"
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _pdf_text(s: str) -> bytes:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def pdf_long_paragraph(n_chars: int, *, seed: int = 0) -> bytes:
    """One page whose lines (no blank line, no full stop) make one paragraph of ``n_chars`` characters."""
    r = random.Random(seed)
    lines = ["Q: What happened", "JANE DOE: well"]
    size = 0
    while size < n_chars:
        line = " ".join(_words(r, 12))
        lines.append(line)
        size += len(line) + 1
    body = b"BT /F1 10 Tf 12 TL 40 780 Td " + b" ".join(b"(" + _pdf_text(ln) + b") '" for ln in lines) + b" ET"
    return pdf([body])


def pdf_many_operators(n_ops: int, *, seed: int = 0) -> bytes:
    """One page with ``n_ops`` text-showing operators, each placing one word somewhere on the page."""
    r = random.Random(seed)
    ops = [b"BT /F1 8 Tf"]
    for i in range(n_ops):
        ops.append(b"1 0 0 1 %d %d Tm (%s) Tj" % (20 + (i * 37) % 560, 20 + (i * 13) % 750, _words(r, 1)[0].encode()))
    ops.append(b"ET")
    return pdf([b"\n".join(ops)])


def _zip(entries: list[tuple[str, int, int, bytes, int]]) -> bytes:
    """A zip archive written by hand: (name, method, crc, stored bytes, declared size) per member, so
    that a member's declared size can lie."""
    out, central = bytearray(), bytearray()
    for name, method, crc, stored, size in entries:
        offset, n = len(out), name.encode()
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(stored), size, len(n), 0)
        out += n + stored
        central += struct.pack(
            "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(stored), size, len(n), 0, 0, 0, 0, 0, offset
        ) + n
    start = len(out)
    out += central
    out += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


def _deflate_padded(data: bytes, zeros: int) -> tuple[bytes, int]:
    """``data`` then ``zeros`` zero bytes, deflated a megabyte at a time: (raw deflate stream, CRC-32)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    parts, crc = [c.compress(data)], zlib.crc32(data)
    chunk = bytes(MB)
    for i in range(0, zeros, MB):
        piece = chunk[: min(MB, zeros - i)]
        parts.append(c.compress(piece))
        crc = zlib.crc32(piece, crc)
    parts.append(c.flush())
    return b"".join(parts), crc


def docx_bytes(paragraphs: list[str], *, lie: tuple[str, int, int] | None = None) -> bytes:
    """A .docx (python-docx's own template) whose body is ``paragraphs``. With ``lie`` (part name, zero
    bytes appended, declared size), that part is followed by zeros and its headers declare a size."""
    from xml.sax.saxutils import escape

    import docx

    template = Path(docx.__file__).parent / "templates" / "default.docx"
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    entries = []
    with zipfile.ZipFile(template) as z:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "word/document.xml":
                head, _, rest = data.decode("utf-8").partition("<w:body>")
                data = (head + "<w:body>" + body + "<w:sectPr/></w:body></w:document>").encode("utf-8")
            if lie and info.filename == lie[0]:
                stored, crc = _deflate_padded(data, lie[1])
                entries.append((info.filename, zipfile.ZIP_DEFLATED, crc, stored, lie[2]))
                continue
            entries.append((info.filename, zipfile.ZIP_DEFLATED, zlib.crc32(data), _deflate(data), len(data)))
    return _zip(entries)


def lying_docx(inflated: int = 1 << 30, *, declared: int = 10_240) -> bytes:
    """A .docx whose styles part (which python-docx reads) is followed by ``inflated`` zero bytes while
    its headers declare ``declared`` bytes (for example 1 MB on disk; zipfile inflates the part
    whole before its CRC check fails)."""
    return docx_bytes(["Q: How big is it?", "JANE DOE: Small, it says."], lie=("word/styles.xml", inflated, declared))


def old_doc() -> bytes:
    """The first bytes of a Word 97-2003 .doc (an OLE2 compound file), to be named .docx."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(24) + b"\x3e\x00\x03\x00\xfe\xff" + bytes(4096)


def utf16_without_bom(text: str | None = None) -> bytes:
    return (text or labelled_text(4000)).encode("utf-16-le")


def csv_rows(text: str) -> str:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["speaker", "text"])
    for par in text.split("\n\n"):
        label, _, rest = par.partition(": ")
        if rest:
            w.writerow([label, rest])
    return buf.getvalue()


def bad_cues(kind: str, n: int = 2000) -> str:
    """Captions whose cue times are impossible (end before start, minutes over 59, hours of 9 digits)."""
    r = random.Random(0)
    out = ["WEBVTT", ""] if kind == "vtt" else []
    sep = "." if kind == "vtt" else ","
    for i in range(n):
        start = ["00:00:05" + sep + "000", "00:99:99" + sep + "999", "999999999:00:00" + sep + "000"][i % 3]
        end = ["00:00:01" + sep + "000", "00:00:00" + sep + "000", "1:2" + sep + "3"][i % 3]
        who = "<v Jane Doe>" if kind == "vtt" and i % 2 else ("JANE DOE: " if i % 2 else "Q: ")
        if kind == "srt":
            out.append(str(i + 1))
        out += [f"{start} --> {end}", who + sentence(r), ""]
    return "\n".join(out)


def unterminated_csv(n_chars: int = 500_000) -> str:
    return 'speaker,text\nQ,"What happened?\nJANE DOE,' + labelled_text(n_chars).replace('"', "") + "\n"


# ---------------------------------------------------------------------------------------------------
# Cases


@dataclass
class Case:
    item: str
    name: str
    files: dict[str, bytes | str] | Callable[[], dict[str, bytes | str]]  # name -> content (or a function making it)
    commands: list[list[str]]  # argv after `python -m analysis`; several run at once
    expect: Callable[[int, str, Path], str | None] | None = None  # (status, stderr, folder) -> problem
    setup: Callable[[Path], None] | None = None
    skip: str | None = None
    python: bool = False  # commands are `python -c CODE` rather than `python -m analysis`
    size: int = field(default=0)


def _refused(*needles: str):
    def check(status: int, err: str, folder: Path) -> str | None:
        if status != 2:
            return f"expected a refusal (exit 2), got {status}"
        missing = [n for n in needles if n.lower() not in err.lower()]
        return f"message lacks {missing}" if missing else None

    return check


def _ok(status: int, err: str, folder: Path) -> str | None:
    return None if status == 0 else f"expected success, got {status}"


def _no_escape(status: int, err: str, folder: Path) -> str | None:
    return "raw ESC in the message" if "\x1b" in err else None


def _no_sidecars(status: int, err: str, folder: Path) -> str | None:
    left = sorted(p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm")))
    return f"left {left}" if left else None


def cases(quick: bool = False) -> list[Case]:
    small = labelled_text(3000)
    out = [
        Case("1", "YAML alias bomb in front matter (.md, 9 levels)", {"laughs.md": alias_bomb()}, [["parse", "laughs.md"]],
             _refused("alias")),
        Case("1", "YAML alias bomb, 10 levels (.txt)", {"laughs.txt": alias_bomb(10)}, [["parse", "laughs.txt"]],
             _refused("alias")),
    ]
    for n in (2000, 6000):
        out.append(Case("2", f"{n:,} distinct speaker labels", lambda n=n: {f"labels{n}.txt": distinct_labels(n)}, [["parse", f"labels{n}.txt"]]))
    out.append(Case("2", "4,000 look-alike labels", lambda: {"lookalike.txt": distinct_labels(4000, lookalike=True)}, [["parse", "lookalike.txt"]]))
    for kb in (96, 192, 384):
        out.append(Case("3", f"{kb} KB of paragraphs never ending a sentence (.txt, analyze)",
                        lambda kb=kb: {f"unended{kb}.txt": unended_paragraphs(kb * 1024)}, [["analyze", f"unended{kb}.txt"]]))
    out.append(Case("3", "PDF holding one 192 KB paragraph (analyze)", lambda: {"paragraph.pdf": pdf_long_paragraph(192 * 1024)},
                    [["analyze", "paragraph.pdf"]]))
    out.append(Case("4", "PDF page with 200,000 text operators", lambda: {"operators.pdf": pdf_many_operators(200_000)}, [["parse", "operators.pdf"]]))
    out.append(Case("5", "lying .docx: 1 MB, declares 10 KB, inflates to 1 GiB",
                    lambda: {"lying.docx": lying_docx(200 * MB if quick else 1 << 30)}, [["parse", "lying.docx"]],
                    _refused("too large when inflated")))
    out.append(Case("6", "1.9 M characters of text (.txt, analyze: the largest accepted)",
                    lambda: {"big19.txt": labelled_text(1_900_000)}, [["analyze", "big19.txt"]], _ok))
    if not quick:
        out += [
            Case("6", "19.5 MB .txt (parse; the Upload page's largest)", lambda: {"upload.txt": labelled_text(19_500_000, seed=1)}, [["parse", "upload.txt"]],
                 _refused("characters")),
            Case("6", "5 MB CSV (analyze)", lambda: {"rows.csv": csv_rows(labelled_text(5 * MB, seed=2))}, [["analyze", "rows.csv"]],
                 _refused("characters")),
            Case("6", "6.9 MB .docx (analyze)", lambda: {"big.docx": docx_bytes(labelled_text(16 * MB, seed=3).split("\n\n"))},
                 [["analyze", "big.docx"]], _refused("characters")),
            Case("6", "30 MB .txt (analyze)", lambda: {"big30.txt": labelled_text(30 * MB, seed=4)},
                 [["analyze", "big30.txt"]], _refused("20 MB")),
        ]
    out += [
        Case("7", "parse /dev/zero", {}, [["parse", "/dev/zero"]], _refused("20 MB")),
        Case("7", "parse /dev/urandom", {}, [["parse", "/dev/urandom"]], _refused()),
        Case("8", "upload named with Markdown", {}, [], skip="browser: the Upload page"),
        Case("9", "file name with ANSI escapes (missing file)", {}, [["parse", "\x1b[2J\x1b[31mred\x1b[0m.txt"]], _no_escape),
        Case("9", "file name with ANSI escapes (unsupported extension)", {"\x1b[31mx\x1b[0m.xyz": small},
             [["parse", "\x1b[31mx\x1b[0m.xyz"]], _no_escape),
        Case("9", "file named -x.txt, after --", {"-x.txt": small}, [["parse", "--", "-x.txt"]], _ok),
        Case("9", "file named -x.txt, as ./-x.txt", {"-x.txt": small}, [["parse", "./-x.txt"]], _ok),
        Case("11", "VTT with impossible cue times", {"bad.vtt": bad_cues("vtt")}, [["parse", "bad.vtt"]]),
        Case("11", "SRT with impossible cue times", {"bad.srt": bad_cues("srt")}, [["parse", "bad.srt"]]),
        Case("11", "CSV with an unterminated quote (500 KB)", {"quote.csv": unterminated_csv()}, [["parse", "quote.csv"]]),
        Case("12", "library add: a .txt renamed .pdf", {"renamed.pdf": small}, [["library", "add", "renamed.pdf", "--library", "lib.sqlite3"]]),
        Case("12", "library add: a .docx renamed .txt", {"renamed.txt": docx_bytes(small.split("\n\n"))},
             [["library", "add", "renamed.txt", "--library", "lib.sqlite3"]]),
        Case("13", "two concurrent `library add` of one folder",
             lambda: {f"corpus/doc{i}.txt": labelled_text(5000, seed=i) for i in range(40)},
             [["library", "add", "corpus", "--library", "lib.sqlite3"]] * 2, _ok),
        Case("14", "zero-byte --library file", {"empty.sqlite3": b""}, [["library", "list", "--library", "empty.sqlite3"]]),
        Case("14", "read-only library leaves no -wal/-shm", {}, [[
            "-c", "import sys; from analysis.store.library import Library; "
            "Library(sys.argv[1]).close(); lib = Library(sys.argv[1], readonly=True); lib.search(''); lib.close()",
            "lib.sqlite3"]], _no_sidecars, python=True),
        Case("16", "UTF-16 text without a BOM (.txt)", {"utf16.txt": utf16_without_bom()}, [["parse", "utf16.txt"]], _ok),
        Case("16", "old .doc named .docx", {"old.docx": old_doc()}, [["parse", "old.docx"]], _refused("save it as .docx")),
        Case("16", "RTF named .txt", {"notes.txt": "{\\rtf1\\ansi Q: Hello?\\par JANE DOE: Hi.\\par}"}, [["parse", "notes.txt"]],
             _refused("RTF")),
        Case("16", "zip that is not a .docx (named .txt)", {"notes2.txt": _zip([("a.txt", 0, zlib.crc32(b"hi"), b"hi", 2)])},
             [["parse", "notes2.txt"]], _refused("zip archive")),
        Case("16", "PNG image named .txt", {"scan.txt": b"\x89PNG\r\n\x1a\n" + bytes(2000)}, [["parse", "scan.txt"]],
             _refused("PNG image")),
    ]
    return out


# ---------------------------------------------------------------------------------------------------
# Running

RUNNER = r"""
import json, resource, subprocess, sys, time
spec = json.loads(sys.argv[1])
t0 = time.perf_counter()
procs = [subprocess.Popen(c, cwd=spec["cwd"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=spec["env"])
         for c in spec["commands"]]
results, timed_out = [], False
for p in procs:
    try:
        out, err = p.communicate(timeout=max(0.1, spec["timeout"] - (time.perf_counter() - t0)))
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        timed_out = True
    results.append((p.returncode, err.decode("utf-8", "replace"), len(out)))
wall = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"results": results, "wall": wall, "peak_mb": peak, "timed_out": timed_out}))
"""


def run_case(case: Case, folder: Path, timeout: float, code: Path = ROOT) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    files = case.files() if callable(case.files) else case.files
    for name, content in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    case.size = sum(len(c.encode("utf-8") if isinstance(c, str) else c) for c in files.values())
    del files
    if case.setup:
        case.setup(folder)
    prefix = [sys.executable] if case.python else [sys.executable, "-m", "analysis"]
    env = dict(os.environ, PYTHONPATH=str(code) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("DISCOURSE_LIBRARY", None)
    spec = {"commands": [prefix + c for c in case.commands], "cwd": str(folder), "env": env, "timeout": timeout}
    done = subprocess.run([sys.executable, "-c", RUNNER, json.dumps(spec)], capture_output=True, text=True)
    return json.loads(done.stdout)


def _first_line(err: str, out_bytes: int, timed_out: bool) -> str:
    if timed_out:
        return "(killed at the timeout)"
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if not lines:
        return f"ok ({out_bytes:,} bytes out)"
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: m.group().encode("unicode_escape").decode(), lines[0])
    return text if len(text) <= 90 else text[:87] + "..."


def _size(n: int) -> str:
    return f"{n:,} B" if n < 10_240 else f"{n / 1024:,.0f} KB" if n < 10 * MB else f"{n / MB:,.1f} MB"


def _table(header: list[str], rows: list[list[str]], right: set[int] = frozenset({2, 5, 6})) -> str:
    """Text columns left-aligned, figures right-aligned."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list) -> str:
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def judge(case: Case, res: dict, folder: Path) -> list[str]:
    problems = []
    statuses = [r[0] for r in res["results"]]
    errs = "\n".join(r[1] for r in res["results"])
    if res["timed_out"]:
        problems.append("timeout")
    if "Traceback" in errs:
        problems.append("traceback")
    if any(s not in (0, 2) for s in statuses) and not res["timed_out"]:
        problems.append(f"exit {statuses}")
    small = case.size < SMALL_FILE
    limit_s, limit_mb = (SMALL_SECONDS, SMALL_MB) if small else (LARGE_SECONDS, LARGE_MB)
    if res["wall"] > limit_s:
        problems.append(f"> {limit_s:.0f} s")
    if res["peak_mb"] > limit_mb:
        problems.append(f"> {limit_mb} MB")
    if case.expect and not res["timed_out"]:
        worst = max(statuses)
        if problem := case.expect(worst, errs, folder):
            problems.append(problem)
    return problems



# ---------------------------------------------------------------------------------------------------
# The dashboard server (item 6): uploads through Chromium, the server's resident memory sampled


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def server_uploads(folder: Path, *, settle: float = 15.0, reader_timeout: float = 120.0) -> list[list[str]]:
    """Start a dashboard of our own (a fresh library in ``folder``), upload each file of
    :func:`server_cases` on the Upload page in Chromium and, when it is read, analyse it and open the
    Reader. Rows: the file, what the page showed, the wall time, the server's peak resident memory
    during it and its memory ``settle`` seconds after, both beside the baseline (the server after
    drawing the default interview)."""
    import threading

    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from benchmarks import server

    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, DISCOURSE_LIBRARY=str(folder / "library.sqlite3"))
    proc, url = server.start(log=folder / "server.log", env=env)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync"])
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.set_default_timeout(180_000)
            page.goto(url + "/")
            page.locator(".dd-text[data-role=answer]").wait_for()
            time.sleep(2)
            baseline = _rss_mb(proc.pid)
            rows.append(["(baseline: the Reader on the default interview)", "", "", "", f"{baseline:,.0f}", ""])
            for name, make in server_cases():
                path = folder / name
                path.write_bytes(make())
                peak, stop = [baseline], threading.Event()

                def sample() -> None:
                    while not stop.is_set():
                        peak[0] = max(peak[0], _rss_mb(proc.pid))
                        time.sleep(0.1)

                sampler = threading.Thread(target=sample, daemon=True)
                sampler.start()
                t0 = time.perf_counter()
                page.goto(url + "/upload")
                page.locator("[data-testid=stFileUploader]").wait_for()
                page.set_input_files("[data-testid=stFileUploaderDropzoneInput]", str(path))
                main = page.locator("[data-testid=stMain]")
                shown = main.get_by_text("Pairs as parsed").or_(main.get_by_text("could not be read"))
                shown.first.wait_for()
                if main.get_by_text("could not be read").count():
                    what = main.locator("[data-testid=stAlert]").first.inner_text().split("\n")[0][:80]
                else:
                    page.get_by_role("button", name="Analyse and open in the Reader").click()
                    try:
                        page.locator(".dd-text[data-role=answer]").wait_for(timeout=reader_timeout * 1000)
                        page.locator(".js-plotly-plot").first.wait_for(timeout=reader_timeout * 1000)
                        what = "read, analysed, the Reader shown"
                    except PlaywrightTimeout:
                        page.screenshot(path=str(folder / f"{name}.png"))
                        what = f"the Reader not shown within {reader_timeout:.0f} s (screenshot {folder / name}.png)"
                wall = time.perf_counter() - t0
                time.sleep(settle)
                stop.set()
                sampler.join()
                after = _rss_mb(proc.pid)
                rows.append([f"{name} ({_size(path.stat().st_size)})", what, f"{wall:.1f}", f"{peak[0]:,.0f}",
                             f"{after:,.0f}", f"{after - baseline:+,.0f}"])
                print(f"  server: {rows[-1]}", file=sys.stderr)
            browser.close()
    finally:
        server.stop(proc)  # our own process, by its pid
    return rows


def server_cases() -> list[tuple[str, Callable[[], bytes]]]:
    return [
        ("upload-19mb.txt", lambda: labelled_text(19_500_000, seed=1).encode()),
        ("largest-accepted.txt", lambda: labelled_text(1_900_000, seed=5).encode()),
        ("lying.docx", lambda: lying_docx(1 << 30)),
        ("laughs.md", lambda: alias_bomb().encode()),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", action="append", default=None, help="run the cases whose item or name contains this")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per case (default 60)")
    ap.add_argument("--quick", action="store_true", help="leave out the files over 1 MB (a 200 MB lying .docx)")
    ap.add_argument("--code", type=Path, default=ROOT, metavar="DIR",
                    help="the checkout whose `analysis` runs (default: this one; e.g. an older worktree, to compare)")
    ap.add_argument("--keep", default=None, metavar="DIR", help="write the cases here and keep them")
    ap.add_argument("--server", action="store_true",
                    help="instead: upload the large and hostile files to a dashboard of our own in Chromium and sample "
                    "the server's memory (this checkout's dashboard)")
    args = ap.parse_args(argv)
    if args.server:
        if args.keep:
            rows = server_uploads(Path(args.keep))
        else:
            with tempfile.TemporaryDirectory(prefix="hostile-server-") as tmp:
                rows = server_uploads(Path(tmp))
        print(_table(["upload", "the page showed", "wall s", "peak MB", "after MB", "after - baseline"], rows,
                     right={2, 3, 4, 5}))
        return 0
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="hostile-"))
    rows, flagged = [], 0
    print(f"code: {args.code}; python {sys.version.split()[0]}, {os.cpu_count()} cores; timeout {args.timeout:.0f} s per case; cases in {base}",
          file=sys.stderr)
    try:
        for i, case in enumerate(cases(quick=args.quick)):
            if args.only and not any(o == case.item or (not o.isdigit() and o.lower() in case.name.lower()) for o in args.only):
                continue
            if case.skip:
                rows.append([case.item, case.name, "-", "-", f"skipped: {case.skip}", "-", "-", ""])
                continue
            folder = base / f"case{i:02d}"
            res = run_case(case, folder, args.timeout, args.code)
            problems = judge(case, res, folder)
            flagged += bool(problems)
            statuses = ",".join(str(r[0]) if not res["timed_out"] else "killed" for r in res["results"])
            err, out_bytes = res["results"][0][1], res["results"][0][2]
            rows.append([
                case.item, case.name, _size(case.size), statuses, _first_line(err, out_bytes, res["timed_out"]),
                f"{res['wall']:.2f}", f"{res['peak_mb']:,.0f}", "!! " + "; ".join(problems) if problems else "",
            ])
            print(f"  {case.item:>3} {case.name}: {rows[-1][3]} {rows[-1][5]} s {rows[-1][6]} MB {rows[-1][7]}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(_table(["item", "case", "size", "exit", "message (first line)", "wall s", "peak MB", "flag"], rows))
    print(f"\n{flagged} of {sum(r[3] != '-' for r in rows)} cases flagged. Targets: under {SMALL_FILE // MB} MB read or "
          f"refused in {SMALL_SECONDS:.0f} s and {SMALL_MB} MB; larger files {LARGE_SECONDS:.0f} s and {LARGE_MB} MB; "
          "no traceback.")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
