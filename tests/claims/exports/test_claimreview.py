import json
import re

import pytest
from django.template import Context, Template
from pyld import jsonld

from claims.exports.claimreview import (
    PLAIN_HTTP_URL,
    PLAIN_HTTP_URL_SQL,
    ClaimReviewInvalid,
    claimreview_check,
    claimreview_chunks,
    claimreview_document,
    claimreview_problems,
    claimreview_script,
    claimreview_validate,
)
from claims.exports.selectors import ExportFilters, verdict_export_iter, verdict_export_queryset
from claims.models import Attribution, Verdict
from claims.services.claims import claim_merge
from tests.claims.exports.conftest import make_verdict
from tests.factories import AttributionFactory, ClaimFactory, RatingFactory

pytestmark = pytest.mark.django_db
SCHEMA = "https://schema.org/"


def load_all() -> list:
    queryset = verdict_export_queryset(filters=ExportFilters(), published_only=True)
    return list(verdict_export_iter(queryset))


def test_demo_verdict_document(demo_verdict, settings):
    settings.PUBLISHER_NAME = "Desk & Co"
    settings.PUBLISHER_URL = "https://desk.example.org"
    [verdict] = load_all()

    document = claimreview_document(verdict)

    first_work = {
        "@type": "CreativeWork",
        "url": f"https://news.example.org/{demo_verdict.claim.pk}/budget",
        "headline": "Budget row deepens",
        "datePublished": "2024-03-01T07:00:00+00:00",
        "publisher": {"@type": "Organization", "name": "Example News"},
    }
    assert document == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": demo_verdict.public_url,
        "claimReviewed": "The budget grew by 20 percent last year",
        "datePublished": "2024-03-05T09:30:00+00:00",
        "author": {"@type": "Organization", "name": "Desk & Co", "url": "https://desk.example.org"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 2,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Mostly false",
            "name": "Mostly false",
        },
        "reviewBody": "The budget grew by 2%, not 20%.",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Maria Lopez", "jobTitle": "Finance minister"},
            "datePublished": "2024-03-01T07:00:00+00:00",
            "firstAppearance": first_work,
            "appearance": [
                first_work,
                {
                    "@type": "CreativeWork",
                    "url": "https://other.example.com/echo",
                    "headline": "Echo",
                    "datePublished": "2024-03-04T00:00:00+00:00",
                    "publisher": {"@type": "Organization", "name": "Other Daily"},
                },
            ],
        },
    }
    assert claimreview_problems(document, label="demo") == []


def test_export_expands_as_json_ld_with_every_required_field(demo_verdict, schema_org_loader):
    make_verdict(rating=demo_verdict.rating, text="Second claim")
    text = "".join(claimreview_chunks(load_all()))
    documents = json.loads(text)
    assert len(documents) == 2

    expanded = jsonld.expand(documents, {"documentLoader": schema_org_loader})

    assert schema_org_loader.requested, "the context was resolved through the local loader"
    assert len(expanded) == 2
    node = expanded[0]
    assert node["@type"] == [f"{SCHEMA}ClaimReview"]
    assert node[f"{SCHEMA}claimReviewed"] == [{"@value": "The budget grew by 20 percent last year"}]
    assert node[f"{SCHEMA}url"] == [{"@value": demo_verdict.public_url}]
    assert node[f"{SCHEMA}author"][0][f"{SCHEMA}name"] == [{"@value": "Factcheck Desk"}]
    rating = node[f"{SCHEMA}reviewRating"][0]
    assert rating["@type"] == [f"{SCHEMA}Rating"]
    assert rating[f"{SCHEMA}alternateName"] == [{"@value": "Mostly false"}]
    assert rating[f"{SCHEMA}ratingValue"] == [{"@value": 2}]
    assert rating[f"{SCHEMA}bestRating"] == [{"@value": 5}]
    assert rating[f"{SCHEMA}worstRating"] == [{"@value": 1}]
    claim = node[f"{SCHEMA}itemReviewed"][0]
    assert claim["@type"] == [f"{SCHEMA}Claim"]
    assert claim[f"{SCHEMA}author"][0][f"{SCHEMA}jobTitle"] == [{"@value": "Finance minister"}]
    first = claim[f"{SCHEMA}firstAppearance"][0]
    assert first["@type"] == [f"{SCHEMA}CreativeWork"]
    assert first[f"{SCHEMA}publisher"][0][f"{SCHEMA}name"] == [{"@value": "Example News"}]
    assert len(claim[f"{SCHEMA}appearance"]) == 2


