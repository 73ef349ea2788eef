"""People, organisations, memberships and program roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from smartcity.core.identifiers import (
    district_in_province,
    district_name,
    province_name,
    validate_district_code,
    validate_juristic_id,
    validate_province_code,
)
from smartcity.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Emails are unique whatever their case: Somchai@X and somchai@x are one person.
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), max_length=254)
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=[("th", "ไทย"), ("en", "English")], default="th"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("can use the admin site"),
        default=False,
        help_text=_("Operators who manage the rules and accounts."),
    )
    date_joined = models.DateTimeField(_("date joined"), auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)
        clash = User.objects.filter(email__iexact=self.email).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"email": _("A user with this email address already exists.")})

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def program_role_codes(self) -> set[str]:
        cached = getattr(self, "_program_role_codes", None)
        if cached is None:
            cached = set(self.program_roles.values_list("role", flat=True))
            self._program_role_codes = cached
        return cached

    @property
    def is_program_staff(self) -> bool:
        """Holds any program role (secretariat, groups, committees, BOI, platform admin)."""
        return bool(self.program_role_codes) or self.is_superuser


class OrganizationKind(models.TextChoices):
    CITY_MUNICIPALITY = "city_municipality", _("City municipality")
    TOWN_MUNICIPALITY = "town_municipality", _("Town municipality")
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", _("Subdistrict municipality")
    PAO = "pao", _("Provincial administrative organisation")
    PROVINCE = "province", _("Province")
    UNIVERSITY = "university", _("University")
    PRIVATE_COMPANY = "private_company", _("Private company")
    CITY_DEVELOPMENT_COMPANY = "city_development_company", _("City development company")
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")


COMPANY_KINDS = {OrganizationKind.PRIVATE_COMPANY, OrganizationKind.CITY_DEVELOPMENT_COMPANY}


class Organization(TimeStampedModel):
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganizationKind.choices)
    province_code = models.CharField(_("province (DOPA code)"), max_length=2, validators=[validate_province_code])
    district_code = models.CharField(
        _("district (DOPA code)"), max_length=4, blank=True, validators=[validate_district_code]
    )
    juristic_id = models.CharField(
        _("juristic person ID"),
        max_length=13,
        blank=True,
        validators=[validate_juristic_id],
        help_text=_("13 digits; the last is a check digit."),
    )
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["juristic_id"],
                condition=~models.Q(juristic_id=""),
                name="organization_juristic_id_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name_th

    def clean(self) -> None:
        super().clean()
        if (
            self.district_code
            and self.province_code
            and not district_in_province(self.district_code, self.province_code)
        ):
            raise ValidationError(
                {
                    "district_code": _("District %(district)s is not in province %(province)s.")
                    % {"district": self.district_code, "province": self.province_code}
                }
            )
        if self.kind in COMPANY_KINDS and not self.juristic_id:
            raise ValidationError({"juristic_id": _("A company needs its 13-digit juristic person ID.")})

    @property
    def province_name_th(self) -> str:
        return province_name(self.province_code, "th")

    @property
    def province_name_en(self) -> str:
        return province_name(self.province_code, "en")

    @property
    def district_name_th(self) -> str:
        return district_name(self.district_code, "th")

    @property
    def district_name_en(self) -> str:
        return district_name(self.district_code, "en")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


class Membership(TimeStampedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user.email} @ {self.organization} ({self.role})"


class ProgramRoleCode(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat (depa)")
    WORKING_GROUP = "working_group", _("Working-group member")
    SUBCOMMITTEE = "subcommittee", _("Subcommittee member")
    COMMITTEE = "committee", _("Committee member")
    BOI_OFFICER = "boi_officer", _("BOI officer")
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")


class ApiToken(TimeStampedModel):
    """A personal token for the REST API (Authorization: Bearer …). Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
