"""Extraction with matching on: one claim for a quote however slightly it is reworded (a
variant with its diff), a suggestion for a paraphrase, drift never merged, and a number of
queries per article that does not grow with its statements or its new speakers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from claims.extraction import Attribution as Found
from claims.extraction import ExtractionResult
from claims.extraction.records import CheckworthyClaim
from claims.extraction.speakers import Speaker
from claims.models import Attribution, Claim, ClaimSuggestion, ClaimVariant, Source
from claims.services.extraction import article_extract
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

QUOTE = "We will protect about 3,000 homes along the Grey River before the winter floods arrive"
ARTICLES = {
    "word for word": f'"{QUOTE}," Mayor Jane Porter said on Monday.',
    "reworded": f'"{QUOTE.replace("about ", "")}," Mayor Jane Porter told reporters.',
    "paraphrased": "Mayor Jane Porter said that about 3,000 homes along the Grey River would be "
    "protected before the floods of winter come.",
    "number changed": f'"{QUOTE.replace("3,000", "4,000")}," Mayor Jane Porter said.',
    "negation added": f'"{QUOTE.replace("will", "will not")}," Mayor Jane Porter said.',
}


def extract(name, outlet, days):
    text = f"{ARTICLES[name]} Reported by {outlet}."
    article = ArticleFactory(
        text=text,
        raw=text,
        outlet=outlet,
        status=Article.Status.QUEUED,
        published_at=timezone.now() - timedelta(days=days),
    )
    article_extract(article=article)
    return Attribution.objects.get(article=article, speaker__isnull=False)


def test_word_for_word_reworded_and_paraphrased_quotes():
    first = extract("word for word", "Outlet A", days=3)
    again = extract("word for word", "Outlet B", days=2)
    reworded = extract("reworded", "Outlet C", days=1)
    paraphrase = extract("paraphrased", "Outlet D", days=0)

    claim = first.claim
    assert again.claim_id == reworded.claim_id == claim.pk
    [variant] = ClaimVariant.objects.filter(claim=claim)
    assert (variant.attribution_id, variant.base_id) == (reworded.pk, first.pk)
    assert ["delete", "about"] in variant.diff
    assert (variant.changes, variant.severity, variant.is_drift) == (
        ["qualifier_dropped"],
        "medium",
        True,
    )
    assert paraphrase.claim_id != claim.pk
    [suggestion] = ClaimSuggestion.objects.filter(claim=paraphrase.claim)
    assert (suggestion.similar_id, suggestion.state, suggestion.attribution_id) == (
        claim.pk,
        ClaimSuggestion.State.OPEN,
        paraphrase.pk,
    )


@pytest.mark.parametrize("name", ["number changed", "negation added"])
def test_drift_in_what_is_claimed_is_never_merged(name):
    first = extract("word for word", "Outlet A", days=1)
    changed = extract(name, "Outlet B", days=0)
    assert changed.claim_id != first.claim_id
    [suggestion] = ClaimSuggestion.objects.filter(claim=changed.claim)
    assert suggestion.similar_id == first.claim_id
    assert any(r.startswith(("number changed", "negation added")) for r in suggestion.reasons)


def test_rerunning_an_article_keeps_its_suggestions_and_variants_in_step():
    extract("word for word", "Outlet A", days=2)
    reworded = extract("reworded", "Outlet B", days=1)
    article_extract(article=reworded.article)
    assert ClaimVariant.objects.count() == 1
    assert Claim.objects.count() == 1


def _ann_lee(i: int) -> Speaker:
    return Speaker(name="Ann Lee", mention="Minister Ann Lee", kind="person")


def _new_speaker(i: int) -> Speaker:
    return Speaker(
        name=f"Official Number{i}",
        mention=f"Deputy Official Number{i}",
        kind="person",
        role=f"deputy minister for region {i}",
        affiliation=f"Ministry of Region {i}",
    )


def _result(n: int, edition: str, speaker=_ann_lee) -> tuple[str, ExtractionResult]:
    sentences = [
        f"Minister Ann Lee said the budget for region {i} grew by {i} percent." for i in range(n)
    ]
    text = " ".join(sentences) + f" {edition} edition."
    found, claims, offset = [], [], 0
    for i, sentence in enumerate(sentences):
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        content = f"the budget for region {i} grew by {i} percent"
        at = text.index(content, start)
        found.append(
            Found(
                content=content,
                content_start=at,
                content_end=at + len(content),
                kind="indirect",
                cue="said",
                cue_start=text.index("said", start),
                cue_end=text.index("said", start) + 4,
                speaker=speaker(i),
            )
        )
        claims.append(CheckworthyClaim(text=sentence, start=start, end=offset, checkworthiness=0.7))
    return text, ExtractionResult(attributions=found, claims=claims)


def _queries_for(n: int, edition: str, speaker=_ann_lee) -> list[str]:
    text, result = _result(n, edition, speaker)
    article = ArticleFactory(text=text, raw=text, status=Article.Status.QUEUED)
    with CaptureQueriesContext(connection) as captured:
        article_extract(article=article, result=result)
    assert Attribution.objects.filter(article=article).count() == 2 * n
    return [q["sql"] for q in captured.captured_queries]


def test_queries_per_article_do_not_grow_with_its_statements():
    # Claims already known, so matching has candidates to score for every statement.
    _queries_for(20, "Morning")
    few, many = _queries_for(2, "Noon"), _queries_for(20, "Evening")
    assert len(many) <= 20

    # Only inserts may split, into batches of SQLite's 999 variables (one per ~40 rows).
    assert len(_reads_and_updates(few)) == len(_reads_and_updates(many))
    assert len(many) - len(few) <= 2


def _reads_and_updates(queries: list[str]) -> list[str]:
    return [q for q in queries if not q.startswith("INSERT")]


def test_queries_per_article_do_not_grow_with_its_new_speakers():
    # Every statement has a speaker nobody has met, with a role, an affiliation and an alias.
    _queries_for(2, "Morning")
    few, many = _queries_for(2, "Noon", _new_speaker), _queries_for(20, "Evening", _new_speaker)
    assert len(_reads_and_updates(few)) == len(_reads_and_updates(many))
    assert len(many) - len(few) <= 4
    speaker = Source.objects.get(name="Official Number19")
    assert (speaker.role, speaker.affiliation.name) == (
        "deputy minister for region 19",
        "Ministry of Region 19",
    )
    assert speaker.aliases.get().alias == "Deputy Official Number19"
