"""Optimal one-to-one assignment with capacities: a transportation (min-cost flow) problem, arrays in, arrays out.

Enterprises whose cost rows are identical form one class; the flow runs from classes (supply = class size) to mentors
(capacity) plus an "unassigned" sink that is dearer than any real match, so the problem is always feasible and leaves
enterprises unassigned only when capacity runs out. The flow is integral because every capacity is.
"""

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_flow

UNASSIGNED = -1
FAR = np.iinfo(np.int64).max // 4  # an unreachable distance that survives adding a cost


@dataclass(frozen=True)
class Solution:
    mentor: np.ndarray  # mentor column per enterprise row, UNASSIGNED when no capacity was left
    objective: int  # total cost, unassigned rows counted at ``unassigned_cost``
    classes: int  # distinct cost rows the problem was reduced to


def objective(cost: np.ndarray, mentor: np.ndarray, unassigned_cost: int) -> int:
    """Total cost of an assignment."""
    rows = np.arange(len(mentor))
    assigned = mentor != UNASSIGNED
    return int(cost[rows[assigned], mentor[assigned]].sum() + unassigned_cost * (~assigned).sum())


def solve(cost: np.ndarray, capacity: np.ndarray, unassigned_cost: int) -> Solution:
    """Assign each row of ``cost`` (enterprises × mentors, integers) to at most one column within ``capacity``."""
    n, m = cost.shape
    if n == 0 or m == 0:
        return Solution(np.full(n, UNASSIGNED), unassigned_cost * n, 0)
    classes, member_class, sizes = np.unique(cost, axis=0, return_inverse=True, return_counts=True)
    member_class = member_class.ravel()
    flow = _transport(classes, sizes, np.asarray(capacity, dtype=np.int64), unassigned_cost)
    mentor = _spread(flow, member_class, m)
    return Solution(mentor, objective(cost, mentor, unassigned_cost), len(classes))


def _transport(classes: np.ndarray, sizes: np.ndarray, capacity: np.ndarray, unassigned_cost: int) -> np.ndarray:
    """Integral min-cost flow (classes × (mentors + 1)) by the primal-dual method; the last column is unassigned.

    Each phase finds the shortest residual distance from the source to every node, then pushes a maximum flow
    through the arcs that lie on shortest paths. Distances are small integers, so there are few phases.
    """
    cost = np.hstack([classes, np.full((len(classes), 1), unassigned_cost)]).astype(np.int64)
    supply = sizes.astype(np.int64)
    free = np.append(capacity, supply.sum()).astype(np.int64)
    flow = np.zeros(cost.shape, dtype=np.int64)
    while supply.any():
        to_class, to_mentor = _distances(cost, flow, supply)
        pushed = _max_flow(cost, flow, supply, free, to_class, to_mentor)
        flow += pushed
        supply -= pushed.sum(axis=1)
        free -= pushed.sum(axis=0)
    return flow


def _distances(cost, flow, supply) -> tuple[np.ndarray, np.ndarray]:
    """Shortest residual distances from the source to each class and each mentor (Bellman-Ford over the bipartite
    residual graph; the current flow is optimal for its value, so there is no negative cycle)."""
    to_class = np.where(supply > 0, 0, FAR)
    while True:
        to_mentor = (to_class[:, None] + cost).min(axis=0)
        back = np.where(flow > 0, to_mentor[None, :] - cost, FAR).min(axis=1)
        shorter = np.minimum(to_class, back)
        if (shorter == to_class).all():
            return to_class, to_mentor
        to_class = shorter


def _max_flow(cost, flow, supply, free, to_class, to_mentor) -> np.ndarray:
    """A maximum flow over the arcs on shortest source–sink paths, as the net change per class and mentor."""
    k, cols = cost.shape
    source, sink = 0, k + cols + 1
    target = to_mentor[free > 0].min()
    arcs = []  # (tail, head, capacity)
    starts = np.flatnonzero((supply > 0) & (to_class == 0))
    arcs.append((np.zeros_like(starts), starts + 1, supply[starts]))
    rows, cols_ = np.nonzero((to_class[:, None] < FAR) & (to_class[:, None] + cost == to_mentor[None, :]))
    arcs.append((rows + 1, cols_ + k + 1, np.full(len(rows), supply.sum() + free[:-1].sum())))
    rows, cols_ = np.nonzero((flow > 0) & (to_mentor[None, :] - cost == to_class[:, None]))
    arcs.append((cols_ + k + 1, rows + 1, flow[rows, cols_]))
    ends = np.flatnonzero((free > 0) & (to_mentor == target))
    arcs.append((ends + k + 1, np.full(len(ends), sink), free[ends]))
    tails, heads, caps = (np.concatenate(part) for part in zip(*arcs, strict=True))
    graph = csr_array((caps.astype(np.int32), (tails, heads)), shape=(sink + 1, sink + 1))
    result = maximum_flow(graph, source, sink, method="dinic")
    return result.flow[1 : k + 1, k + 1 : k + cols + 1].toarray().astype(np.int64)


def _spread(flow: np.ndarray, member_class: np.ndarray, m: int) -> np.ndarray:
    """Hand each class's flow out to its members, in row order."""
    mentor = np.full(len(member_class), UNASSIGNED)
    order = np.argsort(member_class, kind="stable")
    starts = np.searchsorted(member_class[order], np.arange(len(flow)))
    columns = np.append(np.arange(m), UNASSIGNED)
    for k, start in enumerate(starts):
        targets = np.repeat(columns, flow[k])
        mentor[order[start : start + len(targets)]] = targets
    return mentor


def greedy(cost: np.ndarray, capacity: np.ndarray, unassigned_cost: int) -> Solution:
    """The baseline: each enterprise in turn takes its cheapest mentor with capacity left."""
    left = np.asarray(capacity, dtype=np.int64).copy()
    mentor = np.full(cost.shape[0], UNASSIGNED)
    for row in range(cost.shape[0]):
        open_columns = np.flatnonzero(left > 0)
        if not len(open_columns):
            break
        best = open_columns[np.argmin(cost[row, open_columns])]
        if cost[row, best] < unassigned_cost:
            mentor[row] = best
            left[best] -= 1
    return Solution(mentor, objective(cost, mentor, unassigned_cost), cost.shape[0])
