"""What certification does when the evaluation hands something off; connected by `CertificationConfig.ready()`."""

from __future__ import annotations

from smartcity.evaluation.handoffs import proposal_designated

from .services import issue_certificate


def issue_for_designation(actor, proposal, designation: str, domains: list) -> str:
    """The certificate of the designation (its kinds are the designation codes); its number for the audit."""
    return issue_certificate(actor=actor, proposal=proposal, kind=designation, domains=domains).number


def connect() -> None:
    proposal_designated.connect(issue_for_designation)
