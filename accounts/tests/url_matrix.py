"""URL × role matrix rows of accounts (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("accounts:login", public=True),
    Row("accounts:logout"),
]
