"""Articles on the desk: adding one (text, URL, file; duplicates), the list with its counts,
search and filters, the status a page follows, and editors' retry."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from articles.services import article_create_from_text
from claims.models import Attribution
from tests.articles.services.samples import ENGLISH, PAGE
from tests.factories import ArticleFactory, AttributionFactory, ClaimFactory

pytestmark = pytest.mark.django_db

NEW = reverse("review:article-new")


def test_reviewer_adds_pasted_text_and_lands_on_its_page(
    client, reviewer, django_capture_on_commit_callbacks, extraction_queue
):
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, {"title": "Bridge vote", "text": ENGLISH})

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("review:article", args=[article.pk])
    assert (article.title, article.origin, article.submitted_by) == (
        "Bridge vote",
        "text",
        reviewer,
    )
    assert extraction_queue == [article.pk]  # queued like every other way in
    page = client.get(response["Location"]).content.decode()
    assert "Article added: Bridge vote." in page
    assert 'data-article-status="' in page  # queued: the page follows its status


def test_a_url_is_queued_for_fetching(
    client, editor, django_capture_on_commit_callbacks, monkeypatch
):
    fetched = []
    monkeypatch.setattr(
        "articles.tasks.fetch_article.delay", lambda pk, extract: fetched.append(pk)
    )
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, {"url": "https://news.example.org/a-story?utm_source=x"})

    article = Article.objects.get()
    assert response.status_code == 302
    assert (article.status, article.origin, fetched) == ("queued", "url", [article.pk])


def test_an_uploaded_html_file_is_cleaned(client, reviewer, extraction_queue):
    client.force_login(reviewer)
    upload = SimpleUploadedFile("story.html", PAGE, content_type="text/html")

    response = client.post(NEW, {"file": upload})

    article = Article.objects.get()
    assert response.status_code == 302
    assert article.origin == "html"
    assert "<" not in article.text and article.text


@pytest.mark.parametrize(
    ("how", "data"),
    [
        ("same content", {"text": "  " + ENGLISH.upper()}),  # case and spacing make no difference
        ("same URL", {"url": "https://NEWS.example.org/known#top"}),
    ],
)
def test_a_duplicate_leads_to_the_existing_article(client, reviewer, extraction_queue, how, data):
    existing = article_create_from_text(text=ENGLISH, url="https://news.example.org/known")
    client.force_login(reviewer)

    response = client.post(NEW, data, follow=True)

    assert response.redirect_chain[-1][0] == reverse("review:article", args=[existing.pk])
    assert Article.objects.count() == 1
    assert f"already on the desk ({how})" in response.content.decode()


def test_the_api_sees_a_desk_article_as_a_duplicate(client, reviewer, api_user):
    from rest_framework.authtoken.models import Token

    client.force_login(reviewer)
    client.post(NEW, {"text": ENGLISH})
    token = Token.objects.create(user=api_user)

    response = client.post(
        "/api/v1/articles/", {"text": ENGLISH}, HTTP_AUTHORIZATION=f"Token {token.key}"
    )

    assert response.status_code == 409
    assert response.json()["duplicate_of"] == Article.objects.get().pk


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Paste the text, give a URL or choose a file."),
        ({"url": "not a url at all"}, "Enter a valid URL."),
        ({"text": "   "}, "Paste the text, give a URL or choose a file."),
    ],
)
def test_bad_input_is_a_400_that_keeps_what_was_typed(client, reviewer, data, error):
    client.force_login(reviewer)

    response = client.post(NEW, {"title": "Kept title", **data})

    assert response.status_code == 400
    page = response.content.decode()
    assert error in page
    assert 'value="Kept title"' in page
    assert not Article.objects.exists()


def test_a_binary_file_is_refused_with_a_message(client, reviewer):
    client.force_login(reviewer)
    upload = SimpleUploadedFile("x.txt", b"\x00\x01\x02\xff" * 50, content_type="text/plain")

    response = client.post(NEW, {"file": upload})

    assert response.status_code == 400
    assert not Article.objects.exists()


def test_the_admin_add_page_sends_to_the_desk_form(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 302 and response["Location"] == NEW


# The list ------------------------------------------------------------------------------------


@pytest.fixture
def articles(db):
    extracted = ArticleFactory(title="Bridge vote passes", outlet="Gazette")
    claim = ClaimFactory(status="candidate")
    AttributionFactory(article=extracted, claim=claim)
    AttributionFactory(article=extracted, claim=claim, review_state="confirmed")
    AttributionFactory(article=extracted, claim=ClaimFactory(status="rejected"))
    failed = ArticleFactory(
        title="Unreachable story", outlet="Herald", status="failed", error="Unreachable: timeout"
    )
    queued = ArticleFactory(
        title="Waiting", outlet="Herald", status="queued", text="The mayor spoke of tolls."
    )
    return {"extracted": extracted, "failed": failed, "queued": queued}


def test_list_shows_status_reasons_and_counts(client, reviewer, articles):
    client.force_login(reviewer)

    response = client.get(reverse("review:articles"))

    rows = {a.pk: a for a in response.context["page"].object_list}
    extracted = rows[articles["extracted"].pk]
    assert (
        extracted.attribution_count,
        extracted.unreviewed_count,
        extracted.open_claim_count,
    ) == (3, 2, 1)
    page = response.content.decode()
    assert "Unreachable: timeout" in page
    assert [t[2] for t in response.context["status_tabs"]][:1] == [3]
    assert "Retry" not in page  # reviewers do not retry


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"q": "bridge"}, {"Bridge vote passes"}),  # a word of the title
        ({"q": "herald"}, {"Unreachable story", "Waiting"}),  # the outlet
        ({"q": "tolls"}, {"Waiting"}),  # the text
        ({"status": "failed"}, {"Unreachable story"}),
        ({"outlet": "Herald", "status": "queued"}, {"Waiting"}),
        ({"q": "x" * 5000}, {"Bridge vote passes", "Unreachable story", "Waiting"}),  # dropped
    ],
)
def test_search_and_filters(client, reviewer, articles, query, titles):
    client.force_login(reviewer)
    response = client.get(reverse("review:articles"), query)
    assert response.status_code == 200
    assert {a.title for a in response.context["page"].object_list} == titles


@pytest.mark.parametrize("extra", [0, 30])
def test_list_query_count_does_not_grow(
    client, reviewer, articles, django_assert_num_queries, extra
):
    for _ in range(extra):
        AttributionFactory(article=ArticleFactory())
    client.force_login(reviewer)
    # session, user, the page's articles with their counts, the paginator's count, the status
    # counts, the outlets, user and group permissions, my work's counts in the navigation.
    with django_assert_num_queries(9):
        response = client.get(reverse("review:articles"))
    assert len(response.context["page"].object_list) == 3 + extra


def test_editor_retries_a_failed_article(client, editor, articles, extraction_queue):
    client.force_login(editor)
    failed = articles["failed"]
    failed.url = ""
    failed.save()

    response = client.post(reverse("review:article-retry", args=[failed.pk]), follow=True)

    failed.refresh_from_db()
    assert (failed.status, failed.error) == ("queued", "")
    assert f"Queued again: {failed.title}." in response.content.decode()


def test_an_extracted_article_is_not_retried(client, editor, articles):
    client.force_login(editor)
    response = client.post(
        reverse("review:article-retry", args=[articles["extracted"].pk]), follow=True
    )
    assert "Only failed or queued articles are retried" in response.content.decode()


def test_status_endpoint_says_when_processing_ends(client, reviewer, articles):
    client.force_login(reviewer)
    queued = client.get(reverse("review:article-status", args=[articles["queued"].pk])).json()
    failed = client.get(reverse("review:article-status", args=[articles["failed"].pk])).json()
    assert (queued["status"], queued["done"]) == ("queued", False)
    assert (failed["done"], failed["error"]) == (True, "Unreachable: timeout")


def test_article_page_shows_progress_and_the_next_article(client, reviewer, articles):
    client.force_login(reviewer)
    later = ArticleFactory(title="Next one to read")
    AttributionFactory(article=later)
    Attribution.objects.filter(article=articles["extracted"]).update(review_state="confirmed")

    page = client.get(reverse("review:article", args=[articles["extracted"].pk])).content.decode()

    assert "3 of 3 reviewed" in page
    assert "Next article to review: Next one to read" in page
