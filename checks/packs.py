"""Loading rule packs: one YAML file per rule, every problem reported as ``path:line: message``.

A pack is a folder with a ``pack.yml`` and rule files below it. A rule's id is its
path inside the pack without the suffix, folders joined by dots:
``phrases/us_collections/prohibited/threat_arrest.yml`` is ``prohibited.threat_arrest``.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import BaseModel, ValidationError
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from checks.phrases import WILDCARD, PhraseSyntaxError, exact_only, expand
from checks.schema import KINDS, NAME_PATTERN, RULE_MODELS, PackInfo, RuleSpec, Settings
from checks.text import SEPARATOR, CallText, fluent_words, shared_vocab
from phrases import PACKS_DIR

RULE_SUFFIXES = (".yml", ".yaml")
_ID_PART = re.compile(NAME_PATTERN)
LIST_MARK = "@"  # a rule's phrase "@name" stands for the phrases of pack.yml's phrase_lists.name
_WORD_LIST_REF = re.compile(r"\{(\w+)\}")  # "{name}" in a phrase: one of pack.yml's word_lists.name


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class RulePackError(Exception):
    """One or more rule files are invalid; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


Group = tuple[str, str]  # a rule's phrase group: (rule id, group name such as "first" or "answered.question")


class Needle(NamedTuple):
    """An authored phrase as fuzzy search uses it: its first spelling locates a garbled
    occurrence in the whole text, then every spelling (shortest first) is scored there.
    Spellings shorter than the pack's ``fuzzy_min_chars`` are matched exactly only."""

    first: str
    spellings: tuple[str, ...]
    lengths: tuple[int, ...]  # of the spellings
    words: frozenset[str]  # of the spellings: a garbled occurrence is these and unsure words

    @classmethod
    def of(cls, spellings: list[str]) -> Needle:
        ordered = tuple(sorted(dict.fromkeys(spellings), key=len))
        words = frozenset(word for spelling in ordered for word in spelling.split())
        return cls(spellings[0], ordered, tuple(map(len, ordered)), words)


@dataclass(frozen=True)
class Rule:
    """A validated rule: its id, where it came from, its spec and its expanded phrase groups."""

    id: str
    pack: str
    path: str
    spec: RuleSpec
    groups: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # Per group, its authored phrases for fuzzy search (see Needle), and every word of them:
    # a garbled phrase is heard as these words and words the ASR was unsure of.
    needles: dict[str, tuple[Needle, ...]] = field(default_factory=dict)
    needle_words: dict[str, frozenset[str]] = field(default_factory=dict)
    needle_shortest: dict[str, int] = field(default_factory=dict)  # characters of its shortest needle

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def severity(self) -> str:
        return self.spec.severity

    @property
    def message(self) -> str:
        return self.spec.message

    @property
    def citation(self) -> str:
        return self.spec.citation


@dataclass
class RulePack:
    name: str
    path: Path
    description: str
    version: str
    settings: Settings
    rules: tuple[Rule, ...]
    # what `callaudit rules lint` reports but the pack still loads with (a phrase list no rule uses)
    warnings: tuple[Problem, ...] = ()

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"pack {self.name!r} has no rule {rule_id!r}")

    @cached_property
    def matcher(self) -> CompiledPack:
        return CompiledPack(self)


def _heads(fits: frozenset[tuple[str, ...]]) -> frozenset[str]:
    """The first plain word outside the anchor of each variant (none when the anchor is all)."""
    return frozenset(fit[0] for fit in fits if fit)


