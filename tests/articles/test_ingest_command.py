import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.articles.conftest import Route

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "samples" / "pentagon-belousov-call.txt"
)


def story(n: int) -> str:
    return (
        f"The council said on Monday that project {n} would cost more than planned. "
        f"Officials blamed rising prices for steel and labour in the region."
    )


def run(*args) -> tuple[str, CommandError | None]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("ingest", *args, stdout=out, stderr=StringIO())
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_text_and_html_files(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "sample.txt")
    (tmp_path / "page.html").write_text(
        f"<html><body><article><h1>Steel</h1><p>{story(1)}</p></article></body></html>"
    )

    out, error = run(str(tmp_path / "sample.txt"), str(tmp_path / "page.html"), "--no-extract")

    assert error is None
    assert out.strip().endswith("2 created, 0 duplicate, 0 failed")
    sample = Article.objects.get(title="Pentagon chief speaks with Russia’s new defense minister")
    assert sample.byline == "Babatunde Akinsola"
    assert sample.raw == SAMPLE.read_text()
    assert sample.origin == Article.Origin.BULK
    assert Article.objects.get(title="Steel").text == story(1)


def test_directory_jsonl_and_csv_with_duplicates_and_failures(tmp_path):
    nested = tmp_path / "batch" / "nested"
    nested.mkdir(parents=True)
    records = [
        {"url": "https://news.example/1", "title": "One", "text": story(1), "outlet": "Gazette"},
        {"url": "https://news.example/1?utm_source=x", "text": story(2)},
        {"text": story(1)},
        {"title": "Nothing to ingest"},
        {"html": f"<p>{story(3)}</p>", "published": "2024-06-26"},
    ]
    lines = [json.dumps(record) for record in records] + ["{not json"]
    (nested / "items.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "batch" / "rows.csv").write_text(
        "url,title,text,published,outlet\n"
        f'https://news.example/4,Four,"{story(4)}",2024-01-02,Courier\n'
        f',Bad date,"{story(5)}",someday,\n'
    )
    (tmp_path / "batch" / "ignored.pdf").write_bytes(b"%PDF-1.4")

    out, error = run(str(tmp_path / "batch"), "--no-extract", "--outlet", "Default Outlet")

    assert isinstance(error, CommandError)
    jsonl = nested / "items.jsonl"
    first_id = Article.objects.get(normalized_url="https://news.example/1").pk
    assert f"{jsonl}:2: duplicate of {jsonl}:1 (same URL)" in out
    assert f"{jsonl}:3: duplicate of {jsonl}:1 (same content)" in out
    assert f"{jsonl}:4: no url, text or html given" in out
    assert f"{jsonl}:6: not valid JSON" in out
    assert "rows.csv:3: published 'someday' is not a date" in out
    assert out.strip().endswith("3 created, 2 duplicate, 3 failed")
    four = Article.objects.get(title="Four")
    assert (four.outlet, four.published_at.date().isoformat()) == ("Courier", "2024-01-02")
    assert Article.objects.get(text=story(3)).outlet == "Default Outlet"
    assert Article.objects.get(pk=first_id).outlet == "Gazette"

    # A second run finds everything already stored.
    out, _ = run(str(tmp_path / "batch"), "--no-extract")
    assert f"{jsonl}:1: duplicate of article {first_id} (same URL)" in out
    assert Article.objects.count() == 3


def test_binary_and_missing_files_fail_with_reasons(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")

    out, error = run(str(tmp_path / "blob.txt"), str(tmp_path / "missing.txt"))

    assert error is not None
    assert "blob.txt: The document is binary (it contains NUL bytes), not text." in out
    assert "missing.txt: no such file or directory, and not a URL" in out
    assert Article.objects.count() == 0


def test_urls_are_fetched_inline_in_eager_mode(local_server, allow_private, transactional_db):
    local_server.routes["/story"] = Route(
        body=f"<html><body><article><p>{story(7)}</p></article></body></html>".encode(),
        headers={"Content-Type": "text/html"},
    )

    local_server.routes["/gone"] = Route(404, b"gone")

    out, error = run(local_server.url("/story"), local_server.url("/gone"), "--no-extract")

    assert f"{local_server.url('/gone')}: The server answered 404 Not Found" in out
    assert out.strip().endswith("1 created, 0 duplicate, 1 failed")
    assert error is not None
    fetched = Article.objects.get(url=local_server.url("/story"))
    assert (fetched.status, fetched.text) == ("queued", story(7))


def test_extraction_is_queued_unless_no_extract(
    tmp_path, django_capture_on_commit_callbacks, extraction_queue
):
    (tmp_path / "a.txt").write_text(story(8))

    with django_capture_on_commit_callbacks(execute=True):
        _out, error = run(str(tmp_path / "a.txt"))

    assert error is None
    assert extraction_queue == [Article.objects.get().pk]


def test_with_the_broker_down_ingest_succeeds_and_says_the_articles_will_be_queued(
    tmp_path, broker_down, django_capture_on_commit_callbacks, monkeypatch
):
    """Finding 2: ``ingest`` exited 1 after 23 s with the broker down."""
    monkeypatch.setattr(
        "articles.management.commands.ingest._broker_state",
        lambda: {"ok": False, "error": "Connection refused"},
    )
    (tmp_path / "a.txt").write_text(story(1), encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        output, error = run(str(tmp_path / "a.txt"))
    assert error is None
    assert "1 created" in output
    assert "will be queued for the workers once it is back" in output
    assert Article.objects.get().queued_at is not None


def test_a_file_over_extract_max_chars_is_stored_skipped_with_the_reason(tmp_path, settings):
    """Finding 5: the command had no cap at all."""
    settings.EXTRACT_MAX_CHARS = 60
    (tmp_path / "long.txt").write_text(story(2), encoding="utf-8")
    output, error = run(str(tmp_path / "long.txt"))
    assert error is None and "1 created" in output
    article = Article.objects.get()
    assert article.status == "skipped"
    assert "(EXTRACT_MAX_CHARS)" in article.error
