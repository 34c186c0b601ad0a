"""What the review screens show that the selectors' rows do not say as such: the article text with
its attributions highlighted, a claim's history as rows of changes, and the queue's rows.

The highlighting is built in Python rather than in a template because the marks must nest and split
exactly at character offsets, which template logic cannot express; every piece of text is escaped
here.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, NamedTuple

from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import floatformat
from django.urls import get_script_prefix, reverse
from django.utils.formats import localize
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime

from claims.models import Attribution, ChangeRecord


@dataclass(frozen=True)
class Span:
    """One highlighted stretch of article text and the ``<mark>`` that wraps it."""

    start: int
    end: int
    attribution_id: int
    part: str  # "content", "mention" or "cue"
    classes: str = ""
    title: str = ""


def _open_tag(span: Span, *, continued: bool) -> SafeString:
    classes = f"hl hl-{span.part} {span.classes}".strip() + (" hl-cont" if continued else "")
    return format_html(
        '<mark class="{}" data-attribution="{}" data-part="{}" title="{}">',
        classes,
        span.attribution_id,
        span.part,
        span.title,
    )


def highlight_text(text: str, spans: Iterable[Span]) -> SafeString:
    """``text`` escaped, with every span wrapped in a ``<mark>``.

    The text is split at every span boundary and each piece escaped. Spans nest as elements must:
    a span inside another (a nested quote's content within the outer quote) becomes a child mark;
    two spans that cross are split where they cross, the second piece marked ``hl-cont``.
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Span]] = defaultdict(list)
    for span in valid:
        starts[span.start].append(span)
    boundaries = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    stack: list[Span] = []
    position = 0
    for point in boundaries:
        if point > position:
            out.append(escape(text[position:point]))
            position = point
        ending = [s for s in stack if s.end == point]
        if ending:
            reopen = []
            while ending:
                top = stack.pop()
                out.append("</mark>")
                if top in ending:
                    ending.remove(top)
                else:
                    reopen.append(top)
            for span in reversed(reopen):
                out.append(_open_tag(span, continued=True))
                stack.append(span)
        # Longer spans open first so that the shorter ones starting here nest inside them.
        for span in sorted(starts.get(point, []), key=lambda s: (-s.end, s.part != "content")):
            out.append(_open_tag(span, continued=False))
            stack.append(span)
    return mark_safe("".join(out))  # every text piece above went through escape()


def attribution_spans(attributions: Iterable[Attribution]) -> list[Span]:
    """The content, speaker-mention and cue spans of each attribution."""
    spans: list[Span] = []
    for attribution in attributions:
        speaker = attribution.speaker
        who = speaker.name if speaker is not None else "the article itself"
        nested = " hl-reported" if attribution.reported_by_id else ""
        state = f" hl-{attribution.review_state}"
        # Only the speaker's own words are marked when the cue interrupts the content.
        pieces = attribution.content_parts or [(attribution.content_start, attribution.content_end)]
        spans.extend(
            Span(
                start,
                end,
                attribution.pk,
                "content",
                f"hl-{attribution.kind}{nested}{state}",
                f"{attribution.get_kind_display()} by {who}",
            )
            for start, end in pieces
        )
        if attribution.mention_start is not None and attribution.mention_end is not None:
            spans.append(
                Span(
                    attribution.mention_start,
                    attribution.mention_end,
                    attribution.pk,
                    "mention",
                    nested.strip(),
                    f"Speaker: {who}",
                )
            )
        if attribution.cue_start is not None and attribution.cue_end is not None:
            spans.append(
                Span(attribution.cue_start, attribution.cue_end, attribution.pk, "cue", "", "Cue")
            )
    return spans


def article_highlighted(*, text: str, attributions: Iterable[Attribution]) -> SafeString:
    """The article's text with every part of each attribution marked."""
    return highlight_text(text, attribution_spans(attributions))


