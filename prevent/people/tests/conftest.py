from prevent.concerns.tests.conftest import (  # noqa: F401  (the concerns fixtures)
    guidance,
    org,
    practitioner,
    spoc,
    submitted_concern,
)
