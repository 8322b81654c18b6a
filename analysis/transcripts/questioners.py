"""Who asks in a transcript when the caller names nobody: inferred from the layout and the labels.

:func:`_guess_layout` tells the kind of event from the labels (a reader may already have said);
:func:`_layout_questioners` says, for that layout, who asks, whether everyone else only answers, who
is procedural, and why (the builder's inference warning quotes the why). The turns are the builder's
``_Turn`` objects (``label``, ``role``, ``paragraphs``).

Who asks, by layout:

- press: ``Q`` (or reporters); hearing: the committee; court: the justices (by label, or Oyez's roles
  read by the table reader); earnings call: the analysts the operator introduces (the operator is
  procedural);
- parliament (a Speaker's label, or members labelled with their party): the members; ministers (an
  office in the label or its parenthetical, else the one member who answers everyone) answer; the
  Speaker and "Some hon. Members" are procedural (:func:`_question_period`);
- debate, panel, podcast with three speakers or more: the moderators or hosts, found by a role word
  in a label, a self-introduction, or handing the floor around (:func:`_moderators`);
- two speakers: the host who speaks every other turn and asks (:func:`_host_of_alternation`);
- otherwise the one speaker whose short turns most often end in a question (:func:`_infer_interviewer`).

When the signal is weak nobody is inferred: a wrong confident inference is worse than none.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median
from typing import TYPE_CHECKING

from . import asking

if TYPE_CHECKING:
    from .build import _Turn

SENTENCE_END_QUESTION = re.compile(r"\?[\"'\u201d\u2019)\]]*\s*$")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+")
# Closing courtesies after a question ("... what would you say to him? Thank you.").
COURTESY = re.compile(r"^(?:thanks?\b.*|thank you\b.*|that is (?:my|the) (?:\w+ )?question\.?|please\.?)$", re.I)
MENTIONS_QUESTION = re.compile(r"\b(?:my|a|one) (?:\w+ )?question\b", re.I)
# Labels that name the asking role itself; without Q turns their turns are the questions.
ASKING_LABELS = re.compile(r"^(?:THE )?(?:MODERATOR|INTERVIEWER|HOST|CHAIR|PRESENTER|ANCHOR)$", re.I)
# Who asks in a layout, by label (see _guess_layout and _layout_questioners).
CHAIR_LABEL = re.compile(r"^(?:the\s+)?(?:(?:vice|acting)\s+)?(?:chairman|chairwoman|chairperson|chair)\b", re.I)
COMMITTEE_LABEL = re.compile(
    r"^(?:the\s+)?(?:(?:vice|acting)\s+)?(?:chairman|chairwoman|chairperson|chair)\b"
    r"|^ranking\s+member\b|^(?:senator|sen\.|representative|rep\.|congressman|congresswoman|delegate"
    r"|assembly(?:man|woman|member|person)|council(?:man|woman|member|or|lor)|alderm[ae]n|alderwoman|"
    r"legislator|commissioner|supervisor)(?:\s|$)"
    r"|^(?:mr|mrs|ms|miss|dr)\.?\s+[\w'\u2019\-]+(?:\s+[\w'\u2019\-]+)?\s+of\s+[A-Z][a-z]",
    re.I,
)
COURT_LABEL = re.compile(r"^(?:(?:chief\s+)?justice\b|the\s+court$)", re.I)
OPERATOR_LABEL = re.compile(r"^(?:the\s+)?(?:conference\s+)?operator$", re.I)
# An operator's turn that hands over to a questioner ("Our next question comes from Jane Doe with ...").
OPERATOR_CALLS = re.compile(r"\bquestions?\b|\bline of\b", re.I)
DEBATE_LABEL = re.compile(r"^(?:the\s+)?(?:co-?)?moderator\b", re.I)
AUDIENCE_LABEL = re.compile(r"^(?:audience(?:\s+(?:member|question))?|questioner|question)(?:\s*#?\s*\d{1,3})?$", re.I)
HOST_LABEL = re.compile(r"^(?:the\s+)?(?:co-?)?host(?:\s*#?\s*\d)?$", re.I)
INTERVIEWER_LABEL = re.compile(r"^(?:the\s+)?interviewer(?:\s*#?\s*\d)?$", re.I)
REPORTER_LABEL = re.compile(r"^(?:the\s+)?(?:reporter|journalist|press)s?(?:\s*#?\s*\d{1,3})?$", re.I)
# A hearing's cover matter says who sits on the committee and who testifies (govinfo prints the roster in
# capitals, "DEXTER COLE, Ohio", a "Present: Representatives Oduya, Cole, and Ford." line, and a heading
# "STATEMENT OF IRENE CHU, DIRECTOR, ..." or "[The prepared statement of Dr. Chu follows:]" per witness).
PRESENT = re.compile(
    r"^\s*(?:also\s+)?present:?\s+(?:(?:representatives?|senators?|members?|delegates?|commissioners?|"
    r"council\s*members?|assembly\s*members?|chairm[ae]n|chairwom[ae]n)\s+)?(?P<names>.+)$",
    re.I,
)
ROSTER_NAME = re.compile(
    r"\b[A-Z][A-Z'\u2019\-]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][A-Z'\u2019\-]+)+(?=,\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\b)"
)
STATEMENT_OF = re.compile(
    r"\b(?:STATEMENTS?|TESTIMONY|[Ss]tatements?|[Tt]estimony)\s+(?:OF|of)\s+"
    r"(?:(?:THE|the|HON|Hon|DR|Dr|MR|Mr|MS|Ms|MRS|Mrs|MISS|Miss|GENERAL|General|ADMIRAL|Admiral)\.?\s+)*"
    r"(?P<name>[A-Z][\w'\u2019\-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'\u2019\-]*))*)"
)
# Two speakers alternate (a host and a guest) when they hold this share of the turns and of the
# changes of speaker.
ALTERNATION_SHARE = 0.8
# ... and the host's turns end in a question at least this often (and more often than the guest's):
# two people giving statements in turn (a joint press appearance) are not a host and a guest.
HOST_MIN_QUESTIONS = 0.25
# In a debate, at most this share of the speakers who do not moderate may speak once for the rest to be
# candidates who only answer (more one-off voices make a town hall or a forum, where anyone may ask).
ONE_OFF_SHARE = 1 / 3
# A round table (see _round_table): at least this many speakers ask; the builder then takes any turn that
# asks as a question and any other as an answer.
ROUND_TABLE_MIN = 3
ROUND_TABLE = "a round table: everyone asks and answers, so a turn is a question when it asks"
# A co-host (see _co_hosts) asks the guest in at least this many turns, and at least this share of their
# turns end in a question and hand over to the guest.
CO_HOST_MIN_TURNS = 2
CO_HOST_SHARE = 0.75
# How long a moderator's "giving the floor" turn (or its last paragraph) may be, in words.
CALL_ON_MAX_WORDS = 12
# A speaker who says they moderate or host ("I'm Dana Orland, and I'll be moderating", "I will be
# your moderator", "my co-host Sidney"); the labels named after a co-word in that sentence ("along
# with my colleagues Sara Pruitt and Luis Diaz-Moreno") moderate too.
SELF_INTRODUCED = re.compile(
    r"\bI(?:'m|\u2019m| am| will be|'ll be|\u2019ll be)\b[^.?!]{0,120}?"
    r"\b(?:(?:co-?)?moderat\w*|(?:your|the) (?:co-?)?hosts?)\b"
    r"|\bmy (?:co-?moderators?|co-?hosts?|fellow moderators?)\b|\bas (?:your |the |tonight's )?(?:co-?)?moderator\b"
    r"|\bI(?:'m|\u2019m| am) joined (?:here |tonight |today |this evening )?by my (?:colleagues?|co-?moderators?|co-?hosts?)\b"
    # "I'm Chris Wallace of Fox News and I welcome you to the first of the 2020 Presidential Debates"
    r"|\bI(?:'m|\u2019m| am) [^.?!]{0,80}?\bwelcome (?:you )?to (?:the |this |tonight's |our )?[^.?!]{0,60}?"
    r"\b(?:debates?|town hall|forum)\b",
    re.I,
)
CO_WORDS = re.compile(r"\b(?:colleagues?|co-?moderators?|co-?hosts?|fellow moderators?|along with)\b", re.I)
# ... up to the people they moderate ("... and our candidates, Senator Reyna and ...").
CO_STOP = re.compile(r"\b(?:between|candidates?|guests?|panel\w*|joining us|with us)\b|;", re.I)
# A speaker hands the floor around (a moderator without a role word): at least this many turns, this
# share of them asking or calling on a named speaker, turns at most this share of the others' median
# length, and all such speakers together at most this share of the words.
FLOOR_MIN_TURNS = 3
# Self-introductions are looked for in each speaker's first turns and their first characters.
INTRO_TURNS = 3
INTRO_CHARS = 2000
FLOOR_ASK_SHARE = 0.5
# ... and at least this share of their turns (and two) end in a question: a master of ceremonies who
# only calls the next speaker ("Prime Minister Alm.") asks nothing.
FLOOR_QUESTION_SHARE = 0.25
FLOOR_LENGTH_RATIO = 0.5
FLOOR_WORD_SHARE = 0.5
# Words in a label that are not its name (titles, roles), for matching a label named in a text.
TITLE_WORDS = frozenset(
    "mr mrs ms miss dr sir dame hon the president vice senator governor mayor madam secretary minister "
    "justice chief judge representative rep congressman congresswoman former moderator host co-host cnn".split()
)
NAME_WORD = re.compile(r"[\w'\u2019\-]+")
# A parliament: the Speaker keeps order ("The Speaker", "The Acting Speaker", "Mr. Deputy Speaker",
# "Madam Speaker"), ministers answer (an office in the label or its parenthetical), members ask.
HOUSE_SPEAKER = re.compile(
    r"^(?:the|mr\.?|madam|madame)\s+(?:(?:acting|deputy|assistant deputy)\s+)?speaker$"
    r"|^(?:the\s+)?(?:deputy\s+)?chair(?:man)? of ways and means$",
    re.I,
)
# Members heard together ("Some hon. Members: Hear, hear!") neither ask nor answer.
HOUSE_CROWD = re.compile(r"^(?:some\s+|several\s+|an?\s+)?(?:hon\.?\s+|honourable\s+|honorable\s+)?members?$", re.I)
MINISTERIAL = re.compile(
    r"\b(?:minister|secretary of state|secretary|attorney[\s-]general|solicitor[\s-]general|chancellor of the exchequer"
    r"|leader of the (?:government|house)|president of the (?:treasury board|privy council)|premier)\b",
    re.I,
)
NOT_MINISTERIAL = re.compile(r"\b(?:shadow|opposition|critic)\b", re.I)
# The last part of a member's parenthetical is a party ("Anytown; Lab", "Prince George—Peace River, Ref.").
PARTY = re.compile(
    r"(?:^|[;,(]\s*)(?:Lab(?:/Co-op)?|Con|LD|Lib(?:\s*Dem)?|Ref|BQ|NDP|PC|CPC|CA|SNP|DUP|UUP|SDLP|SF|Ind|Green|"
    r"Reform|Alliance|Plaid Cymru|Bloc|Liberal|Conservative|Labour)\.?\s*$"
)
# In a question period, at least half of the members' turns end in a question (an assembly debate, where
# members make speeches, is not one).
MEMBERS_ASK_SHARE = 0.5


def _ends_in_question(text: str) -> bool:
    """The turn ends by asking: its last sentence (courtesies such as "Thank you." set aside) ends
    in "?", or one of its last two sentences does and the other says it is a question."""
    sentences = SENTENCE_SPLIT.split(text[-800:].strip())
    # (and what only gives the floor after the question: "... take the court? You go first. Two minutes.")
    while sentences and (COURTESY.match(sentences[-1].strip()) or asking.gives_floor(sentences[-1].strip())):
        sentences.pop()
    if not sentences:
        return False
    if SENTENCE_END_QUESTION.search(sentences[-1]):
        return True
    return len(sentences) > 1 and "?" in sentences[-2] and bool(MENTIONS_QUESTION.search(sentences[-1]))



def _guess_layout(turns: list[_Turn], hints: dict[str, str], affiliations: dict | None = None) -> str | None:
    """The kind of event the labels suggest, for a reader that did not say (None: no telling).
    ``affiliations``: label -> its parenthetical ("Anytown; Lab"), as the readers keep them."""
    if any(t.label == "Q" or t.role == "question" for t in turns):
        return "press"
    labels = list(dict.fromkeys(t.label for t in turns))
    if any(COURT_LABEL.match(label) for label in labels):
        return "court"
    if _is_parliament(labels, affiliations or {}):
        return "parliament"
    committee = [label for label in labels if COMMITTEE_LABEL.match(label)]
    if any(CHAIR_LABEL.match(label) for label in committee) or len(committee) >= 2:
        return "hearing"
    if any(OPERATOR_LABEL.match(label) for label in labels):
        return "earnings"
    if "moderator" in hints.values() or any(DEBATE_LABEL.match(label) or AUDIENCE_LABEL.match(label) for label in labels):
        return "debate"
    if any(HOST_LABEL.match(label) for label in labels):
        return "podcast"
    if "interviewer" in hints.values() or any(INTERVIEWER_LABEL.match(label) for label in labels):
        return "interview"
    moderators, kind = _moderators(turns, hints)
    if moderators:
        return "podcast" if kind == "hosts" else "debate"
    if _host_of_alternation(turns):
        return "podcast"
    return None


def hearing_roster(texts: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(the committee's surnames, the witnesses' surnames), casefolded, from a hearing's cover matter and
    editorial notes (see :data:`PRESENT`, :data:`ROSTER_NAME`, :data:`STATEMENT_OF`). A name on the roster
    is a member even when a statement of theirs is printed (a member's opening statement)."""
    members: set[str] = set()
    witnesses: set[str] = set()
    for text in texts:
        for m in STATEMENT_OF.finditer(text):
            witnesses.add(m.group("name").split()[-1].casefold())
        if STATEMENT_OF.search(text):
            continue
        if m := PRESENT.match(text):
            for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("names").rstrip(" .")):
                if words := _name_words(re.sub(r"\s+of\s+[A-Z][a-z]+.*$", "", part)):
                    members.add(words[-1].casefold())
        members |= {m.group(0).split()[-1].casefold() for m in ROSTER_NAME.finditer(text)}
    return frozenset(members), frozenset(witnesses - members)


