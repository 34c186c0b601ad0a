"""The claims app's models, one module per domain; every model is importable from here.

- ``sources``: who speaks or publishes (Source, SourceAlias);
- ``claims``: checkable statements and where they appear (Claim, Attribution);
- ``matching``: suggested matches and variants with their drift (ClaimSuggestion, ClaimVariant);
- ``review``: the record built while checking (Evidence, Stance, ClaimRelation, ReviewRating,
  ChangeRecord);
- ``verdicts``: rating scales and verdicts (RatingScale, Rating, Verdict);
- ``webhooks`` and ``exports``: what API clients receive (Webhook, WebhookDelivery, ExportJob).
"""

from factcheck.models import MAX_ID

from .claims import Attribution, Claim
from .exports import ExportJob
from .matching import ClaimSuggestion, ClaimVariant
from .review import ChangeRecord, ClaimRelation, Evidence, ReviewRating, Stance, StanceChoice
from .sources import Source, SourceAlias
from .verdicts import Rating, RatingScale, Verdict, VerdictQuerySet
from .webhooks import Webhook, WebhookDelivery

__all__ = [
    "MAX_ID",
    "Attribution",
    "ChangeRecord",
    "Claim",
    "ClaimRelation",
    "ClaimSuggestion",
    "ClaimVariant",
    "Evidence",
    "ExportJob",
    "Rating",
    "RatingScale",
    "ReviewRating",
    "Source",
    "SourceAlias",
    "Stance",
    "StanceChoice",
    "Verdict",
    "VerdictQuerySet",
    "Webhook",
    "WebhookDelivery",
]
