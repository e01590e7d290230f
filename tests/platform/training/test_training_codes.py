"""Check-in codes: the signed QR token and the typed short form both lead back to the code; tampering does not."""

import re

from gaoqi.apps.training import codes


def test_the_typed_form_is_ten_characters_in_groups_and_reads_back_in_any_case():
    code = codes.new_code()
    typed = codes.typed_code(code)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}", typed)
    assert codes.code_from_input(typed) == code
    assert codes.code_from_input(f"  {typed.lower().replace('-', ' ')} ") == code


def test_the_qr_token_reads_back_to_the_code():
    code = codes.new_code()
    assert codes.code_from_input(codes.qr_token(code)) == code


def test_a_wrong_check_or_a_forged_token_is_refused():
    code = "ABCD2345"
    typed = codes.typed_code(code)
    wrong = typed[:-1] + ("2" if typed[-1] != "2" else "3")
    assert codes.code_from_input(wrong) is None
    assert codes.code_from_input("ABCD2346" + typed[-2:]) is None  # one character of the code changed
    assert codes.code_from_input("ABCD2345:forged") is None
    assert codes.code_from_input("") is None


def test_the_qr_is_an_inline_svg():
    svg = codes.qr_svg("ABCD2345")
    assert svg.startswith("<svg")
    assert "</svg>" in svg
