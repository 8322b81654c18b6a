"""From a reader's labelled paragraphs (:class:`RawDoc`) to a :class:`Document`.

The same steps for every format:

1. paragraphs before the first label are preamble (notes), never a turn;
2. long labels are shortened to the name used elsewhere ("President of Russia Vladimir Putin" ->
   "Vladimir Putin"), keeping any role they name ("..., moderator Fyodor Lukyanov");
3. stage directions ("(Laughter.)"), time stamps ("10:52 A.M. EDT") and end marks ("###") become
   notes; editorial brackets ("[as of the date of the interview]") stay in the text and are noted;
4. a sentence broken over two paragraphs (a page break in the source) is joined again;
   a full label and its short form ("Mr. John Roe" / "Mr. Roe", "The Chairman" / "Chairman Smith")
   become one speaker;
5. each turn gets a role (question / answer / other), see :func:`_assign_roles`: who asks is inferred
   from the layout (a hearing's committee, a court's justices, a podcast's host ...) unless the
   caller names the interviewer, and the warnings say what was inferred; a turn that is only a stage
   direction is "other";
6. questions are paired with every answer turn up to the next question; statements before the
   first question form an ``opening`` segment;
7. labels that are probably the same person ("SECREATRY MAYORKAS" / "SECRETARY MAYORKAS") are
   reported in the warnings, and so is a parse that looks degenerate (see :func:`_degenerate_warnings`).

These rules are the project's own (no library pairs interview turns); each is tested.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..errors import DiscourseError
from . import asking
from .dates import date_in_text
from .model import Answer, Document, Note, Pair, Speaker, SpeakerRole, Turn, TurnRole
from .questioners import (  # who asks, without --interviewer
    ALTERNATION_SHARE,
    ASKING_LABELS,
    ROUND_TABLE,
    _affiliations,
    _called_on,
    _ends_in_question,
    _guess_layout,
    _host_of_alternation,  # noqa: F401 (build._host_of_alternation, as before the move)
    _infer_interviewer,
    _layout_questioners,
    _names,  # noqa: F401
    hearing_roster,
)
from .raw import RawDoc

TIMESTAMP = re.compile(r"^\(?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:[A-Z]{2,4})?\)?\.?$")
END_MARK = re.compile(r"^(?:\\?#{3}|-?\s*END\s*-?|\*\s*\*\s*\*|\[?END\]?|-*\s*o0?O0?o\s*-*)$")
STAGE_WORDS = (
    r"laughter|laughs|laughing|applause|inaudible|crosstalk|cross-talk|cross talk|break in audio|audio break|"
    r"pause|pauses|sighs|chuckles|coughs|off mic|off-mic|off-microphone|technical difficulties|unintelligible|"
    r"indiscernible|music|silence|interruption|in progress|recording|audio cuts out|video|applauds|booing|"
    r"cheering|cheers|boos|groans|gasps|shouting|bell rings|"
    r"via interpreter|as interpreted|speaks in|whereupon|off the record|recess|witness sworn|the witness was sworn|"
    # broadcast transcripts (CNN, NBC, Fox): "(BEGIN VIDEO CLIP)", "(END VIDEOTAPE)", "(COMMERCIAL BREAK)"
    r"(?:begin|end) (?:of )?(?:video|audio|sound|videotape|audiotape|clip|live feed)|commercial break"
)
STAGE_INLINE = re.compile(r"\s*\(\s*(?:" + STAGE_WORDS + r")\b[^()]{0,60}\)\.?", re.I)
# A whole paragraph may be longer: "(Whereupon, at 11:40 a.m., the public hearing before the Standing
# Committee on Health concluded.)"
STAGE_WHOLE = re.compile(r"^\(\s*(?:" + STAGE_WORDS + r")\b[^()]{0,200}\)\.?$", re.I)
BRACKET_STAGE = re.compile(r"^\[\s*(?:" + STAGE_WORDS + r")\b[^\[\]]{0,60}\]\.?$", re.I)
EDITORIAL = re.compile(r"\[[^\[\]\n]{1,300}\]")
# A paragraph that ends like this did not end its sentence (a page break cut it): join it with the next.
OPEN_END = re.compile(r"[\w\-\u2013]$")
# A voice the transcript does not name: a shout from the floor, crosstalk, an unnamed man or woman. Such a
# turn is an answer only when the voice is the one who answers most; otherwise it neither asks (unless it
# asks a question) nor answers, so "UNIDENTIFIED MALE: Yes!" after a candidate's answer is not part of it.
# (Audience labels, "AUDIENCE MEMBER", "QUESTION", are questioners of town halls: questioners.AUDIENCE_LABEL.)
UNNAMED_LABEL = re.compile(
    r"^\(?(?:UNIDENTIFIED(?:[ \u00a0](?:MALE|FEMALE|MAN|WOMAN|SPEAKER|PERSON|VOICE|PARTICIPANT|REPORTER))?"
    r"|UNKNOWN(?:[ \u00a0]SPEAKER)?|UNIDENTIFIABLE[ \u00a0]SPEAKER|CROWD|CROSSTALK|CROSS[- ]TALK|MULTIPLE[ \u00a0]SPEAKERS"
    r"|OFF[- ]MI(?:KE|C)|VOICES?)\)?(?:[ \u00a0]*#?\d{1,3})?$",
    re.I,
)
# A date is looked for in this many of the cover's heading lines (before the first turn), when the reader found none.
COVER_DATE_LINES = 15
# ... but only its short turns: a shout, a cheer, "Yes!". A long turn by an unnamed voice is someone taking
# part (Otter labels a guest it cannot name "Unknown Speaker"), read like any other turn.
UNNAMED_SHORT_WORDS = 15
PROCEDURAL_LABELS = re.compile(r"^(?:THE )?(?:MODERATOR|OPERATOR|AIDE|WHITE HOUSE AIDE|STAFF|HOST)$", re.I)
# The inference warning names this many questioners, then counts the rest.
INFERRED_NAMES_SHOWN = 5
ROLE_IN_LABEL = re.compile(r"\b(moderator|interviewer|host)\b", re.I)
# A label longer than this many words is a title plus a name ("Chairman of the Board of ... Andrei
# Bystritsky"): it is shortened to its last two words, and the full label kept in the metadata.
LONG_LABEL_WORDS = 5
# difflib ratio above which two labels are reported as probably one person (catches one typo in a
# 15-letter label, e.g. SECREATRY/SECRETARY, Fydor/Fyodor; chosen on the briefings corpus).
ALIAS_RATIO = 0.85
# At most this many look-alike pairs are named in the warnings; the rest are counted (4,000
# look-alike labels once gave 183,366 sentences).
ALIAS_WARNINGS_SHOWN = 5
# Blocking for the look-alike search (see _alike_pairs): keys from deleting one of the first
# ALIAS_KEY_CHARS characters (labels are short; a longer one still gets its word keys), and a key
# shared by more than ALIAS_BUCKET_MAX labels is not used.
ALIAS_KEY_CHARS = 60
ALIAS_BUCKET_MAX = 40
# Role names that are not names: two of them are never one person misspelt.
GENERIC_LABEL = re.compile(
    r"^(?:the\s+)?(?:interviewer|interviewee|host|co-?host|guest|speaker|participant|panel+ist|questioner|"
    r"audience(?:\s+member)?|reporter|caller|respondent|voice|unknown(?:\s+speaker)?|unidentified(?:\s+speaker)?|"
    r"man|woman|male|female|person|student|analyst|interpreter|translator)"
    r"(?:\s*#?\s*(?:\d{1,3}|[a-z]|one|two|three|four|five|six|seven|eight|nine|ten))?$",
    re.I,
)
# A numbered speaker of some kind ("SENIOR ADMINISTRATION OFFICIAL TWO", "Speaker 3"): the kind, then the number.
NUMBERED_LABEL = re.compile(r"^(.*?\S)\s*#?\s*(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)$", re.I)
# Titles that, with a surname, name one person: "Mr. John Roe" and "Mr. Roe" are one speaker.
TITLED_LABEL = re.compile(
    r"^(?:the\s+)?(mr|mrs|ms|miss|mx|dr|sir|dame|lord|lady|baroness|senator|sen|representative|rep|congressman|"
    r"congresswoman|chairman|chairwoman|chairperson|governor|gov|secretary|judge|justice|professor|prof|"
    r"minister|ambassador|general|gen|admiral|colonel|mayor|commissioner|reverend|rev|father|rabbi)\.?\s+(.+)$",
    re.I,
)
CHAIR_NAMED = re.compile(r"^(?:(?:vice|acting)\s+)?(?:chairman|chairwoman|chairperson|chair)\s+\S", re.I)
CHAIR_ALONE = re.compile(r"^the\s+(?:chairman|chairwoman|chairperson|chair)$", re.I)
# A parse is degenerate when one turn holds more than DOMINANT_SHARE of a text longer than
# DOMINANT_MIN_WORDS (a missed label format makes one turn of everything after it).
DOMINANT_MIN_WORDS = 1500
DOMINANT_SHARE = 0.6
# ... looked at only when that turn holds this share of the characters (a safe margin below 0.6).
DOMINANT_CHAR_SHARE = 0.5
# Warnings name this many labels, then count the rest.
FEW = 4
# A label of this many words, all capitalised, is a heading ("HEARING BEFORE THE COMMITTEE ON ...").
HEADING_MIN_WORDS = 6
HEADING_WORDS = re.compile(
    r"\b(?:office|committee|subcommittee|hearing|transcript|proceedings|www|http|https)\b", re.I
)
# A label ending in an office is a person holding it, not a heading: "Committee Secretary", "Hearing Clerk".
OFFICE_LAST = re.compile(r"\b(?:secretary|clerk|chair|chairman|chairwoman|chairperson|counsel|reporter|officer|member)$", re.I)
URL_LIKE = re.compile(r"https?://|www\.|\.(?:com|org|gov|net|edu)\b|@", re.I)
STREET = re.compile(r"\b(?:street|avenue|ave|boulevard|blvd|road|suite|floor|building|n\.w|s\.w|d\.c)\b\.?", re.I)
# A date without digits is a weekday ("MONDAY, THE FIRST OF MARCH"); a month alone is also a name
# ("APRIL RYAN"), and a date with digits is caught by its digits.
MONTH_DATE = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
# Where a known label is looked for inside a turn: before a colon followed by a space, at most this
# many characters back, after the end of a sentence or a paragraph.
COLON = re.compile(r":[\s\u00a0]")
INSIDE_LOOKBACK = 70
# Briefings with Q labels are left out: about a hundred of the 1,154 White House briefings have an
# answer glued to its question ("... the target date? MS. PSAKI: This is a great question."). The
# labelled reader splits those where the label opens paragraphs elsewhere (labelled.INLINE_KNOWN_MIN);
# what is left is rarer labels, which the warning would name in a hundred briefings. True reports them.
INSIDE_LABELS_IN_PRESS = False
PERIOD_BREAK = re.compile(r"(\S+)\.[ \u00a0]+(?=[A-Z])")
SENTENCE_ENDS = ".!?\u201d\"')]\u2026"


@dataclass
class _Turn:
    label: str
    role: TurnRole | None
    paragraphs: list[str] = field(default_factory=list)
    only_note: bool = False  # nothing but a stage direction ("(Inaudible.)", "[Crosstalk]")


def build_document(raw: RawDoc, *, interviewer: list[str] | None = None) -> Document:
    """Turn a reader's output into a Document. ``interviewer``: labels whose turns are questions."""
    notes = list(raw.notes)
    metadata = dict(raw.metadata)
    warnings = list(raw.warnings)
    turns = _group(raw, notes)
    if not turns:
        raise DiscourseError(
            "The file has text but no speaker turns. Start each turn with a speaker label "
            "('Q:', 'NAME:') or each question and answer with '- '."
        )
    hints = dict(raw.role_hints)
    original_labels = list(dict.fromkeys(t.label for t in turns))
    _shorten_labels(turns, hints, metadata)
    warnings.extend(_merge_short_forms(turns, hints, metadata))
    turns = _join_repeats(turns)  # "SEN. BERNIE SANDERS (D-VT), ...:" right after "SANDERS:" is one turn now
    rejoined: list[str] = []
    for t in turns:
        t.paragraphs = _rejoin(t.paragraphs, rejoined)
    if rejoined:
        metadata["rejoined"] = rejoined
    final = _extract_notes(turns, notes)
    affiliations = _affiliations(metadata)  # label -> its parenthetical and full label (who is a minister)
    # A hearing's roster and witnesses, from its cover matter and its "[The prepared statement of ...]" notes.
    cover = [n.text for n in notes] + [m.group(0) for t in final for p in t.paragraphs for m in EDITORIAL.finditer(p)]
    roles = _assign_roles(
        final, hints, interviewer or [], layout=raw.layout, inferred=warnings, affiliations=affiliations,
        roster=hearing_roster(cover), askers=(askers := set()),
    )
    doc_turns = tuple(Turn(i + 1, t.label, roles[i], "\n\n".join(t.paragraphs)) for i, t in enumerate(final))
    for t in doc_turns:
        for m in EDITORIAL.finditer(t.text):
            notes.append(Note("editorial", m.group(0), t.index, m.start(), m.end()))
    pairs = _pair(doc_turns)
    if not any(p.kind == "qa" for p in pairs):
        warnings.append(
            "No question was recognised, so there are no question-answer pairs; all text is one opening "
            "segment. Name the interviewer (--interviewer) if the transcript has one."
        )
    warnings.extend(_alias_warnings([t.label for t in final]))
    layout = raw.layout or _guess_layout(final, hints, affiliations)
    warnings.extend(_degenerate_warnings(doc_turns, original_labels, layout))
    when = raw.date
    if when is None:  # a hearing's, a debate's, a parliament's cover says its date ("Date: October 3, 2049")
        cover_lines = [n.text for n in notes if n.kind == "heading" and n.turn is None][:COVER_DATE_LINES]
        when = next((found for text in cover_lines if (found := date_in_text(text))), None)
        if when:
            metadata["date_from"] = "cover"
    return Document(
        title=raw.title,
        date=when,
        source=raw.source,
        description=raw.description,
        format=raw.format,
        speakers=_speakers(doc_turns, hints, askers),
        turns=doc_turns,
        pairs=pairs,
        notes=tuple(notes),
        warnings=tuple(warnings),
        metadata=metadata,
    )


