from django.http import JsonResponse
from django.views.decorators.cache import cache_control

from .signing import jwks


@cache_control(public=True, max_age=3600)
def public_keys(request):
    """The public keys that verify certificate payloads offline (a JSON Web Key Set)."""
    return JsonResponse(jwks())


def certificate_detail(request, number):
    raise NotImplementedError
