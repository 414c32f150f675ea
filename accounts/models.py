from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import BUREAU_WIDE, SCOPE_OF_ROLE, Role


class User(AbstractUser):
    display_name = models.CharField(_("姓名"), max_length=60, blank=True)
    person = models.OneToOneField(
        "directory.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="user_account"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    # Role look-ups are cached on the instance: request.user lives for one request.
    @cached_property
    def assignments(self) -> list["RoleAssignment"]:
        if not self.pk:
            return []
        return list(self.role_assignments.select_related("division", "region", "organisation"))

    @cached_property
    def roles(self) -> frozenset[str]:
        roles = {a.role for a in self.assignments}
        if self.is_superuser:
            roles.add(Role.ADMIN)
        return frozenset(roles)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_bureau_wide(self) -> bool:
        return bool(self.roles & BUREAU_WIDE)

    def scope_ids(self, role: str, kind: str) -> set[int]:
        return {getattr(a, f"{kind}_id") for a in self.assignments if a.role == role and getattr(a, f"{kind}_id")}

    @cached_property
    def region_codes(self) -> list[str]:
        """Region codes of this user's county assignments (a region covers its sub-codes)."""
        return [a.region.code for a in self.assignments if a.role == Role.COUNTY and a.region_id]

    @cached_property
    def organisation_ids(self) -> set[int]:
        return {a.organisation_id for a in self.assignments if a.organisation_id}

    @cached_property
    def division_ids(self) -> set[int]:
        return self.scope_ids(Role.OFFICER, "division")


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    division = models.ForeignKey("directory.Division", null=True, blank=True, on_delete=models.CASCADE)
    region = models.ForeignKey("directory.Region", null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey("directory.Organisation", null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name = verbose_name_plural = _("角色授权")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "division", "region", "organisation"], name="unique_role_scope"
            )
        ]

    def __str__(self) -> str:
        scope = self.division or self.region or self.organisation
        return f"{self.get_role_display()}" + (f"（{scope}）" if scope else "")

    def clean(self) -> None:
        needed = SCOPE_OF_ROLE.get(self.role)
        if needed and not getattr(self, f"{needed}_id"):
            raise ValidationError(_("该角色必须指定范围：%(scope)s。This role needs a scope.") % {"scope": needed})
