from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from smartcity.core.audit import record_event, snapshot

from . import services
from .models import Membership, Organization, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class UserCreationForm(forms.ModelForm):
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)

    class Meta:
        model = User
        fields = ["email", "full_name", "language"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff", "program_roles__role"]
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "position", "phone", "language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "language", "password")}),)
    filter_horizontal = []

    def save_model(self, request, obj, form, change):
        if change:
            obj.full_clean(exclude=["password"])
            obj.save()
            record_event(
                actor=request.user,
                action="user.updated",
                obj=obj,
                after=snapshot(obj, ["email", "full_name", "is_active", "is_staff", "is_superuser"]),
            )
        else:
            created = services.create_user(
                actor=request.user,
                email=obj.email,
                full_name=obj.full_name,
                password=form.cleaned_data["password"],
                language=obj.language,
            )
            obj.pk = created.pk
            obj._state.adding = False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "kind", "province_code", "district_code", "juristic_id"]
    list_filter = ["kind"]
    search_fields = ["name_th", "name_en", "juristic_id"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        services.save_organization(actor=request.user, organization=obj)
