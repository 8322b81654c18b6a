"""render.highlight: the answer text as HTML, every piece of user text escaped, annotations marked."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from render import highlight
from render.highlight import _Span

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = [SCRIPT, IMG, 'say "hi" & \'bye\'', "a & b", "<b>bold</b>", "x > y < z", "&amp; already"]
WRAP_OPEN = '<div class="dd-text" data-role="answer">'


def body(out: str) -> str:
    """The rendered HTML without the shared style block and the wrapper."""
    assert out.startswith(highlight.STYLE + WRAP_OPEN) and out.endswith("</div>")
    return out[len(highlight.STYLE + WRAP_OPEN) : -len("</div>")]


class _Tree(HTMLParser):
    """Collects the elements (tag, attrs) and the text of an HTML fragment, as a browser would parse it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._sup = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._sup += tag == "sup"

    def handle_endtag(self, tag):
        self._sup -= tag == "sup"

    def handle_data(self, data):
        if not self._sup:
            self.text.append(data)


def parse(fragment: str) -> _Tree:
    tree = _Tree()
    tree.feed(fragment)
    tree.close()
    return tree


def spans_of(tree: _Tree) -> list[dict[str, str | None]]:
    return [a for t, a in tree.tags if t == "span"]


def word(text: str, w: str, kind: str = "sentiment", tip: str = "why", valence: float = 2.0) -> _Span:
    i = text.index(w)
    return _Span(i, i + len(w), kind, tip, valence)


# --- no annotations: the escaped text inside the wrapper ------------------------------------------


@pytest.mark.parametrize("text", ["", "plain words.", "line one\nline two", *HOSTILE])
def test_no_annotations_is_escaped_text_in_wrapper(text):
    assert highlight.render(text, []) == highlight.STYLE + WRAP_OPEN + html.escape(text) + "</div>"


# --- escaping of every piece of user text ---------------------------------------------------------


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("where", ["before", "inside", "after"])
def test_user_text_is_escaped_around_and_inside_spans(payload, where):
    text = {"before": f"{payload} good day", "inside": f"good {payload} day", "after": f"good day {payload}"}[where]
    marks = [_Span(0, len(text), "topic", "tip"), word(text, "good"), word(text, "day", valence=-2.0)]
    out = body(highlight.render(text, marks, numbers=True))
    tree = parse(out)
    # The only elements are ours: spans and the valence superscripts, never the payload's tags.
    assert {t for t, _ in tree.tags} <= {"span", "sup"}
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    # What a browser shows is the user's text, character for character.
    assert "".join(tree.text) == text


@pytest.mark.parametrize(
    "tip",
    [
        'Topic: "quoted" label',
        "it's an apostrophe",
        SCRIPT,
        IMG,
        'x" onmouseover="alert(1)',
        "a & b\nsecond line",
    ],
)
def test_data_tip_attribute_is_escaped(tip):
    text = "a good day"
    out = body(highlight.render(text, [word(text, "good", tip=tip)]))
    (span,) = spans_of(parse(out))
    assert span["data-tip"] == tip  # round-trips exactly: no attribute break-out
    assert set(span) == {"class", "style", "tabindex", "data-tip"}
    raw_attr = re.search(r'data-tip="([^"]*)"', out).group(1)
    assert "<" not in raw_attr and ">" not in raw_attr and "'" not in raw_attr


def test_explanations_escape_user_tokens_and_entries():
    row = pd.Series(
        {"token": SCRIPT, "valence_lexicon": -1.5, "negated": True, "booster": IMG, "caps": True, "but_weight": 0.5,
         "valence": 1.1}
    )
    tip = highlight.explain_word(row)
    assert SCRIPT in tip and "negated" in tip and "ALL CAPS" in tip and "before 'but'" in tip and "+1.10" in tip
    text = "a bad day"
    out = body(highlight.render(text, [word(text, "bad", tip=tip)]))
    assert SCRIPT not in out and IMG not in out
    assert spans_of(parse(out))[0]["data-tip"] == tip
    term_tip = highlight.explain_term("Economy", '"sanction*" & <co>', "wildcard")
    assert term_tip.splitlines() == ["Topic: Economy", 'matched wildcard entry “"sanction*" & <co>”']


# --- annotations: classes, focus, explanations ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "classes", "focusable"),
    [
        ("sentiment", {"a", "s"}, True),
        ("topic", {"a", "t"}, True),
        ("sentence", {"sel"}, False),
    ],
)
def test_span_kinds(kind, classes, focusable):
    text = "we have good news"
    mark = word(text, "good news", kind=kind, tip="" if kind == "sentence" else "explained")
    out = body(highlight.render(text, [mark]))
    (span,) = spans_of(parse(out))
    assert set(span["class"].split()) == classes
    if focusable:
        assert span["tabindex"] == "0" and span["data-tip"] == "explained"
    else:
        assert "tabindex" not in span and "data-tip" not in span
    assert "".join(parse(out).text) == text


