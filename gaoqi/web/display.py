"""Large type and high contrast: the reader's display choices, kept in a cookie so they hold before signing in too.

base.html puts ``Display.classes`` on ``<html>``, so the page is drawn in the chosen mode from the first byte, without
script; ``web/theme.css`` says what each class changes.
"""

from dataclasses import dataclass

COOKIE = "gaoqi_display"
COOKIE_MAX_AGE = 365 * 24 * 3600
OPTIONS = {"large": "a11y-large", "contrast": "a11y-contrast"}  # option → class on <html>


@dataclass(frozen=True)
class Display:
    chosen: frozenset[str] = frozenset()

    @property
    def large(self) -> bool:
        return "large" in self.chosen

    @property
    def contrast(self) -> bool:
        return "contrast" in self.chosen

    @property
    def classes(self) -> str:
        return " ".join(OPTIONS[o] for o in sorted(self.chosen))

    @property
    def cookie_value(self) -> str:
        return ",".join(sorted(self.chosen))

    def toggled(self, option: str) -> "Display":
        return Display(self.chosen ^ {option})


def display_of(request) -> Display:
    """The choices in the request's cookie; anything unknown in it is ignored."""
    return Display(frozenset(request.COOKIES.get(COOKIE, "").split(",")) & OPTIONS.keys())
