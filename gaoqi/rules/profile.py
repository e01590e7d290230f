"""Read enterprise profiles (the JSON format of docs/profile-format.md) into columnar tables.

Validation happens here, once, for single and bulk evaluation alike; every error names its field.
Amounts become integer fen, headcounts integer hundredths of a person, dates integer days since 1970-01-01.
"""

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

import numpy as np

from gaoqi.rules.engine import Tables
from gaoqi.rules.errors import ProfileError
from gaoqi.rules.uscc import USCCError, validate_uscc

EPOCH = dt.date(1970, 1, 1)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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
MAX_AMOUNT = Decimal("1e12")  # 1万亿元: far above any enterprise; keeps sums and products exact in int64


def to_fen(value, field: str, *, signed=False) -> int:
    """Yuan given as a number or decimal string → integer fen; at most two decimals."""
    if type(value) is str:
        whole, _, cents = value.partition(".")
        digits = whole[1:] if whole[:1] == "-" else whole
        if _digits(digits) and len(digits) < 13 and len(cents) <= 2 and (cents == "" or _digits(cents)):
            fen = int(digits) * 100 + int(cents.ljust(2, "0"))
            if whole[:1] != "-":
                return fen
            if signed:
                return -fen
    elif type(value) is int and 0 <= value < 10**12:
        return value * 100
    return _to_fen_checked(value, field, signed)


def _to_fen_checked(value, field: str, signed: bool) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ProfileError(field, f"应为金额（元），例如 1234.56，收到 {value!r}")
    amount = _decimal(value, field, "应为金额（元），例如 1234.56")
    if abs(amount) >= MAX_AMOUNT:
        raise ProfileError(field, f"金额超出合理范围（1万亿元以内），收到 {value!r}")
    if amount != amount.quantize(Decimal("0.01")):
        raise ProfileError(field, f"金额最多保留两位小数（到分），收到 {value!r}")
    if amount < 0 and not signed:
        raise ProfileError(field, f"金额不能为负数，收到 {value!r}")
    return int(amount * 100)


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _decimal(value, field: str, expected: str) -> Decimal:
    """A finite Decimal from an int, float, Decimal or numeric string (commas allowed)."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    else:
        text = repr(value) if isinstance(value, float) else value.strip().replace(",", "")
        if not text.isascii():
            raise ProfileError(field, f"{expected}，收到 {value!r}")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ProfileError(field, f"{expected}，收到 {value!r}") from None
    if not amount.is_finite():
        raise ProfileError(field, f"{expected}，收到 {value!r}")
    return amount


def to_centi(value, field: str) -> int:
    """A headcount (annual average, at most two decimals) → integer hundredths of a person."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ProfileError(field, f"应为人数（年平均数，可含两位小数），收到 {value!r}")
    count = _decimal(value, field, "应为人数（年平均数，可含两位小数）")
    if count < 0 or count > 10_000_000:
        raise ProfileError(field, f"人数应在 0 到 1000万 之间，收到 {value!r}")
    if count != count.quantize(Decimal("0.01")):
        raise ProfileError(field, f"人数最多保留两位小数，收到 {value!r}")
    return int(count * 100)