class WildcardPattern(NamedTuple):
    """Phrase variants with ``*`` words that share an anchor (the longest run of plain words,
    ``offset`` words in), a length and the places of their other plain words. The matcher
    looks for the anchor; one lookup around each hit then checks every variant.
    ("this is * from" and "this is * with" are one pattern; "this is * * from" another.)
    """

    offset: int
    size: int
    places: tuple[int, ...]  # positions of the plain words outside the anchor
    fits: frozenset[tuple[str, ...]]  # the words the variants have there
    heads: frozenset[str]  # the first of those words (AnchorPatterns files the pattern by them)

    @classmethod
    def of(cls, variant: tuple[str, ...]) -> tuple[tuple[str, ...], WildcardPattern]:
        """A variant's anchor, and the pattern of that one variant."""
        offset = length = start = 0
        for wild, run in groupby(variant, key=lambda w: w == WILDCARD):
            size = len(list(run))
            if not wild and size > length:
                offset, length = start, size
            start += size
        places = tuple(
            k for k, w in enumerate(variant) if w != WILDCARD and not offset <= k < offset + length
        )
        fits = frozenset({tuple(variant[k] for k in places)})
        return variant[offset : offset + length], cls(offset, len(variant), places, fits, _heads(fits))

    def merged(self, other: WildcardPattern) -> WildcardPattern:
        """This pattern taking the variants of ``other`` too (the same anchor and shape)."""
        fits = self.fits | other.fits
        return self._replace(fits=fits, heads=_heads(fits))

    def span_at(self, tokens: list[str], anchor_start: int) -> tuple[int, int] | None:
        """The token span of a variant around an anchor found at ``anchor_start``, if one fits.

        ``*`` takes any one word of the same speaker (never the separator between streams).
        """
        start = anchor_start - self.offset
        end = start + self.size
        if start < 0 or end > len(tokens):
            return None
        if tuple([tokens[start + k] for k in self.places]) not in self.fits or SEPARATOR in tokens[start:end]:
            return None
        return start, end


class AnchorPatterns:
    """The wildcard patterns of one anchor, each with the phrase group it is of, filed by the
    first plain word outside the anchor.

    An anchor such as "this is" is found dozens of times a call and most hits fit none of
    its patterns: one dictionary lookup per place of a first word turns them away, for the
    patterns of every group with that anchor at once.
    """

    def __init__(self, patterns: Iterable[tuple[Group, WildcardPattern]]) -> None:
        self.anywhere: list[tuple[Group, WildcardPattern]] = []  # patterns of wildcards and the anchor alone
        by_place: dict[int, dict[str, list[tuple[Group, WildcardPattern]]]] = {}
        for group, pattern in patterns:
            if not pattern.places:
                self.anywhere.append((group, pattern))
                continue
            place = by_place.setdefault(pattern.places[0] - pattern.offset, {})
            for head in pattern.heads:
                place.setdefault(head, []).append((group, pattern))
        # (where the first word sits from the anchor's start, the patterns by that word)
        self.by_place = list(by_place.items())

    def spans_at(self, tokens: list[str], anchor_start: int) -> list[tuple[Group, tuple[int, int]]]:
        """The spans of the variants that fit around an anchor found at ``anchor_start``, each
        with its group."""
        spans = []  # plain loops: most hits fit nothing, and a comprehension's frame costs more than that
        for group, pattern in self.anywhere:
            if (span := pattern.span_at(tokens, anchor_start)) is not None:
                spans.append((group, span))
        n = len(tokens)
        for place, by_head in self.by_place:
            at = anchor_start + place
            if 0 <= at < n and (patterns := by_head.get(tokens[at])):
                for group, pattern in patterns:
                    if (span := pattern.span_at(tokens, anchor_start)) is not None:
                        spans.append((group, span))
        return spans