def _surname(label: str) -> str | None:
    """A committee label's surname: "Mrs. Palmer of Oregon" -> "palmer", "Senator Roe" -> "roe"."""
    words = _name_words(re.sub(r"\s+of\s+[A-Z][a-z]+.*$", "", label))
    return words[-1].casefold() if words else None


def _layout_questioners(
    layout: str | None, turns: list[_Turn], hints: dict[str, str], known: set[str], affiliations: dict | None = None,
    roster: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> tuple[set[str], bool, set[str], str]:
    """(who asks, whether everyone else only answers, procedural speakers, why) for a layout.
    ``roster``: a hearing's committee and witness surnames (:func:`hearing_roster`)."""
    labels = list(dict.fromkeys(t.label for t in turns))
    if layout == "parliament" and (found := _question_period(turns, labels, affiliations or {})):
        members, speakers = found
        why = "a parliament's question period: members ask, ministers answer, the Speaker keeps order"
        return members, True, speakers, why
    asking = {label for label in labels if ASKING_LABELS.match(label)}
    if layout == "hearing":
        members, witnesses = roster
        committee = {
            label for label in labels
            if COMMITTEE_LABEL.match(label) or (_surname(label) in members and _surname(label) not in witnesses)
        }
        committee -= {label for label in committee if not CHAIR_LABEL.match(label) and _surname(label) in witnesses}
        # Committee counsel examine the witness in many hearings ("Mr. LIMAN." for the committee, the chair
        # ruling on objections): the speaker whose turns most often end in a question asks too.
        committee |= _infer_interviewer([t for t in turns if t.label not in committee and _surname(t.label) not in witnesses])
        if committee or known:
            return committee, True, set(), "a hearing: the committee asks, witnesses answer"
    if layout == "court":
        justices = {label for label in labels if COURT_LABEL.match(label)}
        if justices or known:
            return justices, True, set(), "a court: the justices ask, counsel answer"
    if layout == "earnings":
        operators = {label for label in labels if OPERATOR_LABEL.match(label)}
        analysts = {
            t.label
            for i, t in enumerate(turns)
            if i and turns[i - 1].label in operators and t.label not in operators
            and OPERATOR_CALLS.search(prev := " ".join(turns[i - 1].paragraphs)) and _names(t.label, prev)
        }
        analysts -= {name for name, role in hints.items() if role == "interviewee"}
        if analysts or known:
            return analysts, True, operators, "an earnings call: the analysts the operator introduces ask"
    moderators, kind = _moderators(turns, hints) if layout in (None, "interview", "podcast", "debate") else (set(), "")
    if layout in ("interview", "podcast"):
        several = moderators | asking if len(moderators | asking) >= 2 else set()
        hosts = several or asking or _host_of_alternation(turns) or _infer_interviewer(turns)
        if len(hosts) == 1:
            hosts = hosts | _co_hosts(turns, hosts)
        if hosts or known:
            what = "a podcast: the host asks" if layout == "podcast" else "an interview: the interviewer asks"
            strict = True
            if len(hosts) >= 2:
                what = "a podcast: the hosts ask" if layout == "podcast" else "an interview: the interviewers ask"
                # Several hosts: a guest who speaks once (a caller, a question from the chat) may ask.
                rest = Counter(t.label for t in turns if t.label not in hosts | known)
                strict = bool(rest) and min(rest.values()) >= 2
            return set(hosts), strict, set(), what
    if layout == "press":
        reporters = {label for label in labels if REPORTER_LABEL.match(label)}
        if reporters:
            return reporters, False, set(), "a press conference: reporters ask"
    audience = any(AUDIENCE_LABEL.match(label) for label in labels)
    if layout in ("debate", None) and moderators - asking - known and not audience:
        # Moderators found by what they say or do (not by a MODERATOR label or the reader): the
        # candidates, each speaking more than once, answer; a town hall's one-off voices ask when they
        # end in a question.
        rest = Counter(t.label for t in turns if t.label not in moderators | asking | known)
        # Candidates speak again and again; a town hall's or a forum's one-off voices ask. When few speak
        # once (a candidate who got one turn in the excerpt), the others only answer, and a one-off voice
        # whose turn ends in a question asks.
        once = {label for label, n in rest.items() if n == 1}
        strict = bool(rest) and len(once) <= ONE_OFF_SHARE * len(rest)
        one_off = set()
        if strict and once:
            one_off = {t.label for t in turns if t.label in once and _ends_in_question(t.paragraphs[-1])}
            moderators = moderators | one_off
        if kind == "floor":
            why = "a panel, debate or podcast: those who hand the floor around ask"
        else:
            why = "a debate: the moderators ask (they say so, or hand the floor around)"
        if not strict:
            why = why.replace("a debate:", "a debate, panel or town hall:")
            why += ", and anyone whose turn ends in a question"
        else:
            why += ", the others answer" if kind == "floor" else ", the candidates answer"
            if one_off:
                why += "; a voice heard once that asks (a video or audience question) asks too"
        return moderators | asking, strict, set(), why
    if layout == "debate":
        asking |= {label for label in labels if AUDIENCE_LABEL.match(label)}
        return asking, False, set(), "a debate, panel or town hall: the moderator and the audience ask, and anyone whose turn ends in a question"
    if known or asking:
        return asking, False, set(), "the label names the asking role"
    if layout is None and _round_table(turns):
        return set(), False, set(), ROUND_TABLE
    return _infer_interviewer(turns), False, set(), "their turns most often end in a question"


def _round_table(turns: list[_Turn]) -> bool:
    """Several speakers put questions to each other and none leads: at least :data:`ROUND_TABLE_MIN`
    speakers end two turns or more in a question, and no speaker ends more than half of all such turns
    (co-hosts talking among themselves, with no guest)."""
    asks = Counter(t.label for t in turns if _ends_in_question(t.paragraphs[-1]))
    askers = [label for label, n in asks.items() if n >= 2]
    total = sum(asks.values())
    return len(askers) >= ROUND_TABLE_MIN and max(asks.values()) <= total / 2


def _host_of_alternation(turns: list[_Turn]) -> set[str]:
    """A host who speaks every other turn with one guest: the one of the two whose turns end in a
    question more often (the one with fewer words when that is even)."""
    count = Counter(t.label for t in turns)
    if len(turns) < 4 or len(count) < 2:
        return set()
    (a, na), (b, nb) = count.most_common(2)
    changes = sum(1 for x, y in zip(turns, turns[1:]) if x.label != y.label)
    if na + nb < ALTERNATION_SHARE * len(turns) or changes < ALTERNATION_SHARE * (len(turns) - 1):
        return set()

    asks: Counter = Counter()
    words: Counter = Counter()
    for t in turns:
        if t.label in (a, b):
            asks[t.label] += _ends_in_question(t.paragraphs[-1])
            words[t.label] += sum(p.count(" ") + 1 for p in t.paragraphs)

    def key(label: str) -> tuple[float, int]:
        return asks[label] / count[label], -words[label]

    host, guest = sorted((a, b), key=key, reverse=True)
    share = key(host)[0]
    return {host} if share >= HOST_MIN_QUESTIONS and share > key(guest)[0] else set()


def _co_hosts(turns: list[_Turn], hosts: set[str]) -> set[str]:
    """Co-hosts beside a known host: speakers who put questions to the guest (the one with the most words
    who does not host) in :data:`CO_HOST_MIN_TURNS` turns or more, most of which end in a question and are
    followed by the guest, and who speak no longer than the guest (medians). A co-host who rarely asks (an
    Otter export's "Sidney" with four questions in an hour beside the host's thirty) is found this way."""
    words: Counter = Counter()
    lengths: dict[str, list[int]] = {}
    for t in turns:
        n = sum(len(p.split()) for p in t.paragraphs)
        lengths.setdefault(t.label, []).append(n)
        if t.label not in hosts:
            words[t.label] += n
    if len(words) < 2:
        return set()
    guest = words.most_common(1)[0][0]
    asks: Counter = Counter()
    to_guest: Counter = Counter()
    for i, t in enumerate(turns):
        asks[t.label] += _ends_in_question(t.paragraphs[-1])
        to_guest[t.label] += i + 1 < len(turns) and turns[i + 1].label == guest
    return {
        label for label, v in lengths.items()
        if label not in hosts and label != guest and len(v) >= CO_HOST_MIN_TURNS
        and asks[label] >= CO_HOST_SHARE * len(v) and to_guest[label] >= CO_HOST_SHARE * len(v)
        and median(v) <= median(lengths[guest])
    }


def _called_on(turns: list[_Turn], i: int, questioners: set[str]) -> bool:
    """A moderator's short turn that names the next speaker ("Rein Muellerson." / "Mr Saran, please.")
    gives them the floor to ask: their turn is a question even when it does not end in one."""
    if i == 0 or turns[i - 1].label not in questioners:
        return False
    prev = " ".join(turns[i - 1].paragraphs)
    if len(prev.split()) > CALL_ON_MAX_WORDS:
        prev = " ".join(turns[i - 1].paragraphs[-1:])
        if len(prev.split()) > CALL_ON_MAX_WORDS:
            return False
    return _names(turns[i].label, prev)


def _names(label: str, text: str) -> bool:
    """``text`` names the speaker of ``label`` (one of its capitalised words of 3+ letters)."""
    names = [w for w in re.findall(r"[\w'\-]+", label) if len(w) >= 3 and w[0].isupper()]
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)


