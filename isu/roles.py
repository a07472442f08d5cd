"""Who may see and change what: every rule starts from the user's staff roles."""

from django.http import Http404

from isu.models import Convention

_CACHE = "_isu_convention_ids"
_ROLES_CACHE = "_isu_roles"


def convention_ids_for(user):
    """Ids of the conventions a user works for (all of them for a superuser), cached per user."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if not hasattr(user, _CACHE):
        conventions = Convention.objects.for_user(user)
        setattr(user, _CACHE, frozenset(conventions.values_list("id", flat=True)))
    return getattr(user, _CACHE)


def roles_for(user, convention_id):
    """The user's roles for one convention, as a set of StaffRole.Role values (cached)."""
    if not (user.is_authenticated and user.is_active):
        return set()
    if not hasattr(user, _ROLES_CACHE):
        setattr(user, _ROLES_CACHE, {})
    cache = getattr(user, _ROLES_CACHE)
    if convention_id not in cache:
        cache[convention_id] = set(
            user.staff_roles.filter(convention_id=convention_id).values_list("role", flat=True)
        )
    return cache[convention_id]


def convention_ids_with_role(user, role):
    """Ids of the conventions for which the user holds `role` (every one for a superuser)."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if user.is_superuser:
        return frozenset(Convention.objects.values_list("id", flat=True))
    return frozenset(user.staff_roles.filter(role=role).values_list("convention_id", flat=True))


def has_any_role(user):
    return bool(user.is_authenticated and user.is_active and (
        user.is_superuser or convention_ids_for(user)
    ))


def may_see(user, convention_id):
    """Whether the user may read the convention's drafts: any of its staff."""
    return user.is_authenticated and user.is_active and (
        user.is_superuser or convention_id in convention_ids_for(user)
    )


def editor_roles():
    """The roles that write a convention's plans, budgets and documents: its ISU officers and the
    head of the ISU. Coordinators endorse or return; sponsorship staff keep the programme."""
    from isu.models import StaffRole

    return {StaffRole.Role.ISU_OFFICER, StaffRole.Role.HEAD_OF_ISU}


def may_edit(user, convention_id):
    """Whether the user writes the convention's plans, budgets and documents."""
    return user.is_authenticated and user.is_active and (
        user.is_superuser or bool(roles_for(user, convention_id) & editor_roles())
    )


def finance_roles():
    """The roles that keep a convention's financing (contributions, statements, the bank): its
    finance staff and the head of the ISU."""
    from isu.models import StaffRole

    return {StaffRole.Role.FINANCE, StaffRole.Role.HEAD_OF_ISU}


def may_keep_accounts(user, convention_id):
    """Whether the user records, issues and sends the convention's financing."""
    return user.is_authenticated and user.is_active and (
        user.is_superuser or bool(roles_for(user, convention_id) & finance_roles())
    )


def heads(user, convention_id):
    """Whether the user is the head of the convention's ISU (or a superuser)."""
    from isu.models import StaffRole

    return user.is_authenticated and user.is_active and (
        user.is_superuser or StaffRole.Role.HEAD_OF_ISU in roles_for(user, convention_id)
    )


def edits_any_convention(user):
    return user.is_authenticated and user.is_active and (
        user.is_superuser or user.staff_roles.filter(role__in=editor_roles()).exists()
    )


class EditorsAdminMixin:
    """Records written by the convention's editors (may_edit); its other staff read them."""

    def _convention_id_of(self, obj):
        target = obj
        *path, last = self.convention_field.split("__")
        for name in path:
            target = getattr(target, name)
        return getattr(target, f"{last}_id")

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and edits_any_convention(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed and edits_any_convention(request.user)
        return allowed and may_edit(request.user, self._convention_id_of(obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None:
            return allowed and edits_any_convention(request.user)
        return allowed and may_edit(request.user, self._convention_id_of(obj))


class ConventionScopedAdminMixin:
    """Admin access limited to the conventions of the user's roles.

    Objects of another convention are absent from lists and their pages are 404s. With
    `required_role`, only that role counts (the sponsorship staff for delegates' data).
    """

    convention_field = "convention"
    required_role = None

    def convention_ids(self, user):
        if self.required_role:
            return convention_ids_with_role(user, self.required_role)
        return convention_ids_for(user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.convention_field}__in": self.convention_ids(request.user)}
        )

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index; another convention's page must simply not exist.
        raise Http404

    def _owns(self, request, obj):
        *path, last = self.convention_field.split("__")
        for step in path:  # "meeting__convention": the convention of the document's meeting
            obj = getattr(obj, step)
        return request.user.is_superuser or getattr(obj, f"{last}_id") in self.convention_ids(
            request.user)

    def _has_role(self, request):
        return request.user.is_active and (request.user.is_superuser or bool(
            self.convention_ids(request.user)))

    def has_module_permission(self, request):
        return self._has_role(request)

    def has_view_permission(self, request, obj=None):
        return self._has_role(request) and (obj is None or self._owns(request, obj))

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._has_role(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.convention_field and not request.user.is_superuser:
            kwargs["queryset"] = Convention.objects.filter(
                pk__in=self.convention_ids(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoleInlineMixin:
    """Rows edited inside a scoped parent: the parent's page already checked the convention."""

    def has_view_permission(self, request, obj=None):
        return has_any_role(request.user)

    def has_add_permission(self, request, obj=None):
        return has_any_role(request.user)

    def has_change_permission(self, request, obj=None):
        return has_any_role(request.user)

    def has_delete_permission(self, request, obj=None):
        return has_any_role(request.user)


class SharedRecordsAdminMixin(RoleInlineMixin):
    """Records shared by every convention (organizations, budget categories): any ISU staff may
    see and add them; only a superuser changes or deletes one, since it shows in every
    convention's records, published ones included."""

    def has_module_permission(self, request):
        return has_any_role(request.user)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser if obj is not None else has_any_role(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
