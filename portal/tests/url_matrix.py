"""URL × role matrix rows of the portal (see core/url_matrix.py and docs/CONVENTIONS.md).

The public pages answer the same to everyone, so they are `public`; the officer side under
/public/manage/ is guarded like any staff page. The portal reads calls and projects from
`projects`; `build` adds what only the portal has: publications (published, draft), an
attachment of the published one, objections filed on the portal and on paper, a month's snapshot.
"""

from core.url_matrix import Row

LIST_SLUGS = ("projects", "acceptance", "awards", "county-assessment", "platforms", "hightech", "incubators",
              "ip-advantage", "achievements", "events")

ROWS = [
    Row("portal:home", public=True),
    Row("portal:calls", public=True),
    Row("portal:call_detail", public=True, pk="projects.Call"),
    Row("portal:notices", public=True),
    Row("portal:notice_detail", public=True, call_pk="projects.Call"),
    Row("portal:objection_new", public=True, project_pk="projects.Project"),
    Row("portal:objection_award", public=True, pk="reviews.AwardNomination"),
    Row("portal:objection_item", public=True, pk="portal.NoticeItem"),
    Row("portal:public_notice", public=True, pk="portal.PublicNotice"),
    Row("portal:objection_status", public=True),
    Row("portal:my_objections"),
    Row("portal:documents", public=True),
    Row("portal:document", public=True, pk="portal.Publication"),
    Row("portal:document_file", public=True, pk="portal.Publication", file_pk="core.Attachment"),
    Row("portal:results", public=True),
    Row("portal:result_list", public=True, slug="projects"),
    Row("portal:open_data", public=True),
    Row("portal:indicator_download", public=True, fmt="csv"),
    Row("portal:list_download", public=True, slug="awards", fmt="json"),
    Row("portal:feed", public=True),
    Row("portal:sitemap", public=True),
    Row("portal:objection_queue"),
    Row("portal:objection_detail", pk="projects.Objection"),
    Row("portal:snapshots"),
    Row("portal:notice_manage_list"),
    Row("portal:notice_manage", pk="portal.PublicNotice"),
    Row("portal:publication_list"),
    Row("portal:publication_add"),
    Row("portal:publication_detail", pk="portal.Publication"),
    Row("portal:publication_edit", pk="portal.Publication"),
    Row("portal:publication_action", pk="portal.Publication", name="publish"),
    Row("portal:publication_attach", pk="portal.Publication"),
    *[Row(f"public-{slug}-list", public=True) for slug in LIST_SLUGS],
]


def build(users, org_in, org_out, pi_out) -> None:
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from accounts.roles import Role
    from core.models import Attachment
    from plans.models import Plan
    from portal.models import IndicatorSnapshot, Publication, SnapshotRow
    from portal.tests.helpers import award_in_notice, notice_project, portal_notice
    from projects.models import Objection

    published = Publication.objects.create(
        kind=Publication.Kind.POLICY, title="矩阵政策", body="正文", status=Publication.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    Publication.objects.create(kind=Publication.Kind.NEWS, title="矩阵草稿", body="正文")
    # A record whose file is not in storage (the matrix writes no files): the page must answer 404.
    Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(Publication), object_id=str(published.pk),
        file="attachments/matrix/absent.pdf", original_name="办法.pdf", kind="pdf", size=1,
    )
    project = notice_project({"applicant": users[Role.APPLICANT]}, org_in)
    Objection.objects.create(project=project, content="合作单位不符", source=Objection.Source.PUBLIC,
                             receipt="YY-MATRIX-0001", filed_by=users[Role.PUBLIC])
    Objection.objects.create(project=project, content="纸质异议", recorded_by=users[Role.OFFICER])
    award_in_notice(org_in)
    portal_notice(org_in)
    plan, _ = Plan.objects.get_or_create(year=2008, defaults={"title": "2008年科技工作要点"})
    snapshot = IndicatorSnapshot.objects.create(plan=plan, month=dt.date(2008, 6, 30))
    SnapshotRow.objects.create(snapshot=snapshot, code="1", name="专利申请量", unit="件", value=120)
