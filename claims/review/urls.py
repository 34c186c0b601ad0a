"""URL patterns of claims.review (wired at /review/ in factcheck/urls.py)."""

from django.urls import path

from claims.review import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("assign/", views.queue_assign, name="queue-assign"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("attributions/<int:pk>/confirm/", views.attribution_confirm, name="attribution-confirm"),
    path("attributions/<int:pk>/reject/", views.attribution_reject, name="attribution-reject"),
    path("attributions/<int:pk>/correct/", views.attribution_correct, name="attribution-correct"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("claims/<int:pk>/accept/", views.claim_accept, name="claim-accept"),
    path("claims/<int:pk>/reject/", views.claim_reject, name="claim-reject"),
    path("claims/<int:pk>/edit/", views.claim_edit, name="claim-edit"),
    path("claims/<int:pk>/merge/", views.claim_merge, name="claim-merge"),
    path("claims/<int:pk>/split/", views.claim_split, name="claim-split"),
    path("claims/<int:pk>/assign/", views.claim_assign, name="claim-assign"),
    path("claims/<int:pk>/stances/", views.claim_stance, name="claim-stance"),
    path("claims/<int:pk>/evidence/", views.claim_evidence, name="claim-evidence"),
    path("claims/<int:pk>/relations/", views.claim_relation, name="claim-relation"),
    path("claims/<int:pk>/ratings/", views.claim_rating, name="claim-rating"),
    path("claims/<int:pk>/verdict/", views.claim_verdict, name="claim-verdict"),
    path("verdicts/", views.verdict_inbox, name="verdicts"),
    path("verdicts/<int:pk>/", views.verdict_detail, name="verdict"),
    path("verdicts/<int:pk>/submit/", views.verdict_submit, name="verdict-submit"),
    path("verdicts/<int:pk>/approve/", views.verdict_approve, name="verdict-approve"),
    path("verdicts/<int:pk>/send-back/", views.verdict_send_back, name="verdict-send-back"),
    path("verdicts/<int:pk>/publish/", views.verdict_publish, name="verdict-publish"),
    path("verdicts/<int:pk>/retract/", views.verdict_retract, name="verdict-retract"),
    path("agreement/", views.agreement, name="agreement"),
]
