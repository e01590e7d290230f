"""Rulebook ``hte``: 高新技术企业认定 (国科发火〔2016〕32号 第十一条 with the 工作指引 definitions)."""

from gaoqi.rules.hte import conditions, gaps, ip, period, rd_expense, score  # noqa: F401  (registers the formulas)
