"""How the platform writes the exact decimal strings of a result: percentages and money, the same on every page,
print and export."""

from decimal import Decimal, InvalidOperation


def percent(value: object) -> str | None:
    """A ratio or rate string as a percentage: ``"0.0495"`` → ``"4.95%"`` (exact, no rounding)."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)) * 100
    except InvalidOperation:
        return str(value)
    text = f"{number:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def yuan(value: object) -> str | None:
    """A money string with thousands separators and two decimals: ``"2480000.00"`` → ``"2,480,000.00"``."""
    if value is None or value == "":
        return None
    try:
        return f"{Decimal(str(value)):,.2f}"
    except InvalidOperation:
        return str(value)
