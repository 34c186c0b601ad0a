"""Finding or creating the Source a speaker stands for, so that one person, organization or
government is one row however many articles quote it and however they name it: ``SourceResolver``
for the extractor, ``source_get_or_create`` for a reviewer naming a speaker by hand."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils import timezone

from claims.models import Source, SourceAlias
from claims.naming import normalize_name

# Mentions that name nobody on their own: never stored as aliases.
_ANAPHORS = frozenset(
    "he she they him her them it we i you his hers its their the minister the ministry "
    "the spokesman the spokeswoman the official the officials the president the chief".split()
)
_GOVERNMENT_WORDS = ("government", "administration", "kremlin", "white house", "cabinet")


def _kind_for(name: str, kind: str) -> str:
    if kind in Source.Kind.values and kind != Source.Kind.UNKNOWN:
        return kind
    lowered = name.lower()
    if any(word in lowered for word in _GOVERNMENT_WORDS):
        return Source.Kind.GOVERNMENT
    return Source.Kind.UNKNOWN


def _is_alias_worthy(mention: str, name: str) -> bool:
    normalized = normalize_name(mention)
    return (
        bool(normalized)
        and normalized != normalize_name(name)
        and normalized not in _ANAPHORS
        and any(ch.isupper() for ch in mention)
        and len(normalized) <= 120
    )


class Named(Protocol):
    """What resolving needs of a speaker: the extractor's speakers have it, as has ``Speaker``."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def affiliation(self) -> str: ...
    @property
    def mention(self) -> str: ...


@dataclass(frozen=True)
class Speaker:
    """One speaker to resolve: the name found, its kind and what the text says about it."""

    name: str
    kind: str = ""
    role: str = ""
    affiliation: str = ""
    mention: str = ""


@dataclass(eq=False)
class _Target:
    """The source a name resolves to while a batch is decided: an existing row, or one to create
    (``source`` is None until the batch inserts it). ``kind`` and ``role`` are what it will have
    afterwards."""

    normalized: str
    name: str
    kind: str
    source: Source | None = None
    role: str = ""
    affiliation: "_Target | None" = None


@dataclass
class SourceResolver:
    """Resolves speakers to Sources in a fixed number of queries however many there are.

    Lookup order: the same normalized name (preferring the same kind, then a source of unknown
    kind), then an alias; otherwise a new source. A role or affiliation learnt from the text
    fills an empty field on an existing source; it never overwrites what a reviewer set. Each
    batch is decided in memory, in order, as if the speakers were resolved one after the other,
    then written: the missing sources in one insert, what was learnt in one update, the new
    aliases in one insert.
    """

    def resolve(
        self, *, name: str, kind: str = "", role: str = "", affiliation: str = "", mention: str = ""
    ) -> Source | None:
        [source] = self.resolve_all([Speaker(name, kind, role, affiliation, mention)])
        return source

    def resolve_all(self, speakers: Sequence[Named | None]) -> list[Source | None]:
        wanted = [s for s in speakers if s is not None]
        names = {normalize_name(n) for s in wanted for n in (s.name, s.affiliation) if n}
        names.discard("")
        if not names:
            return [None] * len(speakers)
        batch = _Batch.load(names)
        targets = [batch.target(s) if s is not None else None for s in speakers]
        batch.write()
        return [t.source if t is not None else None for t in targets]


