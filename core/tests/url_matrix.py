"""URL × role matrix rows of core (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("set_language"),
    Row("api-root"),
    Row("api_token"),
    Row("api_schema", public=True),  # h9b restricts it in production
    Row("api_docs", public=True),
    Row("core:audit_log"),
    Row("core:inbox"),
    Row("core:todo"),
    Row("core:notification_preferences"),
    Row("core:job", pk="core.Job"),
]