# Labels that several people share: two turns in a row under one of them are two speakers (two reporters).
SHARED_LABELS = frozenset({"Q", "A", "QUESTION", "ANSWER", "AUDIENCE MEMBER", "AUDIENCE", "PARTICIPANT"})


def _group(raw: RawDoc, notes: list[Note]) -> list[_Turn]:
    """Paragraphs into turns. A label repeated on the next paragraph (exports that label every
    paragraph, "[00:01:10] Lex: ..." then "[00:01:40] Lex: ...") continues the same turn, except for
    labels several people share ("Q")."""
    turns: list[_Turn] = []
    for p in raw.paras:
        if p.label and turns and p.label == turns[-1].label and p.role == turns[-1].role and p.label not in SHARED_LABELS:
            if p.text:
                turns[-1].paragraphs.append(p.text)
        elif p.label:
            turns.append(_Turn(p.label, p.role, [p.text] if p.text else []))
        elif turns:
            turns[-1].paragraphs.append(p.text)
        elif p.text:
            kind = "timestamp" if TIMESTAMP.match(p.text) else "heading"
            notes.append(Note(kind, p.text))
    return turns


def _join_repeats(turns: list[_Turn]) -> list[_Turn]:
    """Turns in a row whose labels became one after shortening and merging join, as :func:`_group` joins
    a label repeated on the next paragraph (labels several people share excepted)."""
    out: list[_Turn] = []
    for t in turns:
        prev = out[-1] if out else None
        if prev and t.label == prev.label and t.role == prev.role and t.label not in SHARED_LABELS and not t.only_note:
            prev.paragraphs.extend(t.paragraphs)
        else:
            out.append(t)
    return out


