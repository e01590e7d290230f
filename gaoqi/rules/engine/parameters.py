"""Legal figures as dated, cited parameters loaded from YAML.

Every value carries the date it applies from, the clause it comes from and how sure we are of it
(``C``/``C2`` confirmed, ``R`` recalled, ``U`` uncertain, ``estimate`` a gaoqi working assumption).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import yaml

CONFIDENCE = {"C", "C2", "R", "U", "estimate"}
UNCERTAIN = {"R", "U", "estimate"}

# libyaml's parser when PyYAML has it (the same documents, a tenth of the start-up time); the pure-Python one if not.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ParameterFileError(ValueError):
    """A parameter file breaks the format: the message names the parameter and the problem."""


@dataclass(frozen=True)
class Entry:
    """One dated value of a parameter."""

    since: dt.date
    value: object
    reference: str
    confidence: str
    source: str = ""
    note: str = ""

    @property
    def uncertain(self) -> bool:
        return self.confidence in UNCERTAIN


@dataclass(frozen=True)
class Parameter:
    """A named legal figure whose value changes over time."""

    name: str
    label: str
    unit: str
    entries: tuple[Entry, ...]

    def entry_at(self, on: dt.date) -> Entry:
        """The entry in force on ``on``; refuses dates before the first entry."""
        current = None
        for entry in self.entries:
            if entry.since <= on:
                current = entry
        if current is None:
            raise LookupError(f"参数 {self.name}（{self.label}）在 {on} 之前没有规定")
        return current


def _convert(unit: str, raw: object) -> object:
    if unit == "yuan":
        return int(Decimal(str(raw)) * 100)
    if unit in {"ratio", "factor"}:
        return Fraction(str(raw)) if "/" in str(raw) else Fraction(Decimal(str(raw)))
    if unit in {"count", "points", "days", "years", "persons"}:
        return int(raw)
    return raw


def _entry(name: str, unit: str, raw: dict) -> Entry:
    missing = {"since", "value", "reference", "confidence"} - raw.keys()
    if missing:
        raise ParameterFileError(f"{name}: value entry lacks {sorted(missing)}")
    if raw["confidence"] not in CONFIDENCE:
        raise ParameterFileError(f"{name}: confidence must be one of {sorted(CONFIDENCE)}")
    since = raw["since"] if isinstance(raw["since"], dt.date) else dt.date.fromisoformat(str(raw["since"]))
    return Entry(
        since=since,
        value=_convert(unit, raw["value"]),
        reference=raw["reference"],
        confidence=raw["confidence"],
        source=str(raw.get("source", "")),
        note=raw.get("note", ""),
    )


def _walk(prefix: str, node: dict):
    if "values" in node:
        yield prefix, node
        return
    for key, child in node.items():
        yield from _walk(f"{prefix}.{key}" if prefix else key, child)


class ParameterSet:
    """All parameters of the rulebooks, by dotted name."""

    def __init__(self, parameters: dict[str, Parameter]):
        self._parameters = parameters

    @classmethod
    def load(cls, files: dict[str, Path]) -> "ParameterSet":
        """Load ``{namespace: yaml_path}``; names become ``namespace.key.subkey``."""
        parameters = {}
        for namespace, path in files.items():
            for name, node in _walk(namespace, yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)):
                if "label" not in node or "unit" not in node:
                    raise ParameterFileError(f"{name}: needs a label and a unit")
                entries = tuple(
                    sorted((_entry(name, node["unit"], raw) for raw in node["values"]), key=lambda e: e.since)
                )
                parameters[name] = Parameter(name, node["label"], node["unit"], entries)
        return cls(parameters)

    def __getitem__(self, name: str) -> Parameter:
        return self._parameters[name]

    def __iter__(self):
        return iter(self._parameters.values())
