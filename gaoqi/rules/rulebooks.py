"""The rulebooks, their parameters and content fingerprints."""

import hashlib
from functools import cache
from pathlib import Path

from gaoqi.rules.engine import ParameterSet

HERE = Path(__file__).parent
RULEBOOKS = ("hte", "tsme", "rd_deduction")


@cache
def parameters() -> ParameterSet:
    """Every rulebook's parameters, loaded once."""
    files = {name: HERE / name / "parameters.yaml" for name in RULEBOOKS if (HERE / name / "parameters.yaml").exists()}
    files["hte.fields"] = HERE / "hte" / "fields.yaml"
    files["estimates"] = HERE / "estimates.yaml"
    return ParameterSet.load({k: v for k, v in files.items() if v.exists()})


@cache
def fingerprints() -> dict[str, str]:
    """A short content hash of each rulebook's formulas and parameters (test cases excluded)."""
    shared = [*sorted((HERE / "engine").glob("*.py")), HERE / "exact.py", HERE / "profile.py", HERE / "catalogue.py"]
    result = {}
    for name in RULEBOOKS:
        digest = hashlib.sha256()
        for path in shared + sorted((HERE / name).glob("*.py")) + sorted((HERE / name).glob("*.yaml")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        result[name] = digest.hexdigest()[:16]
    return result
