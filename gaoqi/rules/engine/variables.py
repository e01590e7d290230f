"""Variables: a labelled, cited quantity with one formula per effective period (inputs have none)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

Formula = Callable[["object"], object]


@dataclass
class Variable:
    """A quantity the rules read or compute, for one entity (enterprise, fiscal_year, ip, …)."""

    name: str
    label: str
    unit: str
    entity: str = "enterprise"
    reference: str = ""
    formulas: list[tuple[dt.date, Formula]] = field(default_factory=list)

    @property
    def is_input(self) -> bool:
        return not self.formulas

    def formula_at(self, on: dt.date) -> Formula:
        """The formula in force on ``on``."""
        current = None
        for since, formula in self.formulas:
            if since <= on:
                current = formula
        if current is None:
            raise LookupError(f"变量 {self.name}（{self.label}）在 {on} 之前没有适用的规则")
        return current


class Registry:
    """Every variable of the rulebooks, by name."""

    def __init__(self):
        self._variables: dict[str, Variable] = {}

    def input(self, name: str, label: str, unit: str, entity: str = "enterprise", reference: str = "") -> None:
        """Declare an input read from the enterprise profile."""
        self._add(Variable(name, label, unit, entity, reference))

    def formula(self, label: str, unit: str, reference: str = "", entity: str = "enterprise", since="2016-01-01"):
        """Decorator declaring a computed variable named after the function, in force from ``since``.

        Declaring the same name again with a later ``since`` adds the formula for the next period.
        """
        since_date = dt.date.fromisoformat(since)

        def register(function: Formula) -> Formula:
            existing = self._variables.get(function.__name__)
            if existing is None:
                existing = Variable(function.__name__, label, unit, entity, reference)
                self._add(existing)
            existing.formulas.append((since_date, function))
            existing.formulas.sort(key=lambda pair: pair[0])
            return function

        return register

    def _add(self, variable: Variable) -> None:
        if variable.name in self._variables:
            raise ValueError(f"variable {variable.name} is declared twice")
        self._variables[variable.name] = variable

    def __getitem__(self, name: str) -> Variable:
        return self._variables[name]

    def __contains__(self, name: str) -> bool:
        return name in self._variables

    def __iter__(self):
        return iter(self._variables.values())