class CompiledPack:
    """One PhraseMatcher for every phrase group of every rule of a pack, run once per call.

    A phrase several groups share ("this is" opens wildcard phrases of five groups of the US
    pack, a cease request's reply is also an attorney reply) is one pattern of the matcher,
    whose matches go to each of its groups: a call's matches are found, returned by spaCy and
    sorted out once, not once per group (on bench/bench_checks.py's calls, about 115 matches a
    call instead of about 200).
    """

    def __init__(self, pack: RulePack) -> None:
        vocab = shared_vocab()
        self.matcher = PhraseMatcher(vocab)
        # A PhraseMatcher pattern may be the token hashes themselves instead of a Doc: building
        # 300,000 Docs took 5 of the 7 seconds of compiling the US pack.
        hashes: dict[str, int] = {}

        def token_hashes(words: tuple[str, ...]) -> tuple[int, ...]:
            return tuple(hashes.get(w) or hashes.setdefault(w, vocab.strings.add(w)) for w in words)

        # A group with the same phrases as an earlier one (two rules' `unless`) is matched once
        # and its matches copied: (rule id, group) -> the (rule id, group) matched for it.
        self.copies: dict[Group, Group] = {}
        first_with: dict[tuple[tuple[str, ...], ...], Group] = {}
        # every plain variant with the groups it is in; every anchor with its groups' patterns
        plain_groups: dict[tuple[str, ...], dict[Group, None]] = {}
        anchors: dict[tuple[str, ...], dict[tuple[Group, tuple], WildcardPattern]] = {}
        for rule in pack.rules:
            for name, variants in rule.groups.items():
                group = (rule.id, name)
                if variants in first_with:
                    self.copies[group] = first_with[variants]
                    continue
                first_with[variants] = group
                for variant in variants:
                    if WILDCARD not in variant:
                        plain_groups.setdefault(variant, {})[group] = None
                        continue
                    anchor, pattern = WildcardPattern.of(variant)
                    shapes = anchors.setdefault(anchor, {})
                    shape = (group, pattern[:3])  # offset, size, places
                    shapes[shape] = shapes[shape].merged(pattern) if shape in shapes else pattern
        # match key -> the groups a plain match of it is in; match key of an anchor -> the
        # wildcard patterns sharing it ("this is" for "this is * from")
        self.groups: dict[int, tuple[Group, ...]] = {}
        self.wildcards: dict[int, AnchorPatterns] = {}
        by_groups: dict[tuple[Group, ...], list[tuple[str, ...]]] = {}
        for variant, groups in plain_groups.items():
            by_groups.setdefault(tuple(groups), []).append(variant)
        for groups, variants in by_groups.items():
            key = f"{pack.name}:" + "+".join(f"{rule_id}#{name}" for rule_id, name in groups)
            self.matcher.add(key, [token_hashes(v) for v in variants])
            self.groups[vocab.strings[key]] = groups
        for anchor, shapes in anchors.items():
            anchor_key = f"{pack.name}:*{' '.join(anchor)}"
            self.matcher.add(anchor_key, [token_hashes(anchor)])
            self.wildcards[vocab.strings[anchor_key]] = AnchorPatterns(
                (group, pattern) for (group, _), pattern in shapes.items()
            )

    def __call__(self, text: CallText) -> dict[Group, list[tuple[int, int]]]:
        """Matches per (rule id, group), as token spans in document order.

        A phrase said with a hesitation or a restart inside ("this call is, um, being recorded",
        "this is his, his brother") is found by a second pass over the words a speaker meant
        (``fluent_words``), run only for a call that has one: tiny.en wrote three hesitations
        in the 46,872 words of the eval sets, and a word twice in a row in 72 of 397 calls.
        Its span is mapped back to the call's words, the left-out ones included.
        """
        found: dict[Group, list[tuple[int, int]]] = defaultdict(list)
        if text.doc is None:
            return {}
        tokens = text.tokens
        self._collect(self.matcher(text.doc), tokens, found, None)
        kept = fluent_words(tokens)
        if kept is not None:
            fluent = [tokens[i] for i in kept]
            self._collect(self.matcher(Doc(text.doc.vocab, words=fluent)), fluent, found, kept)
        for spans in found.values():
            spans.sort()
        for copy, matched in self.copies.items():
            if matched in found:
                found[copy] = found[matched]
        return dict(found)

    def _collect(self, matches, tokens: list[str], found: defaultdict, kept: list[int] | None) -> None:
        """Add matches over ``tokens`` to ``found``; ``kept`` maps them back to the call's tokens
        (the fluent pass), where only spans with a left-out word inside are new."""
        groups_of, anchor_of = self.groups, self.wildcards.get
        if kept is None:  # the call's own words: most matches are plain phrases of one group
            for match_id, start, end in matches:
                anchor = anchor_of(match_id)
                if anchor is None:
                    span = (start, end)
                    for group in groups_of[match_id]:
                        found[group].append(span)
                else:  # overlapping spans merge later
                    for group, span in anchor.spans_at(tokens, start):
                        found[group].append(span)
            return
        for match_id, start, end in matches:
            anchor = anchor_of(match_id)
            if anchor is None:
                spans = [(group, (start, end)) for group in groups_of[match_id]]
            else:
                spans = anchor.spans_at(tokens, start)
            for group, (a, b) in spans:
                if kept[b - 1] - kept[a] != b - 1 - a:
                    found[group].append((kept[a], kept[b - 1] + 1))


