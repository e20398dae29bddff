"""Which forms a case needs: the profile's [[forms]] rules matched on the classification's facts."""

from __future__ import annotations

from dataclasses import dataclass

from offsite_cli.policy.profiles import Profile
from offsite_cli.policy.rules import Classification
from offsite_cli.policy.values import Pending


@dataclass(frozen=True)
class FormNeed:
    name: str
    required: bool
    source: str  # the profile rules that ask for it
    document: str | None = None  # the checklist document the filled form stands for (profile data)
    pending: str = Pending.SIGNATURE  # what it still needs by hand: signature | seal


def needed_forms(classification: Classification, profile: Profile) -> list[FormNeed]:
    """The forms the profile's [[forms]] rules ask for, in rule order; required wins over optional.
    The rules are matched on the facts and the date the classification itself was made on."""
    assert classification.selectors is not None and classification.rules_on is not None
    order: list[str] = []
    required: dict[str, bool] = {}
    sources: dict[str, list[str]] = {}
    documents: dict[str, tuple[str, str]] = {}
    for entry in profile.matching("forms", classification.selectors, classification.rules_on):
        listed = [(name, True) for name in entry.data.get("forms", [])]
        listed += [(name, False) for name in entry.data.get("optional", [])]
        for name, is_required in listed:
            if name not in required:
                order.append(name)
                required[name] = False
                sources[name] = []
            required[name] = required[name] or is_required
            if entry.data.get("document") and name not in documents:
                documents[name] = (entry.data["document"],
                                   entry.data.get("pending", Pending.SIGNATURE))
            cited = profile.source_text(entry)
            if cited not in sources[name]:
                sources[name].append(cited)
    return [FormNeed(name, required[name], " | ".join(sources[name]),
                     *documents.get(name, (None, Pending.SIGNATURE))) for name in order]
