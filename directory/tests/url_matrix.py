"""URL × role matrix rows of directory (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("directory:index"),
    Row("region-list"),
    Row("region-detail", pk="directory.Region"),
    Row("division-list"),
    Row("division-detail", pk="directory.Division"),
    Row("organisation-list"),
    Row("organisation-detail", pk="directory.Organisation"),
    Row("person-list"),
    Row("person-detail", pk="directory.Person"),
    Row("directory:region_list"),
    Row("directory:region_detail", pk="directory.Region"),
    Row("directory:division_list"),
    Row("directory:division_detail", pk="directory.Division"),
    Row("directory:organisation_list"),
    Row("directory:organisation_add"),
    Row("directory:organisation_import"),
    Row("directory:organisation_detail", pk="directory.Organisation"),
    Row("directory:organisation_edit", pk="directory.Organisation"),
    Row("directory:organisation_delete", pk="directory.Organisation"),
    Row("directory:person_list"),
    Row("directory:person_add"),
    Row("directory:person_import"),
    Row("directory:person_detail", pk="directory.Person"),
    Row("directory:person_edit", pk="directory.Person"),
    Row("directory:person_delete", pk="directory.Person"),
]


def build(users, org_in, org_out, pi_out) -> None:
    """People on both sides of the scope line (the organisations come from core's builder)."""
    from core.testing import make_person

    make_person(org_in, "矩阵同单位人员")
    make_person(org_out, "矩阵外单位人员")