# --- finding packs ------------------------------------------------------------------------
def available_packs() -> list[str]:
    """Names of the packs shipped in ``phrases/``."""
    return sorted(p.parent.name for p in PACKS_DIR.glob("*/pack.yml"))


def resolve_pack(name_or_path: str | Path) -> Path:
    """A pack name from ``phrases/`` or a path to a pack folder."""
    path = Path(name_or_path)
    if (path / "pack.yml").exists():
        return path
    if isinstance(name_or_path, str) and _ID_PART.match(name_or_path):
        return PACKS_DIR / name_or_path
    return path


def load_packs(names_or_paths: str | Path | Iterable[str | Path]) -> list[RulePack]:
    """Load and validate packs; raise RulePackError listing every problem in every file."""
    if isinstance(names_or_paths, (str, Path)):
        names_or_paths = [names_or_paths]
    packs: list[RulePack] = []
    problems: list[Problem] = []
    for item in names_or_paths:
        pack, pack_problems = _load_pack(resolve_pack(item))
        problems.extend(pack_problems)
        if pack is not None:
            if any(p.name == pack.name for p in packs):
                problems.append(Problem(str(pack.path / "pack.yml"), 1, f"pack {pack.name!r} loaded twice"))
            packs.append(pack)
    if problems:
        raise RulePackError(problems)
    return packs


def _load_pack(root: Path) -> tuple[RulePack | None, list[Problem]]:
    pack_file = root / "pack.yml"
    if not pack_file.is_file():
        hint = f"; shipped packs: {', '.join(available_packs())}"
        return None, [Problem(str(root), 0, f"not a rule pack (no pack.yml){hint}")]
    problems: list[Problem] = []
    data = _read_yaml(pack_file, problems)
    info = _validate(PackInfo, data, pack_file, problems) if data is not None else None
    if info is not None and info.name != root.name:
        problems.append(Problem(str(pack_file), 1, f"name {info.name!r} must match the folder {root.name!r}"))
    lists = info.phrase_lists if info is not None else {}
    word_lists = info.word_lists if info is not None else {}
    for name, phrases in lists.items():
        for index, phrase in enumerate(phrases):
            problem = _list_phrase_problem(phrase, word_lists)
            if problem:
                line = _line_of(data[1], ("phrase_lists", name, index))
                problems.append(Problem(str(pack_file), line, f"phrase_lists.{name}: {problem}"))
    rules: list[Rule] = []
    files = sorted(p for p in root.rglob("*") if p.suffix in RULE_SUFFIXES and p != pack_file and p.is_file())
    digest = hashlib.sha256()
    for path in [pack_file, *files]:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    min_chars = (info.settings if info is not None else Settings()).fuzzy_min_chars
    for path in files:
        rule = _load_rule(root, path, problems, min_chars, lists, word_lists)
        if rule is not None:
            rules.append(rule)
    if not rules and not problems:
        problems.append(Problem(str(root), 0, "pack has no rule files"))
    if problems or info is None:
        return None, problems
    rule_phrases = [p for rule in rules for _, phrases, _ in _phrase_groups(rule.spec) for p in phrases]
    used = {phrase[len(LIST_MARK) :] for phrase in rule_phrases if phrase.startswith(LIST_MARK)}
    unused = [
        Problem(
            str(pack_file), _line_of(data[1], ("phrase_lists", name)), f"phrase_lists.{name}: no rule uses it"
        )
        for name in lists
        if name not in used
    ]
    every_phrase = rule_phrases + [p for phrases in lists.values() for p in phrases]
    words_used = {name for phrase in every_phrase for name in _WORD_LIST_REF.findall(phrase)}
    unused += [
        Problem(
            str(pack_file), _line_of(data[1], ("word_lists", name)), f"word_lists.{name}: no phrase uses it"
        )
        for name in word_lists
        if name not in words_used
    ]
    pack = RulePack(
        name=info.name,
        path=root,
        description=info.description,
        version=digest.hexdigest()[:16],
        settings=info.settings,
        rules=tuple(sorted(rules, key=lambda r: r.id)),
        warnings=tuple(unused),
    )
    return pack, []


