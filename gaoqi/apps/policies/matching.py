"""Match a policy's criteria against enterprises: in bulk (one query, vectorised) or for one enterprise, explained."""

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from gaoqi.apps.policies.facts import load_facts
from gaoqi.apps.policies.models import Policy
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.errors import DomainError
from gaoqi.rules.criteria import (
    LACKS,
    NEARLY,
    QUALIFY,
    Criteria,
    CriteriaError,
    Facts,
    Outcome,
    compile_criteria,
    describe,
    evaluate,
    explain,
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
        """The one unmet clause of a nearly-qualifying enterprise, in words."""
        index = int(self.outcome.unmet_clause[row])
        return describe(self.criteria.clauses[index], code_names()) if index >= 0 else ""

    def explain(self, row: int) -> list[dict]:
        return explain(self.criteria, self.outcome, self.facts, row, code_names())


def match(
    criteria: Criteria, *, districts=(), enterprise_ids=None, within=None, today: dt.date | None = None
) -> Matches:
    """Evaluate ``criteria`` at once for every enterprise in ``districts`` (all when empty), or those listed, among
    the queryset ``within`` when given."""
    ids, found_districts, facts = load_facts(
        criteria.names, districts=districts, enterprise_ids=enterprise_ids, within=within, today=today
    )
    return Matches(criteria, ids, found_districts, facts, evaluate(criteria, facts))


def match_policy(policy: Policy, *, district: str = "", **kwargs) -> Matches:
    """Match a policy against the enterprises of its districts, narrowed to ``district`` when given."""
    districts = policy.districts
    if district:
        if districts and district not in districts:
            kwargs["enterprise_ids"] = []
        districts = [district]
    return match(criteria_for(policy.criteria), districts=districts, **kwargs)


def reason(criteria: Criteria, districts: list[str]) -> str:
    """Why a qualifying enterprise got the notice: the policy's districts and every clause it meets."""
    names = code_names()
    scope = (
        _("适用区：%(districts)s；") % {"districts": "、".join(names.get(c, c) for c in districts)} if districts else ""
    )
    if criteria.source == EVERYONE:
        return scope + _("面向全部企业")
    return scope + _("符合条件：%(clauses)s") % {"clauses": "；".join(describe(c, names) for c in criteria.clauses)}