def test_unattributed_claim_is_authored_by_its_outlet(demo_verdict):
    demo_verdict.claim.attributions.filter(speaker__isnull=False).update(review_state="rejected")
    [verdict] = load_all()

    author = claimreview_document(verdict)["itemReviewed"]["author"]

    assert author == {"@type": "Organization", "name": "Other Daily"}


def test_invalid_verdicts_are_reported_by_name(demo_verdict, scale, editor):
    unlabelled = make_verdict(rating=RatingFactory(scale=scale, label="", value=4), editor=editor)
    no_url = make_verdict(rating=demo_verdict.rating, editor=editor)
    no_url.public_url = ""
    no_url.save()

    problems = claimreview_validate(load_all())

    assert problems == [
        f"verdict {unlabelled.pk}: missing reviewRating.alternateName",
        f"verdict {no_url.pk}: missing url",
    ]
    with pytest.raises(ClaimReviewInvalid) as raised:
        list(claimreview_chunks(load_all()))
    assert raised.value.problems == [f"verdict {unlabelled.pk}: missing reviewRating.alternateName"]


def all_verdicts():
    return verdict_export_queryset(filters=ExportFilters(), published_only=False)


def test_the_check_reports_what_checking_every_document_reports(
    demo_verdict, scale, editor, django_assert_num_queries
):
    unlabelled = make_verdict(rating=RatingFactory(scale=scale, label="", value=4), editor=editor)
    make_verdict(rating=demo_verdict.rating, editor=editor)
    draft = make_verdict(rating=demo_verdict.rating, editor=editor, status="draft")
    urls = {
        "": "missing url",
        "/verdicts/1/": "is not an absolute http(s) URL",
        "https:///verdicts/1/": "is not an absolute http(s) URL",
        "https://desk.example.org/a b": "",
        "https://[::1]/verdicts/1/": "",
    }
    by_url = {}
    for url in urls:
        verdict = make_verdict(rating=demo_verdict.rating, editor=editor)
        Verdict.objects.filter(pk=verdict.pk).update(public_url=url)
        by_url[url] = verdict

    every = claimreview_validate(verdict_export_iter(all_verdicts()))
    with django_assert_num_queries(1):
        checked = claimreview_check(all_verdicts())

    assert checked == every
    flagged = {problem.split(":")[0] for problem in checked}
    expected = {unlabelled, draft} | {by_url[url] for url, problem in urls.items() if problem}
    assert flagged == {f"verdict {verdict.pk}" for verdict in expected}
    for url, problem in urls.items():
        if problem:
            assert any(f"verdict {by_url[url].pk}: " in p and problem in p for p in checked)


def test_a_valid_export_is_checked_by_one_query_that_reads_nothing(
    demo_verdict, editor, django_assert_num_queries
):
    for _ in range(3):
        make_verdict(rating=demo_verdict.rating, editor=editor)

    with django_assert_num_queries(1):
        assert claimreview_check(all_verdicts()) == []


def test_without_a_publisher_name_every_verdict_is_checked(demo_verdict, settings):
    settings.PUBLISHER_NAME = ""

    assert claimreview_check(all_verdicts()) == [f"verdict {demo_verdict.pk}: missing author.name"]


@pytest.mark.parametrize(
    "url",
    [
        "https://desk.example.org/verdicts/1/",
        "http://a",
        "https://#x",
        "https:///x",
        "http://?q",
        "HTTPS://desk.example.org/",
        "https://desk.example.org/a b",
        "https://desk.example.org/[1]",
        'http://"quoted"/',
        "https://desk.example.org/\\x",
        "ftp://desk.example.org/",
        "https://desk.example.org/\n",
        "https:/desk.example.org",
        "https://caf\u00e9.example.org/",
    ],
)
def test_the_sql_url_pattern_reads_urls_as_the_python_one(url):
    assert bool(re.search(PLAIN_HTTP_URL_SQL, url)) == bool(PLAIN_HTTP_URL.fullmatch(url)) or (
        url.endswith("\n")
    )


def test_empty_publisher_name_is_reported(demo_verdict, settings):
    settings.PUBLISHER_NAME = ""

    assert claimreview_validate(load_all()) == [f"verdict {demo_verdict.pk}: missing author.name"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"url": "/verdicts/1/"}, "demo: url '/verdicts/1/' is not an absolute http(s) URL"),
        ({"itemReviewed": {"@type": "Thing"}}, "demo: itemReviewed must be a Claim"),
        ({"claimReviewed": ""}, "demo: missing claimReviewed"),
        ({"reviewRating": None}, "demo: missing reviewRating"),
    ],
)
def test_document_rules(demo_verdict, change, problem):
    [verdict] = load_all()
    document = {**claimreview_document(verdict), **change}

    assert problem in claimreview_problems(document, label="demo")


