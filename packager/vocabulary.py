"""Spec IRIs as named constants: the xAPI, cmi5 and ADL vocabulary trail uses.

Analysts query by these; keep them stable. (Extended by the xAPI issue.)
"""

from __future__ import annotations

ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"
ACTIVITY_COURSE = ADL_ACTIVITIES + "course"
ACTIVITY_MODULE = ADL_ACTIVITIES + "module"
ACTIVITY_INTERACTION = ADL_ACTIVITIES + "cmi.interaction"


def runtime_vocabulary() -> dict[str, object]:
    """The IRIs the xAPI and cmi5 adapters put in statements, handed to them in the
    course data so that Python stays the one source of the vocabulary."""
    return {
        "activityTypes": {"course": ACTIVITY_COURSE, "module": ACTIVITY_MODULE,
                          "interaction": ACTIVITY_INTERACTION},
    }
