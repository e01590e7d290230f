"""Gap-plan actions lead to the service topics that close them."""

from gaoqi.core.topics import Topic, topic_of_action, topics_for_gaps


def test_every_management_element_is_an_rd_management_topic():
    assert topic_of_action("establish_rd_ledger") == Topic.RD_MANAGEMENT


def test_a_gap_plan_yields_its_topics_in_order_without_repeats():
    gaps = [{"action": "increase_rd"}, {"action": "add_class_ii_ip"}, {"action": "increase_domestic_rd"}]
    assert topics_for_gaps(gaps) == [Topic.RD_ACCOUNTING, Topic.IP]


def test_an_action_without_a_specific_topic_falls_back_to_recognition():
    assert topic_of_action("supply_data") == Topic.RECOGNITION