def _infer_interviewer(turns: list[_Turn]) -> set[str]:
    """The speaker (with at least two turns) whose turns most often end in a question, if that share
    is at least a third and higher than every other speaker's; none otherwise."""
    total: Counter = Counter()
    asking: Counter = Counter()
    for t in turns:
        total[t.label] += 1
        asking[t.label] += _ends_in_question(t.paragraphs[-1])
    shares = sorted(((asking[s] / total[s], s) for s in total if total[s] >= 2), reverse=True)
    if not shares or shares[0][0] < 1 / 3:
        return set()
    if len(shares) > 1 and shares[1][0] >= shares[0][0]:
        return set()
    return {shares[0][1]}


def _name_words(label: str) -> list[str]:
    """The words of a label that name the person (titles, roles and "CNN MODERATOR" after a comma left out)."""
    name = label.split(",")[0]
    words = NAME_WORD.findall(name)
    return [w for w in words if len(w) >= 3 and w.casefold().rstrip(".") not in TITLE_WORDS]


def _mentioned(label: str, text: str) -> bool:
    """``text`` names the speaker of ``label`` by their last name word, in any case ("PRUITT" in "Sara Pruitt")."""
    words = _name_words(label)
    # Words compared as sets, no pattern per label: a transcript of thousands of labels compiles none.
    said = {w.casefold().removesuffix("'s").removesuffix("\u2019s") for w in NAME_WORD.findall(text)}
    return bool(words) and words[-1].casefold() in said


