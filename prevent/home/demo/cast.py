"""Who is who in the demo casework, and when its panels sit."""

from __future__ import annotations

import datetime as dt

from . import partnership as P

# The demo users by their part in the casework.
PRACTITIONER = P._email("practitioner")
SPOC = P._email("spoc.school")
PRACTITIONER_HEALTH = P._email("practitioner.health")
SPOC_HEALTH = P._email("spoc.health")
SPOC_SCHOOL_B = P._email("spoc.school2")
COORDINATOR = P._email("coordinator")
POLICE = P._email("police")
CHAIR = P._email("chair")
MEMBERS = (P._email("member.health"), P._email("member.probation"))
INVITED = P._email("new.teacher")

PROVIDER = "Thames Valley Mentoring (demo)"

# When the demo's panels sit (at County Hall; the next one is also online).
PANEL_STARTS_AT = dt.time(10, 0)
PANEL_ENDS_AT = dt.time(12, 30)
PANEL_ONLINE_LINK = "https://meet.example.org/oxfordshire-channel-panel"


def _weekday(day: dt.date) -> dt.date:
    """The Tuesday to Thursday nearest on or before `day` (panels sit mid-week)."""
    while day.weekday() not in (1, 2, 3):
        day -= dt.timedelta(days=1)
    return day