def test_partial_or_out_of_range_numeric_rating_is_reported(demo_verdict):
    [verdict] = load_all()
    document = claimreview_document(verdict)
    partial = {**document, "reviewRating": {"alternateName": "False", "ratingValue": 1}}
    outside = {
        **document,
        "reviewRating": {**document["reviewRating"], "ratingValue": 9},
    }

    assert claimreview_problems(partial, label="v") == [
        "v: missing reviewRating.bestRating",
        "v: missing reviewRating.worstRating",
    ]
    assert claimreview_problems(outside, label="v") == [
        "v: reviewRating.ratingValue 9 lies outside 1..5"
    ]


def test_script_escapes_html_inside_json():
    script = claimreview_script({"claimReviewed": "</script><b>Tom & Jerry</b> <!--\u2028"})

    assert script.startswith('<script type="application/ld+json">')
    assert script.endswith("</script>")
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"claimReviewed": "</script><b>Tom & Jerry</b> <!--\u2028"}


def render_tag(verdict) -> str:
    template = Template("{% load claimreview %}{% claimreview_jsonld verdict %}")
    return template.render(Context({"verdict": verdict}))


def test_public_verdict_page_embeds_the_claimreview(client, demo_verdict):
    page = client.get(f"/verdicts/{demo_verdict.pk}/").content.decode()
    start = page.index('<script type="application/ld+json">')
    body = page[start:].removeprefix('<script type="application/ld+json">')
    document = json.loads(body[: body.index("</script>")])
    assert document["@type"] == "ClaimReview"
    assert document["claimReviewed"] == demo_verdict.claim.text


def test_template_tag_renders_published_verdict(demo_verdict, django_assert_num_queries):
    demo_verdict.claim.text = "Prices <fell> & rose"
    demo_verdict.claim.save()

    # 1: the verdict with claim, rating, scale, reviewer and editor; 2: its appearances.
    with django_assert_num_queries(2):
        html = render_tag(demo_verdict)

    assert html.startswith('<script type="application/ld+json">')
    assert "\\u003Cfell\\u003E \\u0026 rose" in html
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body)["claimReviewed"] == "Prices <fell> & rose"


def test_template_tag_renders_nothing_for_drafts_or_invalid_verdicts(mostly_false, caplog):
    draft = make_verdict(rating=mostly_false, status="draft")
    invalid = make_verdict(rating=mostly_false)
    invalid.public_url = ""
    invalid.save()

    assert render_tag(draft) == ""
    assert render_tag(None) == ""
    assert render_tag(invalid) == ""
    assert f"verdict {invalid.pk}: missing url" in caplog.text


@pytest.mark.parametrize(
    "url",
    [
        "https://factcheck.example.org/verdicts/1/",
        "http://a",
        "HTTPS://Example.org/x",
        "http:///no-host",
        "https://?q",
        "ftp://example.org/",
        " https://example.org/",
        "https://exa\tmple.org/",
        "http://\t/x",
        "https://例え.jp/",
        "https://[::1]/",
        "//example.org/",
    ],
)
def test_url_rule_agrees_with_urlsplit(url):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    expected = parts.scheme in {"http", "https"} and bool(parts.netloc)
    problems = claimreview_problems({"url": url}, label="v")

    assert (f"v: url {url!r} is not an absolute http(s) URL" not in problems) == expected


def test_after_a_merge_each_article_appears_once(mostly_false, reviewer):
    verdict = make_verdict(rating=mostly_false)
    survivor = verdict.claim
    article = survivor.attributions.get().article
    duplicate = ClaimFactory()
    AttributionFactory(article=article, claim=duplicate)  # the same article says it again
    claim_merge(claim=duplicate, into=survivor, actor=reviewer)
    assert Attribution.objects.filter(claim=survivor).count() == 2

    [document] = [claimreview_document(v) for v in load_all()]

    works = document["itemReviewed"]["appearance"]
    assert [w["url"] for w in works] == [article.url]


def test_each_article_is_listed_once_however_often_it_carries_the_claim(demo_verdict):
    from tests.factories import AttributionFactory

    first = demo_verdict.claim.attributions.get(speaker__isnull=False)
    AttributionFactory(
        article=first.article,
        claim=demo_verdict.claim,
        speaker=first.speaker,
        content_start=50,
        content_end=60,
    )
    [verdict] = load_all()
    works = claimreview_document(verdict)["itemReviewed"]["appearance"]
    assert [w["headline"] for w in works] == ["Budget row deepens", "Echo"]
