"""Match a policy's criteria against enterprises: in bulk (one query, vectorised) or for one enterprise, explained."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.policies.facts import load_facts
from gaoqi.apps.policies.models import Policy
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.errors import DomainError
from gaoqi.rules.criteria import (
    LACKS,
    NEARLY,
    QUALIFY,
    SCALE,
    Criteria,
    CriteriaError,
    Facts,
    Near,
    Outcome,
    compile_criteria,
    cost_facts,
    describe,
    evaluate,
    explain,
    near_on,
)

EVERYONE = "district is known"


def criteria_for(criteria: str) -> Criteria:
    """Checked criteria of a policy (empty criteria match everyone in its districts); errors name the field
    ``criteria`` and point into the text as typed."""
    try:
        return compile_criteria(criteria if criteria.strip() else EVERYONE)
    except CriteriaError as exc:
        raise DomainError(str(exc), code="invalid_criteria", field="criteria") from None


def code_names() -> dict[str, str]:
    return {code: str(name) for code, name in DISTRICT_NAMES.items()}


@dataclass(frozen=True)
class Matches:
    criteria: Criteria
    ids: np.ndarray
    districts: list[str]
    facts: Facts
    outcome: Outcome
    near: Near

    def counts(self) -> dict[str, int]:
        return self.outcome.counts()

    def by_district(self) -> dict[str, dict[str, int]]:
        """Counts of qualify / nearly / lacks per district code."""
        table = {}
        districts = np.array(self.districts, dtype=object)
        for status in (QUALIFY, NEARLY, LACKS):
            codes, numbers = np.unique(districts[self.outcome.category == status], return_counts=True)
            for code, number in zip(codes.tolist(), numbers.tolist(), strict=True):
                table.setdefault(code, dict.fromkeys((QUALIFY, NEARLY, LACKS), 0))[status] = number
        return dict(sorted(table.items()))

    def rows(self, status: str) -> np.ndarray:
        return np.flatnonzero(self.outcome.category == status)

    def missing(self, row: int) -> str:
        """The unmet clauses of an enterprise, in words."""
        names = code_names()
        return "；".join(describe(self.criteria.clauses[i], names) for i in self.outcome.unmet_clauses(row))

    def cost(self, row: int) -> Decimal | None:
        """The estimated cost of closing the unmet clauses, in yuan; None when they cannot be closed by spending."""
        column = self.outcome.cost
        return Decimal(int(column.values[row])) / SCALE if column.known[row] else None

    def explain(self, row: int) -> list[dict]:
        return explain(self.criteria, self.outcome, self.facts, row, code_names())


def match(
    criteria: Criteria,
    *,
    districts=(),
    enterprise_ids=None,
    within=None,
    today: dt.date | None = None,
    support_amount: Decimal | None = None,
) -> Matches:
    """Evaluate ``criteria`` at once for every enterprise in ``districts`` (all when empty), or those listed, among
    the queryset ``within`` when given, with the nearness rule in force ``today`` for a policy offering up to
    ``support_amount``."""
    today = today or timezone.localdate()
    ids, found_districts, facts = load_facts(
        criteria.names | cost_facts(criteria),
        districts=districts,
        enterprise_ids=enterprise_ids,
        within=within,
        today=today,
    )
    near = near_on(today, support_amount)
    return Matches(criteria, ids, found_districts, facts, evaluate(criteria, facts, near), near)


def match_policy(policy: Policy, *, district: str = "", **kwargs) -> Matches:
    """Match a policy against the enterprises of its districts, narrowed to ``district`` when given."""
    districts = policy.districts
    if district:
        if districts and district not in districts:
            kwargs["enterprise_ids"] = []
        districts = [district]
    return match(criteria_for(policy.criteria), districts=districts, support_amount=policy.support_amount, **kwargs)


def reason(criteria: Criteria, districts: list[str]) -> str:
    """Why a qualifying enterprise got the notice: the policy's districts and every clause it meets."""
    names = code_names()
    scope = (
        _("适用区：%(districts)s；") % {"districts": "、".join(names.get(c, c) for c in districts)} if districts else ""
    )
    if criteria.source == EVERYONE:
        return scope + _("面向全部企业")
    return scope + _("符合条件：%(clauses)s") % {"clauses": "；".join(describe(c, names) for c in criteria.clauses)}


def _yuan(amount: Decimal) -> str:
    return (
        _("%(n)s万元") % {"n": f"{(amount / 10_000).normalize():f}"}
        if amount >= 10_000
        else _("%(n)s元") % {"n": f"{amount.normalize():f}"}
    )


def nearness_rule(near: Near) -> str:
    """What "接近符合" means for this policy, in words, with the figures of the rule in force."""
    if near.support_amount:
        limit = _("政策最高支持金额%(amount)s的%(share)s%%，即%(limit)s") % {
            "amount": _yuan(near.support_amount),
            "share": f"{(near.cost_share * 100).normalize():f}",
            "limit": _yuan(near.cost_limit),
        }
    else:
        limit = _("%(limit)s（政策未载明支持金额）") % {"limit": _yuan(near.cost_limit)}
    return _(
        "接近符合：未满足的条件不超过%(n)s项，且都不是成立年限、规模、所在区、资质证书、上市等短期内无法改变的条件；"
        "按自评差距方案估算，补齐的投入不超过%(limit)s。"
    ) % {"n": near.max_unmet, "limit": limit}


def nearly_reason(found: Matches, row: int) -> str:
    """Why one enterprise counts as nearly qualifying: what is missing, what closing it costs, and the rule."""
    cost = found.cost(row)
    return _("还差：%(missing)s；预计补齐投入约%(cost)s。%(rule)s") % {
        "missing": found.missing(row),
        "cost": _yuan(cost) if cost else _("0元"),
        "rule": nearness_rule(found.near),
    }