def _list_phrase_problem(phrase: str, word_lists: dict[str, list[str]]) -> str:
    """Why a phrase of a pack's phrase list is wrong ("" if it is not)."""
    if phrase.startswith(LIST_MARK):
        return f"{phrase!r}: a phrase list holds phrases, not other lists"
    try:
        expand(phrase, word_lists)
    except PhraseSyntaxError as exc:
        return str(exc)
    return ""


def _with_lists(phrases: list[str], lists: dict[str, list[str]]) -> Iterator[tuple[int, str | None, str]]:
    """(index in the rule, list name or None, phrase) for each phrase, a list's in its place."""
    for index, phrase in enumerate(phrases):
        if phrase.startswith(LIST_MARK):
            name = phrase[len(LIST_MARK) :]
            for item in lists.get(name, [phrase]):  # an unknown list: the caller reports it
                yield index, name, item
        else:
            yield index, None, phrase


def _load_rule(
    root: Path,
    path: Path,
    problems: list[Problem],
    min_chars: int,
    lists: dict[str, list[str]],
    word_lists: dict[str, list[str]],
) -> Rule | None:
    rel = path.relative_to(root).with_suffix("")
    parts = rel.parts
    bad = [p for p in parts if not _ID_PART.match(p)]
    if bad:
        problems.append(
            Problem(str(path), 0, f"rule id parts must be lower_snake_case (got {'/'.join(bad)!r})")
        )
        return None
    rule_id = ".".join(parts)
    before = len(problems)
    node_data = _read_yaml(path, problems)
    if node_data is None:
        return None
    data, node = node_data if isinstance(node_data, tuple) else (node_data, None)
    if not isinstance(data, dict):
        problems.append(Problem(str(path), 1, "a rule file is a mapping of keys (kind, message, ...)"))
        return None
    kind = data.get("kind")
    if kind not in RULE_MODELS:
        line = _line_of(node, ("kind",))
        problems.append(Problem(str(path), line, f"kind: must be one of {', '.join(KINDS)} (got {kind!r})"))
        return None
    spec = _validate(RULE_MODELS[kind], node_data, path, problems)
    if spec is None or len(problems) > before:
        return None
    groups: dict[str, tuple[tuple[str, ...], ...]] = {}
    needles: dict[str, tuple[Needle, ...]] = {}
    for group, phrases, loc in _phrase_groups(spec):
        variants: dict[tuple[str, ...], None] = {}
        firsts: dict[str, Needle] = {}
        for index, listed, phrase in _with_lists(phrases, lists):
            if listed is not None and listed not in lists:
                defined = ", ".join(LIST_MARK + name for name in lists) or "none"
                message = f"unknown phrase list {phrase!r} (pack.yml phrase_lists defines: {defined})"
                problems.append(Problem(str(path), _line_of(node, (*loc, index)), message))
                continue
            try:
                expanded = expand(phrase, word_lists)
            except PhraseSyntaxError as exc:
                if listed is None:  # a list's phrases were checked with pack.yml
                    problems.append(Problem(str(path), _line_of(node, (*loc, index)), str(exc)))
                continue
            variants.update(dict.fromkeys(expanded))
            if exact_only(phrase):
                continue
            spellings = [" ".join(v) for v in expanded if WILDCARD not in v]  # fuzzy: plain words only
            if spellings and len(spellings[0]) >= min_chars:
                firsts.setdefault(spellings[0], Needle.of([s for s in spellings if len(s) >= min_chars]))
        groups[group] = tuple(variants)
        needles[group] = tuple(firsts.values())
    if len(problems) > before:
        return None
    needle_words = {
        group: frozenset().union(*(needle.words for needle in items)) for group, items in needles.items()
    }
    return Rule(
        id=rule_id,
        pack=root.name,
        path=str(path),
        spec=spec,
        groups=groups,
        needles=needles,
        needle_words=needle_words,
        needle_shortest={
            group: min(n.lengths[0] for n in items) for group, items in needles.items() if items
        },
    )