ChangeRow = tuple[str, Any, Any, bool]  # (field, before, after, is_edit)


class HistoryEntry(NamedTuple):
    record: ChangeRecord
    action: str
    changes: list[ChangeRow]
    # When it happened in the desk's time zone, as the ``date:'c'`` and ``date:"Y-m-d H:i:s"``
    # filters gave it ("" for a record not saved), and the changes as the ``<dt>``/``<dd>`` pairs
    # of their list: formatting 2 x 300 dates through the filters and an inner loop per record
    # were a third of a busy claim page's time.
    when_iso: str = ""
    when: str = ""
    changes_html: SafeString = SafeString("")
    # On a claim's page: the merged claim the record belongs to when it is not the page's own, and
    # the merged claim whose merge the page can undo from this record (None for neither).
    on_merged: int | None = None
    undo: int | None = None


def change_rows(changes: Mapping[str, Any] | None) -> list[ChangeRow]:
    """A change record's changes as rows; for entries that are not before/after pairs, ``before``
    is None and ``is_edit`` False. Entries with nothing in them (``evidence moved []``) are left
    out."""
    rows: list[ChangeRow] = []
    for name, value in (changes or {}).items():
        label = name.replace("_", " ")
        if isinstance(value, dict) and set(value) == {"before", "after"}:
            rows.append((label, value["before"], value["after"], True))
        elif value not in (None, "", [], {}):
            rows.append((label, None, value, False))
    return rows


# What a change record's target is called in a sentence.
TARGET_NAMES = {
    "claims.claim": "claim",
    "claims.attribution": "appearance",
    "claims.verdict": "verdict",
    "claims.evidence": "evidence",
    "claims.stance": "stance",
    "claims.claimrelation": "relation",
    "claims.reviewrating": "rating",
}
_CLAIM_REFERENCE = re.compile(r"\(#(\d+)\)$")


def _other_claim(changes: Mapping[str, Any], key: str) -> str:
    """ "claim #7" from a record's ``"into": "Text of the claim (#7)"``."""
    found = _CLAIM_REFERENCE.search(str(changes.get(key, "")))
    return f"claim #{found.group(1)}" if found else "another claim"


def history_sentence(record: ChangeRecord) -> str:
    """The record in words: "Jane Doe merged claim #12 into claim #7"."""
    actor = record.actor
    who = (actor.get_full_name() or actor.get_username()) if actor else "The system"
    target = f"{TARGET_NAMES.get(record.target_type, record.target_type)} #{record.target_id}"
    changes = record.changes or {}
    # Built only for the record's own action (each reads the other claim with a regex).
    special: dict[str, Callable[[], str]] = {
        "merged": lambda: f"merged {target} into {_other_claim(changes, 'into')}",
        "merged_in": lambda: f"merged {_other_claim(changes, 'from')} into {target}",
        "unmerged": lambda: f"undid the merge of {target} into {_other_claim(changes, 'from')}",
        "unmerged_out": lambda: f"undid the merge of {_other_claim(changes, 'to')} into {target}",
        "split": lambda: f"split {_other_claim(changes, 'new_claim')} off {target}",
        "split_from": lambda: f"split {target} off {_other_claim(changes, 'from')}",
        "repointed": lambda: f"re-pointed {target} at its new survivor",
    }
    sentence = special.get(record.action)
    if sentence is not None:
        return f"{who} {sentence()}"
    verb = record.action.removeprefix("verdict_").replace("_", " ")
    return f"{who} {verb} {target}"


def changes_html(rows: Iterable[ChangeRow]) -> SafeString:
    """The ``<dt>`` and ``<dd>`` of each change, values printed as the template printed them: an
    edit as ``<del>before</del> → <ins>after</ins>`` ("—" for none), anything else as it is."""
    context = Context()

    def shown(value: Any) -> str:
        return "—" if value is None else render_value_in_context(value, context)

    return format_html_join(
        "",
        "<dt>{}</dt><dd>{}</dd>",
        (
            (
                label,
                format_html("<del>{}</del> → <ins>{}</ins>", shown(before), shown(after))
                if is_edit
                else render_value_in_context(after, context),
            )
            for label, before, after, is_edit in rows
        ),
    )