def _shorten_labels(turns: list[_Turn], hints: dict[str, str], metadata: dict) -> None:
    labels = {t.label for t in turns}
    rename: dict[str, str] = {}
    for long in labels:
        # The longest other label that ends this one after a space ("... Vladimir Putin"): looked up
        # suffix by suffix (linear in the labels), not by comparing every pair of labels.
        start = long.find(" ")
        while start != -1:
            short = long[start + 1:]
            if short in labels and len(short.split()) >= 2:
                rename[long] = short
                break
            start = long.find(" ", start + 1)
        words = long.split()
        if long not in rename and len(words) > LONG_LABEL_WORDS and all(w[:1].isupper() for w in words[-2:]):
            rename[long] = " ".join(words[-2:])
    if rename:
        metadata["speaker_labels"] = {short: long for long, short in sorted(rename.items())}
    for long in labels:
        role = hints.get(long)
        if role is None and (m := ROLE_IN_LABEL.search(long)) and long != m.group(0):
            role = "interviewer" if m.group(1).lower() == "interviewer" else "moderator"
        if role:
            hints.setdefault(rename.get(long, long), role)
    for t in turns:
        t.label = rename.get(t.label, t.label)


def _merge_short_forms(turns: list[_Turn], hints: dict[str, str], metadata: dict) -> list[str]:
    """One speaker for a full label and its short form: "Mr. John Roe" and later "Mr. Roe",
    "Senator Jane Roe" / "Senator Roe" (title and surname), and "The Chairman" / "Chairman Smith"
    when there is one chairman. The short form names the speaker; the full label is kept in
    ``metadata["speaker_labels"]``. Two full labels for one short form ("Mr. John Roe",
    "Mr. Adam Roe" and "Mr. Roe") are two people: nothing is merged, and a warning says so."""
    labels = list(dict.fromkeys(t.label for t in turns))
    shorts: dict[tuple[str, str], str] = {}
    fulls: dict[tuple[str, str], list[str]] = {}
    for label in labels:
        if not (m := TITLED_LABEL.match(label)):
            continue
        words = m.group(2).split()
        key = (m.group(1).casefold().rstrip("."), words[-1].casefold())
        if len(words) == 1:
            shorts[key] = label
        elif all(w[:1].isupper() for w in words):
            fulls.setdefault(key, []).append(label)
    rename: dict[str, str] = {}
    out = []
    for key, short in shorts.items():
        found = fulls.get(key, [])
        if len(found) == 1:
            rename[found[0]] = short
        elif found:
            names = ", ".join(repr(f) for f in found)
            out.append(
                f"Speaker label {short!r} could be any of {names}; they are kept apart. Merge or rename "
                "them on the Upload page if one of them is meant."
            )
    # A surname alone ("TAPPER", "Tapper") after one full name ending in it ("JAKE TAPPER"), written the
    # same way (capitals or not): the debate-transcript style of naming a speaker in full the first time.
    by_surname: dict[str, list[str]] = {}
    for label in labels:
        words = label.split()
        if len(words) >= 2 and label not in rename and words[-1][:1].isupper() and label not in SHARED_LABELS:
            by_surname.setdefault(words[-1], []).append(label)
    for label in labels:
        if " " in label or label in SHARED_LABELS or not label[:1].isupper() or not label.isalpha() or len(label) < 3:
            continue
        found = [f for f in by_surname.get(label, []) if f.isupper() == label.isupper() and f not in rename]
        if len(found) == 1 and not GENERIC_LABEL.match(found[0]):
            rename[found[0]] = label
    chairs = [label for label in labels if CHAIR_NAMED.match(label) and label not in rename]
    for label in labels:
        if CHAIR_ALONE.match(label):
            if len(chairs) == 1:
                rename[label] = chairs[0]
            elif chairs:
                out.append(
                    f"Speaker label {label!r} could be any of {', '.join(repr(c) for c in chairs)}; they are kept "
                    "apart. Merge them on the Upload page if one of them is meant."
                )
    if rename:
        for old, new in list(rename.items()):  # "Mr. John Roe" -> "Mr. Roe" -> "Roe": to the end of the chain
            seen = {old}
            while new in rename and new not in seen:
                seen.add(new)
                new = rename[new]
            rename[old] = new
        # New dicts: the reader's metadata is not changed.
        kept = metadata["speaker_labels"] = dict(metadata.get("speaker_labels") or {})
        affiliations = metadata.get("affiliations")
        if isinstance(affiliations, dict):
            affiliations = metadata["affiliations"] = dict(affiliations)
        for old, new in rename.items():
            kept.setdefault(new, old)
            if old in hints:
                hints.setdefault(new, hints[old])
            if isinstance(affiliations, dict) and old in affiliations:
                affiliations.setdefault(new, affiliations[old])
        for t in turns:
            t.label = rename.get(t.label, t.label)
    return out