def _phrase_groups(spec: RuleSpec) -> list[tuple[str, list[str], tuple]]:
    """(group name, phrases, yaml location) of every phrase list in a rule."""
    found: list[tuple[str, list[str], tuple]] = []
    phrases = getattr(spec, "phrases", None)
    if isinstance(phrases, dict):
        found += [(f"phrases.{name}", items, ("phrases", name)) for name, items in phrases.items()]
    elif phrases is not None:
        found.append(("phrases", phrases, ("phrases",)))
    for name in ("forbidden", "implies_trigger", "required", "exceptions", "mono_exceptions"):
        items = getattr(spec, name, None)
        if isinstance(items, list):
            found.append((name, items, (name,)))
    groups = [
        (name, getattr(spec, name, None), (name,))
        for name in (
            "trigger",
            "suspect",
            "first",
            "then",
            "then_once_revoked",
            "revoked_by",
            "unless",
            "confirmed_by",
            "acknowledged_by",
            "withheld_by",
            "handed_over_by",
            "consented_by",
            "complained_of_by",
            "echoed_by",
            "explained_by",
            "denied_by",
            "rejected_by",
            "retracted_by",
        )
    ]
    for where in (("answered",), ("consented_by", "asked")):
        answered = spec
        for name in where:
            answered = getattr(answered, name, None)
        if answered is not None:
            groups += [
                (".".join((*where, name)), getattr(answered, name), (*where, name))
                for name in ("question", "answer")
            ]
    suspect = getattr(spec, "suspect", None)
    if suspect is not None and suspect.dismissed_by is not None:
        groups.append(("suspect.dismissed_by", suspect.dismissed_by, ("suspect", "dismissed_by")))
    for name, group, where in groups:
        if group is not None:
            found.append((name, group.phrases, (*where, "phrases")))
            if group.exceptions:
                found.append((f"{name}.exceptions", group.exceptions, (*where, "exceptions")))
            if group.mono_exceptions:
                found.append((f"{name}.mono_exceptions", group.mono_exceptions, (*where, "mono_exceptions")))
    return found


# --- YAML with line numbers ---------------------------------------------------------------
# libyaml's parser when PyYAML was built with it (the wheels are): the pure-Python one took half
# of loading the US pack (its 15 files hold 1,300 examples and their comments)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, problems: list[Problem]) -> tuple[Any, yaml.Node] | None:
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_YAML_LOADER)
        data = yaml.load(text, Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), 0, f"cannot read: {exc}"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problems.append(Problem(str(path), line, f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return None
    if node is None:
        problems.append(Problem(str(path), 1, "file is empty"))
        return None
    _duplicate_keys(node, path, problems)
    return data, node


def _duplicate_keys(node: yaml.Node, path: Path, problems: list[Problem]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                problems.append(Problem(str(path), key.start_mark.line + 1, f"duplicate key {key.value!r}"))
            seen.add(key.value)
            _duplicate_keys(value, path, problems)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _duplicate_keys(item, path, problems)


def _validate(model: type[BaseModel], node_data: Any, path: Path, problems: list[Problem]) -> Any:
    data, node = node_data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(Problem(str(path), _line_of(node, loc), _message(model, loc, err)))
        return None


def _message(model: type[BaseModel], loc: tuple, err: dict) -> str:
    where = ".".join(str(p) for p in loc) or "(rule)"
    if err["type"] == "extra_forbidden":
        hint = ""
        if len(loc) == 1:
            hint = f"; allowed keys: {', '.join(f.alias or n for n, f in model.model_fields.items())}"
        return f"unknown key {str(loc[-1])!r}{hint}"
    if err["type"] == "missing":
        return f"{where}: missing (required)"
    message = err["msg"].removeprefix("Value error, ")
    return f"{where}: {message}"


def _line_of(node: yaml.Node | None, loc: tuple) -> int:
    """The 1-based line of the YAML node at a pydantic error location (nearest existing parent)."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == str(key) or (key == "pass_" and k.value == "pass"):
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode):
            if key == "turns":  # an example written as a bare list of turns
                continue
            if isinstance(key, int) and 0 <= key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        else:
            return line
    return line
