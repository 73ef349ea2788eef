"""Validation of a criteria set's rules, shared by the model, the admin form and the services."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import CriteriaSet


def criteria_set_errors(cs: CriteriaSet) -> dict[str, str]:
    """Return {field: message} for every rule that does not hold; empty when the set is sound."""
    from .models import Criterion, Domain

    errors: dict[str, str] = {}
    max_score = cs.max_score or 0
    if max_score <= 0:
        errors["max_score"] = _("The maximum score must be greater than zero.")
    try:
        pass_mark = Decimal(str(cs.pass_mark))
    except (InvalidOperation, ValueError):
        pass_mark = None
    if pass_mark is None or not (0 <= pass_mark <= max_score):
        errors["pass_mark"] = _("The pass mark must be between 0 and %(max)s.") % {"max": max_score}

    numbers = {str(n) for n in Criterion.objects.values_list("number", flat=True)}
    weights = cs.criterion_weights
    if not isinstance(weights, dict) or set(map(str, weights)) != numbers:
        errors["criterion_weights"] = _("Give one weight for each of the criteria %(numbers)s.") % {
            "numbers": ", ".join(sorted(numbers))
        }
    elif not all(isinstance(w, int) and not isinstance(w, bool) and w >= 0 for w in weights.values()):
        errors["criterion_weights"] = _("Each weight must be a whole number of zero or more.")
    elif sum(weights.values()) != max_score:
        errors["criterion_weights"] = _("The weights add up to %(sum)s; they must add up to %(max)s.") % {
            "sum": sum(weights.values()),
            "max": max_score,
        }

    codes = set(Domain.objects.values_list("code", flat=True))
    mandatory = cs.mandatory_domains
    if not isinstance(mandatory, list) or not all(isinstance(c, str) for c in mandatory):
        errors["mandatory_domains"] = _("Mandatory domains must be a list of domain codes.")
    else:
        unknown = sorted(set(mandatory) - codes)
        if unknown:
            errors["mandatory_domains"] = _("Unknown domain: %(codes)s. Use one of: %(known)s.") % {
                "codes": ", ".join(unknown),
                "known": ", ".join(sorted(codes)),
            }
    domain_count = len(codes) or 7
    if cs.min_domains is None or not (1 <= cs.min_domains <= domain_count):
        errors["min_domains"] = _("The minimum number of domains must be between 1 and %(n)s.") % {"n": domain_count}
    if cs.disagreement_spread is not None and not (0 <= Decimal(str(cs.disagreement_spread)) <= max_score):
        errors["disagreement_spread"] = _("The disagreement spread must be between 0 and %(max)s.") % {"max": max_score}
    return errors
