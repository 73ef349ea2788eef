"""Operators edit the texts of message templates here; every save goes through the service (audited)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from . import services
from .models import MessageTemplate, Notice, OutboxMessage


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["description", "subject_th", "subject_en", "body_th", "body_en", "requires_release"]
        widgets = {
            "body_th": forms.Textarea(attrs={"rows": 16, "cols": 90}),
            "body_en": forms.Textarea(attrs={"rows": 16, "cols": 90}),
        }

    def _update_errors(self, errors):
        # The code and placeholders are read-only here: an error about them belongs to the whole form.
        if hasattr(errors, "error_dict"):
            for name in [n for n in errors.error_dict if n != NON_FIELD_ERRORS and n not in self.fields]:
                errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(errors.error_dict.pop(name))
        super()._update_errors(errors)


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    form = MessageTemplateForm
    list_display = ["code", "subject_th", "requires_release", "updated_at"]
    readonly_fields = ["code", "allowed_placeholders", "updated_at"]
    fields = [
        "code",
        "description",
        "allowed_placeholders",
        "subject_th",
        "subject_en",
        "body_th",
        "body_en",
        "requires_release",
        "updated_at",
    ]

    @admin.display(description=_("placeholders"))
    def allowed_placeholders(self, obj):
        return ", ".join(f"{{{name}}}" for name in obj.placeholders) if obj else ""

    # The templates are the ones the platform sends: they come from a data migration and are never removed.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.save_template(actor=request.user, template=obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "template_code", "to_email", "subject", "status", "sent_at"]
    list_filter = ["status", "template_code"]
    search_fields = ["to_email", "subject", "related_object_id"]
    list_select_related = ["recipient"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "text_th", "read_at"]
    search_fields = ["user__email", "text_th", "text_en"]
    list_select_related = ["user"]
