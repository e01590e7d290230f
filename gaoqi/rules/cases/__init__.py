"""Readable YAML test cases beside each rulebook, and the loader that turns them into profiles and expectations.

A case file holds a list of cases::

    - name: 营收5000万（含）按5%档：研发占比4.99%不达标
      extends: 三年完整档案          # a base profile from bases.yaml (optional)
      profile:                      # deep-merged over the base; lists replace,
        fiscal_years:               # except fiscal_years given as {year: {...}}, merged year by year
          2025: {sales_revenue: "50000000"}
      as_of: 2026-11-28             # optional; default 2026-11-28
      expect:                       # dotted paths into the result; list items by id or action
        hte.conditions.rd_ratio.status: fail
"""

import copy
import datetime as dt
import re
from pathlib import Path

import yaml

HERE = Path(__file__).parent
RULES = HERE.parent
DEFAULT_AS_OF = dt.date(2026, 11, 28)
ABSENT = "(absent)"


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false, so keys such as ``on`` (an incident's date) stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def bases() -> dict:
    return load(HERE / "bases.yaml")


def _merge(base, override):
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return copy.deepcopy(override)


def _merge_years(base_years: list, override: dict) -> list:
    years = {int(year["year"]): year for year in base_years}
    for year, figures in override.items():
        if figures is None:
            years.pop(int(year), None)
        else:
            years[int(year)] = _merge(years.get(int(year), {"year": int(year)}), figures)
    return [years[year] for year in sorted(years)]


def profile_of(case: dict, named_bases: dict) -> dict:
    """The full profile a case describes."""
    profile = copy.deepcopy(named_bases[case["extends"]]) if case.get("extends") else {}
    override = dict(case.get("profile") or {})
    years = override.pop("fiscal_years", None)
    for key in [k for k, v in override.items() if v == ABSENT]:
        profile.pop(key, None)
        override.pop(key)
    profile = _merge(profile, override)
    if isinstance(years, dict):
        profile["fiscal_years"] = _merge_years(profile.get("fiscal_years", []), years)
    elif years is not None:
        profile["fiscal_years"] = years
    return profile


def lookup(result, path: str):
    """Follow a dotted path; list items are found by index, ``id`` or ``action``. Missing → ABSENT."""
    node = result
    for part in path.split("."):
        if isinstance(node, list):
            if part.isdigit():
                node = node[int(part)] if int(part) < len(node) else ABSENT
            else:
                node = next((item for item in node if part in (item.get("id"), item.get("action"))), ABSENT)
        elif isinstance(node, dict):
            node = node.get(part, ABSENT)
        if node == ABSENT:
            return ABSENT
    return node


def all_cases() -> list[tuple[str, dict]]:
    """(file id, case) for every case file under the rulebooks."""
    found = []
    for path in sorted(RULES.glob("*/cases/*.yaml")):
        for case in load(path) or []:
            found.append((f"{path.parent.parent.name}/{path.stem}", case))
    return found
