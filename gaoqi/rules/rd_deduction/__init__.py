"""Rulebook ``rd_deduction``: 研发费用加计扣除 (财税〔2015〕119号 and later announcements)."""

from gaoqi.rules.rd_deduction import deduction  # noqa: F401  (registers the formulas)
