from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.admin import UserAdmin

from . import services
from .forms import CriteriaSetForm
from .models import Call, CityType, CriteriaSet, Criterion, Designation, Domain, ProgramRole


class ProgramRoleInline(admin.TabularInline):
    model = ProgramRole
    extra = 0


class UserWithProgramRolesAdmin(UserAdmin):
    """The user admin of `accounts`, with the person's program roles (a model of this app) inline."""

    inlines = [*UserAdmin.inlines, ProgramRoleInline]


# accounts registers the user admin first (INSTALLED_APPS order); this app adds its inline to it.
admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserWithProgramRolesAdmin)


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "colour", "order"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["number", "title_th", "title_en"]
    readonly_fields = ["number", "code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(CityType)
admin.site.register(Designation)


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    form = CriteriaSetForm
    list_display = ["name_th", "version", "effective_from", "min_domains", "pass_mark", "in_use"]
    actions = ["make_new_version"]

    @admin.display(boolean=True, description=_("in use"))
    def in_use(self, obj):
        return obj.is_in_use

    def get_readonly_fields(self, request, obj=None):
        return ["version"] if obj is not None else []

    # A version used by a call is frozen: the admin shows it read-only and refuses changes (403).
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj is not None and obj.is_in_use)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj is not None and obj.is_in_use)

    def save_model(self, request, obj, form, change):
        services.save_criteria_set(actor=request.user, criteria_set=obj)

    def delete_model(self, request, obj):
        services.delete_criteria_set(actor=request.user, criteria_set=obj)

    @admin.action(description=_("Create a new version from the selected criteria set"))
    def make_new_version(self, request, queryset):
        for source in queryset:
            new = services.create_criteria_set_version(actor=request.user, source=source)
            self.message_user(request, _("Created version %(v)s.") % {"v": new.version}, messages.SUCCESS)


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["name_th", "opens_on", "closes_on", "criteria_set"]
    filter_horizontal = ["accepted_city_types"]

    def save_model(self, request, obj, form, change):
        # Saved together with its city types by one service call in save_related.
        return None

    def save_related(self, request, form, formsets, change):
        services.save_call(actor=request.user, call=form.instance, city_types=form.cleaned_data["accepted_city_types"])
