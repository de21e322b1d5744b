"""Values in text, normalised: money (約165億ドル -> 16500000000 USD), percentages and ranges (40〜45%,
70%以上) and measured quantities (2nm -> 2 nanometre). Dates are graph.extract.dates'.

Currencies, scale words, units and bound words come from the profile's ``quantities`` section.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from graph.model import Mention
from graph.profile import Profile

NUMBER = r"\d+(?:[.,]\d+)*"


def alternation(words) -> str:
    """A regular expression that matches any of the words, the longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class Patterns:
    """The profile's quantity words compiled into regular expressions."""

    def __init__(self, profile: Profile) -> None:
        q = profile["quantities"]
        self.currencies: dict[str, str] = q.get("currencies", {})
        self.scales = {k: Decimal(str(v)) for k, v in q.get("scales", {}).items()}
        self.units: dict[str, str] = q.get("units", {})
        approx = alternation(q.get("approximate", []))
        at_least, at_most = q.get("at_least", []), q.get("at_most", [])
        self.at_least, self.at_most = set(at_least), set(at_most)
        bound = alternation(set(at_least) | set(at_most))
        range_ = alternation(q.get("range", []))
        ja_scale = alternation([s for s in self.scales if not s.isascii()])
        en_scale = alternation([s for s in self.scales if s.isascii()])
        amount = rf"(?:{NUMBER}\s?(?:{ja_scale}))+(?:{NUMBER})?|{NUMBER}"
        prefix_cur = alternation([c for c in self.currencies if not c[-1].isalpha() or c.startswith("US")])
        suffix_cur = alternation(self.currencies)
        self.money = re.compile(
            rf"(?P<pre>{approx})?(?P<cur1>{prefix_cur})?\s?(?P<amount>{amount})\s?"
            rf"(?P<en>(?:{en_scale})(?![A-Za-z]))?\s?(?P<cur2>{suffix_cur})?(?P<post>{approx})?"
        )
        percent_sign = r"(?:%|％|パーセント)"
        self.percent = re.compile(
            rf"(?P<pre>{approx})?(?P<a>{NUMBER})\s?(?:{percent_sign})?\s?(?:(?P<range>{range_})\s?(?P<pre2>{approx})?"
            rf"(?P<b>{NUMBER}))?\s?{percent_sign}\s?(?P<bound>{bound})?"
        )
        self.quantity = re.compile(
            rf"(?P<pre>{approx})?(?P<amount>{amount})\s?(?P<unit>{alternation(self.units)})(?![A-Za-z])"
            rf"\s?(?P<bound>{bound})?"
        )


@lru_cache(maxsize=8)
def _patterns(profile: Profile) -> Patterns:
    return Patterns(profile)


def find(text: str, offset: int, profile: Profile, taken: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Value mentions in ``text`` (a piece of a document starting at ``offset``), left to right, never overlapping
    each other or the ``taken`` stretches of ``text`` (the dates found in it)."""
    p = _patterns(profile)
    found: list[Mention] = []
    taken = list(taken or [])

    def add(match: re.Match, type_: str, value: dict | None, start_group: int | str = 0) -> None:
        start, end = match.start(start_group), match.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if value is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Mention(offset + start, offset + end, text[start:end], type_, "quantities", value=value))

    for m in p.money.finditer(text):
        if m.group("cur1") or m.group("cur2"):
            add(m, "Money", _money(m, p))
    for m in p.percent.finditer(text):
        add(m, "Percent", _percent(m, p))
    for m in p.quantity.finditer(text):
        add(m, "Quantity", _quantity(m, p))
    return sorted(found, key=lambda mention: mention.start)


def amount(text: str, scales: dict[str, Decimal]) -> Decimal | None:
    """``1兆2000億`` -> 1200000000000; ``165億`` -> 16500000000; ``1,234.5`` -> 1234.5."""
    total = Decimal(0)
    scale_re = alternation([s for s in scales if not s.isascii()])
    rest = text
    for m in re.finditer(rf"({NUMBER})\s?({scale_re})?", text):
        try:
            number = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            return None
        total += number * scales.get(m.group(2) or "", Decimal(1))
        rest = rest.replace(m.group(0), "", 1)
    return total if not rest.strip() else None


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _money(m: re.Match, p: Patterns) -> dict | None:
    value = amount(m.group("amount"), p.scales)
    if value is None:
        return None
    if m.group("en"):
        value *= p.scales[m.group("en")]
    currency = p.currencies[m.group("cur2") or m.group("cur1")]
    out: dict = {"amount": _number(value), "currency": currency}
    if m.group("pre") or m.group("post"):
        out["approximate"] = True
    return out


def _percent(m: re.Match, p: Patterns) -> dict | None:
    a = Decimal(m.group("a").replace(",", ""))
    out: dict = {"unit": "percent"}
    if m.group("b"):
        b = Decimal(m.group("b").replace(",", ""))
        out["min"], out["max"] = _number(min(a, b)), _number(max(a, b))
    elif m.group("bound") in p.at_least:
        out["min"] = _number(a)
    elif m.group("bound") in p.at_most:
        out["max"] = _number(a)
    else:
        out["value"] = _number(a)
    if m.group("pre"):
        out["approximate"] = True
    return out


def _quantity(m: re.Match, p: Patterns) -> dict | None:
    value = amount(m.group("amount"), p.scales)
    if value is None:
        return None
    out: dict = {"unit": p.units[m.group("unit")]}
    bound = m.group("bound")
    key = "min" if bound in p.at_least else "max" if bound in p.at_most else "value"
    out[key] = _number(value)
    if m.group("pre"):
        out["approximate"] = True
    return out
