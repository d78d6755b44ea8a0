"""Plans whose traffic light does not depend on the day the tests run."""

import datetime

# Ended years ago: delayed unless completed.
LONG_AGO = {"planned_start": datetime.date(2019, 1, 1), "planned_end": datetime.date(2020, 1, 1)}
# Starts decades ahead: never behind.
FAR_AHEAD = {"planned_start": datetime.date(2090, 1, 1), "planned_end": datetime.date(2091, 1, 1)}


def in_days(days):
    return datetime.date.today() + datetime.timedelta(days=days)
