"""Regenerate the binary test fixtures: the .docx files (python-docx) and the PDFs (pypdf).

Run from the repository root: ``python tests/data/make_fixtures.py``. Both libraries are runtime
dependencies (requirements.txt), so nothing extra is installed. The PDFs are written by hand as content
streams with the standard Helvetica font (no font file embedded), which pypdf's text extraction reads.
The text fixtures (HTML, SRT, VTT, JSON, JSONL, CSV) are written by hand and committed as they are, except
``court_argument.txt``: the court imitation's text as a reader would paste it, written from the same pages
as ``court_argument.pdf`` so that the two stay alike.
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


# An invented oral argument laid out like a U.S. Supreme Court transcript: numbered lines (1-25), a
# header and a footer on every page, a cover page, appearances, contents, the argument, a word index.
COURT_HEADER, COURT_FOOTER = "Official - Subject to Final Review", "Heritage Reporting Corporation"
COURT_PAGES: list[list[str]] = [
    [
        "IN THE SUPREME COURT OF THE UNITED STATES",
        "- - - - - - - - - - - - - - - - - - x",
        "ALDER CREEK WATER DISTRICT, :",
        "Petitioner, :",
        "v. : No. 24-517",
        "MARGARET HOLLIS, ET AL., :",
        "Respondents. :",
        "- - - - - - - - - - - - - - - - - - x",
        "Washington, D.C.",
        "Tuesday, November 4, 2025",
        "",
        "The above-entitled matter came on for",
        "oral argument before the Supreme Court of the",
        "United States at 10:04 a.m.",
    ],
    [
        "APPEARANCES:",
        "CAROLINE BRANDT, ESQ., Denver, Colorado; on behalf",
        "of the Petitioner.",
        "LUIS TEVES, Deputy Solicitor General, Department of",
        "Justice, Washington, D.C.; for the United States,",
        "as amicus curiae, supporting the Petitioner.",
        "PETER ASHWORTH, ESQ., Boise, Idaho; on behalf of",
        "the Respondents.",
    ],
    [
        "C O N T E N T S",
        "ORAL ARGUMENT OF: PAGE:",
        "CAROLINE BRANDT, ESQ.",
        "On behalf of the Petitioner 4",
        "ORAL ARGUMENT OF:",
        "LUIS TEVES, ESQ.",
        "For the United States, as amicus",
        "curiae, supporting the Petitioner 5",
        "ORAL ARGUMENT OF:",
        "PETER ASHWORTH, ESQ.",
        "On behalf of the Respondents 5",
        "REBUTTAL ARGUMENT OF:",
        "CAROLINE BRANDT, ESQ.",
        "On behalf of the Petitioner 6",
    ],
    [
        "P R O C E E D I N G S",
        "(10:04 a.m.)",
        "CHIEF JUSTICE HALVERSON: We will hear argument",
        "first this morning in Case 24-517, Alder Creek",
        "Water District versus Hollis.",
        "Ms. Brandt.",
        "ORAL ARGUMENT OF CAROLINE BRANDT",
        "ON BEHALF OF THE PETITIONER",
        "MS. BRANDT: Mr. Chief Justice, and may it please",
        "the Court: The district asks only that the",
        "statute be read as it was written in 1987.",
        "Congress gave the permit to the district, not to",
        "each farm that draws on the canal.",
        "JUSTICE OKAFOR: Counsel, what do you do with the",
        "word \"each\" in the second sentence?",
        "MS. BRANDT: Justice Okafor, the word \"each\"",
        "modifies the gates, not the users. If you read it --",
        "JUSTICE OKAFOR: But the gates don't hold permits.",
        "MS. BRANDT: No, they -- they don't, but the",
        "district that runs them does.",
        "JUSTICE MARLOW: Suppose the district sold the",
        "canal tomorrow. Does the permit go with it?",
        "MS. BRANDT: It would, Justice Marlow, and that is",
        "the point of the 1987 amendment. It ties the water",
        "to the works.",
    ],
    [
        "JUSTICE MARLOW: So the farms have nothing?",
        "MS. BRANDT: They have contracts with the district,",
        "and those contracts are enforced every season.",
        "CHIEF JUSTICE HALVERSON: Thank you, counsel.",
        "General Teves.",
        "ORAL ARGUMENT OF LUIS TEVES",
        "FOR THE UNITED STATES, AS AMICUS CURIAE,",
        "SUPPORTING THE PETITIONER",
        "GENERAL TEVES: Mr. Chief Justice, and may it please",
        "the Court: The United States has read this statute",
        "the same way for 30 years, and you know -- JUSTICE",
        "OKAFOR: Has it always? GENERAL TEVES: Since 1994,",
        "Your Honor, in every filing before this Court.",
        "CHIEF JUSTICE HALVERSON: Thank you, General.",
        "Mr. Ashworth.",
        "ORAL ARGUMENT OF PETER ASHWORTH",
        "ON BEHALF OF THE RESPONDENTS",
        "MR. ASHWORTH: Mr. Chief Justice, and may it please",
        "the Court: Mrs. Hollis has farmed that land since",
        "1971, and the canal crosses it twice.",
        "JUSTICE OKAFOR: Does the record show what she was",
        "promised?",
        "MR. ASHWORTH: It does, at page 41 of the joint",
        "appendix. She was promised a share of the flow,",
        "Justice Okafor, not a share of a contract.",
    ],
    [
        "JUSTICE MARLOW: Then who holds the permit? -- MR.",
        "ASHWORTH: Each of the users, as the word says.",
        "CHIEF JUSTICE HALVERSON: Thank you, counsel.",
        "Rebuttal, Ms. Brandt?",
        "REBUTTAL ARGUMENT OF CAROLINE BRANDT",
        "ON BEHALF OF THE PETITIONER",
        "MS. BRANDT: Three points, briefly. The record at",
        "page 41 speaks of a share of the flow through the",
        "district's gates. That is our reading too.",
        "CHIEF JUSTICE HALVERSON: Thank you, counsel. The",
        "case is submitted.",
        "(Whereupon, at 10:58 a.m., the case in the",
        "above-entitled matter was submitted.)",
    ],
]
# The word index: no line numbers, entries with counts and page:line references.
COURT_INDEX: list[str] = [
    "1",
    "1971 [1] 5:20",
    "1987 [2] 4:11 4:24",
    "1994 [1] 5:12",
    "A",
    "above-entitled [2] 1:12 6:13",
    "amendment [1] 4:24",
    "appendix [1] 5:24",
    "ASHWORTH [4] 2:7 3:10 5:18 6:2",
    "B",
    "BRANDT [8] 2:2 3:3 4:9 4:16",
    "4:19 4:23 5:2 6:7",
    "C",
    "canal [3] 4:4 4:22 5:20",
    "counsel [3] 4:14 5:4 6:3",
    "F",
    "flow [2] 5:24 6:8",
    "G",
    "gates [3] 4:17 4:18 6:9",
    "P",
    "permit [3] 4:12 4:22 6:1",
    "S",
    "statute [2] 4:11 5:10",
]


def _court_page_lines(number: int, lines: list[str], *, numbered: bool) -> list[tuple[str | None, str]]:
    """(line number, text) rows of one page, the header and page number first and the footer last."""
    rows: list[tuple[str | None, str]] = [(None, str(number)), (None, COURT_HEADER)]
    rows += [(str(i) if numbered else None, text) for i, text in enumerate(lines, start=1)]
    rows.append((None, COURT_FOOTER))
    return rows


def _court_pages() -> list[list[tuple[str | None, str]]]:
    pages = [_court_page_lines(n, lines, numbered=True) for n, lines in enumerate(COURT_PAGES, start=1)]
    pages.append(_court_page_lines(len(COURT_PAGES) + 1, COURT_INDEX, numbered=False))
    return pages


def make_pdf_court(path: Path) -> None:
    """The court imitation as a PDF: line numbers and text are separate text objects on one baseline."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    for rows in _court_pages():
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        ops = []
        y = 760
        for row, (number, text) in enumerate(rows):
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            if text == COURT_FOOTER:
                y = 40
            if number:
                ops.append(f"BT /F1 11 Tf 60 {y} Td ({number}) Tj ET")
            if text:
                x = 500 if row == 0 else 100  # the page number stands at the right
                ops.append(f"BT /F1 11 Tf {x} {y} Td ({escaped}) Tj ET")
            y -= 26
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    writer.add_metadata({"/Title": "Microsoft Word - 24-517 transcript.docx"})
    with open(path, "wb") as f:
        writer.write(f)


def make_txt_court(path: Path) -> None:
    """The same pages as text pasted from a PDF viewer: right-aligned page number, numbered lines."""
    out: list[str] = []
    for rows in _court_pages():
        for number, text in rows:
            if number is None and text.isdigit():
                out.append(f"{text:>70}")
            elif number is None:
                out.append(f"{'':14}{text}")
            else:
                out.append(f"{number:>4}{'':10}{text}".rstrip())
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


FIXTURES = {
    "docx_interview.docx": make_docx_interview,
    "docx_untitled.docx": make_docx_untitled,
    "pdf_interview.pdf": make_pdf_interview,
    "pdf_scanned.pdf": make_pdf_scanned,
    "layouts/hearing_senate.docx": make_docx_hearing,
    "layouts/otter.docx": make_docx_otter,
    "court_argument.pdf": make_pdf_court,
    "court_argument.txt": make_txt_court,
}

if __name__ == "__main__":
    import sys

    # ``python tests/data/make_fixtures.py court_argument.pdf``: only the fixtures named.
    for name, make in FIXTURES.items():
        if sys.argv[1:] and name not in sys.argv[1:]:
            continue
        make(HERE / name)
        print("wrote", HERE / name)