def _degenerate_warnings(doc_turns: tuple[Turn, ...], original_labels: list[str], layout: str | None) -> list[str]:
    """Warnings for a parse that looks wrong: one turn holding most of a long text, a label seen
    once in a long interview, known labels standing inside turns, labels that look like headings."""
    out = []
    # Characters first (len is free; counting words in every turn again would cost a tenth of the
    # parse), words only when one turn holds most of the characters.
    chars = [len(t.text) for t in doc_turns]
    big = max(range(len(chars)), key=chars.__getitem__)
    total = 0
    if chars[big] > DOMINANT_CHAR_SHARE * sum(chars):
        sizes = [len(t.text.split()) for t in doc_turns]
        total = sum(sizes)
        if total > DOMINANT_MIN_WORDS and sizes[big] > DOMINANT_SHARE * total:
            t = doc_turns[big]
            out.append(
                f"Turn {t.index} ({t.speaker}) holds {sizes[big] / total:.0%} of the transcript's {total:,} words: "
                "if other people speak in it, their labels were not recognised. Start each turn on a line of "
                "its own with the speaker's name and a colon ('NAME: ...')."
            )
    count = Counter(t.speaker for t in doc_turns)
    recurring = [label for label, n in count.items() if n > 1]
    two_people = len(recurring) == 2 and sum(count[r] for r in recurring) >= ALTERNATION_SHARE * len(doc_turns)
    if (layout in ("interview", "podcast") or (layout is None and two_people)) and (
        total or sum(len(t.text.split()) for t in doc_turns)
    ) > DOMINANT_MIN_WORDS:
        once = [
            t.speaker for t in doc_turns
            if count[t.speaker] == 1 and t.role != "question" and t.speaker not in ("Q", "A")
            and not GENERIC_LABEL.match(t.speaker) and not _ends_in_question(t.text)  # a question from the floor
        ]
        if once:
            out.append(
                f"{_few(once)} speak{'s' if len(once) == 1 else ''} only once in a long transcript: if "
                f"{'it is' if len(once) == 1 else 'one of them is'} not a speaker (a heading, or a sentence that "
                "starts with 'Words:'), rename or merge it on the Upload page."
            )
    known = {label for label in count if len(label) >= 3}
    # "Senator Roe." as a label: only for name-case titled labels (in capitals, "SENATOR ROE." inside
    # a turn of a transcript whose labels are capitals would be the label itself).
    titled: dict[str, list[str]] = {}
    for label in known:
        if TITLED_LABEL.match(label) and not label.isupper():
            titled.setdefault(label.split()[-1], []).append(label)
    inside: list[str] = []
    for t in doc_turns if layout != "press" or INSIDE_LABELS_IN_PRESS else ():
        if ":" in t.text or titled:
            for label in _labels_inside(t.text, known, titled):
                inside.append(f"{label!r} in turn {t.index} ({t.speaker})")
    if inside:
        shown = "; ".join(inside[:FEW])
        more = f" and {len(inside) - FEW:,} more" if len(inside) > FEW else ""
        out.append(
            f"Speaker labels stand inside turns: {shown}{more}. A paragraph break is probably missing before "
            "them, so those words are counted for the wrong speaker."
        )
    odd = [label for label in original_labels if _looks_like_heading(label)]
    if odd:
        out.append(
            f"Speaker label{'s' if len(odd) > 1 else ''} {_few(odd)} look{'' if len(odd) > 1 else 's'} like a "
            "heading, an address or a date, not a speaker: rename or merge it on the Upload page, or fix the file."
        )
    return out


