"""Rulebook ``tsme``: 科技型中小企业评价 (国科发政〔2017〕115号, 国科火字〔2022〕67号)."""

from gaoqi.rules.tsme import evaluation  # noqa: F401  (registers the formulas)
