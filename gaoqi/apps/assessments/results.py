"""Reading a stored result (the rules' JSON document, docs/profile-format.md): every part other modules need is
taken out here, so the document's shape is known in one place."""


def result_part(result: dict | None, name: str) -> dict:
    """One top-level part of a result (``hte``, ``tsme``, ``rd_deduction``, ``benefits``), empty when absent."""
    return (result or {}).get(name) or {}


def result_conditions(result: dict | None) -> list[dict]:
    """The eight HTE recognition conditions, in the rules' order."""
    return result_part(result, "hte").get("conditions") or []


def result_gaps(result: dict | None) -> list[dict]:
    """The gap plan, most useful action first."""
    return (result or {}).get("gaps") or []


def result_score_total(result: dict | None) -> dict:
    """The innovation-capability score range, ``{"min": …, "max": …}``."""
    return (result_part(result, "hte").get("score") or {}).get("total") or {}


def result_growth(result: dict | None) -> dict:
    """The growth part of the score (with the net-asset and sales growth rates)."""
    return (result_part(result, "hte").get("score") or {}).get("growth") or {}
