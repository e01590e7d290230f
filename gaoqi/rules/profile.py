"""Read enterprise profiles (the JSON format of docs/profile-format.md) into columnar tables.

Validation happens here, once, for single and bulk evaluation alike; every error names its field.
Amounts become integer fen, headcounts integer hundredths of a person, dates integer days since 1970-01-01.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

import numpy as np

from gaoqi.rules.engine import Tables
from gaoqi.rules.errors import ProfileError

EPOCH = dt.date(1970, 1, 1)
GRADES = "ABCDE"
IP_KINDS = (
    "invention_patent",
    "plant_variety",
    "crop_variety",
    "new_drug",
    "tcm_protected",
    "ic_layout",
    "utility_model",
    "design_patent",
    "software_copyright",
)
ACQUISITION = ("own", "transfer", "gift", "merger")
INCIDENT_KINDS = ("safety", "quality", "environment")
RD_CATEGORIES = (
    "personnel",
    "direct_inputs",
    "depreciation",
    "amortization",
    "design",
    "equipment_trials",
    "entrusted_domestic",
    "entrusted_overseas",
    "other",
)
YEAR_AMOUNTS = (
    "sales_revenue",
    "total_income",
    "hightech_income",
    "net_assets_end",
    "total_assets_end",
    "taxable_income",
    "total_costs",
)
SIGNED_YEAR_AMOUNTS = ("net_assets_end", "taxable_income")
CHILD_ENTITIES = ("fiscal_year", "ip", "conversion", "incident")
HEADCOUNTS = ("employees", "st_staff")
MANAGEMENT_ITEMS = (
    "rd_system",
    "rd_accounting",
    "rd_ledger",
    "rd_institution",
    "cooperation",
    "conversion_incentives",
    "innovation_platform",
    "talent_training",
    "talent_incentives",
)
TSME_ROUTES = ("hte_certificate", "national_award_top3", "provincial_rd_institution", "led_standard")
FLAGS = ("is_manufacturing", "standards", "on_120_list")
MAX_AMOUNT = Decimal("1e13")  # 十万亿元: far above any enterprise, keeps every product exact in int64


def to_fen(value, field: str, *, signed=False) -> int:
    """Yuan given as a number or decimal string → integer fen; at most two decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ProfileError(field, f"应为金额（元），例如 1234.56，收到 {value!r}")
    if isinstance(value, int):
        amount = Decimal(value)
    else:
        try:
            amount = Decimal(repr(value) if isinstance(value, float) else value.strip().replace(",", ""))
        except InvalidOperation:
            raise ProfileError(field, f"应为金额（元），例如 1234.56，收到 {value!r}") from None
    if not amount.is_finite():
        raise ProfileError(field, f"应为有限金额，收到 {value!r}")
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise ProfileError(field, f"金额最多保留两位小数（到分），收到 {value!r}")
    if amount < 0 and not signed:
        raise ProfileError(field, f"金额不能为负数，收到 {value!r}")
    if abs(amount) >= MAX_AMOUNT:
        raise ProfileError(field, f"金额超出合理范围（十万亿元以内），收到 {value!r}")
    return int(amount * 100)


