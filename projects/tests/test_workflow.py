"""Shape of the lifecycle table: pure, no database."""

from pathlib import Path

import pytest

from projects import workflow as wf
from projects.workflow import Action, Role, State

ALL_ROWS = wf.rows()


def test_every_state_is_reachable_from_draft():
    assert wf.reachable_states() == set(State.values)


def test_only_terminal_states_are_dead_ends():
    dead_ends = {s for s in State.values if not wf.transitions_from(s)}
    assert dead_ends == set(wf.TERMINAL_STATES)


def test_terminal_states_have_no_way_out():
    for state in wf.TERMINAL_STATES:
        assert wf.transitions_from(state) == []


def test_every_non_terminal_state_can_still_finish():
    """From any live state some path leads to a terminal state (no traps)."""
    for state in set(State.values) - wf.TERMINAL_STATES:
        assert wf.reachable_states(state) & wf.TERMINAL_STATES, state


@pytest.mark.parametrize("row", ALL_ROWS, ids=lambda t: f"{t.source}-{t.action}")
def test_row_uses_known_names(row):
    assert row.source in State.values
    assert row.target in State.values
    assert row.action in Action.values
    assert row.roles and row.roles <= set(Role.values)
    assert set(row.guards) <= set(wf.Guard.values)


def test_every_action_is_used():
    assert {t.action for t in ALL_ROWS} == set(Action.values)


def test_table_keys_match_rows():
    assert all(key == (t.source, t.action) for key, t in wf.TRANSITIONS.items())


def test_refusals_and_rejections_demand_a_reason():
    refusing = {
        Action.REJECT,
        Action.FAIL_FORMAL,
        Action.RETURN_FOR_INFO,
        Action.RETURN_TO_APPLICANT,
        Action.TERMINATE,
        Action.FAIL_ACCEPTANCE,
        Action.SUSPEND,
        Action.UPHOLD_OBJECTION,
        Action.RETURN_TASKBOOK,
    }
    for row in ALL_ROWS:
        if row.action in refusing:
            assert "reason" in row.requires, row


def test_applicant_only_acts_on_own_paperwork():
    pi_actions = {t.action for t in ALL_ROWS if Role.APPLICANT in t.roles}
    assert pi_actions == {
        Action.SUBMIT,
        Action.WITHDRAW,
        Action.RESUBMIT,
        Action.SUBMIT_TASKBOOK,
        Action.APPLY_ACCEPTANCE,
    }


def test_decisions_belong_to_leaders():
    for action in (Action.APPROVE, Action.TERMINATE, Action.UPHOLD_OBJECTION):
        for row in ALL_ROWS:
            if row.action == action:
                assert Role.LEADER in row.roles and Role.OFFICER not in row.roles


def test_available_actions_filters_by_role():
    names = {t.action for t in wf.transitions_from(State.IN_NOTICE) if Role.OFFICER in t.roles}
    assert names == {Action.RAISE_OBJECTION}
    assert [t for t in wf.transitions_from(State.IN_NOTICE) if Role.APPLICANT in t.roles] == []


def test_change_table_is_closed():
    targets = {t.target for t in wf.CHANGE_TRANSITIONS.values()}
    assert targets == {wf.ChangeState.APPROVED, wf.ChangeState.REJECTED, wf.ChangeState.CANCELLED}
    assert all(t.source == wf.ChangeState.PENDING for t in wf.CHANGE_TRANSITIONS.values())


def test_stage_groups_partition_states():
    assert wf.APPLICATION_STATES | wf.PROJECT_STATES | {State.REJECTED, State.WITHDRAWN} == set(State.values)
    assert not wf.APPLICATION_STATES & wf.PROJECT_STATES


def test_mermaid_has_one_edge_per_row():
    edges = [line for line in wf.mermaid().splitlines() if ": " in line]
    assert len(edges) == len(ALL_ROWS)
    assert "    draft --> submitted: submit (applicant)" in edges


def test_doc_diagram_matches_table():
    doc = Path(__file__).resolve().parents[2] / "docs" / "projects.md"
    text = doc.read_text(encoding="utf-8")
    assert wf.doc_block() in text, "docs/projects.md is stale: run python -m projects.workflow"
