"""Official documents (申报书, 立项通知书, 任务书, 验收证书, 立项项目名单): Word templates filled by
docxtpl, numbered per kind and year under a lock, archived and immutable once issued."""

from .models import DocumentKind, IssuedDocument
from .services import approved_list_docx, documents_of, issue_approved_list, issue_project_document, take_number

__all__ = [
    "DocumentKind",
    "IssuedDocument",
    "approved_list_docx",
    "documents_of",
    "issue_approved_list",
    "issue_project_document",
    "take_number",
]