def _moderators(turns: list[_Turn], hints: dict[str, str]) -> tuple[set[str], str]:
    """(the speakers who run a conversation of three or more, how they were found: "hosts" or
    "moderators" when one says so, "floor" when only by what they do).

    A moderator is found by what they are called or say, or by what they do: a role word in their
    label (with its short form: "JAKE TAPPER, CNN MODERATOR" and "TAPPER"), a self-introduction ("I'm
    Dana Orland, and I'll be moderating", "my co-host Sidney", with the colleagues named after a
    co-word), or handing the floor around (see :func:`_floor`). Nobody when fewer than three speak."""
    labels = list(dict.fromkeys(t.label for t in turns))
    if len(labels) < 3:
        return set(), "floor"
    found: set[str] = set()
    for role_label in (label for label in labels if hints.get(label) in ("moderator", "interviewer")):
        found.add(role_label)
        if "," in role_label and (words := _name_words(role_label)):
            surname = words[-1].casefold()
            found |= {label for label in labels if [w.casefold() for w in _name_words(label)] == [surname]}
    seen: Counter = Counter()
    introduced: set[str] = set()
    as_host: set[str] = set()
    colleagues: dict[str, set[str]] = {}  # who introduces themself -> the co-moderators or co-hosts they name
    asks_once: set[str] = set()
    for i, t in enumerate(turns):
        last = t.paragraphs[-1]
        following = turns[i + 1].label if i + 1 < len(turns) else None
        calls = bool(following) and len(last.split()) <= CALL_ON_MAX_WORDS and _mentioned(following, last)
        if calls or _ends_in_question(last):
            asks_once.add(t.label)
        seen[t.label] += 1
        if seen[t.label] > INTRO_TURNS:
            continue
        for sentence in SENTENCE_SPLIT.split(" ".join(t.paragraphs)[:INTRO_CHARS]):
            if not (m := SELF_INTRODUCED.search(sentence)):
                continue
            introduced.add(t.label)
            if "host" in m.group(0).lower():
                as_host.add(t.label)
            if co := CO_WORDS.search(sentence):
                named = CO_STOP.split(sentence[co.start():], maxsplit=1)[0]
                colleagues.setdefault(t.label, set()).update(
                    label for label in labels if label != t.label and _mentioned(label, named)
                )
    # A guest who says "I'm a moderator on a forum" is no host: an introduced moderator asks once at
    # least, in turns no longer than the others' (medians).
    lengths: dict[str, list[int]] = {}
    for t in turns:
        lengths.setdefault(t.label, []).append(sum(len(p.split()) for p in t.paragraphs))
    introduced |= {label for named in colleagues.values() for label in named}
    for label in introduced & asks_once:
        others = [n for other, v in lengths.items() if other != label for n in v]
        # By the median turn or the mean: candidates' interruptions pull the others' median down.
        mine = lengths[label]
        # One who names colleagues who ask too ("along with my co-moderators, Bret Baier and Chris Wallace")
        # needs no length test.
        if (
            colleagues.get(label, set()) & asks_once
            or median(mine) <= median(others) or sum(mine) / len(mine) <= sum(others) / len(others)
        ):
            found.add(label)
    # The colleagues a moderator names moderate when they ask once, however long their turns (they read
    # the questions out).
    for label in list(found):
        found |= colleagues.get(label, set()) & asks_once
    kind = "hosts" if found & as_host else "moderators" if found else "floor"
    found |= _floor(turns, labels, found)
    return found, kind


