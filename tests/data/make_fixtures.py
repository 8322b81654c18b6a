"""Regenerate the binary test fixtures: the .docx files (python-docx) and the PDFs (pypdf).

Run from the repository root: ``python tests/data/make_fixtures.py``. Both libraries are runtime
dependencies (requirements.txt), so nothing extra is installed. The PDFs are written by hand as content
streams with the standard Helvetica font (no font file embedded), which pypdf's text extraction reads.
The text fixtures (HTML, SRT, VTT, JSON, JSONL, CSV) are written by hand and committed as they are.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

HERE = Path(__file__).resolve().parent


def make_docx_interview(path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = "Interview with Jane Doe"
    d.add_heading("Interview with Jane Doe", level=1)
    d.add_paragraph("Recorded on 4 March 2021.")
    d.add_paragraph("")
    for label, text in [
        ("INTERVIEWER:", " Where did you grow up?"),
        ("JANE DOE:", " In a small town."),
    ]:
        p = d.add_paragraph()
        p.add_run(label).bold = True
        p.add_run(text)
    p = d.add_paragraph("It was quiet.")
    p.add_run().add_break(WD_BREAK.LINE)  # Shift+Enter: a line break inside the paragraph
    p.add_run("The winters were long.")
    d.add_paragraph("   ")
    d.add_paragraph("Q: Why did you leave?")
    d.add_paragraph("A: Work.")
    table = d.add_table(rows=3, cols=2)
    rows = [("Speaker", "Text"), ("INTERVIEWER", "Thank you."), ("JANE DOE:", "Thank you for having me.")]
    for row, (name, text) in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = name, text
    d.save(path)


def make_docx_untitled(path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = "Microsoft Word - interview.docx"
    d.add_paragraph("MODERATOR: Welcome.")
    d.add_paragraph("GUEST: Thanks.")
    d.save(path)


def make_docx_hearing(path: Path) -> None:
    """A Senate hearing saved as Word: period labels, no indentation, cover matter first."""
    d = docx.Document()
    for text in [
        "[Senate Hearing 131-42]",
        "U.S. GOVERNMENT PRINTING OFFICE",
        "WASHINGTON : 2049",
        "WATER RIGHTS IN THE HIGH PLAINS",
        "The committee met, pursuant to notice, at 9:30 a.m., in room SD-366, Senator Nils Varga, chairman, presiding.",
        "Chairman Varga. Good morning. The committee will come to order.",
        "Today we hear from two witnesses on groundwater.",
        "Senator Roe. Thank you, Mr. Chairman. Farmers in my state watch these wells closely.",
        "The Chairman. Thank you, Senator Roe. Dr. Okoye, please begin.",
        "Dr. Okoye. Thank you. The aquifer fell by two feet last year.",
        "Senator Roe. Is that faster than before?",
        "Dr. Okoye. Yes, about twice as fast.",
        "The Chairman. The hearing is adjourned.",
    ]:
        d.add_paragraph(text)
    d.save(path)


def make_docx_otter(path: Path) -> None:
    """An Otter export saved as Word: "Name  m:ss" paragraphs, the text in the next paragraph."""
    d = docx.Document()
    d.core_properties.title = "Choir rehearsal notes"
    for text in [
        "Hana Sato  0:03", "Let's start with the second verse.",
        "Ravi Nair  0:09", "From the top of the page?",
        "Hana Sato  0:12", "Yes, bar seventeen.",
        "Ravi Nair  0:15", "Got it.",
    ]:
        d.add_paragraph(text)
    d.save(path)


def _pdf(path: Path, pages: list[list[str | None]], title: str | None) -> None:
    """One PDF page per list of lines (None: a blank line's gap); lines 14 pt apart, Helvetica 11 pt."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
        for line in lines:
            if line:
                escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"({escaped}) Tj")
            ops.append("T*")
        ops.append("ET")
        if not lines:  # a "scanned" page: only a filled rectangle, no text
            ops = ["0.5 g", "72 72 468 648 re f"]
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if title:
        writer.add_metadata({"/Title": title})
    with open(path, "wb") as f:
        writer.write(f)


def make_pdf_interview(path: Path) -> None:
    header, footer = "Jane Doe interview transcript", "Page {} of 3"
    _pdf(path, [
        [
            header,
            "Interview with Jane Doe",
            "Recorded on 4 March 2021.",
            None,
            "INTERVIEWER: Where did you grow up, and",
            "what was it like?",
            "JANE DOE: In a small town. It was quiet and",
            "the winters were long.",
            "INTERVIEWER: Did you like it?",
            "JANE DOE: Not at first. Later I under-",
            "stood its charm, and",
            footer.format(1),
        ],
        [
            header,
            "I still go back every summer.",
            "Q: Why did you leave?",
            "A: Work. The city had jobs",
            "INTERVIEWER: and you took one?",
            footer.format(2),
        ],
        [
            header,
            "INTERVIEWER: Thank you.",
            footer.format(3),
        ],
    ], title="Interview with Jane Doe")


def make_pdf_scanned(path: Path) -> None:
    _pdf(path, [[], []], title="Microsoft Word - scan.docx")


FIXTURES = {
    "docx_interview.docx": make_docx_interview,
    "docx_untitled.docx": make_docx_untitled,
    "pdf_interview.pdf": make_pdf_interview,
    "pdf_scanned.pdf": make_pdf_scanned,
    "layouts/hearing_senate.docx": make_docx_hearing,
    "layouts/otter.docx": make_docx_otter,
}

if __name__ == "__main__":
    for name, make in FIXTURES.items():
        make(HERE / name)
        print("wrote", HERE / name)