def to_day(value, field: str) -> int:
    """An ISO date (YYYY-MM-DD) → days since 1970-01-01."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return (value - EPOCH).days
    if isinstance(value, str) and DATE.fullmatch(value.strip()):
        try:
            return (dt.date.fromisoformat(value.strip()) - EPOCH).days
        except ValueError:
            pass
    raise ProfileError(field, f"应为日期 YYYY-MM-DD，收到 {value!r}")


def to_bool(value, field: str) -> bool:
    if not isinstance(value, bool):
        raise ProfileError(field, f"应为 true 或 false，收到 {value!r}")
    return value


def choice(value, options, field: str) -> int:
    if value not in options:
        hint = "；商标不属于高企认定的知识产权" if value == "trademark" else ""
        raise ProfileError(field, f"应为 {' | '.join(options)} 之一，收到 {value!r}{hint}")
    return options.index(value)


def _uscc(code: str) -> str:
    try:
        return validate_uscc(code)
    except USCCError as error:
        raise ProfileError("uscc", error.message) from None


def section(profile: dict, key: str, kind: type):
    value = profile.get(key)
    if value is not None and not isinstance(value, kind):
        raise ProfileError(key, "应为对象（{…}）" if kind is dict else "应为列表（[…]）")
    return value


class _Columns:
    """Column values of one entity, and the rows where a value was not supplied."""

    def __init__(self):
        self.values: defaultdict[str, list] = defaultdict(list)
        self.unknown: defaultdict[str, list] = defaultdict(list)

    def add(self, name: str, value) -> None:
        self.values[name].append(value)

    def missing(self, name: str, default) -> None:
        column = self.values[name]
        self.unknown[name].append(len(column))
        column.append(default)

    def truncate(self, rows: int) -> None:
        """Forget everything from row ``rows`` on (a profile that failed validation)."""
        for column in self.values.values():
            del column[rows:]
        for name, rows_unknown in self.unknown.items():
            while rows_unknown and rows_unknown[-1] >= rows:
                rows_unknown.pop()
            self.unknown[name] = rows_unknown


class ProfileReader:
    """Validates profiles one by one and builds the columnar tables for all of them."""

    def __init__(self, default_application_date: dt.date):
        self.default_day = (default_application_date - EPOCH).days
        self.enterprise = _Columns()
        self.children = {entity: _Columns() for entity in CHILD_ENTITIES}
        self.counts = {entity: [0] for entity in CHILD_ENTITIES}
        self.rows = dict.fromkeys(CHILD_ENTITIES, 0)
        self.size = 0

    def add(self, profile) -> None:
        """Validate one profile and append it; on error nothing of it is kept."""
        try:
            if not isinstance(profile, dict):
                raise ProfileError("(profile)", "档案应为 JSON 对象")
            self._read(profile)
        except ProfileError:
            self.enterprise.truncate(self.size)
            for entity, columns in self.children.items():
                columns.truncate(self.counts[entity][-1])
                self.rows[entity] = self.counts[entity][-1]
            raise
        for entity, counts in self.counts.items():
            counts.append(self.rows[entity])
        self.size += 1

    def _value(self, columns: _Columns, name: str, raw, convert, default=0) -> None:
        if raw is None:
            columns.missing(name, default)
        else:
            columns.add(name, convert(raw))

    def _read(self, p: dict) -> None:
        e = self.enterprise
        self._value(e, "registered_on", p.get("registered_on") or None, lambda v: to_day(v, "registered_on"))
        application = p.get("application_date")
        e.add("application_day", to_day(application, "application_date") if application else self.default_day)
        for key in ("name", "uscc", "district", "tech_field", "industry"):
            value = p.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
                raise ProfileError(key, f"应为文字或代码，收到 {value!r}")
            text = "" if value is None else str(value).strip()
            if key == "uscc" and text:
                text = _uscc(text)
            self._value(e, key, text or None, str, "")
        for key in FLAGS:
            self._value(e, key, p.get(key), lambda v, key=key: to_bool(v, key), False)
        rating = section(p, "self_rating", dict) or {}
        for key in ("advancement", "core_support"):
            self._value(e, f"rating_{key}", rating.get(key), lambda g, key=key: choice(g, GRADES, f"self_rating.{key}"))
        self._read_group(p, "management", MANAGEMENT_ITEMS, known_when_absent=False)
        self._read_group(p, "tsme_routes", TSME_ROUTES, known_when_absent=True)
        self._read_years(p)
        self._read_ip(p)
        self._read_conversions(p)
        self._read_incidents(p)

    def _read_group(self, p: dict, key: str, items: tuple[str, ...], *, known_when_absent: bool) -> None:
        group = section(p, key, dict)
        for item in items:
            value = None if group is None else group.get(item)
            if value is None and known_when_absent:
                value = False
            self._value(self.enterprise, f"{key}_{item}", value, lambda v, f=f"{key}.{item}": to_bool(v, f), False)

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
                if value is None:
                    rows.missing(key, 0)
                else:
                    rows.add(key, to_fen(value, f"{where}.{key}", signed=key in SIGNED_YEAR_AMOUNTS))
            for key in HEADCOUNTS:
                self._value(rows, key, year.get(key), lambda v, f=f"{where}.{key}": to_centi(v, f))
            rd = year.get("rd")
            if rd is not None and not isinstance(rd, dict):
                raise ProfileError(f"{where}.rd", "应为对象（{…}），按八类研发费用填写")
            for key in RD_CATEGORIES:
                if rd is None:
                    rows.missing(f"rd_{key}", 0)
                else:
                    # A reported R&D breakdown with a category left out means nothing was spent on it.
                    value = rd.get(key)
                    rows.add(f"rd_{key}", 0 if value is None else to_fen(value, f"{where}.rd.{key}"))
        self.rows["fiscal_year"] += len(seen)

    def _read_ip(self, p: dict) -> None:
        items = section(p, "ip", list)
        self.enterprise.add("ip_reported", items is not None)
        rows = self.children["ip"]
        for i, item in enumerate(items or []):
            where = f"ip[{i}]"
            if not isinstance(item, dict):
                raise ProfileError(where, "应为对象（{…}）")
            rows.add("ip_kind", choice(item.get("kind"), IP_KINDS, f"{where}.kind"))
            self._value(
                rows, "ip_granted_day", item.get("granted_on") or None, lambda v, w=where: to_day(v, f"{w}.granted_on")
            )
            expires = item.get("expires_on")
            rows.add("ip_expires_day", to_day(expires, f"{where}.expires_on") if expires else 1 << 40)
            acquired = item.get("acquired_by")
            self._value(rows, "ip_acquired_by", acquired, lambda v, w=where: choice(v, ACQUISITION, f"{w}.acquired_by"))
            self._value(rows, "ip_core", item.get("core"), lambda v, w=where: to_bool(v, f"{w}.core"), False)
            used = item.get("used_before")
            rows.add("ip_used_before", False if used is None else to_bool(used, f"{where}.used_before"))
        self.rows["ip"] += len(items or [])

    def _read_conversions(self, p: dict) -> None:
        conversions = section(p, "conversions", dict)
        self.enterprise.add("conversions_reported", conversions is not None)
        rows = self.children["conversion"]
        for year, count in (conversions or {}).items():
            where = f"conversions.{year}"
            if not _digits(str(year)) or not 1990 <= int(year) <= 2100:
                raise ProfileError(where, '键应为年份，例如 "2024"')
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ProfileError(where, f"应为非负整数（成果转化项数），收到 {count!r}")
            rows.add("conversion_year", int(year))
            rows.add("conversion_count", count)
        self.rows["conversion"] += len(conversions or {})

    def _read_incidents(self, p: dict) -> None:
        incidents = section(p, "incidents", list)
        self.enterprise.add("incidents_reported", incidents is not None)
        rows = self.children["incident"]
        for i, incident in enumerate(incidents or []):
            where = f"incidents[{i}]"
            if not isinstance(incident, dict):
                raise ProfileError(where, "应为对象（{…}）")
            rows.add("incident_kind", choice(incident.get("kind"), INCIDENT_KINDS, f"{where}.kind"))
            major = to_bool(True if incident.get("major") is None else incident["major"], f"{where}.major")
            # Only a major incident's date decides anything, so a minor one may leave it out.
            if major or incident.get("on") not in (None, ""):
                rows.add("incident_day", to_day(incident.get("on"), f"{where}.on"))
            else:
                rows.missing("incident_day", 0)
            rows.add("incident_major", major)
        self.rows["incident"] += len(incidents or [])

    def tables(self) -> Tables:
        """The columnar tables of every profile added."""
        tables = Tables(size=self.size)
        for columns in (self.enterprise, *self.children.values()):
            for name, values in columns.values.items():
                tables.columns[name] = _array(values)
                if columns.unknown.get(name):
                    known = np.ones(len(values), dtype=bool)
                    known[columns.unknown[name]] = False
                    tables.known[name] = known
        for entity, counts in self.counts.items():
            tables.starts[entity] = np.array(counts, dtype=np.int64)
        for name in _EMPTY_CHILD_COLUMNS:
            tables.columns.setdefault(name, np.zeros(0, dtype=np.int64))
        return tables


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
