"""Who asks in a transcript when the caller names nobody: inferred from the layout and the labels.

:func:`_guess_layout` tells the kind of event from the labels (a reader may already have said);
:func:`_layout_questioners` says, for that layout, who asks, whether everyone else only answers, who
is procedural, and why (the builder's inference warning quotes the why). The turns are the builder's
``_Turn`` objects (``label``, ``role``, ``paragraphs``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

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
    r"|^ranking\s+member\b|^(?:senator|sen\.|representative|rep\.|congressman|congresswoman|delegate)(?:\s|$)"
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
# Two speakers alternate (a host and a guest) when they hold this share of the turns and of the
# changes of speaker.
ALTERNATION_SHARE = 0.8
# ... and the host's turns end in a question at least this often (and more often than the guest's):
# two people giving statements in turn (a joint press appearance) are not a host and a guest.
HOST_MIN_QUESTIONS = 0.25
# How long a moderator's "giving the floor" turn (or its last paragraph) may be, in words.
CALL_ON_MAX_WORDS = 12


def _ends_in_question(text: str) -> bool:
    """The turn ends by asking: its last sentence (courtesies such as "Thank you." set aside) ends
    in "?", or one of its last two sentences does and the other says it is a question."""
    sentences = SENTENCE_SPLIT.split(text[-800:].strip())
    while sentences and COURTESY.match(sentences[-1].strip()):
        sentences.pop()
    if not sentences:
        return False
    if SENTENCE_END_QUESTION.search(sentences[-1]):
        return True
    return len(sentences) > 1 and "?" in sentences[-2] and bool(MENTIONS_QUESTION.search(sentences[-1]))



def _guess_layout(turns: list[_Turn], hints: dict[str, str]) -> str | None:
    """The kind of event the labels suggest, for a reader that did not say (None: no telling)."""
    if any(t.label == "Q" or t.role == "question" for t in turns):
        return "press"
    labels = list(dict.fromkeys(t.label for t in turns))
    if any(COURT_LABEL.match(label) for label in labels):
        return "court"
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
    if _host_of_alternation(turns):
        return "podcast"
    return None


def _layout_questioners(
    layout: str | None, turns: list[_Turn], hints: dict[str, str], known: set[str]
) -> tuple[set[str], bool, set[str], str]:
    """(who asks, whether everyone else only answers, procedural speakers, why) for a layout."""
    labels = list(dict.fromkeys(t.label for t in turns))
    asking = {label for label in labels if ASKING_LABELS.match(label)}
    if layout == "hearing":
        committee = {label for label in labels if COMMITTEE_LABEL.match(label)}
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
    if layout in ("interview", "podcast"):
        hosts = asking or _host_of_alternation(turns) or _infer_interviewer(turns)
        if hosts or known:
            what = "a podcast: the host asks" if layout == "podcast" else "an interview: the interviewer asks"
            return set(hosts), True, set(), what
    if layout == "press":
        reporters = {label for label in labels if REPORTER_LABEL.match(label)}
        if reporters:
            return reporters, False, set(), "a press conference: reporters ask"
    if layout == "debate":
        asking |= {label for label in labels if AUDIENCE_LABEL.match(label)}
        return asking, False, set(), "a debate, panel or town hall: the moderator and the audience ask, and anyone whose turn ends in a question"
    if known or asking:
        return asking, False, set(), "the label names the asking role"
    return _infer_interviewer(turns), False, set(), "their turns most often end in a question"


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
