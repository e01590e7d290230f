"""gaoqi.rules — the pure rules engine and rulebooks (hte, tsme, rd_deduction). Imports no Django."""

from gaoqi.rules.api import assess, assess_batch, expand
from gaoqi.rules.errors import ProfileError

__all__ = ["ProfileError", "assess", "assess_batch", "expand"]
