"""The build's notion of 'now': SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def now(environ=os.environ) -> dt.datetime:
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=AMSTERDAM)
    return dt.datetime.now(tz=AMSTERDAM)
