"""URL patterns of claims.review (wired at /review/ in factcheck/urls.py)."""

from django.urls import path

from claims.review.views import (
    agreement,
    article,
    claim,
    intake,
    matching,
    mine,
    queue,
    sources,
    verdicts,
)

app_name = "review"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("assign/", queue.queue_assign, name="queue-assign"),
    path("my/", mine.my_work, name="my-work"),
    path("articles/", intake.article_list, name="articles"),
    path("articles/new/", intake.article_new, name="article-new"),
    path("articles/<int:pk>/", article.article_detail, name="article"),
    path("articles/<int:pk>/status/", intake.article_status, name="article-status"),
    path("articles/<int:pk>/retry/", intake.article_retry_view, name="article-retry"),
    path("attributions/<int:pk>/confirm/", article.attribution_confirm, name="attribution-confirm"),
    path("attributions/<int:pk>/reject/", article.attribution_reject, name="attribution-reject"),
    path("attributions/<int:pk>/correct/", article.attribution_correct, name="attribution-correct"),
    path("claims/<int:pk>/", claim.claim_detail, name="claim"),
    path("claims/<int:pk>/accept/", claim.claim_accept, name="claim-accept"),
    path("claims/<int:pk>/reject/", claim.claim_reject, name="claim-reject"),
    path("claims/<int:pk>/edit/", claim.claim_edit, name="claim-edit"),
    path("claims/<int:pk>/merge/", claim.claim_merge, name="claim-merge"),
    path("claims/<int:pk>/split/", claim.claim_split, name="claim-split"),
    path("claims/<int:pk>/unmerge/", claim.claim_unmerge, name="claim-unmerge"),
    path("claims/search/", claim.claim_search, name="claim-search"),
    path("sources/search/", sources.source_search, name="source-search"),
    path("claims/<int:pk>/assign/", claim.claim_assign, name="claim-assign"),
    path("claims/<int:pk>/stances/", claim.claim_stance, name="claim-stance"),
    path("claims/<int:pk>/evidence/", claim.claim_evidence, name="claim-evidence"),
    path("claims/<int:pk>/relations/", claim.claim_relation, name="claim-relation"),
    path("claims/<int:pk>/ratings/", claim.claim_rating, name="claim-rating"),
    path("claims/<int:pk>/verdict/", verdicts.claim_verdict, name="claim-verdict"),
    path("verdicts/", verdicts.verdict_inbox, name="verdicts"),
    path("verdicts/<int:pk>/", verdicts.verdict_detail, name="verdict"),
    path("verdicts/<int:pk>/submit/", verdicts.verdict_submit, name="verdict-submit"),
    path("verdicts/<int:pk>/approve/", verdicts.verdict_approve, name="verdict-approve"),
    path("verdicts/<int:pk>/send-back/", verdicts.verdict_send_back, name="verdict-send-back"),
    path("verdicts/<int:pk>/publish/", verdicts.verdict_publish, name="verdict-publish"),
    path("verdicts/<int:pk>/retract/", verdicts.verdict_retract, name="verdict-retract"),
    path("agreement/", agreement.agreement, name="agreement"),
    path("suggestions/<int:pk>/confirm/", matching.suggestion_confirm, name="suggestion-confirm"),
    path("suggestions/<int:pk>/dismiss/", matching.suggestion_dismiss, name="suggestion-dismiss"),
    path("suggestions/<int:pk>/undo/", matching.suggestion_undo, name="suggestion-undo"),
    path("drift/", matching.drift, name="drift"),
]