def to_centi(value, field: str) -> int:
    """A headcount (annual average, may have decimals) → integer hundredths of a person."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ProfileError(field, f"应为人数（可含两位小数的年平均数），收到 {value!r}")
    try:
        count = Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        raise ProfileError(field, f"应为人数，收到 {value!r}") from None
    if not count.is_finite() or count < 0 or count > 10_000_000:
        raise ProfileError(field, f"人数应在 0 到 1000万 之间，收到 {value!r}")
    return int((count * 100).to_integral_value())


def to_day(value, field: str) -> int:
    """An ISO date → days since 1970-01-01."""
    if isinstance(value, dt.date):
        return (value - EPOCH).days
    try:
        return (dt.date.fromisoformat(value) - EPOCH).days
    except (TypeError, ValueError):
        raise ProfileError(field, f"应为日期 YYYY-MM-DD，收到 {value!r}") from None


def to_bool(value, field: str) -> bool:
    if not isinstance(value, bool):
        raise ProfileError(field, f"应为 true 或 false，收到 {value!r}")
    return value


def choice(value, options, field: str) -> int:
    if value not in options:
        hint = "；商标不属于高企认定的知识产权" if value == "trademark" else ""
        raise ProfileError(field, f"应为 {' | '.join(options)} 之一，收到 {value!r}{hint}")
    return options.index(value)


def section(profile: dict, key: str, kind: type):
    value = profile.get(key)
    if value is not None and not isinstance(value, kind):
        raise ProfileError(key, "应为对象（{…}）" if kind is dict else "应为列表（[…]）")
    return value


class _Columns:
    """Accumulates column values and knownness for one entity."""

    def __init__(self):
        self.values: dict[str, list] = {}
        self.known: dict[str, list] = {}

    def add(self, name: str, value, known=True) -> None:
        self.values.setdefault(name, []).append(value)
        self.known.setdefault(name, []).append(known)


class _Profile:
    """The validated columns of one profile, kept apart until the whole profile is read."""

    def __init__(self, default_day: int):
        self.default_day = default_day
        self.enterprise = _Columns()
        self.children = {entity: _Columns() for entity in CHILD_ENTITIES}

    def read(self, p: dict) -> None:
        e = self.enterprise
        for key in ("registered_on",):
            e.add(key, to_day(p[key], key) if p.get(key) is not None else 0, p.get(key) is not None)
        application = p.get("application_date")
        e.add("application_day", to_day(application, "application_date") if application else self.default_day)
        for key in ("district", "tech_field", "industry"):
            value = p.get(key)
            if value is not None and not isinstance(value, str | int):
                raise ProfileError(key, f"应为代码字符串，收到 {value!r}")
            e.add(key, "" if value is None else str(value).strip(), value not in (None, ""))
        for key in FLAGS:
            value = p.get(key)
            e.add(key, False if value is None else to_bool(value, key), value is not None)
        self._read_grades(p)
        self._read_group(p, "management", MANAGEMENT_ITEMS, known_when_absent=False)
        self._read_group(p, "tsme_routes", TSME_ROUTES, known_when_absent=True)
        self._read_years(p)
        self._read_ip(p)
        self._read_conversions(p)
        self._read_incidents(p)

    def _read_grades(self, p: dict) -> None:
        rating = section(p, "self_rating", dict) or {}
        for key in ("advancement", "core_support"):
            grade = rating.get(key)
            field = f"self_rating.{key}"
            self.enterprise.add(
                f"rating_{key}", 0 if grade is None else choice(grade, GRADES, field), grade is not None
            )

    def _read_group(self, p: dict, key: str, items: tuple[str, ...], *, known_when_absent: bool) -> None:
        group = section(p, key, dict)
        for item in items:
            value = None if group is None else group.get(item)
            known = value is not None or known_when_absent
            self.enterprise.add(f"{key}_{item}", False if value is None else to_bool(value, f"{key}.{item}"), known)

    def _read_years(self, p: dict) -> None:
        years = section(p, "fiscal_years", list)
        self.enterprise.add("fiscal_years_reported", years is not None)
        seen = set()
        rows = self.children["fiscal_year"]
        for i, year in enumerate(years or []):
            where = f"fiscal_years[{i}]"
            if not isinstance(year, dict):
                raise ProfileError(where, "应为对象（{…}）")
            number = year.get("year")
            if isinstance(number, bool) or not isinstance(number, int) or not 1990 <= number <= 2100:
                raise ProfileError(f"{where}.year", f"应为 1990–2100 之间的年份，收到 {number!r}")
            if number in seen:
                raise ProfileError(f"{where}.year", f"{number} 年重复出现")
            seen.add(number)
            rows.add("fy_year", number)
            for key in YEAR_AMOUNTS:
                value = year.get(key)
                fen = 0 if value is None else to_fen(value, f"{where}.{key}", signed=key in SIGNED_YEAR_AMOUNTS)
                rows.add(key, fen, value is not None)
            for key in HEADCOUNTS:
                value = year.get(key)
                rows.add(key, 0 if value is None else to_centi(value, f"{where}.{key}"), value is not None)
            rd = year.get("rd")
            if rd is not None and not isinstance(rd, dict):
                raise ProfileError(f"{where}.rd", "应为对象（{…}），按八类研发费用填写")
            for key in RD_CATEGORIES:
                value = None if rd is None else rd.get(key)
                # A reported R&D breakdown with a category left out means nothing was spent on it.
                rows.add(f"rd_{key}", 0 if value is None else to_fen(value, f"{where}.rd.{key}"), rd is not None)

    def _read_ip(self, p: dict) -> None:
        items = section(p, "ip", list)
        self.enterprise.add("ip_reported", items is not None)
        rows = self.children["ip"]
        for i, item in enumerate(items or []):
            where = f"ip[{i}]"
            if not isinstance(item, dict):
                raise ProfileError(where, "应为对象（{…}）")
            rows.add("ip_kind", choice(item.get("kind"), IP_KINDS, f"{where}.kind"))
            granted = item.get("granted_on")
            rows.add(
                "ip_granted_day",
                to_day(granted, f"{where}.granted_on") if granted else 0,
                granted is not None,
            )
            expires = item.get("expires_on")
            rows.add("ip_expires_day", to_day(expires, f"{where}.expires_on") if expires else 1 << 40)
            acquired = item.get("acquired_by")
            rows.add(
                "ip_acquired_by",
                0 if acquired is None else choice(acquired, ACQUISITION, f"{where}.acquired_by"),
                acquired is not None,
            )
            core = item.get("core")
            rows.add("ip_core", False if core is None else to_bool(core, f"{where}.core"), core is not None)
            used = item.get("used_before", False)
            rows.add("ip_used_before", to_bool(used, f"{where}.used_before"))

    def _read_conversions(self, p: dict) -> None:
        conversions = section(p, "conversions", dict)
        self.enterprise.add("conversions_reported", conversions is not None)
        rows = self.children["conversion"]
        for year, count in (conversions or {}).items():
            where = f"conversions.{year}"
            if not str(year).isdigit() or not 1990 <= int(year) <= 2100:
                raise ProfileError(where, '键应为年份，例如 "2024"')
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ProfileError(where, f"应为非负整数（成果转化项数），收到 {count!r}")
            rows.add("conversion_year", int(year))
            rows.add("conversion_count", count)

    def _read_incidents(self, p: dict) -> None:
        incidents = section(p, "incidents", list)
        self.enterprise.add("incidents_reported", incidents is not None)
        rows = self.children["incident"]
        for i, incident in enumerate(incidents or []):
            where = f"incidents[{i}]"
            if not isinstance(incident, dict):
                raise ProfileError(where, "应为对象（{…}）")
            rows.add("incident_kind", choice(incident.get("kind"), INCIDENT_KINDS, f"{where}.kind"))
            rows.add("incident_day", to_day(incident.get("on"), f"{where}.on"))
            rows.add("incident_major", to_bool(incident.get("major", True), f"{where}.major"))


class ProfileReader:
    """Validates profiles one by one and builds the columnar tables for all of them."""

    def __init__(self, default_application_date: dt.date):
        self.default_day = (default_application_date - EPOCH).days
        self.enterprise = _Columns()
        self.children = {entity: _Columns() for entity in CHILD_ENTITIES}
        self.counts = {entity: [0] for entity in CHILD_ENTITIES}
        self.size = 0

    def add(self, profile) -> None:
        """Validate one profile and append it; on error nothing of it is kept."""
        if not isinstance(profile, dict):
            raise ProfileError("(profile)", "档案应为 JSON 对象")
        one = _Profile(self.default_day)
        one.read(profile)
        _extend(self.enterprise, one.enterprise)
        for entity, columns in one.children.items():
            _extend(self.children[entity], columns)
            rows = len(next(iter(columns.values.values()), []))
            self.counts[entity].append(self.counts[entity][-1] + rows)
        self.size += 1

    def tables(self) -> Tables:
        """The columnar tables of every profile added."""
        tables = Tables(size=self.size)
        for columns in (self.enterprise, *self.children.values()):
            for name, values in columns.values.items():
                tables.columns[name] = _array(values)
                known = columns.known[name]
                if not all(known):
                    tables.known[name] = np.array(known, dtype=bool)
        for entity, counts in self.counts.items():
            tables.starts[entity] = np.array(counts, dtype=np.int64)
        for name in _EMPTY_CHILD_COLUMNS:
            tables.columns.setdefault(name, np.zeros(0, dtype=np.int64))
        return tables


def _extend(target: _Columns, source: _Columns) -> None:
    for name, values in source.values.items():
        target.values.setdefault(name, []).extend(values)
        target.known.setdefault(name, []).extend(source.known[name])


_EMPTY_CHILD_COLUMNS = (
    "fy_year",
    *YEAR_AMOUNTS,
    *HEADCOUNTS,
    *(f"rd_{k}" for k in RD_CATEGORIES),
    "ip_kind",
    "ip_granted_day",
    "ip_expires_day",
    "ip_acquired_by",
    "ip_core",
    "ip_used_before",
    "conversion_year",
    "conversion_count",
    "incident_kind",
    "incident_day",
    "incident_major",
)


def _array(values: list) -> np.ndarray:
    if values and isinstance(values[0], str):
        return np.array(values, dtype=object)
    if values and isinstance(values[0], bool):
        return np.array(values, dtype=bool)
    return np.array(values, dtype=np.int64)


def read_profiles(profiles, default_application_date: dt.date) -> Tables:
    """Validate and tabulate profiles; raises ProfileError for the first invalid one."""
    reader = ProfileReader(default_application_date)
    for profile in profiles:
        reader.add(profile)
    return reader.tables()