def _few(labels: list[str]) -> str:
    """The first FEW labels, quoted, and a count of the rest."""
    labels = list(dict.fromkeys(labels))
    text = ", ".join(repr(label) for label in labels[:FEW])
    return text + (f" and {len(labels) - FEW:,} more" if len(labels) > FEW else "")


def _labels_inside(text: str, known: set[str], titled: dict[str, list[str]]) -> list[str]:
    """Known labels that open a sentence inside ``text`` the way labels do: "... we agree. SMITH: No."
    or, for a titled label, "... we agree. Senator Roe. Thank you, Mr Chairman." (str.find and the
    rare colons keep this linear in the text)."""
    found: list[str] = []
    for m in COLON.finditer(text):
        words = text[max(0, m.start() - INSIDE_LOOKBACK):m.start()].split()
        for k in range(max(0, len(words) - 7), len(words)):
            candidate = " ".join(words[k:])
            if candidate in known:
                start = m.start() - len(candidate)
                if start > 0 and (k > 0 or start <= INSIDE_LOOKBACK) and _opens_sentence(text, start):
                    found.append(candidate + ":")
                break
    if titled:
        for m in PERIOD_BREAK.finditer(text):
            for label in titled.get(m.group(1), ()):
                at = m.end(1) - len(label)
                if at > 0 and text[at:m.end(1)] == label and _opens_sentence(text, at):
                    found.append(label + ".")
    return list(dict.fromkeys(found))


