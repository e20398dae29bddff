"""The value sets of the rules, defined once: scopes, routes, schemes, kinds of care, stages and the rest."""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    LOCAL = "local"
    INTRA_PROVINCE = "intra_province"
    CROSS_PROVINCE = "cross_province"
    OUTSIDE_SCHEME = "outside_scheme"


class Route(StrEnum):
    LOCAL = "local"
    DIRECT_SETTLEMENT = "direct_settlement"
    MANUAL_REIMBURSEMENT = "manual_reimbursement"
    NOT_REIMBURSABLE = "not_reimbursable"


class Insurance(StrEnum):
    EMPLOYEE = "employee"
    RESIDENT = "resident"


class Care(StrEnum):
    INPATIENT = "inpatient"
    SPECIAL_OUTPATIENT = "special-outpatient"
    EMERGENCY_OBSERVATION = "emergency-observation"
    OUTPATIENT = "outpatient"
    PHARMACY = "pharmacy"


class CategoryClass(StrEnum):
    """The class of a person category; the categories themselves are profile data."""

    LONG_TERM = "long-term"
    TEMPORARY = "temporary"


class Stage(StrEnum):
    FILING = "filing"
    CLAIM = "claim"


class Event(StrEnum):
    """The day a deadline counts from."""

    DISCHARGED = "discharged"
    ADMITTED = "admitted"
    FILED_ON = "filed_on"


class DeadlineRole(StrEnum):
    """What a deadline is to the code that reads it ([[deadlines]] role)."""

    CLAIM = "claim"  # the claim deadline: the one a dossier's cover and `deadlines` lead with
    FILING_VALIDITY = "filing-validity"  # how long a filing lasts: treatment after it is warned of
    PAYMENT = "payment"  # payment expected ([[processing]] after a claim is submitted): not overdue-able


class ClaimStatus(StrEnum):
    """Where a claim stands once handed in (case.toml [[history]], `offsite dossier mark`)."""

    SUBMITTED = "submitted"  # handed in to the insurance office
    RETURNED = "returned"  # sent back to complete: the claim deadline counts again
    PAID = "paid"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class AdjustmentMode(StrEnum):
    RATIO = "ratio"
    SELF_PAY_FIRST = "self-pay-first"


class Pending(StrEnum):
    """What a filled form standing for a document still needs by hand."""

    SIGNATURE = "signature"
    SEAL = "seal"


class Reasoning(StrEnum):
    """Steps of reasoning that are code, switched on and sourced by a profile's [[reasoning]]."""

    ASSUMED_MANUAL = "assumed-manual"  # direct settlement not said: the person paid (off: direct)
    FILE_BEFORE_DISCHARGE = "file-before-discharge"  # not filed, still in hospital: file, settle directly
    FILED_AFTER_ADMISSION = "filed-after-admission"  # filed after treatment began
    FILED_AFTER_DISCHARGE = "filed-after-discharge"  # filed after discharge
    FILING_LAPSED = "filing-lapsed"  # the filing's validity ended before the admission
    DIRECT_WITHOUT_FILING = "direct-without-filing"  # settled by card without the filing it needs
    COUNT_FROM_ADMISSION = "count-from-admission"  # no discharge date: a visit ends the day it starts
    FILE_FOR_LATER_VISITS = "file-for-later-visits"  # not reimbursable unfiled: filing helps next time


class Visits(StrEnum):
    """Which visits a deadline counts from, for care without a discharge ([[deadlines]] visits)."""

    EACH = "each"  # one deadline per visit
    LAST = "last"  # one deadline, from the last visit


def choices(values: type[StrEnum]) -> tuple[str, ...]:
    """The strings of a value set, in order."""
    return tuple(member.value for member in values)
