"""Dates and times in text, resolved against the day the document appeared.

Absolute (2012年5月24日, 2012/5/24, 平成24年, 明治16（1883）年7月2日), partial (7月17日, 5月, 24日, 6月上旬, 8/16),
relative (昨年, 先月, 今年度, 来春, 本日, 2年前), anaphoric (同日, 前日: from the day last named) and times of day
(午前4時, 19時30分, 17:00, joined to the date before them). Where the text leaves the year, month or day open,
the value nearest the document's date is taken (an article of 2012-01-05 saying 12月28日 means 2011-12-28). A
mention's ``value`` is ``{"date": ..., "datatype": date|gYearMonth|gYear|dateTime}``; one that cannot be
resolved (以前, 先日, a time with no day, anything relative in a document without a date) has no value.

The words are the profile's ``dates`` section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from graph.model import Mention
from graph.profile import Profile

_DIGITS = str.maketrans("０１２３４５６７８９：／", "0123456789:/")  # one character for one: offsets hold
_WEEKDAY = r"\s?[（(][月火水木金土日祝・]{1,3}[）)]"
_NOT_AFTER_DAY = r"\d間ぶ以後目連分当あ毎おご前"  # 3日間, 10日ぶり, 1日以内, 2日後, 5日目, 1日あたり, 1日3回: no date
_NOT_AFTER_MONTH = "間期"  # 3月間; 3月期 is a fiscal period, not a month


def _words(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@dataclass(frozen=True)
class _Patterns:
    expression: re.Pattern
    time: re.Pattern
    table: dict

    @classmethod
    @lru_cache(maxsize=8)
    def of(cls, profile: Profile) -> _Patterns:
        d = profile["dates"]
        seasons = _words(d.get("seasons", []))
        parts = _words(d.get("month_parts", []))
        relative = {**{w: ("year", n) for w, n in d.get("years", {}).items()},
                    **{w: ("fiscal", n) for w, n in d.get("fiscal_years", {}).items()},
                    **{w: ("month", n) for w, n in d.get("months", {}).items()},
                    **{w: ("day", n) for w, n in d.get("days", {}).items()},
                    **{w: ("anaphoric", n) for w, n in d.get("anaphoric_days", {}).items()},
                    **{w: ("year", 0) for w in d.get("year_parts", [])},
                    **{w: ("open", 0) for w in d.get("unresolved", [])}}
        prefixes = d.get("season_prefixes", {})
        relative.update({p + s: ("year", n) for p, n in prefixes.items() for s in d.get("seasons", [])})
        expression = re.compile(
            rf"(?P<era>{_words(d.get('eras', {}))})\s?(?P<ey>\d{{1,2}}|元)(?:[（(](?P<ew>\d{{4}})[）)])?\s?年"
            rf"(?:\s?(?P<em>\d{{1,2}})\s?月(?:\s?(?P<ed>\d{{1,2}})\s?日)?)?"
            rf"|(?P<y>\d{{4}})\s?年(?:\s?度(?P<fy>)|\s?(?P<ys>{seasons})|\s?(?P<m>\d{{1,2}})\s?月"
            rf"(?:\s?(?P<d>\d{{1,2}})\s?日|\s?(?P<mp>{parts}))?)?"
            rf"|(?P<y2>\d{{4}})[/.-](?P<m2>\d{{1,2}})(?:[/.-](?P<d2>\d{{1,2}}))?(?![\d/.])"
            rf"|(?<![\d/.])(?P<m3>\d{{1,2}})\s?月(?:\s?(?P<d3>\d{{1,2}})\s?日|\s?(?P<mp3>{parts})|(?![\d{_NOT_AFTER_MONTH}]))"
            rf"|(?<![\d/.月年])(?P<m4>\d{{1,2}})/(?P<d4>\d{{1,2}})(?=\s?[（(]|から|まで|より|〜|～|に|、|,)"
            rf"|(?<![\d/.月年])(?P<d5>\d{{1,2}})\s?日(?![{_NOT_AFTER_DAY}])"
            rf"|(?P<ry>{_words(d.get('years', {}))})(?P<rm>\d{{1,2}})\s?月(?:\s?(?P<rd>\d{{1,2}})\s?日|\s?(?P<rmp>{parts}))?"
            rf"|(?P<ago>\d{{1,3}})\s?(?P<unit>年|か月|ヶ月|カ月|ヵ月|日)\s?(?P<about>{_words(d.get('approximate', []))})?\s?前"
            rf"|(?P<rel>{_words(relative)})"
        )
        time = re.compile(r"(?P<ampm>午前|午後)?\s?(?P<H>\d{1,2})\s?時(?:\s?(?P<M>\d{1,2})\s?分|(?P<half>半))?(?!間)"
                          r"|(?<![\d.])(?P<H2>\d{1,2}):(?P<M2>\d{2})(?![\d:])")
        return cls(expression, time, {"relative": relative, "eras": d.get("eras", {})})


def anchor_of(meta: dict) -> date | None:
    """The day a document appeared, from its metadata's ISO 8601 date, if it has one."""
    value = meta.get("date")
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class Resolver:
    """Reads a document's dates in order, remembering the last day named (for 同日, 前日)."""

    def __init__(self, profile: Profile, anchor: date | None) -> None:
        self.patterns = _Patterns.of(profile)
        self.anchor = anchor
        self.last_day: date | None = None

    def find(self, text: str, offset: int) -> list[Mention]:
        """Date mentions in ``text`` (a piece of the document starting at ``offset``), left to right."""
        plain = text.translate(_DIGITS)
        found: list[Mention] = []
        for m in self.patterns.expression.finditer(plain):
            value = self._value(m)
            if value is False:
                continue
            start, end = m.start(), m.end()
            weekday = re.match(_WEEKDAY, plain[end:])
            after = end + (weekday.end() if weekday else 0)
            time = self.patterns.time.match(plain, after + (len(plain[after:]) - len(plain[after:].lstrip())))
            if time and value and value["datatype"] == "date":
                moment = _time(time)
                if moment:
                    value = {"date": f"{value['date']}T{moment}", "datatype": "dateTime"}
                    end = time.end()
            found.append(Mention(offset + start, offset + end, text[start:end], "Date", "dates",
                                 value=value or None))
        for t in self.patterns.time.finditer(plain):  # a time of its own, with no day: kept, without a value
            if _time(t) and not any(m.start - offset <= t.start() < m.end - offset for m in found):
                found.append(Mention(offset + t.start(), offset + t.end(), text[t.start():t.end()], "Date", "dates"))
        return sorted(found, key=lambda m: m.start)

    def _value(self, m: re.Match) -> dict | None | bool:
        """The value of a match: a dict, None (a date whose value the text leaves open), or False (no date)."""
        g = m.groupdict()
        if g["era"]:
            year = int(g["ew"]) if g["ew"] else self.patterns.table["eras"][g["era"]] + (1 if g["ey"] == "元" else
                                                                                          int(g["ey"]))
            return self._day(year, g["em"], g["ed"])
        if g["y"]:
            year = int(g["y"])
            if g["fy"] is not None or g["ys"]:
                return _value(date(year, 1, 1), "gYear") if 1000 <= year <= 2999 else False
            if g["mp"]:
                return self._day(year, g["m"], None)
            return self._day(year, g["m"], g["d"])
        if g["y2"]:
            return self._day(int(g["y2"]), g["m2"], g["d2"])
        if g["m3"] or g["m4"]:
            month, day = int(g["m3"] or g["m4"]), g["d3"] or g["d4"]
            if not 1 <= month <= 12 or (day is not None and not 1 <= int(day) <= 31):
                return False
            if self.anchor is None:
                return None
            if day is None:
                year = min((self.anchor.year + k for k in (-1, 0, 1)),
                           key=lambda y: abs((y - self.anchor.year) * 12 + month - self.anchor.month))
                return _value(date(year, month, 1), "gYearMonth")
            return self._nearest([(self.anchor.year + k, month, int(day)) for k in (-1, 0, 1)])
        if g["d5"]:
            day = int(g["d5"])
            if not 1 <= day <= 31:
                return False
            if self.anchor is None:
                return None
            months = [(self.anchor.year + (self.anchor.month + k - 1) // 12, (self.anchor.month + k - 1) % 12 + 1)
                      for k in (-1, 0, 1)]
            return self._nearest([(y, mo, day) for y, mo in months])
        if g["ry"]:
            if self.anchor is None:
                return None
            year = self.anchor.year + self.patterns.table["relative"][g["ry"]][1]
            return self._day(year, g["rm"], None if g["rmp"] else g["rd"])
        if g["ago"]:
            if g["about"] or self.anchor is None:
                return None
            n = int(g["ago"])
            if g["unit"] == "年":
                return _value(date(self.anchor.year - n, 1, 1), "gYear")
            if g["unit"] == "日":
                return self._remember(self.anchor - timedelta(days=n))
            months = self.anchor.year * 12 + self.anchor.month - 1 - n
            return _value(date(months // 12, months % 12 + 1, 1), "gYearMonth")
        unit, n = self.patterns.table["relative"][g["rel"]]
        if unit == "open":
            return None
        if unit == "anaphoric":
            return self._remember(self.last_day + timedelta(days=n)) if self.last_day else None
        if self.anchor is None:
            return None
        if unit == "year":
            return _value(date(self.anchor.year + n, 1, 1), "gYear")
        if unit == "fiscal":  # a financial year runs from April: 今年度 in February is last year's
            return _value(date(self.anchor.year + n - (self.anchor.month < 4), 1, 1), "gYear")
        if unit == "month":
            months = self.anchor.year * 12 + self.anchor.month - 1 + n
            return _value(date(months // 12, months % 12 + 1, 1), "gYearMonth")
        return self._remember(self.anchor + timedelta(days=n))

    def _day(self, year: int, month, day) -> dict | bool:
        if not 1000 <= year <= 2999:
            return False
        if month is None:
            return _value(date(year, 1, 1), "gYear")
        if not 1 <= int(month) <= 12:
            return False
        if day is None:
            return _value(date(year, int(month), 1), "gYearMonth")
        try:
            return self._remember(date(year, int(month), int(day)))
        except ValueError:
            return False

    def _nearest(self, candidates: list[tuple[int, int, int]]) -> dict | bool:
        days = []
        for y, mo, d in candidates:
            try:
                days.append(date(y, mo, d))
            except ValueError:
                pass
        if not days:
            return False
        return self._remember(min(days, key=lambda day: (abs((day - self.anchor).days), day)))

    def _remember(self, day: date) -> dict:
        self.last_day = day
        return _value(day, "date")


def _value(day: date, datatype: str) -> dict:
    text = {"gYear": f"{day.year:04d}", "gYearMonth": f"{day.year:04d}-{day.month:02d}"}.get(datatype)
    return {"date": text or day.isoformat(), "datatype": datatype}


def _time(m: re.Match) -> str | None:
    """hh:mm:ss of a time match, or None if it is no time of day."""
    hour = int(m["H"] if m["H"] is not None else m["H2"])
    minute = int(m["M"] or m["M2"] or (30 if m["half"] else 0))
    if m["ampm"] == "午後" and hour < 12:
        hour += 12
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return f"{hour % 24:02d}:{minute:02d}:00"


def find(text: str, offset: int, profile: Profile, anchor: date | datetime | None = None) -> list[Mention]:
    """Date mentions of one piece of text, resolved against ``anchor`` (the document's date)."""
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    return Resolver(profile, anchor).find(text, offset)