def _opens_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at]
    return before.endswith("\n\n") or (before[-1:] == " " and before[-2:-1] in SENTENCE_ENDS)


def _looks_like_heading(label: str) -> bool:
    words = label.split()
    if URL_LIKE.search(label) or STREET.search(label):
        return True
    # "Committee Secretary" is a speaker; "OFFICE OF THE PRESS SECRETARY" is a heading.
    office = len(words) <= 3 and OFFICE_LAST.search(label) and " of " not in label.lower()
    if HEADING_WORDS.search(label) and not office:
        return True
    if any(c.isdigit() for c in label) and not NUMBERED_LABEL.match(label):
        return True
    if MONTH_DATE.search(label):
        return True
    return len(words) >= HEADING_MIN_WORDS and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _is_note(paragraph: str) -> bool:
    return bool(TIMESTAMP.match(paragraph) or END_MARK.match(paragraph) or STAGE_WHOLE.match(paragraph))


def _rejoin(paragraphs: list[str], rejoined: list[str]) -> list[str]:
    # Each output paragraph is collected as a list of parts and joined once (re-concatenating the
    # growing paragraph made a long run of broken lines quadratic).
    out: list[list[str]] = []
    for p in paragraphs:
        if out and OPEN_END.search(out[-1][-1]) and p and not _is_note(p) and not _is_note(out[-1][-1]):
            out[-1].append(p)
            rejoined.append(" ".join(p.split()[:6]))
        else:
            out.append([p])
    return [parts[0] if len(parts) == 1 else " ".join(parts) for parts in out]


def _extract_notes(turns: list[_Turn], notes: list[Note]) -> list[_Turn]:
    """Take stage directions, time stamps and end marks out of the turns' text into notes."""
    kept: list[_Turn] = []
    for t in turns:
        paragraphs = []
        index = len(kept) + 1
        for p in t.paragraphs:
            if TIMESTAMP.match(p):
                notes.append(Note("timestamp", p, index))
            elif _is_note(p):
                notes.append(Note("stage", p, index))
            else:
                if "(" in p:
                    for m in STAGE_INLINE.finditer(p):
                        notes.append(Note("stage", m.group(0).strip(), index))
                    p = STAGE_INLINE.sub("", p).strip()
                if p:
                    paragraphs.append(p)
        # A turn that is nothing but a note ("Q (Inaudible.)") keeps it as its text: the turn happened,
        # but it neither asks nor answers (its role is "other").
        only = not paragraphs or (paragraphs[0][:1] == "[" and all(BRACKET_STAGE.match(p) for p in paragraphs))
        kept.append(_Turn(t.label, t.role, paragraphs or [" ".join(t.paragraphs)], only_note=only))
    return kept


