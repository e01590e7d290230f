"""The cost model and the reason given for a pair."""

from gaoqi.apps.mentoring.matching import (
    DISTRICT_MISS,
    FIELD_MISS,
    TOPIC_MISS,
    UNASSIGNED_COST,
    Need,
    Offer,
    cost_matrix,
    reason,
)

NEED = Need(1, "440112", "10105", ("ip", "talent", "rd_accounting", "finance"))
PERFECT = Offer(10, "440112", ("101",), ("ip", "talent", "rd_accounting"), 5)
ELSEWHERE = Offer(11, "440106", ("20",), ("finance",), 5)


def test_a_mentor_of_the_same_field_district_and_topics_costs_nothing():
    assert cost_matrix([NEED], [PERFECT]).tolist() == [[0]]


def test_each_mismatch_adds_its_weight_and_only_the_three_most_urgent_topics_count():
    assert cost_matrix([NEED], [ELSEWHERE]).tolist() == [[FIELD_MISS + DISTRICT_MISS + 3 * TOPIC_MISS]]


def test_the_dearest_pair_is_still_cheaper_than_no_mentor():
    assert FIELD_MISS + DISTRICT_MISS + 3 * TOPIC_MISS < UNASSIGNED_COST


def test_field_prefixes_match_the_start_of_the_code_only():
    need = Need(2, "440112", "20105", ())
    assert cost_matrix([need], [Offer(12, "440112", ("10", "201"), (), 1)]).tolist() == [[0]]
    assert cost_matrix([need], [Offer(13, "440112", ("0",), (), 1)]).tolist() == [[FIELD_MISS]]


def test_the_reason_names_field_district_and_topics():
    text = reason(NEED, PERFECT)
    assert "擅长本企业技术领域（电子信息）" in text
    assert "同在黄埔区" in text
    assert "可辅导差距主题：知识产权、科技人才、研发费用归集与加计扣除" in text
    assert "未覆盖" not in text


def test_the_reason_owns_up_to_what_does_not_fit():
    text = reason(NEED, ELSEWHERE)
    assert "技术领域不完全对口" in text
    assert "跨区服务（企业在黄埔区）" in text
    assert "未覆盖主题：知识产权、科技人才、研发费用归集与加计扣除" in text
