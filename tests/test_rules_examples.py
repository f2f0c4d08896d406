"""Every example of every rule of every shipped pack: flag examples must fire, pass examples must not."""

from __future__ import annotations

import pytest
from conftest import US_COLLECTIONS_IDS

from checks import available_packs, load_packs
from checks.examples import iter_examples, run_example

PACKS = load_packs(available_packs())
CASES = list(iter_examples(PACKS))


def test_the_shipped_packs_are_there() -> None:
    assert {"us_collections", "acme_script"} <= {p.name for p in PACKS}


@pytest.mark.parametrize(
    "case", CASES, ids=[c.id if c.pack.name == "us_collections" else f"{c.pack.name}:{c.id}" for c in CASES]
)
def test_rule_example(case) -> None:
    result = run_example(case)
    assert result.ok, f"{case.rule.path}: {case.expect} example #{case.index}: {result.detail}"


@pytest.mark.parametrize("rule", [r for p in PACKS for r in p.rules], ids=lambda r: r.id)
def test_every_rule_is_documented_and_has_both_kinds_of_examples(rule) -> None:
    spec = rule.spec
    assert spec.examples.flag and spec.examples.pass_
    assert spec.rationale.strip() and spec.citation.strip() and spec.message.strip()


US_IDS = US_COLLECTIONS_IDS


def test_us_collections_keeps_its_stable_ids() -> None:
    pack = next(p for p in PACKS if p.name == "us_collections")
    assert US_IDS <= {r.id for r in pack.rules}


def test_us_collections_examples_cover_negation_customer_and_mono_speech() -> None:
    """The pack's examples include the tricky variants, not only the obvious ones."""
    pack = next(p for p in PACKS if p.name == "us_collections")
    turns = [t for r in pack.rules for e in r.spec.examples.flag + r.spec.examples.pass_ for t in e.turns]
    text = " ".join(v.lower() for t in turns for v in t.values())
    assert any("customer" in t for t in turns) and any("mixed" in t for t in turns)
    assert "nobody is going to arrest you" in text
    assert "collect a dead" in text  # ASR-garbled mini-Miranda
