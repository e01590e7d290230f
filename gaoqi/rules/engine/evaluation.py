"""Evaluate variables over columnar tables, optionally tracing every variable and parameter read.

The same formulas run for one enterprise (tables of size 1, traced, explained) and for many (bulk, untraced).
"""

import datetime as dt
from collections import defaultdict

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.engine.parameters import Entry, ParameterSet
from gaoqi.rules.engine.tables import Tables
from gaoqi.rules.engine.variables import Registry


class Evaluation:
    """Lazy, memoised evaluation of variables for the enterprises in ``tables`` under the law of ``as_of``."""

    def __init__(self, registry: Registry, parameters: ParameterSet, tables: Tables, as_of: dt.date, *, trace=False):
        self.registry = registry
        self.parameters = parameters
        self.tables = tables
        self.as_of = as_of
        self.size = tables.size
        self._values: dict[str, np.ndarray] = {}
        self._stack: list[str] = []
        self.trace = trace
        self.dependencies: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def __call__(self, name: str) -> np.ndarray:
        """The values of variable ``name``."""
        if self.trace:
            self._note("variable", name)
        value = self._values.get(name)
        if value is not None:
            return value
        variable = self.registry[name]
        if variable.is_input:
            value = self.tables.columns[name]
        else:
            self._stack.append(name)
            try:
                value = variable.formula_at(self.as_of)(self)
            finally:
                self._stack.pop()
        self._values[name] = value
        return value

    def once(self, key: str, compute):
        """Memoise a helper result shared by several variables (e.g. a band's min and max); traced runs record
        what the helper read once and let every variable that uses it depend on it."""
        slot = f"({key})"
        if self.trace:
            self._note("variable", slot)
        if slot not in self._values:
            self._stack.append(slot)
            try:
                self._values[slot] = compute()
            finally:
                self._stack.pop()
        return self._values[slot]

    def known(self, name: str) -> np.ndarray:
        """Where input ``name`` was supplied (inputs without a mask are always known)."""
        if self.trace:
            self._note("variable", name)
        mask = self.tables.known.get(name)
        if mask is None:
            mask = self.tables.known[name] = np.ones(len(self(name)), dtype=bool)
        return mask

    def param(self, name: str) -> object:
        """The value of parameter ``name`` in force on the as-of date."""
        return self.param_entry(name).value

    def param_entry(self, name: str) -> Entry:
        if self.trace:
            self._note("parameter", name)
        return self.parameters[name].entry_at(self.as_of)

    def rate_on(self, name: str, dates: np.ndarray) -> np.ndarray:
        """Per-row values of a rate parameter on per-row dates, in 1/10⁴ units (0 before its first entry)."""
        if self.trace:
            self._note("parameter", name)
        parameter = self.parameters[name]
        starts = np.array([np.datetime64(e.since, "D") for e in parameter.entries])
        rates = np.array([0] + [exact.basis_points(e.value) for e in parameter.entries], dtype=np.int64)
        return rates[np.searchsorted(starts, dates, side="right")]

    def sum(self, entity: str, values: np.ndarray) -> np.ndarray:
        """Per-enterprise sum of a child-entity column."""
        return self.tables.segment_sum(entity, values)

    def max(self, entity: str, values: np.ndarray, empty) -> np.ndarray:
        """Per-enterprise maximum of a child-entity column."""
        return self.tables.segment_max(entity, values, empty)

    def broadcast(self, entity: str, values: np.ndarray) -> np.ndarray:
        """An enterprise-level column repeated onto the rows of a child entity."""
        return values[self.tables.owner(entity)]

    def pick(self, entity: str, mask: np.ndarray, values: np.ndarray, default=0) -> tuple[np.ndarray, np.ndarray]:
        """For each enterprise, the value on its child row where ``mask`` holds, and whether there was one."""
        rows = np.flatnonzero(mask)
        owners = self.tables.owner(entity)[rows]
        picked = np.full(self.size, default, dtype=values.dtype if values.dtype != bool else bool)
        found = np.zeros(self.size, dtype=bool)
        picked[owners] = values[rows]
        found[owners] = True
        return picked, found

    def _note(self, kind: str, name: str) -> None:
        if self._stack:
            reads = self.dependencies[self._stack[-1]]
            if (kind, name) not in reads:
                reads.append((kind, name))

    def reads(self, name: str) -> tuple[list[str], list[str]]:
        """Every input variable and parameter that ``name`` depended on, transitively (traced runs only)."""
        inputs, parameters, seen = [], [], set()
        pending = [("variable", name)]
        while pending:
            kind, item = pending.pop()
            if (kind, item) in seen:
                continue
            seen.add((kind, item))
            if kind == "parameter":
                parameters.append(item)
            elif item not in self.registry:
                pending.extend(reversed(self.dependencies.get(item, [])))
            elif self.registry[item].is_input:
                inputs.append(item)
            else:
                pending.extend(reversed(self.dependencies.get(item, [])))
        return inputs, parameters
