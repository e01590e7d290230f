"""The assignment solver: optimal against brute force, never worse than greedy, capacities respected."""

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog

from gaoqi.apps.mentoring.solver import UNASSIGNED, greedy, objective, solve

UNASSIGNED_COST = 100


def brute_force(cost, capacity, unassigned_cost):
    n, m = cost.shape
    best = None
    for choice in itertools.product(range(-1, m), repeat=n):
        loads = np.bincount([c for c in choice if c >= 0], minlength=m)
        if (loads <= capacity).all():
            value = objective(cost, np.array(choice), unassigned_cost)
            best = value if best is None else min(best, value)
    return best


def loads(solution, m):
    return np.bincount(solution.mentor[solution.mentor != UNASSIGNED], minlength=m)


@pytest.mark.parametrize("seed", range(40))
def test_it_finds_the_brute_force_optimum_on_small_cases(seed):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(1, 7), rng.integers(1, 4)
    cost = rng.integers(0, 4, size=(n, m)) * 3
    capacity = rng.integers(0, 3, size=m)
    solution = solve(cost, capacity, UNASSIGNED_COST)
    assert solution.objective == brute_force(cost, capacity, UNASSIGNED_COST)
    assert (loads(solution, m) <= capacity).all()


def test_it_beats_greedy_where_greedy_takes_the_shared_favourite_first():
    # Both enterprises prefer mentor 0; only the second one has no good alternative.
    cost = np.array([[0, 1], [0, 9]])
    capacity = np.array([1, 1])
    assert greedy(cost, capacity, UNASSIGNED_COST).objective == 9
    optimal = solve(cost, capacity, UNASSIGNED_COST)
    assert optimal.objective == 1
    assert optimal.mentor.tolist() == [1, 0]


@pytest.mark.parametrize("seed", range(5))
def test_it_is_never_worse_than_greedy_on_larger_cases(seed):
    rng = np.random.default_rng(seed)
    cost = rng.integers(0, 15, size=(400, 12))
    capacity = rng.integers(10, 40, size=12)
    optimal, baseline = solve(cost, capacity, UNASSIGNED_COST), greedy(cost, capacity, UNASSIGNED_COST)
    assert optimal.objective <= baseline.objective
    assert (loads(optimal, 12) <= capacity).all()
    assert (optimal.mentor != UNASSIGNED).sum() == min(400, capacity.sum())


def test_enterprises_with_identical_costs_are_solved_as_one_class():
    cost = np.array([[1, 2]] * 50 + [[2, 1]] * 50)
    solution = solve(cost, np.array([60, 60]), UNASSIGNED_COST)
    assert solution.classes == 2
    assert solution.objective == 100


def test_it_leaves_enterprises_unassigned_only_when_capacity_runs_out():
    cost = np.zeros((5, 2), dtype=int)
    solution = solve(cost, np.array([1, 2]), UNASSIGNED_COST)
    assert (solution.mentor == UNASSIGNED).sum() == 2
    assert solution.objective == 2 * UNASSIGNED_COST


def test_no_mentors_or_no_enterprises_need_no_solver():
    assert solve(np.zeros((3, 0), dtype=int), np.zeros(0), UNASSIGNED_COST).objective == 3 * UNASSIGNED_COST
    assert solve(np.zeros((0, 2), dtype=int), np.array([1, 1]), UNASSIGNED_COST).mentor.size == 0


@pytest.mark.parametrize("seed", range(3))
def test_it_matches_an_independent_linear_programme_on_medium_cases(seed):
    rng = np.random.default_rng(seed)
    n, m = 80, 6
    cost = rng.integers(0, 16, size=(n, m))
    capacity = rng.integers(5, 20, size=m)
    full = np.hstack([cost, np.full((n, 1), UNASSIGNED_COST)])
    supply_rows = np.kron(np.eye(n), np.ones(m + 1))
    load_rows = np.vstack([np.kron(np.ones(n), np.eye(m + 1)[j]) for j in range(m)])
    programme = linprog(
        full.ravel(), A_ub=load_rows, b_ub=capacity, A_eq=supply_rows, b_eq=np.ones(n), bounds=(0, 1), method="highs"
    )
    assert solve(cost, capacity, UNASSIGNED_COST).objective == round(programme.fun)