@pytest.mark.parametrize(("valence", "family"), [(3.0, "blue"), (1.2, "blue"), (-1.2, "red"), (-3.0, "red")])
def test_sentiment_word_colour_follows_sign(valence, family):
    text = "a word here"
    (span,) = spans_of(parse(body(highlight.render(text, [word(text, "word", valence=valence)]))))
    bg = re.search(r"background:(#[0-9a-f]{6})", span["style"]).group(1)
    r, _, b = (int(bg[i : i + 2], 16) for i in (1, 3, 5))
    assert (b > r) if family == "blue" else (r > b)


@pytest.mark.parametrize(("valence", "sup"), [(1.9, "+1.9"), (-2.54, "-2.5"), (0.0, "+0.0")])
def test_numbers_layer_puts_the_valence_after_the_word(valence, sup):
    text = "it is fine"
    marks = [word(text, "fine", valence=valence)]
    assert f"</span><sup>{sup}</sup>" in highlight.render(text, marks, numbers=True)
    assert "<sup>" not in highlight.render(text, marks, numbers=False)


def test_selected_sentence_is_marked():
    text = "First sentence. Second good sentence. Third."
    sel = word(text, "Second good sentence.", kind="sentence", tip="")
    out = body(highlight.render(text, [sel, word(text, "good")]))
    tree = parse(out)
    marked = [a for a in spans_of(tree) if "sel" in a["class"].split()]
    assert len(marked) == 3  # "Second ", "good", " sentence."
    assert sum("a" in a["class"].split() for a in marked) == 1  # the word inside stays explained
    assert 'class="sel">Second </span>' in out and "First sentence. " in out.split("<span")[0]
    assert "".join(tree.text) == text


def test_overlapping_topic_phrase_containing_a_sentiment_word():
    text = "They spoke of soft power and hard facts."
    phrase = word(text, "soft power", kind="topic", tip="Topic: Image")
    soft = word(text, "soft", kind="sentiment", tip="soft +0.6", valence=0.6)
    out = body(highlight.render(text, [phrase, soft]))
    tree = parse(out)
    sp = spans_of(tree)
    assert len(sp) == 2
    first, second = sp
    assert set(first["class"].split()) == {"a", "t", "s"}
    assert first["data-tip"] == "soft +0.6\nTopic: Image" or first["data-tip"] == "Topic: Image\nsoft +0.6"
    assert set(second["class"].split()) == {"a", "t"} and second["data-tip"] == "Topic: Image"
    assert re.search(r'>soft</span><span class="a t" tabindex="0" data-tip="Topic: Image"> power</span>', out)
    assert "".join(tree.text) == text


def test_partially_overlapping_spans_cut_into_three_segments():
    text = "abcdefghij"
    out = body(highlight.render(text, [_Span(2, 6, "topic", "T"), _Span(4, 8, "sentiment", "S", 1.0)]))
    segments = re.findall(r"<span[^>]*>([^<]*)</span>", out)
    assert segments == ["cd", "ef", "gh"]
    assert "".join(parse(out).text) == text


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        (0, 4, "Good"),  # the first characters
        (19, 23, "well"),  # the last characters
        (0, 23, "Good things end    well"),  # all of it
        (-5, 4, "Good"),  # out of range on the left: clipped
        (19, 99, "well"),  # out of range on the right: clipped
    ],
)
def test_spans_at_the_edges(start, end, inside):
    text = "Good things end    well"  # 23 characters
    out = body(highlight.render(text, [_Span(start, end, "sentiment", "tip", 1.5)]))
    tree = parse(out)
    assert re.findall(r"<span[^>]*>([^<]*)</span>", out) == [inside]
    assert "".join(tree.text) == text


def test_markup_characters_split_by_a_span_stay_escaped():
    text = "a<b & c>d"
    out = body(highlight.render(text, [_Span(1, 2, "topic", "T"), _Span(4, 5, "topic", "T")]))
    assert "<b" not in out and "&lt;" in out and "&amp;" in out and "&gt;" in out
    assert "".join(parse(out).text) == text


# --- spans() from the analysis frames, and the legend ------------------------------------------------


@pytest.fixture
def frames():
    contributions = pd.DataFrame(
        [{"start": 5, "end": 9, "token": "good", "valence_lexicon": 1.9, "negated": False, "booster": "", "caps": False,
          "but_weight": 1.0, "valence": 1.9}]
    )
    terms = pd.DataFrame([{"start": 10, "end": 20, "topic": "image", "entry": "soft power", "kind": "phrase"}])
    sentences = pd.DataFrame([{"sentence": 1, "start": 0, "end": 21}, {"sentence": 2, "start": 22, "end": 30}])
    return contributions, terms, sentences


