"""An indicator system: which measures count, with what weight, how each is normalised, and the gate (a criteria
expression) an enterprise must meet for the measure to count. Read from and written to plain dicts (the stored form),
checked with a Chinese message naming the field at fault."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path

import yaml

from gaoqi.rules.criteria import SCALE, CriteriaError, compile_criteria
from gaoqi.rules.indicators.catalogue import MEASURES
from gaoqi.rules.indicators.normalise import BANDED, METHODS


class IndicatorError(ValueError):
    """A system that cannot be used; ``field`` names the place (``rd_intensity.weight``)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Band:
    at: Decimal  # lower bound, inclusive, in the measure's unit (ratios as decimals: 0.05)
    points: Decimal  # 0–1

    @property
    def scaled(self) -> int:
        return int(self.at * SCALE)


@dataclass(frozen=True)
class Indicator:
    key: str
    weight: Decimal
    method: str
    bands: tuple[Band, ...] = ()
    gate: str = ""

    @property
    def label(self) -> str:
        return MEASURES[self.key].label


@dataclass(frozen=True)
class System:
    indicators: tuple[Indicator, ...]

    @property
    def total_weight(self) -> Decimal:
        return sum((i.weight for i in self.indicators), Decimal(0))

    def as_dict(self) -> dict:
        return {
            "indicators": [
                {
                    "key": i.key,
                    "weight": str(i.weight),
                    "method": i.method,
                    "bands": [[str(b.at), str(b.points)] for b in i.bands],
                    "gate": i.gate,
                }
                for i in self.indicators
            ]
        }


def _decimal(value, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().removesuffix("%"))
    except (InvalidOperation, AttributeError):
        raise IndicatorError(f"{label}应为数字，收到“{value}”", field) from None
    if not number.is_finite():
        raise IndicatorError(f"{label}应为数字，收到“{value}”", field)
    return number / 100 if str(value).strip().endswith("%") else number


def _bands(raw, key: str, label: str) -> tuple[Band, ...]:
    bands = []
    for at, points in raw or ():
        bound = _decimal(at, f"{key}.bands", f"“{label}”的分档下限")
        share = _decimal(points, f"{key}.bands", f"“{label}”的分档得分")
        if not 0 <= share <= 1:
            raise IndicatorError(f"“{label}”的分档得分应在 0 到 1 之间，收到 {share}", f"{key}.bands")
        bands.append(Band(bound, share))
    if not bands:
        raise IndicatorError(f"“{label}”按分档赋分，至少需要一档（如“5%:1”）", f"{key}.bands")
    if any(a.at >= b.at for a, b in pairwise(bands)):
        raise IndicatorError(f"“{label}”的分档下限应从小到大排列且不重复", f"{key}.bands")
    return tuple(bands)


def _gate(text: str, key: str, label: str) -> str:
    text = (text or "").strip()
    if text:
        try:
            compile_criteria(text)
        except CriteriaError as exc:
            raise IndicatorError(f"“{label}”的门槛条件有误：{exc}", f"{key}.gate") from None
    return text


def _indicator(raw: dict) -> Indicator:
    key = raw.get("key", "")
    if key not in MEASURES:
        raise IndicatorError(f"未知指标“{key}”", "indicators")
    label = MEASURES[key].label
    weight = _decimal(raw.get("weight", ""), f"{key}.weight", f"“{label}”的权重")
    if weight < 0:
        raise IndicatorError(f"“{label}”的权重不能为负数", f"{key}.weight")
    method = raw.get("method", "")
    if method not in METHODS:
        raise IndicatorError(f"“{label}”的归一方法应为 {'、'.join(METHODS)} 之一", f"{key}.method")
    bands = _bands(raw.get("bands"), key, label) if method == BANDED else ()
    return Indicator(key, weight, method, bands, _gate(raw.get("gate", ""), key, label))


def system_from_dict(data: dict) -> System:
    """The checked system; indicators of weight 0 are left out."""
    indicators = [_indicator(raw) for raw in data.get("indicators", [])]
    keys = [i.key for i in indicators]
    if len(keys) != len(set(keys)):
        raise IndicatorError("同一指标出现了两次", "indicators")
    used = tuple(i for i in indicators if i.weight > 0)
    if not used:
        raise IndicatorError("至少需要一个权重大于 0 的指标", "indicators")
    return System(used)


def default_system() -> tuple[str, System]:
    """The name and system of ``default.yaml`` (the demo's and a fresh installation's first version)."""
    data = yaml.safe_load((Path(__file__).parent / "default.yaml").read_text(encoding="utf-8"))
    return data["name"], system_from_dict(data)
