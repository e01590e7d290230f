"""The rules engine: variables, dated parameters, explained single and columnar bulk evaluation."""

from gaoqi.rules.engine.evaluation import Evaluation
from gaoqi.rules.engine.parameters import ParameterSet
from gaoqi.rules.engine.status import FAIL, PASS, UNKNOWN
from gaoqi.rules.engine.tables import Tables
from gaoqi.rules.engine.variables import Registry, Variable

__all__ = ["FAIL", "PASS", "UNKNOWN", "Evaluation", "ParameterSet", "Registry", "Tables", "Variable"]
