"""python manage.py export_verdicts (claims/management/commands/export_verdicts.py)."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.claims.exports.conftest import make_verdict
from tests.factories import RatingFactory

pytestmark = pytest.mark.django_db


def test_writes_published_verdicts_as_csv_to_a_file(tmp_path, mostly_false, editor):
    published = make_verdict(rating=mostly_false, editor=editor)
    make_verdict(rating=mostly_false, status="draft")
    out = tmp_path / "verdicts.csv"
    stderr = io.StringIO()

    call_command("export_verdicts", "--format", "csv", "-o", str(out), stderr=stderr)

    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [(r["verdict_id"], r["status"]) for r in rows] == [(str(published.pk), "published")]
    assert f"Wrote csv export to {out}" in stderr.getvalue()


def test_drafts_and_date_range(mostly_false, editor):
    published = make_verdict(rating=mostly_false, editor=editor)  # published 2024-03-05
    make_verdict(rating=mostly_false, status="draft")  # updated today: outside the range
    stdout = io.StringIO()

    call_command(
        "export_verdicts",
        "--format=jsonl",
        "--status=draft",
        "--status=published",
        "--since=2024-03-05",
        "--until=2024-03-05",
        stdout=stdout,
    )

    assert [json.loads(line)["id"] for line in stdout.getvalue().splitlines()] == [published.pk]


def test_claimreview_to_stdout(demo_verdict):
    stdout = io.StringIO()

    call_command("export_verdicts", "--format", "claimreview", stdout=stdout)

    assert [d["url"] for d in json.loads(stdout.getvalue())] == [demo_verdict.public_url]


def test_invalid_claimreview_writes_nothing_and_names_problems(tmp_path, scale, editor):
    bad = make_verdict(rating=RatingFactory(scale=scale, label="", value=3), editor=editor)
    out = tmp_path / "cr.json"
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was exported: 1 ClaimReview problem"):
        call_command("export_verdicts", "--format=claimreview", "-o", str(out), stderr=stderr)

    assert f"verdict {bad.pk}: missing reviewRating.alternateName" in stderr.getvalue()
    assert not out.exists()


def test_bad_date_is_a_clear_error():
    with pytest.raises(CommandError, match=r"since: Enter a valid date\."):
        call_command("export_verdicts", "--format=csv", "--since=March")


def test_unwritable_output_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_verdicts", "--format=csv", "-o", str(tmp_path / "missing" / "x.csv"))
