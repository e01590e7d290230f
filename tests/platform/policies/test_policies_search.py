"""Full-text search of the policy library: terms, the index kept current, ranking, AND then OR, snippets, escaping."""

import time
from importlib import import_module

import pytest
from django.apps import apps

from gaoqi.apps.policies import demo, services
from gaoqi.apps.policies.models import Policy, PolicyTerm
from gaoqi.apps.policies.search_terms import MAX_QUERY_TERMS, query_terms, snippet, text_terms, weighted_terms
from gaoqi.apps.policies.selectors import policy_list, policy_search

PUBLISHED = Policy.Status.PUBLISHED


def titles(policies) -> list[str]:
    return [policy.title for policy in policies]


def test_a_chinese_run_becomes_overlapping_bigrams():
    assert query_terms("加计扣除") == ["加计", "计扣", "扣除"]


def test_a_stored_text_also_keeps_single_characters_so_a_one_character_query_finds_it():
    assert {"号", "文", "号文", "文件"} <= text_terms("7号文件").keys()
    assert query_terms("第7号") == ["第", "7", "号"]


def test_latin_words_are_lower_cased_and_numbers_kept_whole():
    assert query_terms("ISO9001认证 研发占比4.99% IPO") == [
        "iso",
        "9001",
        "认证",
        "研发",
        "发占",
        "占比",
        "4.99",
        "ipo",
    ]


def test_full_width_digits_and_letters_equal_half_width_ones():
    assert query_terms("２０２３年第７号") == query_terms("2023年第7号") == ["2023", "年第", "7", "号"]
    assert query_terms("ＩＰＯ") == ["ipo"]


def test_punctuation_separates_terms_and_is_never_a_term():
    assert query_terms("“加计扣除”、（100%）！") == ["加计", "计扣", "扣除", "100"]


@pytest.mark.parametrize("query", ["", "   ", "\n\t　", "，。！？……"])
def test_an_empty_or_punctuation_only_query_has_no_terms(query):
    assert query_terms(query) == []


def test_a_ten_thousand_character_query_is_cut_to_a_bounded_number_of_terms_quickly():
    query = "".join(chr(0x4E00 + i % 3000) for i in range(10_000))
    started = time.perf_counter()
    terms = query_terms(query)
    assert len(terms) <= MAX_QUERY_TERMS
    assert time.perf_counter() - started < 0.1


def test_a_title_term_weighs_more_than_a_number_more_than_a_summary_more_than_a_repeated_full_text_term():
    weights = weighted_terms(
        {"title": "甲", "document_number": "乙", "summary": "丙", "full_text": "丁丁丁丁丁丁丁丁丁丁丁丁丁丁"}
    )
    assert weights["甲"] > weights["乙"] > weights["丙"] > weights["丁"]


def test_a_snippet_shows_where_the_query_matched():
    parts = snippet(["无关", "在据实扣除的基础上再按实际发生额的100%在税前加计扣除。"], "加计扣除")
    assert ("加计扣除", True) in parts
    assert "".join(text for text, _ in parts) == "在据实扣除的基础上再按实际发生额的100%在税前加计扣除。"


def test_a_snippet_of_a_long_text_is_a_window_around_the_first_match():
    parts = snippet(["前" * 500 + "加计扣除" + "后" * 500], "加计扣除")
    assert parts[0] == ("…", False)
    assert parts[-1] == ("…", False)
    assert len("".join(text for text, _ in parts)) < 200


def test_search_finds_the_super_deduction_policy_of_the_seeded_library_by_a_part_of_its_title(cast, sent):
    demo.seed()
    found = titles(policy_list(actor=cast.bureau, q="加计扣除"))
    assert "研发费用税前加计扣除（100%）" in found[:3]
    assert all("加计扣除" in Policy.objects.get(title=title).summary + title for title in found[:3])


def test_search_finds_a_policy_by_its_document_number(cast, sent):
    demo.seed()
    found = titles(policy_list(actor=cast.bureau, q="2023年第7号"))
    assert found[0] == "研发费用税前加计扣除（100%）"


def test_a_title_hit_ranks_above_a_body_hit_even_when_the_body_hit_is_newer(cast, make_policy):
    make_policy(status=PUBLISHED, title="研发费用加计扣除", summary="按规定执行。")
    make_policy(status=PUBLISHED, title="科技型中小企业评价", full_text="入库企业可享受研发费用加计扣除。")
    assert titles(policy_list(actor=cast.owner, q="加计扣除")) == ["研发费用加计扣除", "科技型中小企业评价"]


