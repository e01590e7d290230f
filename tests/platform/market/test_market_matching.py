"""Matching: BM25 over Chinese terms plus field, district and capability features, every suggestion with reasons."""

from gaoqi.apps.market.matching import Doc, Index, match_terms
from gaoqi.apps.market.suggest import enterprises_for, products_for, scenarios_for

PRODUCTS = [
    Doc(1, "肺结节CT影像人工智能辅助诊断软件", "205", "440112", ("首版次",)),
    Doc(2, "地铁隧道巡检机器人 激光雷达", "108", "440106"),
    Doc(3, "医用高分子敷料", "404", "440112"),
    Doc(4, "医院物流机器人", "805", "440113"),
]


def test_terms_are_bigrams_and_words_without_single_characters():
    assert set(match_terms("CT影像")) == {"ct", "影像"}


def test_the_product_that_answers_the_need_ranks_first_with_its_reasons():
    index = Index(PRODUCTS)
    [found] = index.top([Doc(9, "影像科需要人工智能辅助诊断肺结节", "205", "440112")], k=3)
    assert found[0].id == 1
    assert found[0].reasons[0].startswith("共有关键词：")
    assert "同属一个技术领域（二级）" in found[0].reasons
    assert "位于同一区" in found[0].reasons
    assert "已获首版次认定" in found[0].reasons


def test_text_alone_finds_a_product_of_another_field():
    [found] = Index(PRODUCTS).top([Doc(9, "医院内部物流配送机器人", "205", "")], k=1)
    assert found[0].id == 4


def test_scores_are_a_queries_by_documents_matrix_and_k_is_capped():
    index = Index(PRODUCTS)
    assert index.scores([Doc(9, "机器人", "108")]).shape == (1, 4)
    assert len(index.top([Doc(9, "机器人", "108")], k=50)[0]) == 4
    assert Index([]).top([Doc(9, "机器人", "108")]) == [[]]


def test_pages_suggest_listed_products_enterprises_and_open_scenarios(market):
    market.scenario.problem = "需要隧道巡检机器人"
    assert [s.item for s in products_for(market.scenario)] == [market.listed]
    assert [s.item for s in enterprises_for(market.scenario)] == [market.theirs]
    assert [s.item for s in scenarios_for(market.theirs)] == [market.scenario]
