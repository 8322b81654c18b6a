"""Tests of analysis.terms (the one term engine) and of analysis.datafiles as the one data loader:
the two matching rules (a LIWC-style .dic dictionary-wide, YAML lists per entry), one entry-list
class under topics, markers and actors, public names only across modules, one module that knows data/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis import datafiles, terms, text
from analysis.document import actors, alignment, diagnostics
from analysis.errors import DiscourseError
from analysis.sentence import markers, topics
from analysis.sentence.topics import parse_dictionary

ANALYSIS = Path(topics.__file__).resolve().parent


def dic(body: str) -> topics.Dictionary:
    return parse_dictionary(body.encode("utf-8"), source="invented.dic", format="dic")


def yaml_list(body: str) -> topics.Dictionary:
    return parse_dictionary(body.encode("utf-8"), source="invented.yaml", format="yaml")


def counts(dictionary: topics.Dictionary, sentence: str) -> dict[str, int]:
    """Per topic, its count in one sentence tokenised by the project's tokenizer."""
    units = topics.measure([text.tokenize(sentence)], dictionary).units
    return {slug: int(units[f"topic_{slug}_count"].iloc[0]) for slug in dictionary.slugs}


# An invented LIWC-style dictionary: "evidence" is an exact entry in category A, "evid*" a wildcard in B.
EVIDENCE_DIC = "%\n1\tA\n2\tB\n%\nevidence\t1\nevid*\t2\n"
EVIDENCE_YAML = "topics: {a: {terms: [evidence]}, b: {terms: ['evid*']}}"


# --------------------------------------------------------------------------------------------------
# The two matching rules


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("evidence", {"a": 1, "b": 0}, id="the exact entry's category only"),
        pytest.param("Evidence", {"a": 1, "b": 0}, id="case-insensitive"),
        pytest.param("evidently", {"a": 0, "b": 1}, id="no exact entry: the wildcard's category"),
        pytest.param("evidence's", {"a": 1, "b": 0}, id="a possessive by its base's exact entry"),
    ],
)
def test_a_dic_word_takes_the_categories_of_the_one_entry_it_matches(word: str, expected: dict[str, int]) -> None:
    assert counts(dic(EVIDENCE_DIC), f"The {word} was there.") == expected


def test_yaml_topics_keep_the_per_topic_rule_and_differ_from_the_dic() -> None:
    as_yaml, as_dic = yaml_list(EVIDENCE_YAML), dic(EVIDENCE_DIC)
    assert (as_yaml.rule, as_dic.rule) == ("per_entry", "dictionary")
    # The same two terms: in YAML each topic is matched on its own, so "evidence" counts in both.
    assert counts(as_yaml, "The evidence was there.") == {"a": 1, "b": 1}
    assert counts(as_yaml, "It was evidently there.") == {"a": 0, "b": 1}
    assert counts(as_dic, "The evidence was there.") == {"a": 1, "b": 0}
    rows = topics.measure([text.tokenize("The evidence, evidently.")], as_dic).terms
    assert rows[["topic", "entry", "kind", "text"]].values.tolist() == [
        ["a", "evidence", "exact", "evidence"], ["b", "evid*", "wildcard", "evidently"],
    ]


def test_a_dic_word_takes_the_longest_wildcard_dictionary_wide() -> None:
    d = dic("%\n1\tBroad\n2\tNarrow\n%\nevid*\t1\nevidenc*\t2\n")
    assert counts(d, "Evidences abound.") == {"broad": 0, "narrow": 1}
    assert counts(d, "Evidently so.") == {"broad": 1, "narrow": 0}
    # In YAML each topic takes its own longest wildcard.
    y = yaml_list("topics: {broad: {terms: ['evid*']}, narrow: {terms: ['evidenc*']}}")
    assert counts(y, "Evidences abound.") == {"broad": 1, "narrow": 1}


def test_one_dic_line_with_several_categories_counts_in_each() -> None:
    d = dic("%\n1\tA\n2\tB\n3\tC\n%\nevidence\t1 2\nevid*\t3\n")
    assert counts(d, "The evidence.") == {"a": 1, "b": 1, "c": 0}


def test_a_hyphenated_dic_word_is_matched_whole_first_then_by_its_parts_under_the_same_rule() -> None:
    d = dic("%\n1\tA\n2\tB\n%\nfact-based\t1\nfact*\t2\nevidence\t1\nevid*\t2\n")
    assert counts(d, "A fact-based answer.") == {"a": 1, "b": 0}  # its exact line, not also fact*
    assert counts(d, "A fact-checked answer.") == {"a": 0, "b": 1}  # no exact line: the wildcard
    assert counts(d, "Anti-evidence talk.") == {"a": 1, "b": 0}  # nothing whole: its parts, LIWC's way


def test_the_rule_is_in_the_engine_for_any_entry_list() -> None:
    entries = (terms.Entry("a", "A", "", ("evidence",)), terms.Entry("b", "B", "", ("evid*",)))
    per_entry = terms.EntryList("yaml", "", entries)
    liwc = terms.EntryList("dic", "", entries, rule="dictionary")
    assert [h[1] for h in terms.hits(["evidence"], per_entry)] == ["a", "b"]
    assert [h[1] for h in terms.hits(["evidence"], liwc)] == ["a"]
    assert [h[1] for h in terms.hits(["evidently"], liwc)] == ["b"]


