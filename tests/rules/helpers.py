"""Shared helpers for the rules tests."""

from gaoqi.rules.report.layout import localise


def without_basis(result: dict) -> dict:
    """A single-assessment result reduced to what bulk evaluation also produces (the trace is single-only)."""
    for condition in result["hte"]["conditions"]:
        condition.pop("basis", None)
    return result


def explained(results: list[dict], language: str = "zh") -> list[dict]:
    """Bulk results with their sentences written from their messages, as a single assessment has them."""
    return [localise(result, language) for result in results]
