"""Shape of the lifecycle table: pure, no database."""

from collections import deque
from pathlib import Path

import pytest

from core.workflow import rows
from projects import workflow as wf
from projects.workflow import Action, Role, State

# (state, action, rule) for every state a row leaves.
ALL_ROWS = list(rows(wf.TRANSITIONS))


def _targets_from(state: str) -> set[str]:
    return {rule.to_state for source, _action, rule in ALL_ROWS if source == state}


def _reachable(start: str = wf.INITIAL_STATE) -> set[str]:
    seen, todo = {start}, deque([start])
    while todo:
        for target in _targets_from(todo.popleft()) - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_every_state_is_reachable_from_draft():
    assert _reachable() == set(State.values)


def test_only_terminal_states_are_dead_ends():
    dead_ends = {s for s in State.values if not _targets_from(s)}
    assert dead_ends == set(wf.TERMINAL_STATES)


def test_every_non_terminal_state_can_still_finish():
    """From any live state some path leads to a terminal state (no traps)."""
    for state in set(State.values) - wf.TERMINAL_STATES:
        assert _reachable(state) & wf.TERMINAL_STATES, state


@pytest.mark.parametrize(("state", "action", "rule"), ALL_ROWS, ids=lambda v: v if isinstance(v, str) else "")
def test_row_uses_known_names(state, action, rule):
    assert state in State.values
    assert rule.to_state in State.values
    assert action in Action.values
    assert rule.allowed.roles and rule.allowed.roles <= set(Role.values)
    assert set(rule.before.guards) <= set(wf.Guard.values)
    assert str(rule.label) == str(Action(action).label)


def test_every_action_is_used():
    assert {action for _s, action, _r in ALL_ROWS} == set(Action.values)


def test_identical_steps_are_one_row():
    """A step that leaves several states alike is one row with several sources, not copies."""
    seen = {}
    for key, rule in wf.TRANSITIONS.items():
        step = (key[1], rule.to_state, rule.allowed, rule.before, rule.after, rule.notify, rule.comment_required)
        assert seen.setdefault(step, key) == key, (key, seen[step])


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
    for state, action, rule in ALL_ROWS:
        if action in refusing:
            assert rule.comment_required, (state, action)


def test_applicant_only_acts_on_own_paperwork():
    pi_actions = {action for _s, action, rule in ALL_ROWS if Role.APPLICANT in rule.allowed.roles}
    assert pi_actions == {
        Action.SUBMIT,
        Action.WITHDRAW,
        Action.RESUBMIT,
        Action.SUBMIT_TASKBOOK,
        Action.APPLY_ACCEPTANCE,
    }


def test_decisions_belong_to_leaders():
    for action in (Action.APPROVE, Action.TERMINATE, Action.UPHOLD_OBJECTION):
        for _s, name, rule in ALL_ROWS:
            if name == action:
                assert Role.LEADER in rule.allowed.roles and Role.OFFICER not in rule.allowed.roles


def test_in_notice_steps_by_role():
    in_notice = [(action, rule) for state, action, rule in ALL_ROWS if state == State.IN_NOTICE]
    assert {action for action, rule in in_notice if Role.OFFICER in rule.allowed.roles} == {Action.RAISE_OBJECTION}
    assert [action for action, rule in in_notice if Role.APPLICANT in rule.allowed.roles] == []


def test_change_table_is_closed():
    targets = {rule.to_state for rule in wf.CHANGE_TRANSITIONS.values()}
    assert targets == {wf.ChangeState.APPROVED, wf.ChangeState.REJECTED, wf.ChangeState.CANCELLED}
    assert all(state == wf.ChangeState.PENDING for state, _action in wf.CHANGE_TRANSITIONS)


def test_stage_groups_partition_states():
    assert wf.APPLICATION_STATES | wf.PROJECT_STATES | {State.REJECTED, State.WITHDRAWN} == set(State.values)
    assert not wf.APPLICATION_STATES & wf.PROJECT_STATES


def test_mermaid_has_one_edge_per_row():
    edges = [line for line in wf.mermaid().splitlines() if ": " in line]
    assert len(edges) == len(ALL_ROWS)
    assert "    draft --> submitted: submit (applicant)" in edges
    assert "    suspended --> terminated: terminate (admin,leader)" in edges


def test_doc_diagram_matches_table():
    doc = Path(__file__).resolve().parents[2] / "docs" / "projects.md"
    text = doc.read_text(encoding="utf-8")
    assert wf.doc_block() in text, "docs/projects.md is stale: run projects.workflow.write_doc()"