# --------------------------------------------------------------------------------------------------
# One engine, one entry-list class


def test_topics_markers_and_actors_are_entry_lists_of_the_engine() -> None:
    lists = (topics.load_dictionary(), markers.load_markers(), actors.load_actors())
    for lst in lists:
        assert isinstance(lst, terms.EntryList)
        assert all(isinstance(e, terms.Entry) for e in lst)
        assert lst.get(lst.slugs[0]) is lst.entries[0]
        with pytest.raises(KeyError):
            lst.get("no_such_slug")
    d, m, a = lists
    assert d.topics == d.entries and m.families == m.entries and a.actors == a.entries
    assert d.topic("economy") is d.get("economy") and a.actor("russia") is a.get("russia")
    assert m.family("hedges") is m.get("hedges")
    # YAML lists are matched entry by entry; the families of patterns only are not in the index.
    assert {lst.rule for lst in lists} == {"per_entry"}
    assert set(m.index.slugs) == {f.slug for f in m.families if f.terms}
    assert a.index.slugs == a.slugs


def test_the_term_syntax_is_the_engines() -> None:
    assert terms.normalise("  Free\u00a0 TRADE’s ") == "free trade's"
    assert terms.variants("people-to-people", "x") == [("people-to-people",), ("people", "to", "people")]
    with pytest.raises(DiscourseError, match=r"where: term 'ab\*c': '\*' may only end a word"):
        terms.variants("ab*c", "where")


def _sibling_modules() -> set[str]:
    return {p.stem for p in ANALYSIS.glob("*.py")} | {p.name for p in ANALYSIS.iterdir() if (p / "__init__.py").is_file()}


def _private_uses(path: Path, siblings: set[str]) -> list[str]:
    """``from .x import _y`` and ``x._y`` (x a module of analysis/ imported here) in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, imported = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            module = (node.module or "").split(".")[-1]
            for alias in node.names:
                if node.module is None and alias.name in siblings:
                    imported.add(alias.asname or alias.name)  # from . import topics
                elif node.module is not None and alias.name.startswith("_") and module != path.stem:
                    found.append(f"{path.name}:{node.lineno}: from .{node.module} import {alias.name}")
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imported
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names() -> None:
    siblings = _sibling_modules() - {"_nltk"}  # analysis._nltk is a private module imported for its effect
    found = [hit for path in sorted(ANALYSIS.glob("*.py")) for hit in _private_uses(path, siblings)]
    assert found == []


# --------------------------------------------------------------------------------------------------
# One data loader


def test_only_the_data_loader_names_the_data_folder() -> None:
    users = sorted(
        str(p.relative_to(ANALYSIS)) for p in ANALYSIS.rglob("*.py")
        if p.name != "datafiles.py" and "DATA_DIR" in p.read_text(encoding="utf-8")
    )
    assert users == []
    assert topics.default_dictionary_path() == datafiles.DICTIONARY
    assert markers.DEFAULT_FOLDER == datafiles.MARKERS
    assert actors.default_actors_path() == datafiles.ACTORS
    assert alignment.PREMISE_PATTERNS_FILE == datafiles.PREMISE_CHALLENGES
    assert text.ABBREVIATIONS_FILE == datafiles.ABBREVIATIONS


def test_the_stop_words_are_one_list_shared_through_the_loader() -> None:
    stop = datafiles.stopwords()
    assert {"the", "don't"} <= stop and "don’t" not in stop
    both = datafiles.stopwords(apostrophes="both")
    assert both == stop | {w.replace("'", "\u2019") for w in stop} and "don’t" in both
    assert diagnostics.stopwords() is stop
    assert datafiles.irony_cues()[:1] == ("joking",)


def test_the_loader_reads_and_decodes_data_files(tmp_path) -> None:
    (tmp_path / "cp.dic").write_bytes("%\n1\tCaf\xe9\n%\ncaf\xe9\t1\n".encode("cp1252"))
    assert datafiles.decode(datafiles.read(tmp_path / "cp.dic", "dictionary"), "cp.dic") == "%\n1\tCafé\n%\ncafé\t1\n"
    with pytest.raises(DiscourseError, match="cp.dic, line 1: the file is not UTF-8"):
        datafiles.decode("caf\xe9".encode("cp1252"), "cp.dic", encodings=("utf-8-sig",))
    with pytest.raises(DiscourseError, match=r"missing.yaml: cannot read the actor list"):
        datafiles.read(tmp_path / "missing.yaml", "actor list")
    (tmp_path / "list.txt").write_text("# a comment\n\n  Alpha \nbeta\n", encoding="utf-8")
    assert datafiles.numbered_lines(tmp_path / "list.txt") == [(3, "Alpha"), (4, "beta")]
    assert datafiles.word_list(tmp_path / "list.txt") == ("alpha", "beta")