def _assign_roles(
    turns: list[_Turn],
    hints: dict[str, str],
    interviewer: list[str],
    *,
    layout: str | None = None,
    inferred: list[str] | None = None,
    affiliations: dict | None = None,
    roster: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    askers: set[str] | None = None,
) -> list[TurnRole]:
    """Question turns come from ``Q`` labels, from a named (or inferred) interviewer or moderator,
    or, in documents without ``Q`` labels, from turns of other speakers that end in a question.

    Without ``Q`` labels and without the caller's ``interviewer``, who asks is inferred from the
    layout (``layout``, else guessed from the labels, see :func:`_layout_questioners`); the
    sentence saying what was inferred is appended to ``inferred``. Where the layout says who asks
    (a hearing's committee, a court's justices, an interview's host, an earnings call's analysts),
    every other speaker answers: their rhetorical questions and interruptions open no pair.

    The speaker with the most words among the rest is the principal respondent: a question at the
    end of their turn is rhetorical or a counter-question, so it does not open a new pair.

    ``askers``, if given, receives the labels taken as the ones who ask (named, hinted or inferred).
    """
    asked = {name.casefold() for name in interviewer}
    round_table = False
    has_q = any(t.label == "Q" or t.role == "question" for t in turns)
    questioners = {t.label for t in turns if t.label.casefold() in asked}
    questioners |= {name for name, role in hints.items() if role in ("interviewer", "moderator")}
    procedural: set[str] = set()
    strict = False
    if has_q:
        procedural = {t.label for t in turns if PROCEDURAL_LABELS.match(t.label)} - questioners
    elif interviewer:
        questioners |= {t.label for t in turns if ASKING_LABELS.match(t.label)}
        if not questioners:
            questioners = _infer_interviewer(turns)
    else:
        layout = layout or _guess_layout(turns, hints, affiliations)
        found, strict, procedural, why = _layout_questioners(
            layout, turns, hints, questioners, affiliations, roster
        )
        # What the reader knew wins over what is inferred: its "interviewee" never asks, its "other"
        # (an operator by another name) neither asks nor answers.
        found -= {name for name, role in hints.items() if role in ("interviewee", "other")}
        procedural = procedural | {name for name, role in hints.items() if role == "other"}
        new = [label for label in dict.fromkeys(t.label for t in turns) if label in found - questioners]
        questioners |= found
        round_table = why == ROUND_TABLE
        if round_table and inferred is not None:
            inferred.append(
                f"Nobody leads the conversation ({ROUND_TABLE}). Set who asks on the Upload page or with "
                "--interviewer if one of them is the host."
            )
        if new and inferred is not None:
            names = ", ".join(new[:INFERRED_NAMES_SHOWN])
            if len(new) > INFERRED_NAMES_SHOWN:
                names += f" and {len(new) - INFERRED_NAMES_SHOWN:,} more"
            inferred.append(
                f"Questioners inferred: {names} ({why}). Set who asks on the Upload page or with "
                "--interviewer if this is wrong."
            )
    words = Counter()
    for t in turns:
        if t.label not in questioners and t.label not in procedural and t.label != "Q":
            words[t.label] += sum(len(p.split()) for p in t.paragraphs)
    named = Counter({label: n for label, n in words.items() if not UNNAMED_LABEL.match(label)})
    words = named or words  # an unnamed voice is the principal respondent only when no one else answers
    principal = {words.most_common(1)[0][0]} if words and not round_table else set()
    if askers is not None:
        askers |= questioners
    roles: list[TurnRole] = []
    guessed: list[str] = []  # the labels of questions found only by their question mark
    set_aside: list[str] = []  # the labels of unnamed voices' turns kept out of the answers
    for i, t in enumerate(turns):
        if t.only_note:
            roles.append("other")  # "(Inaudible.)" alone: nobody asked or answered anything here
        elif round_table and t.role is None:
            roles.append("question" if asking.asks("\n\n".join(t.paragraphs), tags_ask=False) else "answer")
        elif t.role is not None and not (t.role == "question" and t.label == "Q"):
            roles.append(t.role)
        elif t.label == "Q" or t.label in questioners:
            # Only a turn that asks is a question; a welcome, thanks or a time call opens no pair. A Q
            # label, the caller's interviewer or a court's justice makes a plain statement a question too.
            # An earnings call's analysts are there only to ask: their statements are the questions.
            told = t.label == "Q" or t.label.casefold() in asked or layout == "earnings"
            roles.append("question" if asking.asks("\n\n".join(t.paragraphs), statements_ask=told) else "other")
        elif t.label == "A" or t.label in principal:
            roles.append("answer")
        elif UNNAMED_LABEL.match(t.label) and sum(len(p.split()) for p in t.paragraphs) <= UNNAMED_SHORT_WORDS:
            asks = _ends_in_question(t.paragraphs[-1]) and asking.asks(t.paragraphs[-1], tags_ask=False)
            roles.append("question" if asks else "other")
            if not asks:
                set_aside.append(t.label)
        elif t.label in procedural:
            roles.append("other")
        elif strict:
            roles.append("answer")
        elif not has_q and (
            # A roll call ("Mendoza? Mitchell? Monning?") or a greeting ends in "?" and asks nothing.
            (_ends_in_question(t.paragraphs[-1]) and asking.asks(t.paragraphs[-1], tags_ask=bool(questioners)))
            or _called_on(turns, i, questioners)
        ):
            roles.append("question")
            if not questioners:
                guessed.append(t.label)
        else:
            roles.append("answer")
    if guessed and inferred is not None:
        # Nobody is known to ask: the questions are only the turns that end with a question mark, which
        # misses prompts and takes in rhetorical questions. Say so, so that a wrong pairing is never silent.
        inferred.append(
            f"Nobody was recognised as the one who asks, so the {len(guessed):,} turn{'s' if len(guessed) > 1 else ''} "
            f"that end{'s' if len(guessed) == 1 else ''} in a question (by {_few(guessed)}) "
            f"{'were taken as questions' if len(guessed) > 1 else 'was taken as a question'}. Set who asks on the "
            "Upload page or with "
            "--interviewer if this is wrong."
        )
    if set_aside and inferred is not None:
        n = len(set_aside)
        inferred.append(
            f"{n:,} turn{'s' if n > 1 else ''} by a voice the transcript does not name ({_few(set_aside)}) "
            f"{'were' if n > 1 else 'was'} kept out of the answers, as short and neither asking nor answering. Mark a turn "
            "as an answer on the Upload page if it is one."
        )
    return roles


def _pair(turns: tuple[Turn, ...]) -> tuple[Pair, ...]:
    pairs: list[Pair] = []
    q_turns: list[Turn] = []
    answers: list[Answer] = []
    opening: list[Answer] = []

    def close() -> None:
        if q_turns:
            pairs.append(
                Pair(
                    pair=len(pairs) + 1,
                    kind="qa",
                    question="\n\n".join(t.text for t in q_turns),
                    asked_by=q_turns[-1].speaker,
                    question_turns=tuple(t.index for t in q_turns),
                    answers=tuple(answers),
                )
            )

    for t in turns:
        if t.role == "question":
            if answers or not q_turns:
                close()
                q_turns, answers = [], []
            q_turns.append(t)
        elif t.role == "answer":
            (answers if q_turns else opening).append(Answer(t.speaker, t.index, t.text))
    close()
    if opening:
        first = Pair(1, "opening", None, None, (), tuple(opening))
        pairs = [first] + [
            Pair(p.pair + 1, p.kind, p.question, p.asked_by, p.question_turns, p.answers) for p in pairs
        ]
    return tuple(pairs)