@pytest.mark.parametrize(
    ("layers", "selected", "kinds"),
    [
        ([], None, []),
        (["sentiment"], None, ["sentiment"]),
        (["topics"], None, ["topic"]),
        (["sentiment", "topics"], 2, ["sentiment", "topic", "sentence"]),
        (["numbers"], 1, ["sentiment", "sentence"]),  # the numbers sit on the sentiment words
    ],
)
def test_spans_follow_layers(frames, layers, selected, kinds):
    got = highlight.spans(*frames, topic_labels={"image": "Image & reputation"}, layers=layers, selected=selected)
    assert [s.kind for s in got] == kinds
    for s in got:
        if s.kind == "topic":
            assert s.tip.startswith("Topic: Image & reputation") and (s.start, s.end) == (10, 20)
        if s.kind == "sentence":
            assert (s.start, s.end) == ((0, 21) if selected == 1 else (22, 30))


@pytest.mark.parametrize(
    ("layers", "expected"),
    [([], []), (["sentiment"], ["negative word", "positive word"]), (["topics"], ["topic term"]),
     (["sentiment", "topics", "numbers"], ["negative word", "positive word", "topic term"])],
)
def test_legend(layers, expected):
    out = highlight.legend(layers)
    assert re.findall(r"<span[^>]*>([^<]*)</span>", out) == expected


def test_topic_bars_escape_and_show_terms():
    from render import topicbars

    row = pd.Series({"topic_a": 20.0, "topic_a_count": 2, "topic_b": 0.0, "topic_b_count": 0})
    labels = {"topic_a": "A <b>topic</b>", "topic_b": "B & co"}
    terms = pd.DataFrame({"topic": ["a", "a"], "text": ["<script>x</script>", "<script>x</script>"]})
    out = topicbars.render(row, labels, terms)
    assert "<script>" not in out and "&lt;script&gt;x&lt;/script&gt; ×2" in out
    assert "A &lt;b&gt;topic&lt;/b&gt;" in out and "B &amp; co" in out
    assert "20.0 (2)" in out and "0.0 (0)" in out
    assert out.index("A &lt;b&gt;") < out.index("B &amp; co")  # highest rate first
    assert 'style="width:100.0%"' in out and 'style="width:0.0%"' in out


# --- contrast of the highlighted words (WCAG 2.x, 4.5:1 for normal text) ---------------------------


@pytest.mark.parametrize("a, b, ratio", [
    ("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0),
    ("#ffffff", "#4393c3", 3.39), ("#ffffff", "#d6604d", 3.72),  # the white-on-mid-colour of the old rule
    ("#767676", "#ffffff", 4.54),  # the usual reference grey, just above 4.5:1
])
def test_contrast_is_wcags(a, b, ratio):
    assert highlight.contrast(a, b) == pytest.approx(ratio, abs=0.01)
    assert highlight.contrast(b, a) == highlight.contrast(a, b)


@pytest.mark.parametrize("background", highlight.WORD_COLOURS)
def test_every_word_colour_has_ink_of_at_least_4_5_to_1(background):
    assert highlight.contrast(background, highlight.ink_for(background)) >= highlight.MIN_CONTRAST


def test_every_rendered_sentiment_word_reaches_4_5_to_1():
    """Over the whole valence range the highlighter sees (VADER's lexicon is about -4..+4; boosted
    words go beyond), the colours and inks it writes into the HTML."""
    valences = [v / 20 for v in range(-120, 121)] + [float("nan")]
    text = "w " * len(valences)
    marks = [_Span(2 * i, 2 * i + 1, "sentiment", "why", v) for i, v in enumerate(valences)]
    pairs = set(re.findall(r'style="background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})"', highlight.render(text, marks)))
    assert {bg for bg, _ in pairs} <= set(highlight.WORD_COLOURS) and len(pairs) >= 11
    low = {(bg, ink): round(highlight.contrast(bg, ink), 2) for bg, ink in pairs if highlight.contrast(bg, ink) < 4.5}
    assert not low, f"words below 4.5:1: {low}"



def test_an_answer_by_several_speakers_names_each_part_where_it_begins():
    parts = [("SANDERS", "We agree."), ("<b>O'MALLEY</b>", "Not quite."), ("SANDERS", "Yes, we do.")]
    speakers = highlight.speaker_parts(parts)
    text = "\n\n".join(t for _, t in parts)
    assert speakers == ((0, "SANDERS"), (11, "<b>O'MALLEY</b>"), (23, "SANDERS"))
    assert text[11:].startswith("Not quite.") and text[23:].startswith("Yes, we do.")
    out = highlight.render(text, [_Span(0, 3, "sentence")], speakers=speakers)
    body = re.sub(r"^.*?<div[^>]*>", "", out, flags=re.DOTALL)
    assert body.startswith("<span class='who' data-speaker='SANDERS'>SANDERS:</span> <span class=\"sel\">We </span>")
    assert "<span class='who' data-speaker='&lt;b&gt;O&#x27;MALLEY&lt;/b&gt;'>&lt;b&gt;O&#x27;MALLEY&lt;/b&gt;:</span> Not quite." in body
    assert body.count("class='who'") == 3
    assert highlight.speaker_parts([("SANDERS", "One."), ("SANDERS", "Two.")]) == ()  # one speaker: no names
