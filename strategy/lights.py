"""The five states of a traffic light (Ampel), shared by measures and indicators.

How a measure's light is computed: measures/lights.py; an indicator's: strategy/indicators/.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Light(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DELAYED = "delayed", _("Delayed")
    DONE = "done", _("Completed")
    UNRATED = "unrated", _("Not rated")


# Worst first: the order of the sort and of every legend.
ORDER = [Light.DELAYED, Light.AT_RISK, Light.ON_TRACK, Light.DONE, Light.UNRATED]
RANK = {light.value: index for index, light in enumerate(ORDER)}
# Text symbols, so the light never rests on colour alone (also in the PDF and in exports).
SYMBOLS = {
    Light.ON_TRACK: "●",
    Light.AT_RISK: "▲",
    Light.DELAYED: "■",
    Light.DONE: "✔",
    Light.UNRATED: "○",
}


def label(value):
    return Light(value).label if value in Light.values else ""


def symbol(value):
    return SYMBOLS.get(value, "")
