"""Checkers: one per claim kind, each returning findings (verdict, evidence, reason).

Registered here, in one place; a checker never asserts and never prints.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Claim, ClaimKind, Finding
from ..text.reading import Reading
from .membership import check_membership
from .proof import in_scope, names_event, require_proof
from .quantity import check_quantity
from .quote import check_quote
from .relation import check_relation
from .role import check_role
from .status import check_status

Checker = Callable[[Claim, int, Reading], list[Finding]]

CHECKERS: dict[ClaimKind, Checker] = {
    ClaimKind.QUANTITY: check_quantity,
    ClaimKind.STATUS: check_status,
    ClaimKind.ROLE: check_role,
    ClaimKind.RELATION: check_relation,
    ClaimKind.MEMBERSHIP: check_membership,
    ClaimKind.QUOTE: check_quote,
}



def check(claim: Claim, index: int, reading: Reading) -> list[Finding]:
    """Run the claim's checker; keep only the contradictions it can prove.

    An article that never names the event (none of the claim file's `anchors`, in its
    headline or its text) says nothing about it, whatever its vocabulary: every claim
    is silent.
    """
    if not names_event(claim, index, reading):
        return []
    findings = CHECKERS[claim.kind](claim, index, reading)
    return require_proof(claim, index, reading, in_scope(claim, index, reading, findings))


__all__ = ["CHECKERS", "Checker", "check"]