def _floor(turns: list[_Turn], labels: list[str], known: set[str]) -> set[str]:
    """Speakers who hand the floor around: most of their turns ask, or call on the next speaker by
    name, and their turns are short beside those of the speakers who do not ask.

    Each has two turns or more that end in a question, and one of them at least has
    :data:`FLOOR_MIN_TURNS` turns; then every such speaker with two turns moderates too (a third
    moderator who asks twice). Together they hold at most :data:`FLOOR_WORD_SHARE` of the words, and one alone
    must hand the floor to two others or more (one host and one guest is
    :func:`_host_of_alternation`'s case)."""
    count: Counter = Counter()
    asks: Counter = Counter()
    questions: Counter = Counter()
    lengths: dict[str, list[int]] = {}
    after: dict[str, set[str]] = {}
    for i, t in enumerate(turns):
        count[t.label] += 1
        lengths.setdefault(t.label, []).append(sum(len(p.split()) for p in t.paragraphs))
        following = turns[i + 1].label if i + 1 < len(turns) else None
        if following and following != t.label:
            after.setdefault(t.label, set()).add(following)
        last = t.paragraphs[-1]
        ends = _ends_in_question(last)
        questions[t.label] += ends
        calls = bool(following and following != t.label and len(last.split()) <= CALL_ON_MAX_WORDS)
        asks[t.label] += ends or (calls and _mentioned(following, last))
    words = {label: sum(v) for label, v in lengths.items()}
    total = sum(words.values()) or 1
    top = max(words, key=words.get)
    askish = {
        label for label in labels
        if label != top and count[label] >= 2 and asks[label] >= FLOOR_ASK_SHARE * count[label]
        and questions[label] >= max(2, FLOOR_QUESTION_SHARE * count[label])
    }
    others = [n for label, v in lengths.items() if label not in askish | known for n in v]
    if not others:
        return set()
    # Short beside the others by the median turn, or by the mean: candidates who interrupt each other
    # ("Yes.", "That's not true.") pull the others' median down, not their mean.
    mean_others = sum(others) / len(others)
    short = {
        label for label in askish
        if median(lengths[label]) <= FLOOR_LENGTH_RATIO * median(others)
        or words[label] / count[label] <= FLOOR_LENGTH_RATIO * mean_others
    }
    if not any(count[label] >= FLOOR_MIN_TURNS for label in short):
        return set()
    if not short or sum(words[label] for label in short | known) > FLOOR_WORD_SHARE * total:
        return set()
    if len(short | known) < 2 and not any(len(after.get(label, ())) >= 2 for label in short):
        return set()
    return short


