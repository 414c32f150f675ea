"""What the busiest project pages cost in queries (issue 16's load test: every page view counts)."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from projects.models import Project
from projects.workflow import State

from .helpers import make_project

# A query that reads one row of a relation by its id: what an unjoined foreign key costs a page.
LONE_ROW = re.compile(
    r'^SELECT .* FROM "(projects_program|projects_call|directory_organisation|directory_division|'
    r'accounts_user)" WHERE "\1"\."id" = '
)


def test_the_project_page_reads_the_relations_it_shows_with_the_project(users, org_a):
    officer = users[Role.OFFICER]
    project = make_project(users[Role.APPLICANT], org_a, status=State.ENDORSED, leader=users[Role.LEADER])
    assert project.division_id and project.leader_id
    for user in (officer, users[Role.APPLICANT]):
        client = Client()
        client.force_login(user)
        client.get(project.get_absolute_url())  # the session and the user's roles, once
        with CaptureQueriesContext(connection) as captured:
            page = client.get(project.get_absolute_url()).content.decode()
        assert project.applicant_org.name in page and project.program.name in page
        lone = [q["sql"] for q in captured if LONE_ROW.match(q["sql"])]
        # The signed-in user is loaded by the session middleware; nothing else row by row.
        assert len(lone) == 1 and '"accounts_user"' in lone[0], lone


def test_the_work_queue_is_in_the_order_of_an_index(users):
    """PostgreSQL reads an officer's queue page (14 states) by walking this index in queue order;
    were the order changed, it would sort every waiting project again."""
    from projects.todo import SOURCES

    queue = next(source for source in SOURCES if source.key == "projects").items(users[Role.OFFICER])
    indexed = {tuple(index.fields) for index in Project._meta.indexes}
    assert tuple(queue.query.order_by) in indexed
