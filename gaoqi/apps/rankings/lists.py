"""Drafting a yearly list: every enterprise scored with the indicator system in force, those meeting the list's entry
criteria (criteria language) taken from the top, each with the figures its score was computed from."""

import datetime as dt
from decimal import Decimal

import numpy as np

from gaoqi.apps.rankings.columns import Population
from gaoqi.apps.rankings.models import IndicatorVersion, ListEntry, RankingList
from gaoqi.apps.rankings.selectors import aligned_facts, score_population
from gaoqi.rules.criteria import QUALIFY, compile_criteria, evaluate
from gaoqi.rules.indicators import Scores, explain

ELIGIBILITY = {
    RankingList.Kind.SELECTED_HTE: "hte_certificate and not listed",
    RankingList.Kind.RESERVE: "not listed",
}
SIZES = {RankingList.Kind.SELECTED_HTE: 50, RankingList.Kind.RESERVE: 100}


def _data(version: IndicatorVersion, population: Population, scores: Scores, row: int) -> list[dict]:
    lines = explain(version.system(), population.columns, scores, row)
    return [
        {
            "key": line.key,
            "label": line.label,
            "value": None if line.value is None else str(line.value),
            "points": round(line.points, 2),
            "note": line.note,
        }
        for line in lines
    ]


def _entry(ranking_list, version, population, scores, ranks, row, **extra) -> ListEntry:
    return ListEntry(
        ranking_list=ranking_list,
        enterprise_id=int(population.ids[row]),
        district=population.districts[row],
        rank=int(ranks[row]),
        score=Decimal(str(round(float(scores.total[row]), 2))),
        data=_data(version, population, scores, row),
        **extra,
    )


def scored(version: IndicatorVersion, today: dt.date):
    """``(population, scores, ranks)`` of every enterprise under ``version``."""
    population, scores = score_population(version.system(), today=today)
    order = scores.order(population.ids)
    ranks = np.empty(population.size, dtype=np.int64)
    ranks[order] = np.arange(1, population.size + 1)
    return population, scores, ranks, order


def draft_entries(ranking_list: RankingList, version: IndicatorVersion, today: dt.date) -> int:
    """Fill a new list with the top ``size`` enterprises meeting its entry criteria; returns how many."""
    population, scores, ranks, order = scored(version, today)
    criteria = compile_criteria(ranking_list.eligibility)
    facts = aligned_facts(set(criteria.names), population.ids, today=today)
    eligible = evaluate(criteria, facts).category == QUALIFY
    rows = [int(row) for row in order if eligible[row]][: ranking_list.size]
    ListEntry.objects.bulk_create([_entry(ranking_list, version, population, scores, ranks, row) for row in rows])
    return len(rows)


def entry_by_hand(ranking_list: RankingList, enterprise_id: int, reason: str, today: dt.date) -> ListEntry:
    """An entry for an enterprise added by hand, scored like the others."""
    population, scores, ranks, _order = scored(ranking_list.version, today)
    row = int(np.searchsorted(population.ids, enterprise_id))
    entry = _entry(ranking_list, ranking_list.version, population, scores, ranks, row, by_hand=True, reason=reason)
    entry.save()
    return entry