@dataclass
class _Batch:
    by_name: dict[str, list[_Target]]
    by_alias: dict[str, _Target]
    # Every target once: the rows loaded and the sources to create.
    targets: list[_Target]
    mentions: list[tuple[_Target, str]] = field(default_factory=list)

    @classmethod
    def load(cls, names: set[str]) -> "_Batch":
        # One _Target per row, so what a batch learns about a source found by its name and by
        # an alias is written once.
        rows: dict[int, _Target] = {}

        def target_for(source: Source) -> _Target:
            return rows.setdefault(
                source.pk,
                _Target(source.normalized_name, source.name, source.kind, source, source.role),
            )

        by_name: dict[str, list[_Target]] = {}
        for source in Source.objects.filter(normalized_name__in=names, disambiguation=""):
            by_name.setdefault(source.normalized_name, []).append(target_for(source))
        by_alias: dict[str, _Target] = {}
        aliases = (
            SourceAlias.objects.filter(normalized_alias__in=names)
            .select_related("source")
            .order_by("source_id")
        )
        for alias in aliases:
            if alias.normalized_alias not in by_alias:
                by_alias[alias.normalized_alias] = target_for(alias.source)
        return cls(by_name, by_alias, list(rows.values()))

    def target(self, speaker: Named) -> _Target | None:
        normalized = normalize_name(speaker.name)
        if not normalized:
            return None
        kind = _kind_for(speaker.name, speaker.kind)
        target = self._find(normalized, kind)
        if target is None:
            target = _Target(normalized, speaker.name.strip()[:300], kind)
            self.by_name.setdefault(normalized, []).append(target)
            self.targets.append(target)
        self._learn(target, speaker, kind)
        return target

    def _find(self, normalized: str, kind: str) -> _Target | None:
        candidates = self.by_name.get(normalized, [])
        for wanted in (kind, Source.Kind.UNKNOWN):
            for candidate in candidates:
                if candidate.kind == wanted:
                    return candidate
        if kind == Source.Kind.UNKNOWN and len(candidates) == 1:
            return candidates[0]
        return self.by_alias.get(normalized)

    def _learn(self, target: _Target, speaker: Named, kind: str) -> None:
        # A source first met without a kind (say, as the subject of a report) learns it later;
        # _find already preferred a row of the right kind, so this cannot collide with one.
        if target.kind == Source.Kind.UNKNOWN and kind != Source.Kind.UNKNOWN:
            target.kind = kind
        if speaker.role and not target.role:
            target.role = speaker.role[:300]
        current = target.source
        has_affiliation = target.affiliation or (current and current.affiliation_id)
        if speaker.affiliation and not has_affiliation:
            parent = self.target(Speaker(speaker.affiliation, Source.Kind.ORGANIZATION))
            if parent is not None and parent is not target:
                target.affiliation = parent
        if speaker.mention and _is_alias_worthy(speaker.mention, target.name):
            self.mentions.append((target, speaker.mention[:300]))
            # Found by the next speaker of this batch, as it would be once written.
            self.by_alias.setdefault(normalize_name(speaker.mention), target)

    def write(self) -> None:
        self._create([t for t in self.targets if t.source is None])
        now = timezone.now()
        changed = []
        for target in self.targets:
            source = target.source
            if source is None:  # _create gave every target its row
                continue
            before = (source.kind, source.role, source.affiliation_id)
            if source.kind == Source.Kind.UNKNOWN:
                source.kind = target.kind
            if target.role and not source.role:
                source.role = target.role
            parent = target.affiliation.source if target.affiliation else None
            if parent is not None and source.affiliation_id is None and parent.pk != source.pk:
                source.affiliation = parent
            if (source.kind, source.role, source.affiliation_id) != before:
                source.updated_at = now
                changed.append(source)
        Source.objects.bulk_update(changed, ["kind", "role", "affiliation", "updated_at"])
        aliases = {
            (target.source.pk, normalize_name(mention)): (target.source, mention)
            for target, mention in self.mentions
            if target.source is not None
        }
        # Another run may add the same alias meanwhile: the unique constraint keeps one.
        SourceAlias.objects.bulk_create(
            [
                SourceAlias(source=source, alias=mention, normalized_alias=normalized)
                for (_, normalized), (source, mention) in aliases.items()
            ],
            ignore_conflicts=True,
        )

    def _create(self, missing: list[_Target]) -> None:
        """Insert the missing sources, then read them back: another worker may have created
        one meanwhile, and the unique constraint on (normalized_name, kind, disambiguation)
        makes this batch use the winner's row."""
        if not missing:
            return
        Source.objects.bulk_create(
            [
                Source(name=t.name, normalized_name=t.normalized, kind=t.kind, role=t.role)
                for t in missing
            ],
            ignore_conflicts=True,
        )
        rows = Source.objects.filter(
            normalized_name__in={t.normalized for t in missing}, disambiguation=""
        )
        found = {(row.normalized_name, row.kind): row for row in rows}
        for target in missing:
            target.source = found[(target.normalized, target.kind)]


def source_get_or_create(*, name: str, kind: str, role: str = "") -> Source:
    """An existing Source with this normalized name and kind, or a new one."""
    name = (name or "").strip()
    if not normalize_name(name):
        raise ValidationError({"new_speaker_name": "Give the speaker's name."})
    if kind not in Source.Kind.values:
        raise ValidationError({"new_speaker_kind": f"Unknown kind {kind!r}."})
    source, created = Source.objects.get_or_create(
        normalized_name=normalize_name(name),
        kind=kind,
        disambiguation="",
        defaults={"name": name, "role": (role or "").strip()},
    )
    if not created and role and not source.role:
        source.role = role.strip()
        source.save(update_fields=["role", "updated_at"])
    return source
