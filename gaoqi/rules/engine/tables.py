"""Columnar input tables: one row per enterprise, child entities (fiscal years, IP items…) grouped by owner."""

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Tables:
    """Input columns by variable name, with knownness masks and child-entity owner offsets.

    Child rows of one enterprise are contiguous; ``starts[entity][i]`` .. ``starts[entity][i + 1]`` are the rows
    of enterprise ``i``.
    """

    size: int
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    known: dict[str, np.ndarray] = field(default_factory=dict)
    starts: dict[str, np.ndarray] = field(default_factory=dict)
    _owners: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def owner(self, entity: str) -> np.ndarray:
        """Enterprise row index of every row of a child entity."""
        if entity not in self._owners:
            self._owners[entity] = np.repeat(np.arange(self.size), np.diff(self.starts[entity]))
        return self._owners[entity]

    def subset(self, keep: np.ndarray, entity_of) -> "Tables":
        """The tables of the enterprises where ``keep`` holds, their child rows with them; ``entity_of(name)``
        names the entity of each column."""
        if keep.all():
            return self
        rows = {"enterprise": keep, **{entity: keep[self.owner(entity)] for entity in self.starts}}
        out = Tables(size=int(keep.sum()))
        for name, values in self.columns.items():
            mask = rows[entity_of(name)]
            out.columns[name] = values[mask]
            if name in self.known:
                out.known[name] = self.known[name][mask]
        for entity, starts in self.starts.items():
            out.starts[entity] = np.concatenate([[0], np.cumsum(np.diff(starts)[keep])]).astype(np.int64)
        return out

    def segment_sum(self, entity: str, values: np.ndarray) -> np.ndarray:
        """Exact per-enterprise sums of a child-entity column (integers stay integers)."""
        values = values.astype(np.int64) if values.dtype == bool else values
        cumulative = np.concatenate([np.zeros(1, dtype=values.dtype), np.cumsum(values)])
        starts = self.starts[entity]
        return cumulative[starts[1:]] - cumulative[starts[:-1]]

    def segment_max(self, entity: str, values: np.ndarray, empty) -> np.ndarray:
        """Per-enterprise maximum of a child-entity column, ``empty`` where an enterprise has no rows."""
        starts = self.starts[entity]
        out = np.full(self.size, empty, dtype=values.dtype)
        present = np.diff(starts) > 0
        if present.any():
            out[present] = np.maximum.reduceat(values, starts[:-1][present])
        return out
