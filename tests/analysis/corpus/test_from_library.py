"""analyse: library documents analysed once, read back after; a cancelled run keeps what it stored."""

from __future__ import annotations

import threading

import pytest

from analysis.corpus import Cancelled, Selection, analyse, select
from analysis.pipeline import batch


@pytest.fixture
def counted(monkeypatch):
    calls: list[str] = []
    real = batch._summary_columns

    def counting(data, name, settings, *extra):
        calls.append(name)
        return real(data, name, settings, *extra)

    monkeypatch.setattr(batch, "_summary_columns", counting)
    return calls


def test_a_second_analyse_reads_every_document_from_the_library(library, counted):
    records = select(library, Selection(tag="demo"))
    first = analyse(library, records)
    assert len(counted) == 4 and len(first) == 4
    counted.clear()
    seen = []
    second = analyse(library, records, progress=lambda done, total: seen.append((done, total)))
    assert counted == []  # nothing analysed
    assert seen == [(4, 4)]
    assert second.answers.drop(columns="document").equals(first.answers.drop(columns="document"))


def test_the_corpus_frames(library):
    corpus = analyse(library, select(library, Selection(tag="demo")))
    docs = corpus.documents.set_index("name")
    assert str(docs["date"].dtype) == "datetime64[ns]" and docs["date"].isna().sum() == 1
    assert docs.loc["2021-01-04-one.txt", "tone"] == pytest.approx((0.4404 + 0.0) / 2)  # VADER: "Trade is good."
    assert docs.loc["2021-01-20-two.md", "tags"] == "demo, even"
    assert list(corpus.answers.columns[:3]) == ["doc_id", "date", "document"]
    s = corpus.sentences
    assert set(s["role"]) == {"question", "answer"}
    assert s.loc[s["text"] == "Trade is good.", "doc_id"].tolist() == [docs.loc["2021-01-04-one.txt", "id"]]
    assert corpus.undated == [docs.loc["notes.txt", "id"]]


def test_corrections_are_applied_and_keyed(library, counted):
    from analysis.transcripts import Correction

    record = select(library, Selection(query="notes"))[0]
    analyse(library, [record])
    library.set_corrections(record.id, [Correction.rename("MR. JONES", "Mr. Jones")])
    counted.clear()
    corpus = analyse(library, [library.get(record.id)])
    assert len(counted) == 1  # analysed again under its corrections
    assert corpus.answers["speaker"].tolist() == ["Mr. Jones"]


def test_cancel_from_progress_stops_and_keeps_what_was_stored(library, counted, monkeypatch):
    monkeypatch.setattr(batch, "LIBRARY_CHUNK_IN_PROCESS", 1)  # one document a chunk
    records = select(library, Selection(tag="demo"))
    stop = threading.Event()

    def progress(done, total):
        if done >= 1:
            stop.set()

    with pytest.raises(Cancelled) as e:
        analyse(library, records, progress=progress, cancel=stop)
    assert (e.value.done, e.value.total) == (1, 4)
    assert "Cancelled after 1 of 4 documents" in str(e.value)
    assert len(counted) == 1
    counted.clear()
    analyse(library, records)
    assert len(counted) == 3  # the one analysed before the cancel was stored


def test_a_document_that_fails_is_reported_and_left_out(library, monkeypatch):
    from analysis.errors import DiscourseError

    real = batch._summary_columns

    def failing(data, name, settings, *extra):
        if name == "notes.txt":
            raise DiscourseError("notes.txt: cannot read it")
        return real(data, name, settings, *extra)

    monkeypatch.setattr(batch, "_summary_columns", failing)
    corpus = analyse(library, select(library, Selection(tag="demo")))
    assert len(corpus) == 3
    assert [(reason) for _id, reason in corpus.failures] == ["notes.txt: cannot read it"]
