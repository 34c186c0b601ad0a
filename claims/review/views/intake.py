"""Articles on the desk: adding one in the browser, the list of every article with its status and
progress, following one article's processing, and retrying a failed one."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from articles.cleaning import CleaningError
from articles.models import Article
from articles.services import (
    DuplicateArticle,
    InvalidSubmission,
    article_create_by_person,
    article_retry,
)
from claims.review import forms
from claims.review.context import desk_context
from claims.review.views.common import REVIEW, back, list_page_context, post_on, staff_only
from claims.selectors import desk as selectors
from claims.selectors.review import queue_outlets
from factcheck.auth import acting_user

ARTICLES_PAGE_SIZE = 50
RETRY = "articles.change_article"


def article_page_url(article: Article) -> str:
    return reverse("review:article", args=[article.pk])


@require_http_methods(["GET", "POST"])
@staff_only(REVIEW)
def article_new(request: HttpRequest) -> HttpResponse:
    """Add an article by pasting its text, giving its URL or uploading a file; the person lands on
    its page (which follows its processing), or on the article already stored when it is a
    duplicate. Bad input comes back with everything typed kept."""
    form = forms.ArticleAddForm()
    status = 200
    if request.method == "POST":
        form = forms.ArticleAddForm(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            try:
                article = article_create_by_person(actor=acting_user(request), **form.submission())
            except DuplicateArticle as duplicate:
                messages.info(
                    request,
                    f"This article is already on the desk ({duplicate.reason}): nothing was "
                    "added, here it is.",
                )
                return HttpResponseRedirect(article_page_url(duplicate.existing))
            except (InvalidSubmission, CleaningError) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Article added: {article}.")
                return HttpResponseRedirect(article_page_url(article))
    return render(
        request,
        "review/article_new.html",
        desk_context(request, title="Add an article", form=form),
        status=status,
    )


@require_GET
@staff_only(REVIEW)
def article_list(request: HttpRequest) -> HttpResponse:
    """Every article with its outlet, date, status (and why, when it failed or was skipped) and
    progress, searched and filtered, with counts per status."""
    form = forms.ArticleFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(selectors.desk_articles(filters=filters), ARTICLES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = selectors.article_status_counts(filters=filters)
    return render(
        request,
        "review/articles.html",
        desk_context(
            request,
            title="Articles",
            form=form,
            filters=filters,
            page=page,
            outlets=queue_outlets(),
            **list_page_context(request, counts=counts, statuses=Article.Status.choices),
            can_retry=request.user.has_perm(RETRY),
        ),
    )


@require_GET
@staff_only(REVIEW)
def article_status(request: HttpRequest, pk: int) -> JsonResponse:
    """An article's processing status, for its page to follow until extraction ends."""
    article = get_object_or_404(Article.objects.only("status", "error"), pk=pk)
    return JsonResponse(
        {
            "status": article.status,
            "label": article.get_status_display(),
            "error": article.error,
            "done": article.status not in selectors.ARTICLE_IN_PROGRESS,
        }
    )


@post_on(Article.objects.defer("raw"), RETRY)
def article_retry_view(request: HttpRequest, article: Article) -> HttpResponse:
    """Queue a failed (or stuck queued) article again: URL articles are refetched, others
    re-extracted."""
    if article.status not in {Article.Status.FAILED, Article.Status.QUEUED}:
        messages.error(request, f"Only failed or queued articles are retried: {article}.")
    else:
        article_retry(article=article)
        messages.success(request, f"Queued again: {article}.")
    return back(request, reverse("review:articles"))
