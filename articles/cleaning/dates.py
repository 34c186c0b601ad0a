"""Dates as pages write them: ISO in metadata, "4 March 2024" or "2024/03/04" in the text."""

import datetime
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# (pattern, whether the month is a name): numeric patterns have groups y, m, d; named ones y, mn, d.
_DATE_PATTERNS = [
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), False),
    (re.compile(r"\b(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b"), False),
    (
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{_MONTH_NAMES})\.?,?\s+(?P<y>\d{{4}})\b",
            re.I,
        ),
        True,
    ),
    (
        re.compile(
            rf"\b(?P<mn>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
            re.I,
        ),
        True,
    ),
]
_DATE_LABEL_RE = re.compile(
    r"^(?:date|published|posted|updated|last updated|first published)\b\s*:?\s*", re.IGNORECASE
)


def find_date(line: str) -> datetime.date | None:
    """The first real date written in ``line`` (a "2024-02-30" is passed over)."""
    for pattern, month_named in _DATE_PATTERNS:
        for match in pattern.finditer(line):
            month = _MONTHS.get(match.group("mn").lower()) if month_named else int(match.group("m"))
            try:
                return datetime.date(int(match.group("y")), month or 0, int(match.group("d")))
            except ValueError:
                continue
    return None


def without_dates(line: str) -> str:
    """``line`` less a leading "Published:"-style label and every date in it."""
    rest = _DATE_LABEL_RE.sub("", line)
    for pattern, _ in _DATE_PATTERNS:
        rest = pattern.sub("", rest)
    return rest


def parse_iso_date(value: str | None) -> datetime.date | None:
    """The date of an ISO date or timestamp ("2024-03-05T10:00:00Z"), or None."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
