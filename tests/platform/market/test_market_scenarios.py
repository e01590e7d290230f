"""Scenarios and proposals: who publishes, who proposes, who sees and moves which proposal; pushes on publication."""

import datetime

import pytest

from gaoqi.apps.market.models import Product, Proposal
from gaoqi.apps.market.selectors import proposals_visible, scenarios_managed
from gaoqi.apps.market.services import product_move, proposal_move, proposal_submit, scenario_publish
from gaoqi.apps.notifications.models import Notice
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied
from tests.platform.conftest import HUANGPU

NEW = {
    "title": "地铁站台安全智能巡检",
    "problem": "需要隧道巡检机器人与视觉识别，自动发现轨道隧道渗漏。",
    "field": "108",
    "budget": "5m-20m",
    "deadline": datetime.date(2026, 11, 30),
    "district": HUANGPU,
}


def test_an_owner_publishes_for_its_own_organisation_only(market):
    scenario = scenario_publish(actor=market.other_owner, organisation=market.metro, **NEW)
    assert scenario in scenarios_managed(actor=market.other_owner)
    assert scenario not in scenarios_managed(actor=market.scenario_owner)
    with pytest.raises(PermissionDenied):
        scenario_publish(actor=market.scenario_owner, organisation=market.metro, **NEW)
    with pytest.raises(PermissionDenied):
        scenario_publish(actor=market.owner, organisation=market.metro, **NEW)


def test_the_bureau_publishes_for_any_owner_but_not_with_a_past_deadline(market):
    with pytest.raises(DomainError) as caught:
        scenario_publish(
            actor=market.bureau, organisation=market.metro, **{**NEW, "deadline": datetime.date(2026, 8, 31)}
        )
    assert caught.value.field == "deadline"
    assert scenario_publish(actor=market.bureau, organisation=market.metro, **NEW).organisation == market.metro


def test_a_new_scenario_is_pushed_to_the_enterprises_whose_listed_products_match_with_reasons(
    market, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scenario = scenario_publish(actor=market.other_owner, organisation=market.metro, **NEW)
    notice = Notice.objects.get(user=market.outsider, topic="market")
    assert notice.link == f"/market/scenarios/{scenario.pk}/"
    assert "地铁隧道巡检机器人" in notice.reason
    assert "同属一个技术领域" in notice.reason
    assert not Notice.objects.filter(user=market.owner, topic="market").exists()  # its only product is a draft


def test_a_newly_listed_product_is_pushed_to_owners_of_matching_open_scenarios(
    market, django_capture_on_commit_callbacks
):
    for to in (Product.State.SUBMITTED, Product.State.APPROVED):
        product_move(actor=market.owner if to == "submitted" else market.bureau, pk=market.draft.pk, to=to)
    with django_capture_on_commit_callbacks(execute=True):
        product_move(actor=market.bureau, pk=market.draft.pk, to=Product.State.LISTED)
    notice = Notice.objects.get(user=market.scenario_owner, topic="market")
    assert "影像科肺结节筛查提效" in notice.reason
    assert not Notice.objects.filter(user=market.other_owner).exists()


def test_an_enterprise_proposes_once_and_sees_only_its_own_proposals(market):
    mine = proposal_submit(
        actor=market.owner, scenario=market.scenario, text="部署肺结节辅助诊断", products=[market.draft]
    )
    theirs = proposal_submit(actor=market.outsider, scenario=market.scenario, text="通用方案")
    assert list(proposals_visible(actor=market.colleague)) == [mine]
    assert list(proposals_visible(actor=market.outsider)) == [theirs]
    with pytest.raises(DomainError):
        proposal_submit(actor=market.colleague, scenario=market.scenario, text="再交一次")
    with pytest.raises(DomainError) as caught:
        proposal_submit(actor=market.outsider, scenario=market.scenario, text="x", products=[market.draft])
    assert caught.value.field == "products"


def test_the_owner_sees_every_proposal_of_its_scenarios_and_another_owner_none(market):
    proposal = proposal_submit(actor=market.owner, scenario=market.scenario, text="方案")
    assert list(proposals_visible(actor=market.scenario_owner)) == [proposal]
    assert list(proposals_visible(actor=market.other_owner)) == []
    assert list(proposals_visible(actor=market.mentor)) == []
    with pytest.raises(NotFound):
        proposal_move(actor=market.other_owner, pk=proposal.pk, to=Proposal.State.SHORTLISTED)


def test_the_owner_shortlists_connects_and_signs_in_order(market):
    proposal = proposal_submit(actor=market.owner, scenario=market.scenario, text="方案")
    with pytest.raises(DomainError):
        proposal_move(actor=market.scenario_owner, pk=proposal.pk, to=Proposal.State.SIGNED)
    proposal_move(actor=market.scenario_owner, pk=proposal.pk, to=Proposal.State.SHORTLISTED, comment="请来路演")
    proposal_move(actor=market.scenario_owner, pk=proposal.pk, to=Proposal.State.CONNECTED)
    signed = proposal_move(actor=market.scenario_owner, pk=proposal.pk, to=Proposal.State.SIGNED)
    assert (signed.state, signed.comment) == ("signed", "请来路演")
    with pytest.raises(PermissionDenied):
        proposal_move(actor=market.owner, pk=proposal.pk, to=Proposal.State.DECLINED)


def test_proposals_close_with_the_deadline(market, clock):
    clock.at(datetime.datetime(2027, 1, 1, 10, 0, tzinfo=datetime.UTC))
    with pytest.raises(DomainError):
        proposal_submit(actor=market.owner, scenario=market.scenario, text="迟到的方案")