def _is_house_speaker(label: str, affiliations: dict) -> bool:
    """The Speaker: by the label, or by the office a reader took off it ("The Acting Speaker (Mr. Dorval)"
    is read as "Mr. Dorval", with "The Acting Speaker" in the affiliations)."""
    office = affiliations.get(label)
    return bool(HOUSE_SPEAKER.match(label)) or (
        isinstance(office, str) and any(HOUSE_SPEAKER.match(part.strip()) for part in office.split(";"))
    )


def _is_parliament(labels: list[str], affiliations: dict) -> bool:
    """A Speaker keeps order, or two members or more are labelled with their party."""
    if any(_is_house_speaker(label, affiliations) for label in labels):
        return True
    parties = [label for label in labels if isinstance(v := affiliations.get(label), str) and PARTY.search(v)]
    return len(parties) >= 2


def _question_period(turns: list[_Turn], labels: list[str], affiliations: dict) -> tuple[set[str], set[str]] | None:
    """(the members who ask, the Speaker's and the crowd's labels) in a question period; None when it
    does not look like one.

    Ministers answer: an office in the label or its parenthetical ("Hon. Herb Gray (Deputy Prime
    Minister, Lib.)", "The Secretary of State for ... (Mr William Hague)"), and their short forms
    ("Mr. Hague"). Without an office, the one member who answers is the one with the most turns who
    never ends a turn in a question and follows two members or more. The rest must ask: a third of
    their turns end in a question."""
    speakers = {label for label in labels if _is_house_speaker(label, affiliations) or HOUSE_CROWD.match(label)}
    ministers: set[str] = set()
    surnames: set[str] = set()
    for label in labels:
        where = " ".join(x for x in (label, affiliations.get(label)) if isinstance(x, str))
        if label not in speakers and MINISTERIAL.search(where) and not NOT_MINISTERIAL.search(where):
            ministers.add(label)
            # The minister's name: the label, or the parenthetical of an office ("(Mr William Hague)").
            for part in [label, *str(affiliations.get(label) or "").split(";")]:
                if not MINISTERIAL.search(part) and not PARTY.search(part) and (named := _name_words(part)):
                    surnames.add(named[-1].casefold())
    ministers |= {
        label for label in labels
        if label not in speakers and len(w := _name_words(label)) == 1 and w[0].casefold() in surnames
    }
    count: Counter = Counter()
    asks: Counter = Counter()
    follows: dict[str, set[str]] = {}
    for i, t in enumerate(turns):
        count[t.label] += 1
        asks[t.label] += _ends_in_question(t.paragraphs[-1])
        if i and turns[i - 1].label not in speakers | {t.label}:
            follows.setdefault(t.label, set()).add(turns[i - 1].label)
    if not ministers:
        hubs = [
            label for label in labels if label not in speakers and not asks[label] and len(follows.get(label, ())) >= 2
        ]
        if not hubs:
            return None
        ministers = {max(hubs, key=lambda label: count[label])}
    members = {label for label in labels if label not in speakers | ministers}
    member_turns = sum(count[label] for label in members)
    if not members or sum(asks[label] for label in members) < MEMBERS_ASK_SHARE * member_turns:
        return None
    return members, speakers


def _affiliations(metadata: dict) -> dict:
    """Label -> what is known beside it: its parenthetical (``metadata["affiliations"]``) and, for a
    shortened label, the full one (``metadata["speaker_labels"]``: "Foreign Affairs" was "The Secretary
    of State for Foreign Affairs")."""
    out = {k: v for k, v in (metadata.get("affiliations") or {}).items() if isinstance(v, str)}
    for short, full in (metadata.get("speaker_labels") or {}).items():
        if isinstance(full, str) and full != short:
            out[short] = "; ".join(x for x in (full, out.get(short) or out.get(full)) if x)
    return out