def test_equal_scores_list_the_newest_first(cast, make_policy):
    older = make_policy(status=PUBLISHED, title="瞪羚企业奖励（一）")
    newer = make_policy(status=PUBLISHED, title="瞪羚企业奖励（二）")
    Policy.objects.filter(pk=older.pk).update(published_at="2024-01-01T00:00:00Z")
    Policy.objects.filter(pk=newer.pk).update(published_at="2025-01-01T00:00:00Z")
    assert titles(policy_list(actor=cast.owner, q="瞪羚")) == ["瞪羚企业奖励（二）", "瞪羚企业奖励（一）"]


def test_every_query_term_must_match_when_some_policy_has_them_all(cast, make_policy):
    make_policy(status=PUBLISHED, title="研发费用加计扣除", summary="研发费用按100%加计扣除。")
    make_policy(status=PUBLISHED, title="瞪羚企业奖励", summary="对瞪羚企业给予奖励。")
    found = policy_search(actor=cast.owner, q="加计扣除 研发")
    assert (titles(found.policies), found.partial) == (["研发费用加计扣除"], False)


def test_without_a_policy_having_every_term_those_with_some_are_listed_as_partial(cast, make_policy):
    make_policy(status=PUBLISHED, title="研发费用加计扣除", summary="研发费用按100%加计扣除。")
    make_policy(status=PUBLISHED, title="瞪羚企业奖励", summary="对瞪羚企业给予奖励。")
    make_policy(status=PUBLISHED, title="上市补贴", summary="募集资金。")
    found = policy_search(actor=cast.owner, q="加计扣除 瞪羚")
    assert found.partial
    assert titles(found.policies) == ["研发费用加计扣除", "瞪羚企业奖励"]


def test_no_match_is_an_empty_list(cast, make_policy):
    make_policy(status=PUBLISHED)
    assert list(policy_list(actor=cast.owner, q="量子计算")) == []
    assert list(policy_list(actor=cast.owner, q="！？")) == []


def test_search_keeps_the_status_and_category_filters(cast, make_policy):
    make_policy(status=PUBLISHED, title="研发费用加计扣除", category="tax")
    make_policy(status=Policy.Status.CLOSED, title="研发费用加计扣除（旧）", category="tax")
    make_policy(status=PUBLISHED, title="加计扣除辅导活动", category="talent")
    assert titles(policy_list(actor=cast.bureau, q="加计扣除", status="published", category="tax")) == [
        "研发费用加计扣除"
    ]


def test_an_enterprise_user_never_finds_a_draft(cast, make_policy):
    make_policy(title="研发费用加计扣除（草稿）")
    assert list(policy_list(actor=cast.owner, q="加计扣除")) == []
    assert titles(policy_list(actor=cast.bureau, q="加计扣除")) == ["研发费用加计扣除（草稿）"]


def test_the_index_is_rebuilt_after_a_policy_is_edited(cast, make_policy, django_capture_on_commit_callbacks):
    policy = make_policy(status=PUBLISHED, title="瞪羚企业奖励")
    with django_capture_on_commit_callbacks(execute=False):
        services.policy_update(actor=cast.bureau, policy=policy, data={"title": "独角兽企业奖励"})
    assert list(policy_list(actor=cast.owner, q="瞪羚")) == []
    assert titles(policy_list(actor=cast.owner, q="独角兽")) == ["独角兽企业奖励"]


def test_a_status_change_leaves_the_index_alone(cast, make_policy, django_capture_on_commit_callbacks):
    policy = make_policy(title="瞪羚企业奖励")
    before = set(PolicyTerm.objects.filter(policy=policy).values_list("term", "weight"))
    with django_capture_on_commit_callbacks(execute=False):
        services.policy_publish(actor=cast.bureau, policy=policy)
    assert set(PolicyTerm.objects.filter(policy=policy).values_list("term", "weight")) == before


def test_the_data_migration_indexes_policies_stored_before_the_index(cast, make_policy):
    make_policy(status=PUBLISHED, title="瞪羚企业奖励")
    PolicyTerm.objects.all().delete()
    import_module("gaoqi.apps.policies.migrations.0003_index_policy_terms").index_policies(apps, None)
    assert titles(policy_list(actor=cast.owner, q="瞪羚")) == ["瞪羚企业奖励"]


