"""The rules' sentences: every legal figure is an argument from the parameter in force, every message exists in
Chinese and English with the same arguments, and an English result has no Chinese sentence in it."""

import datetime as dt
import re
import string

import pytest

from gaoqi.rules import assess, assess_batch
from gaoqi.rules.cases import bases
from gaoqi.rules.report.layout import localise
from gaoqi.rules.report.messages import LANGUAGES, catalogue, render

AS_OF = dt.date(2026, 11, 28)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _templates(node=None, path=()):
    node = catalogue() if node is None else node
    for key, child in node.items():
        if key == "args":
            continue
        if isinstance(child, dict) and set(child) <= set(LANGUAGES) and "zh" in child:
            yield ".".join((*path, key)), child
        elif isinstance(child, dict):
            yield from _templates(child, (*path, key))


TEMPLATES = list(_templates())


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize(("message_id", "texts"), TEMPLATES, ids=[m for m, _ in TEMPLATES])
def test_no_sentence_writes_a_figure_as_a_literal(message_id, texts):
    for language, template in texts.items():
        literal = "".join(text for text, _, _, _ in string.Formatter().parse(template))
        assert not re.search(r"[0-9０-９%％]", literal), f"{message_id} ({language}): {literal}"


@pytest.mark.parametrize(("message_id", "texts"), TEMPLATES, ids=[m for m, _ in TEMPLATES])
def test_every_sentence_is_in_both_languages_with_the_same_arguments(message_id, texts):
    assert set(texts) == set(LANGUAGES)
    assert _fields(texts["zh"]) == _fields(texts["en"])


def test_a_changed_legal_figure_changes_the_sentence():
    message = {"id": "conditions.st_staff_ratio.fail", "args": ["0.0800", "0.12", "3"]}
    assert "12%" in render(message)
    assert "10%" not in render(message)


def test_an_english_result_writes_every_sentence_in_english():
    result = assess(bases()["三年完整档案"], as_of=AS_OF, language="en")
    sentences = [c["explanation"] for c in result["hte"]["conditions"]]
    sentences += [c["label"] for c in result["hte"]["conditions"]] + [g["description"] for g in result["gaps"]]
    assert all(sentences)
    assert not [s for s in [*sentences, result["benefits"]["basis"]] if CJK.search(s)]


def test_a_bulk_result_is_written_in_either_language_from_its_messages():
    profile = bases()["三年完整档案"]
    bulk = assess_batch([profile], as_of=AS_OF)[0]
    assert bulk["hte"]["conditions"][4]["explanation"] is None
    single = assess(profile, as_of=AS_OF, language="en")
    english = localise(bulk, "en")
    assert [c["explanation"] for c in english["hte"]["conditions"]] == [
        c["explanation"] for c in single["hte"]["conditions"]
    ]
    assert [g["description"] for g in english["gaps"]] == [g["description"] for g in single["gaps"]]
