"""The English catalogue is complete and compiled: every msgid of the .po has a non-fuzzy translation in the .mo."""

import ast
import gettext
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "gaoqi" / "locale" / "en" / "LC_MESSAGES"


def po_msgids(text: str) -> set[str]:
    """The msgids (singular forms) of a .po file, header excluded."""
    ids, current, reading = set(), [], False
    for line in [*text.splitlines(), ""]:
        if line.startswith("msgid "):
            current, reading = [ast.literal_eval(line[6:])], True
        elif reading and line.startswith('"'):
            current.append(ast.literal_eval(line))
        elif reading:
            reading = False
            if msgid := "".join(current):
                ids.add(msgid)
    return ids


def test_every_message_has_an_english_translation_in_the_compiled_catalogue():
    with (LOCALE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    translated = {key[0] if isinstance(key, tuple) else key for key, text in compiled.items() if text}
    missing = po_msgids((LOCALE / "django.po").read_text(encoding="utf-8")) - translated
    assert not missing, f"untranslated, fuzzy or not compiled ({len(missing)}): {sorted(missing)[:10]}"


def test_the_msgid_reader_sees_multi_line_entries():
    text = 'msgid ""\nmsgstr "header"\n\nmsgid ""\n"第一行"\n"第二行"\nmsgstr "x"\n\nmsgid "单行"\nmsgstr ""\n'
    assert po_msgids(text) == {"第一行第二行", "单行"}
