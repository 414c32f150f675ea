"""Expected status codes for every role at once, so that no role is left out of a matrix."""

ALL_ROLES = (
    "anonymous",
    "admin",
    "leader",
    "officer",
    "supervisor",
    "finance",
    "county",
    "org_admin",
    "applicant",
    "expert",
    "public",
)


def expect(default: int, **statuses: int) -> dict[str, int]:
    """`default` for every role not named; anonymous is redirected to the login page."""
    return {"anonymous": 302, **{role: default for role in ALL_ROLES[1:]}, **statuses}
