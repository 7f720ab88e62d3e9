from prevent.concerns.tests.conftest import (  # noqa: F401  (the concerns fixtures)
    guidance,
    org,
    practitioner,
    spoc,
    submitted_concern,
)
from tests.browser.conftest import (  # noqa: F401  (the browser fixtures, for test_browser)
    _flush_past_audit_triggers,
    axe,
    browser,
    context,
    live_server,
    make_context,
    page,
    playwright_instance,
    signed_in_page,
)
