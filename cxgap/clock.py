"""Today's date, for acceptances with an `until`: the local date, or `CXGAP_TODAY=YYYY-MM-DD` for
reproducible runs (CI, tests, a report regenerated later)."""

from __future__ import annotations

import datetime as dt
import os

from cxgap.problems import UsageError

ENV = "CXGAP_TODAY"


def today() -> dt.date:
    """The date acceptances are judged against."""
    given = os.environ.get(ENV, "").strip()
    if not given:
        return dt.date.today()
    try:
        if len(given) != 10:
            raise ValueError(given)
        return dt.date.fromisoformat(given)
    except ValueError:
        from cxgap.i18n import messages

        raise UsageError(messages().t("cli.bad_today", var=ENV, value=repr(given))) from None
