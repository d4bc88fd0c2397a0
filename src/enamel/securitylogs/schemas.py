"""Security-log entries as Open Dental's API shows them (opendental.com/site/apisecuritylogs.html).

Open Dental's example sends `LogDateTime` as "7/6/2023 11:48:55 AM"; its documented rule for
every date-time is "yyyy-MM-dd HH:mm:ss", which Enamel follows here too.
"""

from __future__ import annotations

from enamel.api.encode import Shape, field
from enamel.models import SecurityLog

S = SecurityLog

SECURITY_LOG = Shape(
    "SecurityLog",
    [
        field("SecurityLogNum", S.SecurityLogNum),
        field("PermType", S.PermType),
        field("UserNum", S.UserNum),
        field("LogDateTime", S.LogDateTime),
        field("LogText", S.LogText),
        field("PatNum", S.PatNum),
        field("CompName", S.CompName),
        field("LogSource", S.LogSource),
    ],
    S.__table__,
)
