"""统一社会信用代码 (GB 32100-2015): both check characters, and errors that say which check failed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoqi.rules.uscc import (
    ALPHABET,
    AUTHORITIES,
    OUTER_WEIGHTS,
    USCCError,
    inner_check_char,
    make_uscc,
    outer_check_char,
    validate_uscc,
)

SAMPLE = "91350100M000100Y43"


def failure(code) -> USCCError:
    with pytest.raises(USCCError) as caught:
        validate_uscc(code)
    return caught.value


def test_the_standards_sample_is_valid():
    assert validate_uscc(SAMPLE) == SAMPLE


def test_the_sample_has_inner_check_4_and_outer_check_3():
    assert inner_check_char("M000100Y") == "4"
    assert outer_check_char(SAMPLE[:17]) == "3"


def test_outer_weights_are_powers_of_three_mod_31():
    assert OUTER_WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_inner_check_maps_10_to_x_and_11_to_zero():
    # 3·1 = 3 → 11 − 3 = 8; sums ≡ 1 (mod 11) give 10 → X; sums ≡ 0 give 11 → 0.
    assert inner_check_char("10000000") == "8"
    assert inner_check_char("00000000") == "0"
    assert inner_check_char("00000030") == "X"  # 3·4 = 12 ≡ 1 (mod 11)


def test_lowercase_and_surrounding_whitespace_are_normalised():
    assert validate_uscc(f"  {SAMPLE.lower()}\n") == SAMPLE


def test_a_short_code_fails_the_length_check_and_says_how_many_characters_it_has():
    error = failure(SAMPLE[:17])
    assert error.check == "length"
    assert str(error) == "统一社会信用代码应为18位，收到17位"


def test_a_long_code_fails_the_length_check():
    assert failure(SAMPLE + "0").check == "length"


def test_a_value_that_is_not_text_fails_the_length_check():
    assert failure(None).check == "length"


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_a_letter_outside_the_alphabet_fails_the_charset_check_naming_its_position(letter):
    code = SAMPLE[:9] + letter + SAMPLE[10:]
    error = failure(code)
    assert error.check == "charset"
    assert "第10位" in str(error)
    assert f"“{letter}”" in str(error)
    assert "I、O、S、V、Z" in str(error)


def test_punctuation_fails_the_charset_check_naming_its_position():
    error = failure(SAMPLE[:4] + "-" + SAMPLE[5:])
    assert error.check == "charset"
    assert "第5位" in str(error)


def test_an_unknown_registering_authority_fails_the_authority_check():
    error = failure("B" + SAMPLE[1:])
    assert error.check == "authority"
    assert "第1位" in str(error)
    assert "“B”" in str(error)


def test_a_letter_in_the_region_code_fails_the_region_check():
    error = failure(SAMPLE[:4] + "A" + SAMPLE[5:])
    assert error.check == "region"
    assert "第3–8位" in str(error)
    assert "35A100" in str(error)
    assert "第5位为“A”" in str(error)


def test_a_wrong_organisation_code_check_character_fails_the_inner_check():
    error = failure(SAMPLE[:16] + "5" + SAMPLE[17])
    assert error.check == "inner_check"
    assert str(error) == "第17位组织机构代码校验码错误：应为4，实为5"


def test_a_wrong_final_character_fails_the_outer_check():
    error = failure(SAMPLE[:17] + "4")
    assert error.check == "outer_check"
    assert str(error) == "第18位校验码错误：应为3，实为4"


def test_the_error_is_a_value_error():
    assert isinstance(failure("x"), ValueError)


def test_make_uscc_builds_a_guangzhou_enterprise_code():
    code = make_uscc("91", "440106", "ma59abcd")
    assert code.startswith("91440106MA59ABCD")
    assert validate_uscc(code) == code


def test_make_uscc_rejects_parts_of_the_wrong_length():
    with pytest.raises(USCCError) as caught:
        make_uscc("9", "440106", "MA59ABCD")
    assert caught.value.check == "length"


authority_types = st.tuples(st.sampled_from(AUTHORITIES), st.sampled_from(ALPHABET)).map("".join)
regions = st.text("0123456789", min_size=6, max_size=6)
bodies = st.text(ALPHABET, min_size=8, max_size=8)
valid_codes = st.builds(make_uscc, authority_types, regions, bodies)


@given(authority_types, regions, bodies)
def test_every_code_make_uscc_builds_is_valid(authority_type, region, body):
    code = make_uscc(authority_type, region, body)
    assert validate_uscc(code) == code
    assert code[:16] == authority_type + region + body


@given(valid_codes, st.integers(0, 17), st.sampled_from(ALPHABET + "IOSVZ-"))
def test_changing_any_single_character_of_a_valid_code_is_always_detected(code, position, char):
    if code[position] == char:
        char = ALPHABET[(ALPHABET.index(char) + 1) % 31]
    changed = code[:position] + char + code[position + 1 :]
    with pytest.raises(USCCError) as caught:
        validate_uscc(changed)
    assert caught.value.check in {"charset", "authority", "region", "inner_check", "outer_check"}
