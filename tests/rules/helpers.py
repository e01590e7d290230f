"""Shared helpers for the rules tests."""


def without_explanations(result: dict) -> dict:
    """A single-assessment result reduced to what bulk evaluation also produces."""
    for condition in result["hte"]["conditions"]:
        condition.pop("basis", None)
        condition["explanation"] = None
    for item in result["gaps"]:
        item["description"] = None
    return result
