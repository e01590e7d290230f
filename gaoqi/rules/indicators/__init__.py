"""Indicator systems for ranking enterprises (精选辅导上市高企, 后备上市企业, 标杆): measures, normalisations, weights
and gates, scored in bulk over columns and explained per indicator. Pure: the app supplies the columns."""

from gaoqi.rules.indicators.catalogue import MEASURES, UNIT_LABELS, Measure
from gaoqi.rules.indicators.normalise import BANDED, METHODS, MINMAX, PERCENTILE
from gaoqi.rules.indicators.scoring import Line, Scores, explain, gate_names, score
from gaoqi.rules.indicators.system import Band, Indicator, IndicatorError, System, default_system, system_from_dict

__all__ = [
    "BANDED",
    "MEASURES",
    "METHODS",
    "MINMAX",
    "PERCENTILE",
    "UNIT_LABELS",
    "Band",
    "Indicator",
    "IndicatorError",
    "Line",
    "Measure",
    "Scores",
    "System",
    "default_system",
    "explain",
    "gate_names",
    "score",
    "system_from_dict",
]