def history_entries(
    records: Iterable[ChangeRecord],
    *,
    claim_id: int | None = None,
    undoable: Collection[int] = (),
) -> list[HistoryEntry]:
    """Each record in words, its changes as rows and as HTML, and when; on the page of claim
    ``claim_id``, which merged claim it is on and whether its merge is one of ``undoable``."""
    entries = []
    for record in records:
        local = localtime(record.created_at) if record.created_at else None
        rows = change_rows(record.changes)
        entries.append(
            HistoryEntry(
                record,
                history_sentence(record),
                rows,
                local.isoformat() if local else "",
                local.strftime("%Y-%m-%d %H:%M:%S") if local else "",
                changes_html(rows),
                record.claim_id if claim_id is not None and record.claim_id != claim_id else None,
                record.target_id
                if record.action == "merged" and record.target_id in undoable
                else None,
            )
        )
    return entries


# Rows of long lists ------------------------------------------------------------------------------

# An id no row has: only ever the placeholder in a reversed pattern.
_PLACEHOLDER = 2_147_483_629


@lru_cache(maxsize=256)
def _id_pattern(name: str, prefix: str) -> tuple[str, str]:
    """The URL ``name`` reversed with the placeholder id, split around it (``prefix``, the
    current script prefix that ``reverse`` puts in front, is part of the cache key)."""
    before, placeholder, after = reverse(name, args=[_PLACEHOLDER]).partition(str(_PLACEHOLDER))
    if not placeholder:
        raise ValueError(f"URL {name!r} does not carry its id argument in its path")
    return before, after


def id_reverse(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for a URL whose only argument is an integer id, without
    resolving the pattern again: a page of many rows or cards reverses hundreds of them (a
    ``{% url %}`` per row was a tenth of the queue's time)."""
    before, after = _id_pattern(name, get_script_prefix())
    return f"{before}{int(pk)}{after}"


def pk_url(name: str) -> Callable[[Any], str]:
    """``id_reverse`` of URL ``name`` as a function of the id."""
    return partial(id_reverse, name)


@dataclass(frozen=True)
class QueueRow:
    """One claim of the review queue with every value its row prints, formatted as the template
    filters did (``truncatechars:160``, ``date:"Y-m-d"``, ``floatformat:2``), "—" for none."""

    pk: str
    href: str
    text: str
    article_href: str
    status: str
    status_label: str
    speaker: str
    outlet: str
    latest: str
    checkworthiness: str
    checkworthiness_shown: str
    appearances: str
    assigned: str


def queue_rows(claims: Iterable[Any]) -> list[QueueRow]:
    """The rows of ``claims.selectors.review.review_queue``'s claims (annotated with their first
    appearance, appearance count and latest article date)."""
    claim_url, article_url = pk_url("review:claim"), pk_url("review:article")
    return [
        QueueRow(
            pk=str(claim.pk),
            href=claim_url(claim.pk),
            text=Truncator(claim.text).chars(160),
            article_href=article_url(claim.first_article_id) if claim.first_article_id else "",
            status=claim.status,
            status_label=claim.get_status_display(),
            speaker=claim.first_speaker or "—",
            outlet=claim.first_outlet or "—",
            latest=(
                localtime(claim.latest_published).strftime("%Y-%m-%d")
                if claim.latest_published
                else "—"
            ),
            checkworthiness=localize(claim.checkworthiness),
            checkworthiness_shown=floatformat(claim.checkworthiness, 2),
            appearances=str(claim.appearances),
            assigned=str(claim.assigned_to) if claim.assigned_to else "—",
        )
        for claim in claims
    ]
