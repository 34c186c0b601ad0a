"""Storing extraction results: idempotent re-runs, reviewed rows kept, sources and claims shared."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Article
from claims.extraction import EXTRACTOR_VERSION
from claims.models import Attribution, Claim, Source
from claims.services.extraction import article_extract, articles_extract
from tests.claims.api.samples import SPEAKERS
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[3] / "articles" / "demo" / "pentagon-belousov-call.txt"


def rows(article):
    return sorted(
        Attribution.objects.filter(article=article).values_list(
            "content_start", "content_end", "kind", "speaker__name", "claim_id"
        )
    )


def extracted(text: str) -> Article:
    """An article of ``text``, extracted."""
    article = ArticleFactory(text=text)
    article_extract(article=article)
    return article


@pytest.fixture
def sample_article():
    text = SAMPLE.read_text(encoding="utf-8")
    return ArticleFactory(text=text, raw=text, status=Article.Status.QUEUED)


def test_extraction_stores_spans_that_slice_the_article_text(sample_article):
    summary = article_extract(article=sample_article)
    sample_article.refresh_from_db()
    assert summary.status == Article.Status.EXTRACTED
    assert sample_article.status == Article.Status.EXTRACTED
    assert sample_article.extractor_version == EXTRACTOR_VERSION
    attributions = list(Attribution.objects.filter(article=sample_article))
    assert len(attributions) == summary.attributions >= 8
    for attribution in attributions:
        text = sample_article.text
        assert text[attribution.content_start : attribution.content_end] == attribution.content
        if attribution.mention_start is not None:
            mention = text[attribution.mention_start : attribution.mention_end]
            assert mention == attribution.speaker_mention


def test_sample_speakers_are_resolved_to_shared_sources(sample_article):
    article_extract(article=sample_article)
    speakers = set(
        Attribution.objects.filter(article=sample_article, speaker__isnull=False).values_list(
            "speaker__name", flat=True
        )
    )
    assert speakers >= SPEAKERS
    # One row per speaker, however many times the article names them.
    assert Source.objects.filter(name="Lloyd Austin").count() == 1
    peskov = Source.objects.get(name="Dmitry Peskov")
    assert (peskov.role, peskov.affiliation.name) == ("Kremlin spokesman", "Kremlin")


def test_nested_report_is_one_row_whose_subject_is_the_reported_speaker(sample_article):
    article_extract(article=sample_article)
    ryder = Attribution.objects.get(article=sample_article, speaker__name="Pat Ryder")
    assert ryder.subject.name == "Lloyd Austin"
    # What the spokesman reports Austin saying is his attribution, not a second one inside it.
    inside = Attribution.objects.filter(
        article=sample_article,
        content_start__gte=ryder.content_start,
        content_end__lte=ryder.content_end,
    )
    assert list(inside) == [ryder]


def test_rerun_gives_the_same_rows(sample_article):
    article_extract(article=sample_article)
    first = rows(sample_article)
    claims_before = Claim.objects.count()
    article_extract(article=sample_article)
    second = rows(sample_article)
    assert [r[:4] for r in first] == [r[:4] for r in second]
    assert Claim.objects.count() == claims_before


def test_rerun_keeps_what_a_reviewer_touched(sample_article):
    article_extract(article=sample_article)
    reviewer = UserFactory(groups=["Reviewer"])
    confirmed = Attribution.objects.filter(article=sample_article, kind="direct").first()
    confirmed.review_state = Attribution.ReviewState.CONFIRMED
    confirmed.reviewed_by = reviewer
    confirmed.save()
    manual = Attribution.objects.create(
        article=sample_article,
        claim=Claim.objects.create(text="a claim a reviewer added by hand"),
        kind=Attribution.Kind.UNATTRIBUTED,
        content=sample_article.text[0:5],
        content_start=0,
        content_end=5,
        extractor_version="",
    )
    summary = article_extract(article=sample_article)
    assert Attribution.objects.filter(pk=confirmed.pk, review_state="confirmed").exists()
    assert Attribution.objects.filter(pk=manual.pk).exists()
    # The extractor does not add a second copy of the span the reviewer confirmed.
    same_span = Attribution.objects.filter(
        article=sample_article,
        content_start=confirmed.content_start,
        content_end=confirmed.content_end,
    )
    assert same_span.count() == 1
    assert summary.kept_reviewed == 2


def test_the_same_statement_in_two_articles_is_one_claim():
    text = "The harbor was dredged last year. “Crime has fallen by a third since 2019,” the mayor said."
    first = ArticleFactory(text=text)
    second = ArticleFactory(text="In a radio interview, " + text)
    articles_extract(article_ids=[first.pk, second.pk])
    claim = Claim.objects.get(text__contains="Crime has fallen by a third")
    assert set(claim.attributions.values_list("article_id", flat=True)) == {first.pk, second.pk}


def test_non_english_article_is_skipped_with_the_reason():
    article = ArticleFactory(
        text="Der Bürgermeister sagte, die Kriminalität sei gesunken.", language="de"
    )
    [summary] = articles_extract(article_ids=[article.pk])
    article.refresh_from_db()
    assert article.status == summary.status == Article.Status.SKIPPED
    assert "'de'" in article.error
    assert not article.attributions.exists()


def test_empty_article_fails_with_a_message():
    article = ArticleFactory(text="   ")
    [summary] = articles_extract(article_ids=[article.pk])
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error == summary.error == "The article has no text to extract claims from."


def test_deleted_article_is_skipped_not_raised():
    assert articles_extract(article_ids=[987654]) == []


def test_article_without_attributions_extracts_cleanly():
    article = ArticleFactory(text="The weather was mild. The park was quiet.")
    [summary] = articles_extract(article_ids=[article.pk])
    assert summary.status == Article.Status.EXTRACTED
    assert not Attribution.objects.filter(article=article).exclude(kind="unattributed").exists()


def test_halves_of_a_split_quote_are_two_appearances_of_one_claim():
    article = extracted(
        "The mayor spoke on Monday. “We will not raise taxes this year,” Mayor Jane Ortiz said, "
        "“and we will keep every library open.”"
    )
    halves = list(
        Attribution.objects.filter(article=article, kind="direct").order_by("content_start")
    )
    assert [a.content for a in halves] == [
        "We will not raise taxes this year",
        "and we will keep every library open.",
    ]
    assert halves[0].claim_id == halves[1].claim_id
    assert halves[0].claim.text == (
        "We will not raise taxes this year and we will keep every library open"
    )
    assert {a.speaker.name for a in halves} == {"Jane Ortiz"}


def test_content_interrupted_by_its_cue_keeps_the_speakers_words_as_parts():
    article = extracted(
        "The council met on Monday. “We will not raise taxes,” the mayor said. "
        "“The budget is balanced.”"
    )
    attribution = Attribution.objects.get(article=article, kind="direct")
    assert "the mayor said" in attribution.content
    assert [article.text[start:end] for start, end in attribution.content_parts] == [
        "We will not raise taxes",
        "The budget is balanced.",
    ]
    # The claim is what the mayor said, without the reporter's words between the parts.
    assert attribution.claim.text == "We will not raise taxes. The budget is balanced"


def test_each_attribution_stores_the_kind_of_report_its_cue_makes():
    text = (
        "The council met on Monday. Mayor Jane Ortiz said that the bridge will close in May. "
        "Ortiz believes that the budget is balanced. Figures released by the city show that "
        "crime fell by 4 percent."
    )
    article = ArticleFactory(text=text)
    article_extract(article=article)
    kinds = dict(
        Attribution.objects.filter(article=article)
        .exclude(kind="unattributed")
        .values_list("cue", "cue_kind")
    )
    assert kinds == {"said": "speech", "believes": "belief", "show": "evidence"}
    # The article's own voice has no cue, so no cue kind.
    own = Attribution.objects.filter(article=article, kind="unattributed")
    assert set(own.values_list("cue_kind", flat=True)) <= {""}


def test_articles_are_claimed_one_by_one_as_the_parser_reads_them(monkeypatch):
    """Finding 1: a whole batch was marked extracting before parsing began."""
    from claims import extraction
    from factcheck.work import worker_identity

    first, second = (
        ArticleFactory(status="queued", text=f"The mayor said taxes will rise by {n} percent.")
        for n in (3, 4)
    )
    real = extraction.extract_many
    seen: list[dict] = []

    def reading_one_at_a_time(texts, **kwargs):
        for text in texts:
            seen.append(dict(Article.objects.values_list("pk", "status")))
            yield from real([text], **kwargs)

    monkeypatch.setattr(extraction, "extract_many", reading_one_at_a_time)
    articles_extract(article_ids=[first.pk, second.pk], task_id="task-1")
    assert seen == [
        {first.pk: "extracting", second.pk: "queued"},
        {first.pk: "extracted", second.pk: "extracting"},
    ]
    first.refresh_from_db()
    assert (first.attempts, first.claimed_by, first.claimed_task) == (1, "", "")
    assert worker_identity().endswith(f":{os.getpid()}")


def test_the_claim_records_the_worker_and_the_time(monkeypatch):
    from claims import extraction
    from factcheck.work import worker_identity

    article = ArticleFactory(status="queued", text="The mayor said taxes will rise.")
    claims = []

    def recording(texts, **kwargs):
        for text in texts:
            claims.append(Article.objects.values("claimed_by", "claimed_task").get())
            yield extraction.extract(text)

    monkeypatch.setattr(extraction, "extract_many", recording)
    articles_extract(article_ids=[article.pk], task_id="task-9")
    assert claims == [{"claimed_by": worker_identity(), "claimed_task": "task-9"}]


def test_an_article_a_live_worker_holds_is_left_alone():
    article = ArticleFactory(
        status="extracting", claimed_at=timezone.now(), claimed_task="other", text="He said so."
    )
    for task_id in ("mine", None):
        [summary] = articles_extract(article_ids=[article.pk], task_id=task_id)
        assert summary.status == "extracting"
    article.refresh_from_db()
    assert (article.claimed_task, article.attempts) == ("other", 0)


def test_an_article_a_dead_worker_held_is_taken_over(settings):
    stale = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    article = ArticleFactory(
        status="extracting", claimed_at=stale, claimed_task="gone", text="The mayor said no."
    )
    [summary] = articles_extract(article_ids=[article.pk], task_id="new")
    assert summary.status == "extracted"


def test_a_second_message_for_an_extracted_article_writes_nothing():
    """Re-running a task is idempotent: the duplicate finds nothing waiting."""
    article = ArticleFactory(status="queued", text="“Taxes will rise,” the mayor said.")
    articles_extract(article_ids=[article.pk], task_id="first")
    rows = list(Attribution.objects.values_list("pk", flat=True))
    [summary] = articles_extract(article_ids=[article.pk], task_id="duplicate")
    assert summary.status == "extracted"
    assert list(Attribution.objects.values_list("pk", flat=True)) == rows
    article.refresh_from_db()
    assert article.attempts == 1


def test_a_text_over_extract_max_chars_is_skipped_with_the_reason(settings):
    """Finding 5: a 4.9 MB text held a worker for minutes and stayed extracting."""
    settings.EXTRACT_MAX_CHARS = 40
    article = ArticleFactory(
        status="queued", text="The mayor said taxes will rise this year, again."
    )
    [summary] = articles_extract(article_ids=[article.pk], task_id="t")
    article.refresh_from_db()
    assert (summary.status, article.status) == ("skipped", "skipped")
    assert "at most 40 (EXTRACT_MAX_CHARS)" in article.error
    assert not article.attributions.exists()
