"""HTML transcript pages: speaker labels in bold (``<b>NAME:</b> text``) or in the text (``NAME: text``).

What it handles:

* the article body is found by :data:`CONTAINERS` (``.entry-content``, ``[itemprop=articleBody]``,
  ``article``, ``main``, ``body``); scripts, styles, navigation, video/figure blocks, hidden elements
  and page furniture (share bars, "publication status" boxes, see :data:`BOILERPLATE_WORDS`) are left
  out;
* each ``<p>`` (and each ``<br>``-separated line, list item or loose block of text) is a paragraph;
  a paragraph that opens with bold text followed by a colon (inside or after the bold, with or without
  a space) is a new turn labelled by that bold text. Labels broken over lines and non-breaking spaces
  are normalised to single plain spaces; long labels ("..., moderator Fyodor Lukyanov") are kept whole
  (the builder shortens them), and a label naming a role (moderator / interviewer / host) is put in
  ``RawDoc.role_hints``;
* bold text without a colon ("* * *", a bold sub-heading) and ``<h2>``-``<h6>`` are headings: recorded
  as ``Note(kind="heading")``, not text;
* a two-cell table row (short name | text) is read like a bold label;
* a bold label after the end of a sentence inside a paragraph starts its own turn; Hansard's question
  number before a label (``1. <b>Mr Roe (Anytown) (Lab):</b>``) and its column numbers (``202``,
  ``Column 202``) are left out of the text; markers (``<b>Break:</b> [00:11:51]``) are notes;
* on a hearing page whose bold labels are GPO's (``Mr. LIMAN``, ``Chairman HAMILTON``), the GPO labels
  inside paragraphs (``... bid? Mr. BECKLER. Objection.``) start turns and bracketed stage directions
  (``[Counsel conferring with witness.]``) are notes;
* paragraphs before the first label (title, lead, introduction) are given unlabelled, so the builder
  keeps them out of the turns;
* a page with fewer than two bold labels is read as plain text: the paragraph texts go to
  :func:`analysis.transcripts.labelled.read_paragraphs`, which finds "NAME:" / "Q:" labels;
* title (``<h1>`` outside the site header, ``og:title``, ``<title>``), date (``<time datetime>``,
  date metas, as ISO YYYY-MM-DD), description (meta description, ``og:description``, a lead element),
  source (an absolute canonical link, ``og:url``, the article's ``data-href``); ``metadata`` holds
  ``html_container`` (the selector that matched) and ``labels`` ("bold" or "text").

Limits: no CSS is applied (text hidden by a stylesheet class is read unless its class name says so),
bold is ``<b>``/``<strong>``/inline ``font-weight`` only, and speaker names given only by layout
(columns, colours, images) are not recognised. Input is hostile: it is parsed by lxml's HTML parser
(or ``html.parser``), which fetches nothing, runs no script and resolves no external entity.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import date

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.exceptions import FeatureNotFound, ParserRejectedMarkup
from bs4.element import NavigableString, PreformattedString, Tag

from ..errors import DiscourseError
from .labelled import MARKER, read_paragraphs, split_label
from .model import Note, TurnRole
from .raw import Para, RawDoc

# 10 million characters: 45 times the 220 KB Valdai page in ../shared (parsed in about 0.25 s), so
# a real page always fits while hostile input is bounded to some seconds of parsing.
MAX_CHARS = 10_000_000
# Parsing costs some 30-70 microseconds per element whatever its size, so the number of "<" is bounded
# too: 100,000 is 50 times the Valdai page's 2,103, and a page of that many parses in a few seconds.
MAX_TAGS = 100_000
# Where the article text is, most specific first (WordPress/hAtom, schema.org, HTML5, fallback).
CONTAINERS = (".entry-content", "[itemprop=articleBody]", "article", "main", "[role=main]", "body")
# Elements holding a lead / summary, used for the description when there is no description meta.
LEADS = (".read__lead", ".entry-summary", ".lead", ".summary", ".standfirst")
# Meta names that carry a publication date, most specific first.
DATE_METAS = (
    "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "dcterms.date", "pubdate",
    "publish-date", "ya:ovs:upload_date",
)
# Elements that never hold transcript text.
DROP_TAGS = frozenset(
    "script style noscript template nav aside form button select option textarea input label iframe "
    "object embed video audio source track picture figure figcaption img svg canvas map head title "
    "meta link header footer menu dialog".split()
)
# Class / id words (names split on spaces, '-' and '__') that mark page furniture; "ignore" is the Kremlin
# site's marker for non-text blocks ("masha-ignore"), "bottommeta" its publication-status box.
BOILERPLATE_WORDS = frozenset(
    "hidden share sharing social related comments comment footer breadcrumb breadcrumbs nav navbar "
    "navigation menu sidebar advert advertisement ads promo cookie cookies subscribe newsletter "
    "bottommeta status ignore noprint print_link".split()
)
BLOCK_TAGS = frozenset(
    "p div section article main li ul ol dl dt dd blockquote table tbody thead tfoot tr td th "
    "address center fieldset details summary caption hr body html".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
COLONS = (":", "\uff1a")
# The longest bold text taken as a speaker label ("Research Director of the Foundation for Development
# and Support of the Valdai Discussion Club, moderator Fyodor Lukyanov" has 122 characters).
MAX_LABEL_CHARS = 200
# A bold-only paragraph up to this long, not ending a sentence, is a heading ("* * *", "Part two").
MAX_HEADING_CHARS = 120
# The longest name taken from the first cell of a two-cell table row.
MAX_CELL_LABEL_CHARS = 60
# Fewer bold labels than this: the page is read as plain text (one bold "Note:" is not a transcript).
MIN_BOLD_LABELS = 2
ROLE_IN_LABEL = re.compile(r"\b(moderator|interviewer|host)\b", re.I)
QA_ROLES: dict[str, TurnRole] = {"q": "question", "question": "question", "a": "answer", "answer": "answer"}
BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
SURROGATES = re.compile("[\ud800-\udfff]")
_FLUSH = object()
# The number of an oral question before its asker's label in Hansard ("1.", "T3.").
QUESTION_NUMBER = re.compile(r"^T?\d{1,3}\.\s+")
# The longest bold text taken as a label inside a paragraph (a label after the end of a sentence).
MAX_INLINE_LABEL_CHARS = 120
SENTENCE_ENDS = ".?!\u2026\"'\u201d\u2019)]"
# A Hansard column number between paragraphs ("202", "Column 202", "14 Mar 2032 : Column 202"): a note; the
# turn goes on across it.
COLUMN_LINE = re.compile(r"^(?:\d{1,2}\s+\w{3,9}\s+\d{4}\s*:\s*)?(?:Column\s+)?\d{1,5}(?:W|WH|WS)?$", re.I)
# U.S. congressional hearings (GPO): a label in the text, honorific and surname in capitals, then a period
# ("Mr. BECKLER. Objection.", "Chairman HAMILTON. Sustained.", "The Chairman. Order."). On a page whose bold
# labels have that shape, each starts its own turn where it follows the end of a sentence.
GPO_NAME = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Senator|Representative|Chairman|Chairwoman|Chair|Vice Chairman|Ranking Member)\.?"
    r"[ \u00a0]+[A-Z][A-Z'\u2019\-]+(?:[ \u00a0]+(?:of[ \u00a0]+[A-Z][a-z]+|[A-Z][A-Z'\u2019\-]+))?"
    r"|The[ \u00a0]+(?:Chairman|Chairwoman|Chair))"
)
GPO_LABEL = re.compile(rf"^{GPO_NAME}$")
GPO_INLINE = re.compile(rf"(?:^|(?<=[.?!\u201d\"')\]])[ \u00a0]+)({GPO_NAME})\.[ \u00a0]+(?=[A-Z\"\u201c\[(])")
# A bracketed stage direction of a hearing ("[Counsel conferring with witness.]", "[Pause.]"): a note.
BRACKETED = re.compile(r"(?:^|(?<=[.?!\u201d\"')\]])[ \u00a0]+)(\[[A-Z][^\[\]]{0,150}\.\])(?=[ \u00a0]|$)")


@dataclass
class _Block:
    runs: list[tuple[str, bool]] = field(default_factory=list)  # (text, bold)
    heading: bool = False


def read_html(text: str) -> RawDoc:
    """Read an HTML transcript page. See the module docstring for what is recognised."""
    soup = _parse(text)
    index = _index(soup)
    root, selector = _container(soup, index)
    blocks = _blocks(root)
    raw = RawDoc(format="html")
    raw.title = _title(index)
    raw.date = _date(index)
    raw.description = _description(index)
    raw.source = _source(index)
    raw.metadata["html_container"] = selector
    items = [_split_label(b) for b in blocks]
    if sum(1 for kind, _, _ in items if kind == "label") >= MIN_BOLD_LABELS:
        raw.metadata["labels"] = "bold"
        # a bold label after a sentence's end inside a paragraph starts its own turn there
        items = [_split_label(b) for block in blocks for b in _split_at_bold_labels(block)]
        _fill_bold(raw, items)
    else:
        raw.metadata["labels"] = "text"
        _fill_plain(raw, items)
    if not any(p.text for p in raw.paras):
        raise DiscourseError(
            f"No paragraphs of text were found in the HTML page (looked in {selector}). "
            "Save the page as plain text, or check that the file is the transcript page itself."
        )
    return raw


def clean(text: str) -> str:
    """One line of text: every run of white space (incl. U+00A0) becomes one space; soft hyphens go."""
    return " ".join(INVISIBLE.sub("", text).split())


def _parse(text: str) -> BeautifulSoup:
    if not isinstance(text, str):
        raise DiscourseError("The HTML reader needs decoded text; decode the file's bytes first.")
    if not text.strip():
        raise DiscourseError("The HTML file is empty: there is no text to read.")
    if len(text) > MAX_CHARS:
        raise DiscourseError(
            f"The HTML file has {len(text):,} characters, more than the {MAX_CHARS:,} this reader accepts. "
            "Split it, or save only the transcript part."
        )
    if (tags := text.count("<")) > MAX_TAGS:
        raise DiscourseError(
            f"The HTML file has {tags:,} tags, more than the {MAX_TAGS:,} this reader accepts. "
            "Save only the transcript part of the page, or save it as plain text."
        )
    text = SURROGATES.sub("\ufffd", text.replace("\x00", ""))
    with warnings.catch_warnings():
        # a short page that looks like a file name or URL is still markup here
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            return BeautifulSoup(text, "lxml")
        except (FeatureNotFound, ParserRejectedMarkup):  # lxml missing or refusing: fall back to the stdlib parser
            pass
        try:
            return BeautifulSoup(text, "html.parser")
        except (ParserRejectedMarkup, ValueError, AssertionError, RecursionError) as e:
            raise DiscourseError(f"The HTML could not be parsed ({e}). Save the page again or as plain text.") from e


def _container(soup: BeautifulSoup, index: _Index) -> tuple[Tag, str]:
    """The element holding the article: the first of CONTAINERS with text (the longest if several)."""
    for selector in CONTAINERS:
        found = [t for t in index.matches.get(selector, []) if t.get_text(strip=True)]
        if found:
            return max(found, key=lambda t: len(t.get_text())), selector
    return soup, "the whole document"


def _skip(tag: Tag) -> bool:
    if tag.name in DROP_TAGS or tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    if HIDDEN_STYLE.search(str(tag.get("style", ""))):
        return True
    names = tag.get("class") or []
    if isinstance(names, str):
        names = names.split()
    words = {w.lower() for n in [*names, str(tag.get("id") or "")] for w in re.split(r"[\s\-]+|__", n) if w}
    return bool(words & BOILERPLATE_WORDS)


def _is_bold(tag: Tag) -> bool:
    return tag.name in ("b", "strong") or bool(BOLD_STYLE.search(str(tag.get("style", ""))))


def _blocks(root: Tag) -> list[_Block]:
    """The paragraphs under ``root`` in reading order, each as runs of (text, bold). Iterative: deep
    nesting in hostile input cannot exhaust the stack."""
    blocks: list[_Block] = []
    current = _Block()

    def flush() -> None:
        nonlocal current
        if "".join(t for t, _ in current.runs).strip():
            blocks.append(current)
        current = _Block()

    stack: list[tuple[object, bool]] = [(c, False) for c in reversed(root.contents)]
    while stack:
        node, bold = stack.pop()
        if node is _FLUSH:
            flush()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, CDATA, doctype, processing instructions
                current.runs.append((str(node), bold))
            continue
        if not isinstance(node, Tag) or _skip(node):
            continue
        name = node.name
        if name in ("br", "hr"):
            flush()
        elif name in HEADINGS:
            flush()
            blocks.append(_Block([(node.get_text(), True)], heading=True))
        elif name == "pre":
            flush()
            for chunk in re.split(r"\n[ \t\u00a0]*\n", node.get_text()):
                blocks.append(_Block([(chunk, False)]))
        elif name == "tr" and (row := _row_as_label(node)) is not None:
            flush()
            blocks.append(row)
        else:
            is_block = name in BLOCK_TAGS or name == "p"
            if is_block:
                flush()
                stack.append((_FLUSH, bold))
            child_bold = bold or _is_bold(node)
            stack.extend((c, child_bold) for c in reversed(node.contents))
    flush()
    return [b for b in blocks if clean("".join(t for t, _ in b.runs))]


def _row_as_label(tr: Tag) -> _Block | None:
    """A table row "name | text" as a block with a bold label, else None (the cells are read as blocks)."""
    cells = [c for c in tr.children if isinstance(c, Tag) and c.name in ("td", "th")]
    if len(cells) != 2 or any(c.name == "th" for c in cells):
        return None
    blocks = (d for d in cells[1].descendants if isinstance(d, Tag) and d.name in ("p", "div", "li", "br", "table"))
    if next(blocks, None) is not None and next(blocks, None) is not None:
        return None  # a layout table (menu | whole article), not a "name | text" row
    name, text = clean(cells[0].get_text()), cells[1].get_text()
    if not name or len(name) > MAX_CELL_LABEL_CHARS or not clean(text) or name.endswith((".", "?", "!")):
        return None
    return _Block([(name.rstrip(":\uff1a ") + ":", True), (" " + text, False)])


def _split_at_bold_labels(block: _Block) -> list[_Block]:
    """A block cut before each bold label that follows the end of a sentence inside it ("... Yes, I will.
    <b>Ruth Calder (Westby) (LD):</b> Will the talks ..."): the label starts a turn of its own."""
    if block.heading or len(block.runs) < 3:
        return [block]
    out: list[_Block] = []
    start = 0
    i = 1
    runs = block.runs
    while i < len(runs):
        if runs[i][1] and not runs[i - 1][1] and runs[i][0].strip():
            j = i
            while j < len(runs) and (runs[j][1] or not runs[j][0].strip()):
                j += 1
            bold = clean("".join(t for t, _ in runs[i:j]))
            after = runs[j][0].lstrip() if j < len(runs) else ""
            before = clean("".join(t for t, _ in runs[start:i]))
            if (
                before and before[-1] in SENTENCE_ENDS and bold[:1].isupper() and len(bold) <= MAX_INLINE_LABEL_CHARS
                and (bold.endswith(COLONS) or after.startswith(COLONS))
            ):
                out.append(_Block(runs[start:i]))
                start = i
            i = j
            continue
        i += 1
    out.append(_Block(runs[start:]))
    return out


def _split_label(block: _Block) -> tuple[str, str | None, str]:
    """("label", label, text), ("heading", None, text) or ("text", None, text) for one block."""
    whole = clean("".join(t for t, _ in block.runs))
    if block.heading:
        return "heading", None, whole
    i = 0
    if len(block.runs) > 1 and not block.runs[0][1] and QUESTION_NUMBER.match(block.runs[0][0].strip() + " "):
        i = 1  # "1. <b>Mr Owen Pryce (Carnmoor) (Lab):</b>": the question's number on the order paper
    first = i
    while i < len(block.runs) and (block.runs[i][1] or not block.runs[i][0].strip()):
        i += 1
    bold = clean("".join(t for t, _ in block.runs[first:i]))
    if bold and (m := QUESTION_NUMBER.match(bold)) and len(bold) > m.end():
        bold = bold[m.end():]
    rest = clean("".join(t for t, _ in block.runs[i:]))
    if not bold:
        return "text", None, whole
    if bold.endswith(COLONS):
        label, text = bold[:-1].strip(), rest
    elif rest.startswith(COLONS):
        label, text = bold, rest[1:].strip()
    elif not rest:  # the whole paragraph is bold
        m = re.match(r"^([^:\uff1a]{1,60}?)\s*[:\uff1a]\s+(\S.*)$", bold)
        if m and m.group(1)[:1].isupper() and len(m.group(1).split()) <= 6:
            return "label", m.group(1), m.group(2)
        if len(bold) <= MAX_HEADING_CHARS and not bold.endswith((".", "?", "!", "\u2026")):
            return "heading", None, bold
        return "text", None, whole
    else:
        return "text", None, whole
    if not label or len(label) > MAX_LABEL_CHARS:
        return "text", None, whole
    return "label", label, text


def _fill_bold(raw: RawDoc, items: list[tuple[str, str | None, str]]) -> None:
    gpo = sum(1 for kind, label, _ in items if kind == "label" and GPO_LABEL.match(label or "")) >= MIN_BOLD_LABELS
    if gpo:
        items = [piece for item in items for piece in _gpo_pieces(raw, item)]
    pending: str | None = None  # a label whose paragraph had no text: it opens the next paragraph
    stamp: str | None = None  # the time stamp of the turn's bold label: a paragraph at the turn's end (a note)
    for kind, label, text in items:
        if kind == "heading":
            raw.notes.append(Note("heading", text))
            continue
        if kind == "label" and MARKER.match(f"{label}: {text}".strip() if text else label):  # "Break: [00:11:51]"
            raw.notes.append(Note("stage", f"{label}: {text}".strip() if text else label))
            continue
        if kind == "text" and (MARKER.match(text) or COLUMN_LINE.match(text)):
            raw.notes.append(Note("stage" if MARKER.match(text) else "footer", text))
            continue
        if kind == "label":
            label, new_stamp, affiliation = split_label(label)
            if affiliation:
                raw.metadata.setdefault("affiliations", {})[label] = affiliation
            if pending is not None:
                raw.paras.append(Para("", label=pending, role=QA_ROLES.get(pending.lower().rstrip("."))))
            if stamp:
                raw.paras.append(Para(stamp))
            stamp = new_stamp
            pending = label
            if m := ROLE_IN_LABEL.search(label):
                raw.role_hints[label] = "interviewer" if m.group(1).lower() == "interviewer" else "moderator"
            if not text:
                continue
        if pending is not None:
            raw.paras.append(Para(text, label=pending, role=QA_ROLES.get(pending.lower().rstrip("."))))
            pending = None
        else:
            raw.paras.append(Para(text))
    if pending is not None:
        raw.paras.append(Para("", label=pending, role=QA_ROLES.get(pending.lower().rstrip("."))))
    if stamp:
        raw.paras.append(Para(stamp))


def _gpo_pieces(raw: RawDoc, item: tuple[str, str | None, str]) -> list[tuple[str, str | None, str]]:
    """One item of a hearing page cut at the GPO labels inside its text; bracketed stage directions become
    notes."""
    kind, label, text = item
    if kind == "heading" or not text:
        return [item]
    if "[" in text:
        for m in BRACKETED.finditer(text):
            raw.notes.append(Note("stage", m.group(1)))
        text = " ".join(BRACKETED.sub("", text).split())
        if not text and kind == "text":
            return []
    out: list[tuple[str, str | None, str]] = []
    pos = 0
    for m in GPO_INLINE.finditer(text):
        if m.start() or pos:
            out.append((kind, label, text[pos:m.start()].strip()))
        elif kind == "label":  # a label-only bold paragraph's text opening with a GPO label
            out.append((kind, label, ""))
        kind, label, pos = "label", " ".join(m.group(1).split()), m.end()
    out.append((kind, label, text[pos:].strip()))
    return [o for o in out if o[2] or o[0] == "label"]


def _fill_plain(raw: RawDoc, items: list[tuple[str, str | None, str]]) -> None:
    texts: list[str] = []
    for kind, label, text in items:
        if kind == "heading":
            raw.notes.append(Note("heading", text))
        else:
            texts.append(f"{label}: {text}" if kind == "label" else text)
    found = read_paragraphs(texts, format="html")
    raw.paras = found.paras
    raw.notes.extend(found.notes)
    raw.warnings.extend(found.warnings)
    raw.role_hints = {**found.role_hints, **raw.role_hints}
    raw.metadata = {**found.metadata, **raw.metadata}
    raw.layout = raw.layout or found.layout
    for name in ("title", "date", "source", "description"):
        if getattr(raw, name) is None:
            setattr(raw, name, getattr(found, name))


@dataclass
class _Index:
    """What the metadata and container look-ups need, collected in one pass over the tree: each
    separate ``find_all``/``select`` would walk the whole tree again (seconds on a large page)."""

    metas: dict[str, str] = field(default_factory=dict)  # lower-cased name/property/itemprop -> content
    canonical: list[str] = field(default_factory=list)
    data_hrefs: list[str] = field(default_factory=list)
    times: list[Tag] = field(default_factory=list)
    h1s: list[Tag] = field(default_factory=list)
    title: Tag | None = None
    article: Tag | None = None
    matches: dict[str, list[Tag]] = field(default_factory=dict)  # CONTAINERS / LEADS selector -> tags


# How many matches of one kind are looked at (bounds the work on hostile pages with thousands).
MAX_MATCHES = 50


def _classes(tag: Tag) -> list[str]:
    names = tag.get("class") or []
    return names.split() if isinstance(names, str) else list(names)


def _selectors(tag: Tag) -> list[str]:
    """The CONTAINERS and LEADS selectors that ``tag`` matches."""
    classes = _classes(tag)
    found = [f".{c}" for c in classes if f".{c}" in CONTAINERS or f".{c}" in LEADS]
    if tag.get("itemprop") == "articleBody":
        found.append("[itemprop=articleBody]")
    if tag.get("role") == "main":
        found.append("[role=main]")
    if tag.name in CONTAINERS:
        found.append(tag.name)
    return found


def _index(soup: BeautifulSoup) -> _Index:
    index = _Index()
    for tag in soup.find_all(True):
        name = tag.name
        if name == "meta":
            content = clean(str(tag.get("content") or ""))
            for attr in ("name", "property", "itemprop"):
                if content and (key := str(tag.get(attr) or "").strip().lower()):
                    index.metas.setdefault(key, content)
        elif name == "link" and tag.get("href"):
            rel = tag.get("rel")
            rels = rel if isinstance(rel, list) else str(rel or "").split()
            if "canonical" in [r.lower() for r in rels]:
                index.canonical.append(str(tag.get("href")))
        elif name == "time" and tag.get("datetime") and len(index.times) < MAX_MATCHES:
            index.times.append(tag)
        elif name == "h1" and len(index.h1s) < MAX_MATCHES:
            index.h1s.append(tag)
        elif name == "title" and index.title is None:
            index.title = tag
        if name == "article" and index.article is None:
            index.article = tag
        if tag.get("data-href") and len(index.data_hrefs) < 5:
            index.data_hrefs.append(str(tag.get("data-href")))
        for selector in _selectors(tag):
            found = index.matches.setdefault(selector, [])
            if len(found) < MAX_MATCHES:
                found.append(tag)
    return index


def _meta(index: _Index, *keys: str) -> str | None:
    """The first non-empty ``<meta>`` content for any of ``keys`` (name, property or itemprop)."""
    return next((index.metas[k.lower()] for k in keys if k.lower() in index.metas), None)


def _title(index: _Index) -> str | None:
    """The page's own heading (an ``<h1>`` outside the site's header/navigation), else og:title, else
    ``<title>``, else any ``<h1>``."""
    headings = [h for h in index.h1s if clean(h.get_text())]
    for h1 in headings:
        if h1.find_parent(["header", "nav", "footer", "aside"]) is None:
            return clean(h1.get_text())
    if text := _meta(index, "og:title", "twitter:title"):
        return text
    if index.title is not None and (text := clean(index.title.get_text())):
        return text
    return clean(headings[0].get_text()) if headings else None


def _iso(value: str | None) -> str | None:
    if not value or not (m := ISO_DATE.match(value)):
        return None
    try:
        return date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def _date(index: _Index) -> str | None:
    """The first valid ``<time datetime>`` in the article, else on the page, else a date meta."""
    in_article = [t for t in index.times if index.article is not None and index.article in t.parents]
    for tag in [*in_article, *index.times]:
        if found := _iso(str(tag.get("datetime"))):
            return found
    for key in DATE_METAS:
        if found := _iso(_meta(index, key)):
            return found
    return None


def _description(index: _Index) -> str | None:
    if text := _meta(index, "description", "og:description", "twitter:description"):
        return text
    for selector in LEADS:
        for tag in index.matches.get(selector, []):
            if text := clean(tag.get_text()):
                return text
    return None


def _source(index: _Index) -> str | None:
    candidates = [*index.canonical]
    if value := _meta(index, "og:url", "twitter:url"):
        candidates.append(value)
    candidates += index.data_hrefs
    candidates = [clean(c) for c in candidates if clean(c)]
    absolute = [c for c in candidates if re.match(r"^https?://", c, re.I)]
    return (absolute or candidates or [None])[0]
