"""The REST API at /api/v1/ (OpenAPI at /api/v1/openapi.json, reference at /api/v1/docs)."""

from ninja import NinjaAPI

from . import problems
from .auth import AUTH
from .certificates import router as certificates_router
from .endorsements import router as endorsements_router
from .evaluation import router as evaluation_router
from .program import router as program_router
from .proposals import router as proposals_router
from .public import router as public_router

api = NinjaAPI(
    title="Smart City Thailand API",
    version="1",
    description="Proposals, their rules check and submission. Authenticate with a personal token "
    "(Authorization: Bearer …) created at /accounts/tokens/, or with the browser session and its CSRF token.",
    auth=AUTH,
    urls_namespace="api",
)
problems.install(api)
api.add_router("/", program_router)
api.add_router("/", proposals_router)
api.add_router("/", evaluation_router)
api.add_router("/", certificates_router)
api.add_router("/", endorsements_router)
api.add_router("/", public_router)
