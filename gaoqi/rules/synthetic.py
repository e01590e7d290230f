"""Deterministic synthetic enterprise profiles, Guangzhou-shaped, for property tests, benchmarks and demo data.

Profiles vary widely on purpose: young firms, missing sections, zero and negative bases, used IP, incidents.
"""

import datetime as dt
import random

import orjson

from gaoqi.rules.profile import MANAGEMENT_ITEMS, RD_CATEGORIES

DISTRICTS = (
    "440103",
    "440104",
    "440105",
    "440106",
    "440111",
    "440112",
    "440113",
    "440114",
    "440115",
    "440117",
    "440118",
)
DISTRICT_WEIGHTS = (4, 5, 6, 22, 10, 20, 12, 6, 7, 3, 5)
FIELDS = ("10101", "10105", "10201", "10404", "20101", "20501", "30101", "40301", "50301", "60301", "70101", "80402")
INDUSTRIES = ("I6513", "C3911", "C2720", "M7320", "C3581", "F5211", "C4011", "I6431")
IP_KINDS = ("invention_patent", "utility_model", "software_copyright", "design_patent", "ic_layout")


def _amount(rng: random.Random, low: float, high: float) -> str:
    """A log-uniform amount in yuan as a decimal string with cents."""
    value = 10 ** rng.uniform(low, high)
    return f"{value:.2f}"


def _year(rng: random.Random, year: int, sales: float, growth: float) -> dict:
    sales = max(sales * (1 + growth), 0.0)
    rd_total = sales * rng.uniform(0.0, 0.09)
    shares = [rng.random() for _ in RD_CATEGORIES]
    shares[7] *= 0.2 if rng.random() < 0.2 else 0.0
    total_share = sum(shares) or 1.0
    employees = max(1, int(10 ** rng.uniform(0.7, 3.2)))
    total_income = sales * rng.uniform(1.0, 1.15)
    return {
        "year": year,
        "sales_revenue": f"{sales:.2f}",
        "total_income": f"{total_income:.2f}",
        "hightech_income": f"{total_income * rng.uniform(0.3, 0.98):.2f}",
        "net_assets_end": f"{sales * rng.uniform(-0.1, 0.8):.2f}",
        "total_assets_end": f"{sales * rng.uniform(0.5, 2.0):.2f}",
        "employees": employees,
        "st_staff": round(employees * rng.uniform(0.02, 0.5), 2),
        "rd": {key: f"{rd_total * share / total_share:.2f}" for key, share in zip(RD_CATEGORIES, shares, strict=True)},
        "taxable_income": f"{sales * rng.uniform(-0.05, 0.2):.2f}",
        "total_costs": f"{sales * rng.uniform(0.6, 1.1):.2f}",
    }


def profile(rng: random.Random, application_date: dt.date = dt.date(2026, 6, 30), *, complete: bool = False) -> dict:
    """One random profile; ``complete`` makes every section present with three fiscal years."""
    age_days = rng.randint(200, 6000) if not complete else rng.randint(1500, 6000)
    registered = application_date - dt.timedelta(days=age_days)
    first_year = max(registered.year, application_date.year - 3)
    sales = 10 ** rng.uniform(6, 9.2)
    years = []
    for year in range(first_year, application_date.year):
        growth = rng.choice((rng.uniform(-0.3, 0.6), 0.0, rng.uniform(0.0, 0.4)))
        years.append(_year(rng, year, sales, growth))
        sales = float(years[-1]["sales_revenue"])
    ip = [
        {
            "kind": rng.choice(IP_KINDS),
            "granted_on": (application_date - dt.timedelta(days=rng.randint(-30, 3000))).isoformat(),
            "acquired_by": rng.choice(("own", "own", "own", "transfer", "gift", "merger")),
            "core": rng.random() < 0.6,
            "used_before": rng.random() < 0.25,
        }
        for _ in range(rng.choice((0, 1, 2, 3, 5, 8, 12)))
    ]
    result = {
        "name": f"广州合成样本{rng.randrange(10**8):08d}科技有限公司",
        "registered_on": registered.isoformat(),
        "district": rng.choices(DISTRICTS, DISTRICT_WEIGHTS)[0],
        "tech_field": rng.choice((*FIELDS, "99999")) if not complete else rng.choice(FIELDS),
        "industry": rng.choice(INDUSTRIES),
        "is_manufacturing": rng.random() < 0.4,
        "application_date": application_date.isoformat(),
        "fiscal_years": years,
        "ip": ip,
        "conversions": {str(y["year"]): rng.choice((0, 1, 2, 3, 4, 6)) for y in years},
        "management": {item: rng.random() < 0.6 for item in MANAGEMENT_ITEMS},
        "self_rating": {"advancement": rng.choice("ABCDE"), "core_support": rng.choice("ABCDE")},
        "standards": rng.random() < 0.2,
        "incidents": [
            {
                "kind": rng.choice(("safety", "quality", "environment")),
                "on": (application_date - dt.timedelta(days=rng.randint(0, 800))).isoformat(),
                "major": rng.random() < 0.5,
            }
            for _ in range(rng.choice((0, 0, 0, 0, 1)))
        ],
        "tsme_routes": {"hte_certificate": rng.random() < 0.2, "led_standard": rng.random() < 0.05},
    }
    if not complete:
        for key in ("ip", "conversions", "management", "self_rating", "incidents", "industry", "standards"):
            if rng.random() < 0.08:
                del result[key]
    return result


def profiles(count: int, seed: int = 0, **options) -> list[dict]:
    """``count`` deterministic profiles."""
    rng = random.Random(seed)
    return [profile(rng, **options) for _ in range(count)]


def _as_exported(rng: random.Random, amount: str):
    """An amount as real exports give it: a decimal string, a JSON number, now and then with thousands separators."""
    draw = rng.random()
    if draw < 0.45:
        return amount
    if draw < 0.495:
        whole, _, cents = amount.partition(".")
        return f"{int(whole):,}.{cents}" if not whole.startswith("-") else amount
    value = float(amount)
    return int(value) if value.is_integer() else value


_INVALID = (
    lambda p: p["fiscal_years"][0].update(sales_revenue="12.345"),
    lambda p: p["fiscal_years"][0].update(total_income=-5),
    lambda p: p.update(registered_on="2020-02-30"),
    lambda p: p.update(ip=[{"kind": "trademark", "granted_on": "2020-01-01"}]),
    lambda p: p.update(self_rating={"advancement": "F"}),
)


def mixed_profiles(count: int, seed: int = 0, invalid_share: float = 0.002) -> list[dict | bytes]:
    """Profiles shaped like real exports: amounts as strings or numbers, optional keys left out, and about
    ``invalid_share`` invalid lines (a bad amount, date or code in a profile, or a line cut short, as bytes)."""
    rng = random.Random(seed)
    out = []
    for p in profiles(count, seed=seed):
        for year in p["fiscal_years"]:
            for key in ("taxable_income", "total_costs"):
                if rng.random() < 0.3:
                    del year[key]
            for key, value in list(year.items()):
                if isinstance(value, str):
                    year[key] = _as_exported(rng, value)
            for key in list(year["rd"]):
                if rng.random() < 0.1:
                    del year["rd"][key]
                else:
                    year["rd"][key] = _as_exported(rng, year["rd"][key])
        if rng.random() < 0.2:
            del p["tsme_routes"]
        if rng.random() < invalid_share and p["fiscal_years"]:
            spoil = rng.randrange(len(_INVALID) + 1)
            if spoil == len(_INVALID):
                out.append(orjson.dumps(p)[:60])
                continue
            _INVALID[spoil](p)
        out.append(p)
    return out
