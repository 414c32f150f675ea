"""URL × role matrix rows of credit (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("credit:index"),
    Row("creditevent-list"),
    Row("creditevent-detail", pk="credit.CreditEvent"),
    Row("credit:event_list"),
    Row("credit:event_add"),
    Row("credit:event_detail", pk="credit.CreditEvent"),
    Row("credit:event_decide", pk="credit.CreditEvent"),
    Row("credit:appeal_file", pk="credit.CreditEvent"),
    Row("credit:appeal_decide", pk="credit.Appeal"),
]