def _speakers(turns: tuple[Turn, ...], hints: dict[str, str], askers: set[str] = frozenset()) -> tuple[Speaker, ...]:
    """Each speaker's role: the reader's hint, else by their turns (more questions than answers: the
    interviewer). One taken as a questioner (``askers``) who answered nothing is the interviewer (or the
    moderator, by a procedural label) even when none of their turns asked: the warning "Questioners inferred:
    ..." and the speakers table then say the same."""
    asks: Counter = Counter()
    answers: Counter = Counter()
    order: dict[str, None] = {}  # first appearance (a list's "in" made this quadratic in the speakers)
    for t in turns:
        order.setdefault(t.speaker)
        if t.role == "question":
            asks[t.speaker] += 1
        elif t.role == "answer":
            answers[t.speaker] += 1
    out = []
    for name in order:
        role: SpeakerRole
        if hints.get(name) in ("interviewer", "moderator", "interviewee"):
            role = hints[name]  # type: ignore[assignment]
        elif asks[name] > answers[name] or (name in askers and not answers[name] and not PROCEDURAL_LABELS.match(name)):
            role = "interviewer"
        elif answers[name]:
            role = "interviewee"
        else:
            role = "moderator" if PROCEDURAL_LABELS.match(name) else "other"
        out.append(Speaker(name, role))
    return tuple(out)


def _alias_warnings(labels: list[str]) -> list[str]:
    """Pairs of labels that are probably one person, in the order of their first turns (at most
    ALIAS_WARNINGS_SHOWN sentences, then a count of the rest)."""
    skipped: list[int] = []
    pairs = _alike_pairs([label for label in dict.fromkeys(labels) if label not in ("Q", "A")], skipped)
    out = [f"Speaker labels {a!r} and {b!r} look alike and may be the same person." for a, b in pairs]
    if len(out) > ALIAS_WARNINGS_SHOWN + 1:
        rest = len(out) - ALIAS_WARNINGS_SHOWN
        # Keys shared by too many labels were not followed, so there may be more than were found.
        count = f"at least {rest:,}" if skipped else f"{rest:,}"
        out = out[:ALIAS_WARNINGS_SHOWN] + [
            f"... and {count} more pairs of speaker labels look alike. Merge the ones that are one person "
            "on the Upload page."
        ]
    return out


def _alike_pairs(unique: list[str], skipped: list[int] | None = None) -> list[tuple[str, str]]:
    """(a, b) with a before b, whose difflib ratio is at least ALIAS_RATIO.

    Comparing every pair is quadratic (2,000 labels took 26 s). Only labels that share a blocking
    key are compared: the label with one character deleted (one typo, a transposition, a missing
    letter: SECREATRY/SECRETARY, Fydor/Fyodor, MR/MR.) or with one word left out (a word changed,
    added or dropped: ADMINISTRATION/ADMINISTRATOR). A key shared by more than ALIAS_BUCKET_MAX
    labels says nothing about any two of them and is skipped (its size is added to ``skipped``). Two generic role names
    ("Interviewer"/"Interviewee", "Speaker 1"/"Speaker 2") or two numbered speakers of one kind
    ("OFFICIAL ONE"/"OFFICIAL TWO") are different people by construction.
    """
    folded = [label.casefold() for label in unique]
    buckets: dict[str, list[int]] = {}
    for i, f in enumerate(folded):
        keys = {f} | {f[:k] + f[k + 1:] for k in range(min(len(f), ALIAS_KEY_CHARS))}
        words = f.split()
        if len(words) > 1:
            keys |= {"\x00" + " ".join(words[:k] + words[k + 1:]) for k in range(len(words))}
            keys.add("\x00" + f)
        for key in keys:
            buckets.setdefault(key, []).append(i)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > ALIAS_BUCKET_MAX and skipped is not None:
            skipped.append(len(members))
        if 1 < len(members) <= ALIAS_BUCKET_MAX:
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    candidates.add((i, j) if i < j else (j, i))
    out = []
    for i, j in sorted(candidates):
        a, b = unique[i], unique[j]
        if _different_by_construction(a, b):
            continue
        m = SequenceMatcher(None, folded[i], folded[j])
        if m.real_quick_ratio() >= ALIAS_RATIO and m.quick_ratio() >= ALIAS_RATIO and m.ratio() >= ALIAS_RATIO:
            out.append((a, b))
    return out


def _different_by_construction(a: str, b: str) -> bool:
    if GENERIC_LABEL.match(a) and GENERIC_LABEL.match(b):
        return True
    ma, mb = NUMBERED_LABEL.match(a), NUMBERED_LABEL.match(b)
    return bool(ma and mb and ma.group(1).casefold() == mb.group(1).casefold())
