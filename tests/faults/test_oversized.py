"""Documents over EXTRACT_MAX_CHARS, through the CLI (20 MB) and the API (4.9 MB), are stored and
skipped with the reason; the worker never sees them and extracts the next article at once."""

import httpx
import pytest
from rest_framework.authtoken.models import Token

from articles.models import Article
from tests.factories import UserFactory
from tests.faults.conftest import article_text, wait_for

PARAGRAPH = (
    "The mayor said on Monday that taxes would not rise this year, according to officials "
    "briefed on the plan. “We will keep every library open,” she said.\n\n"
)


def document(size: int, seed: str) -> str:
    return (seed + "\n\n" + PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_oversized_documents_are_skipped_with_the_reason_and_the_worker_stays_free(
    processes, tmp_path
):
    base = processes.web_and_worker()
    big = tmp_path / "huge.txt"
    big.write_text(document(20_000_000, "A 20 MB file."), encoding="utf-8")
    processes.manage("ingest", str(big), timeout=300)
    from_file = Article.objects.get(origin=Article.Origin.BULK)
    assert from_file.status == Article.Status.SKIPPED
    assert "EXTRACT_MAX_CHARS" in from_file.error

    token = Token.objects.create(user=UserFactory(username="feedbot", groups=["API client"]))
    headers = {"Authorization": f"Token {token.key}"}
    with httpx.Client(base_url=base, timeout=120, headers=headers) as client:
        large = client.post(
            "/api/v1/articles/", json={"text": document(4_900_000, "A 4.9 MB submission.")}
        )
        assert large.status_code == 202, large.text
        assert large.json()["status"] == "skipped"
        assert "EXTRACT_MAX_CHARS" in large.json()["error"]
        normal = client.post("/api/v1/articles/", json={"text": article_text(7)})
        assert normal.status_code == 202
    wait_for(
        lambda: Article.objects.filter(pk=normal.json()["id"], status="extracted").exists(),
        timeout=60,
        what="the normal article's extraction",
    )
    assert Article.objects.filter(status="skipped").count() == 2