def test_a_ten_thousand_character_query_costs_a_few_queries(cast, make_policy, django_assert_max_num_queries):
    make_policy(status=PUBLISHED)
    with django_assert_max_num_queries(6):
        assert list(policy_list(actor=cast.bureau, q="量子计算" * 2500)) == []


def test_the_library_page_lists_results_in_rank_order_with_the_match_highlighted(client, cast, make_policy):
    make_policy(status=PUBLISHED, title="科技型中小企业评价", full_text="入库企业可享受研发费用加计扣除。")
    make_policy(status=PUBLISHED, title="研发费用加计扣除", summary="按实际发生额的100%在税前加计扣除。")
    client.force_login(cast.owner)
    page = client.get("/policies/", {"q": "加计扣除"}).content.decode()
    assert page.index("科技型中小企业评价") > page.index("<mark>加计扣除</mark>")
    assert "在税前<mark>加计扣除</mark>" in page
    assert "入库企业可享受研发费用<mark>加计扣除</mark>" in page


def test_the_library_page_marks_partial_matches(client, cast, make_policy):
    make_policy(status=PUBLISHED, title="瞪羚企业奖励")
    client.force_login(cast.owner)
    page = client.get("/policies/", {"q": "瞪羚 独角兽"}).content.decode()
    assert "部分匹配" in page
    assert "<mark>瞪羚</mark>企业奖励" in page


def test_no_match_gives_a_friendly_chinese_message(client, cast, make_policy):
    make_policy(status=PUBLISHED)
    client.force_login(cast.owner)
    page = client.get("/policies/", {"q": "量子计算"}).content.decode()
    assert "没有找到与“量子计算”相关的政策" in page


def test_html_in_the_query_and_the_policy_is_escaped_in_the_page(client, cast, make_policy):
    make_policy(status=PUBLISHED, summary="<script>alert(1)</script>研发费用加计扣除<img src=x onerror=alert(2)>")
    client.force_login(cast.owner)
    page = client.get("/policies/", {"q": "<script>alert(3)</script>加计扣除"}).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert (
        "&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/<mark>script</mark>&gt;研发费用<mark>加计扣除</mark>"
        "&lt;img src=x onerror=<mark>alert</mark>(2)&gt;"
    ) in page
    miss = client.get("/policies/", {"q": "<i>量子</i>"}).content.decode()
    assert "<i>量子" not in miss
    assert "没有找到与“&lt;i&gt;量子&lt;/i&gt;”相关的政策" in miss


def test_the_api_returns_search_results_in_the_same_order_as_the_page(client, cast, make_policy):
    make_policy(status=PUBLISHED, title="科技型中小企业评价", full_text="入库企业可享受研发费用加计扣除。")
    make_policy(status=PUBLISHED, title="研发费用加计扣除")
    make_policy(status=PUBLISHED, title="上市补贴")
    client.force_login(cast.owner)
    found = client.get("/api/v1/policies", {"q": "加计扣除"}).json()
    assert [item["title"] for item in found] == ["研发费用加计扣除", "科技型中小企业评价"]


def test_a_policy_whose_title_is_the_query_comes_first(cast, make_policy):
    make_policy(status=PUBLISHED, title="高新技术企业认定")
    make_policy(status=PUBLISHED, title="广州市高新技术企业认定奖励", summary="对高新技术企业认定给予奖励。")
    assert titles(policy_list(actor=cast.owner, q="高新技术企业认定"))[0] == "高新技术企业认定"


def test_a_stored_full_form_also_gives_the_terms_of_its_short_form():
    assert {"高企", "研发"} <= text_terms("高新技术企业的研究开发费用").keys()
    assert text_terms("高企")["高企"] == 1
    assert "高企" not in text_terms("高新技术产品")


def test_the_short_form_finds_the_policies_written_out_in_full(cast, sent):
    demo.seed()
    found = titles(policy_list(actor=cast.bureau, q="高企认定"))
    assert "高新技术企业认定" in found[:3]
    assert all("高新技术企业" in title for title in found[:3])
    assert any("高企" in Policy.objects.get(title=title).summary for title in found)
