"""The one clock of the write path.

Open Dental stores naive server-local date-times with one-second precision (`AptDateTime`,
`DateTStamp`, `LogDateTime`...), and its API sends them as `yyyy-MM-dd HH:mm:ss`. Enamel does
the same, and every service asks this module for "now" so that one request stamps one time.
"""

from __future__ import annotations

import datetime as dt

MIN_DATE = dt.date(1, 1, 1)
"""Open Dental's "no date" (`0001-01-01`): dates are never NULL."""
MIN_DATETIME = dt.datetime(1, 1, 1)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def today() -> dt.date:
    return dt.date.today()
