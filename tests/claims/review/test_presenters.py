"""Highlighting article text from character offsets: escaped pieces, nested and crossing spans,
the parts of each attribution, only the speaker's words of an interrupted quote; and a claim's
history as rows of changes."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from hypothesis import given
from hypothesis import strategies as st

from claims.models import Attribution, ChangeRecord, Claim, Source
from claims.review.presenters import (
    HistoryEntry,
    QueueRow,
    Span,
    article_highlighted,
    attribution_spans,
    change_rows,
    changes_html,
    highlight_text,
    history_entries,
    pk_url,
    queue_rows,
)


def strip_marks(html: str) -> str:
    return re.sub(r"</?mark[^>]*>", "", html)


def test_nested_span_becomes_a_child_mark():
    text = 'He said "we will win," she added.'
    outer = Span(3, 22, 1, "content")
    inner = Span(9, 20, 2, "content")
    html = highlight_text(text, [inner, outer])
    assert html == (
        'He <mark class="hl hl-content" data-attribution="1" data-part="content" title="">'
        'said &quot;<mark class="hl hl-content" data-attribution="2" data-part="content" title="">'
        "we will win</mark>,&quot;</mark> she added."
    )


def test_crossing_spans_are_split_and_the_second_piece_marked_continued():
    html = highlight_text("abcdefghij", [Span(0, 6, 1, "content"), Span(3, 9, 2, "mention")])
    assert html.count('data-attribution="2"') == 2
    assert "hl-cont" in html
    assert strip_marks(html) == "abcdefghij"


def test_text_is_escaped_and_bad_spans_ignored():
    html = highlight_text("<b>&</b>", [Span(0, 3, 1, "content"), Span(5, 50, 2, "content")])
    assert "<b>" not in html
    assert strip_marks(html) == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert 'data-attribution="2"' not in html


spans = st.lists(
    st.tuples(
        st.integers(0, 40), st.integers(1, 40), st.sampled_from(["content", "mention", "cue"])
    ),
    max_size=8,
)


@given(text=st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=40), raw=spans)
def test_any_spans_keep_the_text_and_balance_the_marks(text, raw):
    html = highlight_text(
        text, [Span(s, e, i, part) for i, (s, e, part) in enumerate(raw) if s < e]
    )
    assert html.count("<mark ") == html.count("</mark>")
    unescaped = strip_marks(html)
    for entity, char in (
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", '"'),
        ("&#x27;", "'"),
        ("&amp;", "&"),
    ):
        unescaped = unescaped.replace(entity, char)
    assert unescaped == text
    depth = 0
    for tag in re.findall(r"</?mark", html):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0


def test_an_interrupted_quote_marks_only_the_speakers_words():
    text = "“We will not raise taxes,” the mayor said. “The budget is balanced.”"
    first, second = "We will not raise taxes", "The budget is balanced."
    start, end = text.index(first), text.index(second) + len(second)
    attribution = Attribution(
        pk=1,
        content=text[start:end],
        content_start=start,
        content_end=end,
        content_parts=[[start, start + len(first)], [text.index(second), end]],
        kind="direct",
    )
    html = str(article_highlighted(text=text, attributions=[attribution]))
    marked = re.findall(r'data-part="content"[^>]*>([^<]*)</mark>', html)
    assert marked == [first, second]


def test_each_attribution_gives_its_content_mention_and_cue_spans():
    reported = Attribution(
        pk=2,
        speaker=Source(pk=7, name="Lloyd Austin"),
        kind="direct",
        content_start=10,
        content_end=20,
        mention_start=0,
        mention_end=6,
        cue_start=7,
        cue_end=9,
        reported_by_id=1,
    )
    unattributed = Attribution(pk=3, kind="unattributed", content_start=30, content_end=40)
    assert attribution_spans([reported, unattributed]) == [
        Span(10, 20, 2, "content", "hl-direct hl-reported hl-auto", "Direct quote by Lloyd Austin"),
        Span(0, 6, 2, "mention", "hl-reported", "Speaker: Lloyd Austin"),
        Span(7, 9, 2, "cue", "", "Cue"),
        Span(
            30,
            40,
            3,
            "content",
            "hl-unattributed hl-auto",
            "Unattributed (article's own voice) by the article itself",
        ),
    ]


def test_history_entries_say_the_action_in_words_and_each_change_as_a_row():
    jane = User(username="jane", first_name="Jane", last_name="Doe")
    record = ChangeRecord(
        action="verdict_edited",
        actor=jane,
        target_type="claims.verdict",
        target_id=3,
        changes={
            "summary": {"before": "Old", "after": "New"},
            "merged_into": 7,
            "evidence_moved": [],
        },
    )
    assert history_entries([record]) == [
        HistoryEntry(
            record,
            "Jane Doe edited verdict #3",
            [("summary", "Old", "New", True), ("merged into", None, 7, False)],
            changes_html="<dt>summary</dt><dd><del>Old</del> → <ins>New</ins></dd>"
            "<dt>merged into</dt><dd>7</dd>",
        )
    ]
    record.created_at = datetime(2024, 3, 1, 23, 30, 5, tzinfo=UTC)
    with timezone.override("Europe/Berlin"):
        entry = history_entries([record])[0]
    assert (entry.when_iso, entry.when) == ("2024-03-02T00:30:05+01:00", "2024-03-02 00:30:05")
    assert history_entries([ChangeRecord(action="accepted", changes=None)])[0].changes == []


@pytest.mark.parametrize(
    ("action", "target_id", "changes", "sentence"),
    [
        ("merged", 12, {"into": "Taxes rose (#7)"}, "jane merged claim #12 into claim #7"),
        ("merged_in", 7, {"from": "Taxes rose (#12)"}, "jane merged claim #12 into claim #7"),
        ("unmerged", 12, {"from": "Taxes (#7)"}, "jane undid the merge of claim #12 into claim #7"),
        ("accepted", 12, {}, "jane accepted claim #12"),
    ],
)
def test_history_sentences_name_people_and_claims(action, target_id, changes, sentence):
    record = ChangeRecord(
        action=action,
        actor=User(username="jane"),
        target_type="claims.claim",
        target_id=target_id,
        changes=changes,
    )
    assert history_entries([record])[0].action == sentence


@pytest.mark.parametrize("pk", [1, 7, 42, 987654321, 123456789012])
def test_pk_url_gives_what_reverse_gives(pk):
    assert pk_url("review:claim")(pk) == reverse("review:claim", args=[pk])
    assert pk_url("review:article")(pk) == reverse("review:article", args=[pk])


def test_queue_rows_print_what_the_template_filters_printed():
    claim = Claim(pk=5, text="x" * 200, status=Claim.Status.ACCEPTED, checkworthiness=0.125)
    claim.first_article_id, claim.first_speaker, claim.first_outlet = 9, "Ann Lee", ""
    claim.latest_published = datetime(2024, 3, 1, 23, 30, tzinfo=UTC)
    claim.appearances = 3
    with timezone.override("Europe/Berlin"):
        (row,) = queue_rows([claim])
    assert row == QueueRow(
        pk="5",
        href=reverse("review:claim", args=[5]),
        text=Truncator("x" * 200).chars(160),
        article_href=reverse("review:article", args=[9]),
        status="accepted",
        status_label="Accepted",
        speaker="Ann Lee",
        outlet="—",
        latest="2024-03-02",
        checkworthiness="0.125",
        checkworthiness_shown="0.13",
        appearances="3",
        assigned="—",
    )
    bare = Claim(pk=6, text="short", checkworthiness=1.0, assigned_to=User(username="rita"))
    bare.first_article_id = bare.first_speaker = bare.first_outlet = bare.latest_published = None
    bare.appearances = 0
    (row,) = queue_rows([bare])
    assert (row.article_href, row.speaker, row.latest, row.assigned) == ("", "—", "—", "rita")
    assert (row.text, row.checkworthiness_shown) == ("short", "1.00")


def test_changes_html_prints_what_the_template_loop_printed():
    rows = change_rows(
        {
            "text": {"before": "Taxes <rose>", "after": "Taxes & fees rose"},
            "speaker": {"before": None, "after": "Ann"},
            "checkworthiness": {"before": 0.25, "after": 1},
            "reviewed": True,
            "moved": [3, 4],
        }
    )
    loop = Template(
        "{% for label, before, after, is_edit in changes %}<dt>{{ label }}</dt><dd>{% if is_edit %}"
        '<del>{{ before|default_if_none:"—" }}</del> → <ins>{{ after|default_if_none:"—" }}</ins>'
        "{% else %}{{ after }}{% endif %}</dd>{% endfor %}"
    )
    assert changes_html(rows) == loop.render(Context({"changes": rows}))
    assert "<del>Taxes &lt;rose&gt;</del> → <ins>Taxes &amp; fees rose</ins>" in changes_html(rows)
    assert changes_html([]) == ""
