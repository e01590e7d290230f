"""The criteria language reads what bureau staff write and refuses everything else with a clear Chinese message."""

import subprocess
import sys
from decimal import Decimal

import pytest

from gaoqi.rules.criteria import CriteriaError, compile_criteria
from gaoqi.rules.criteria.lexer import MAX_LENGTH
from gaoqi.rules.criteria.syntax import MAX_DEPTH, MAX_ITEMS, Compare, InList, Known, Literal, Name, Not, Or, parse


def error(text: str) -> CriteriaError:
    with pytest.raises(CriteriaError) as caught:
        compile_criteria(text)
    return caught.value


def test_the_example_from_the_issue_has_three_clauses():
    criteria = compile_criteria('district in ("440112", "440115") and hte.eligible and hte.rd_ratio >= 5%')
    assert [type(c) for c in criteria.clauses] == [InList, Name, Compare]
    assert criteria.names == {"district", "hte.eligible", "hte.rd_ratio"}


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("5%", "percent", Decimal("0.05")),
        ("4.5％", "percent", Decimal("0.045")),
        ("5000万", "money", Decimal(50_000_000)),
        ("2亿", "money", Decimal(200_000_000)),
        ("1.5亿元", "money", Decimal(150_000_000)),
        ("100万元", "money", Decimal(1_000_000)),
        ("300元", "money", Decimal(300)),
        ("0.05", "number", Decimal("0.05")),
    ],
)
def test_literals_are_exact_decimals(text, kind, value):
    literal = parse(f"x >= {text}").right
    assert (literal.kind, literal.value) == (kind, value)


def test_dates_strings_booleans_and_known_are_read():
    tree = parse('registered_on < 2016-01-01 or tech_area == "10" or hte.eligible == true or hte.rd_ratio is not known')
    assert isinstance(tree, Or)
    assert tree.operands[0].right == Literal(1, 17, "date", "2016-01-01", "2016-01-01")
    assert isinstance(tree.operands[3], Known)
    assert tree.operands[3].negated


def test_chinese_keywords_and_full_width_operators_are_accepted():
    criteria = compile_criteria("hte_certificate 且 非 tsme.eligible 或 hte.rd_ratio ≥ 5％")
    assert isinstance(criteria.tree, Or)
    assert isinstance(criteria.tree.operands[0].operands[1], Not)


def test_nested_and_groups_are_flattened_into_clauses():
    criteria = compile_criteria('district in ("440112") and (hte.eligible and tsme.eligible)')
    assert len(criteria.clauses) == 3


def test_an_unknown_name_is_reported_with_its_position_and_a_suggestion():
    caught = error("hte.eligible and\n  hte.rd_ratoi >= 5%")
    assert (caught.line, caught.column) == (2, 3)
    assert "未知变量“hte.rd_ratoi”" in caught.message
    assert "hte.rd_ratio" in caught.message


def test_a_percent_compared_with_an_amount_is_a_type_error():
    caught = error("fy.sales_revenue >= 5%")
    assert "应与金额或数值比较" in caught.message
    assert caught.column == 21


def test_money_compared_with_a_ratio_is_a_type_error():
    assert "不能与金额“5000万”比较" in error("hte.rd_ratio >= 5000万").message


def test_codes_need_quotes():
    assert "应与文字比较" in error("district in (440112)").message


def test_codes_cannot_be_ordered():
    assert "只能用 == 或 != 比较" in error('district > "440112"').message


def test_a_number_alone_is_not_a_condition():
    assert "不能单独作为条件" in error("hte.rd_ratio").message


def test_an_impossible_date_is_refused():
    assert "日期“2024-02-30”不存在" in error("registered_on > 2024-02-30").message


def test_missing_operand_names_the_end_of_the_expression():
    caught = error("hte.eligible and")
    assert "表达式结尾" in caught.message
    assert caught.column == 17


def test_unbalanced_parentheses_are_reported():
    assert "右括号" in error("(hte.eligible and tsme.eligible").message


def test_an_empty_expression_is_refused():
    assert "为空" in error("   ").message


@pytest.mark.parametrize(
    "hostile",
    [
        "__import__('os').system('rm -rf /')",
        "hte.eligible; DROP TABLE policies_policy",
        "hte.eligible and open('/etc/passwd')",
        "{{ settings.SECRET_KEY }}",
        "hte.eligible' or '1'='1",
        "lambda: 1",
        "hte.eligible\x00",
        "hte.__class__.__mro__",
        "`id`",
    ],
)
def test_injection_attempts_are_plain_errors(hostile):
    caught = error(hostile)
    assert caught.line >= 1
    assert caught.column >= 1
    assert str(caught).startswith(f"第{caught.line}行第{caught.column}列：")


def test_very_long_input_is_refused_before_reading_it():
    caught = error("hte.eligible or " * 1000 + "hte.eligible")
    assert f"最多 {MAX_LENGTH} 个字符" in caught.message


def test_deep_nesting_is_refused_without_recursion_errors():
    assert "嵌套层数过多" in error("(" * 500 + "hte.eligible" + ")" * 500).message
    assert "嵌套层数过多" in error("not " * (MAX_DEPTH + 5) + "hte.eligible").message


def test_nesting_within_the_limit_is_fine():
    depth = MAX_DEPTH - 2
    compile_criteria("(" * depth + "hte.eligible" + ")" * depth)


def test_too_many_list_items_are_refused():
    items = ", ".join(f'"{i}"' for i in range(MAX_ITEMS + 1))
    assert "列表项过多" in error(f"district in ({items})").message


def test_every_error_renders_in_chinese_with_line_and_column():
    caught = error("hte.eligible and @")
    assert caught.as_dict() == {
        "message": "无法识别的字符“@”",
        "line": 1,
        "column": 18,
        "text": "第1行第18列：无法识别的字符“@”",
    }


def test_the_criteria_language_is_pure():
    code = "import sys, gaoqi.rules.criteria; print(any(m.split('.')[0] in ('django', 'ninja') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
