"""Reads of 梯次培育与精选, scoped by who asks: bureau staff see every enterprise, district staff their district's;
the indicator scores are computed over every enterprise (so that normalisations compare the whole city) and only
the visible rows are returned."""

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from gaoqi.apps.enterprises.selectors import districts_overseen, enterprise_get
from gaoqi.apps.policies.facts import load_facts
from gaoqi.apps.rankings.columns import Population, load_population
from gaoqi.apps.rankings.models import IndicatorVersion, WhatIfScenario
from gaoqi.core.errors import NotFound, PermissionDenied
from gaoqi.core.roles import STAFF_ROLES, Role
from gaoqi.rules.criteria import Column, Facts
from gaoqi.rules.indicators import Line, Scores, System, explain, gate_names, score


def staff_only(actor) -> list[str]:
    """The districts a staff member oversees; PermissionDenied for everyone else."""
    if not (actor.is_authenticated and actor.role in STAFF_ROLES):
        raise PermissionDenied
    return districts_overseen(actor=actor)


def indicator_version_list(*, actor):
    staff_only(actor)
    return IndicatorVersion.objects.select_related("created_by")


def indicator_version_get(*, actor, pk) -> IndicatorVersion:
    try:
        return indicator_version_list(actor=actor).get(pk=pk)
    except (IndicatorVersion.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def indicator_version_current(on: dt.date | None = None) -> IndicatorVersion | None:
    """The version in force on ``on`` (today): the latest effective one."""
    on = on or timezone.localdate()
    return IndicatorVersion.objects.filter(effective_on__lte=on).first()


@dataclass(frozen=True)
class Board:
    """Scores of every enterprise under one system; ``visible`` are the rows the asker may read, best first."""

    version: IndicatorVersion
    system: System
    population: Population
    scores: Scores
    ranks: np.ndarray  # citywide rank (1 = best) per row
    visible: np.ndarray

    def row(self, index: int) -> dict:
        p = self.population
        return {
            "enterprise_id": int(p.ids[index]),
            "name": p.names[index],
            "district": p.districts[index],
            "tech_field": p.fields[index],
            "score": round(float(self.scores.total[index]), 2),
            "rank": int(self.ranks[index]),
        }

    def rows(self, limit: int | None = None) -> list[dict]:
        return [self.row(int(i)) for i in self.visible[:limit]]

    def explain(self, index: int) -> list[Line]:
        return explain(self.system, self.population.columns, self.scores, index)


def score_population(system: System, *, today: dt.date) -> tuple[Population, Scores]:
    """Columns and scores of every enterprise under ``system``."""
    population = load_population(today=today)
    names = gate_names(system)
    facts = aligned_facts(names, population.ids, today=today) if names else None
    return population, score(system, population.columns, facts)


def aligned_facts(names: set[str], ids: np.ndarray, *, today: dt.date) -> Facts:
    """The criteria facts ``names`` of the enterprises ``ids`` (ascending), row for row; an enterprise the facts
    do not cover (added between the two reads) has unknown facts."""
    found, _districts, facts = load_facts(names, today=today)
    if not len(found):
        return Facts(len(ids))
    order = np.argsort(found)
    at = np.clip(np.searchsorted(found[order], ids), 0, len(found) - 1)
    rows, present = order[at], found[order][at] == ids
    columns = {name: Column(c.values[rows], c.known[rows] & present) for name, c in facts.columns.items()}
    return Facts(len(ids), columns)


def board(*, actor, version: IndicatorVersion | None = None, district: str = "", tech_area: str = "") -> Board:
    """The score board under ``version`` (the one in force when not given) for the rows ``actor`` may read,
    narrowed to one district or technology area when asked."""
    overseen = staff_only(actor)
    version = version or indicator_version_current()
    if version is None:
        raise NotFound
    system = version.system()
    population, scores = score_population(system, today=timezone.localdate())
    order = scores.order(population.ids)
    ranks = np.empty(population.size, dtype=np.int64)
    ranks[order] = np.arange(1, population.size + 1)
    keep = np.isin(population.districts[order], overseen)
    if district:
        keep &= population.districts[order] == district
    if tech_area:
        keep &= np.array([str(f).startswith(tech_area) for f in population.fields[order]], dtype=bool)
    return Board(version, system, population, scores, ranks, order[keep])


def score_explain(*, actor, enterprise_pk, version: IndicatorVersion | None = None) -> tuple[dict, list[Line]]:
    """One visible enterprise's score, indicator by indicator (NotFound for one the actor may not see)."""
    staff_only(actor)
    enterprise = enterprise_get(actor=actor, pk=enterprise_pk)
    scored = board(actor=actor, version=version)
    index = int(np.searchsorted(scored.population.ids, enterprise.pk))
    return scored.row(index), scored.explain(index)


def what_if_list(*, actor):
    """Saved what-ifs: the bureau's tool."""
    if not (actor.is_authenticated and actor.role == Role.BUREAU):
        raise PermissionDenied
    return WhatIfScenario.objects.select_related("base_version", "created_by")


def what_if_get(*, actor, pk) -> WhatIfScenario:
    try:
        return what_if_list(actor=actor).get(pk=pk)
    except (WhatIfScenario.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
