"""Loading rule packs: strict schema, every problem reported as path:line, ids from paths, versions."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checks import RulePackError, load_packs
from checks.examples import iter_examples, run_example

PACK_YML = "name: {name}\ndescription: a test pack\n"

GOOD_RULE = """\
kind: prohibited
message: The agent threatened arrest.
severity: critical
citation: 15 USC 1692e(4)
rationale: Not paying a debt is not a crime.
phrases:
  - "(arrest|arrested)"
examples:
  flag:
    - "We will have you arrested."
  pass:
    - "Nobody will arrest you."
"""


def make_pack(root: Path, files: dict[str, str], name: str = "testpack") -> Path:
    pack = root / name
    pack.mkdir()
    (pack / "pack.yml").write_text(PACK_YML.format(name=name))
    for rel, text in files.items():
        path = pack / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return pack


def problems_of(pack: Path) -> list[str]:
    with pytest.raises(RulePackError) as info:
        load_packs([pack])
    return [str(p) for p in info.value.problems]


def test_rule_id_comes_from_the_path(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, {"prohibited/threat_arrest.yml": GOOD_RULE})
    (loaded,) = load_packs([pack])
    assert [r.id for r in loaded.rules] == ["prohibited.threat_arrest"]
    assert loaded.rules[0].kind == "prohibited"


def test_pack_names_resolve_to_the_shipped_folder() -> None:
    (pack,) = load_packs("us_collections")
    assert pack.name == "us_collections" and pack.path.name == "us_collections"


def test_unknown_key_bad_severity_and_missing_examples_are_all_reported_with_lines(tmp_path: Path) -> None:
    bad = GOOD_RULE.replace("severity: critical", "severity: catastrophic")
    bad = bad.replace("phrases:", "phrazes: [x]\nphrases:")
    no_examples = GOOD_RULE.split("examples:")[0]
    pack = make_pack(tmp_path, {"prohibited/a.yml": bad, "prohibited/b.yml": no_examples})
    problems = problems_of(pack)
    a, b = str(pack / "prohibited" / "a.yml"), str(pack / "prohibited" / "b.yml")
    assert any(p.startswith(f"{a}:3: severity") and "critical" in p for p in problems), problems
    assert any(p.startswith(f"{a}:6: unknown key 'phrazes'") for p in problems), problems
    assert any(p.startswith(f"{b}:1: examples: missing") for p in problems), problems
    assert len(problems) == 3


def test_examples_need_both_flag_and_pass(tmp_path: Path) -> None:
    only_flag = GOOD_RULE.split("  pass:")[0]
    pack = make_pack(tmp_path, {"r.yml": only_flag})
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / 'r.yml'}:8: examples.pass: missing")


def test_nested_errors_point_at_their_line(tmp_path: Path) -> None:
    rule = GOOD_RULE.replace('    - "Nobody will arrest you."', "    - [{agnet: Nobody will arrest you.}]")
    pack = make_pack(tmp_path, {"r.yml": rule})
    (problem,) = problems_of(pack)
    assert problem.startswith(f"{pack / 'r.yml'}:12: examples.pass.0.turns.0.agnet"), problem


def test_unknown_kind_bad_yaml_duplicate_keys_and_phrase_syntax(tmp_path: Path) -> None:
    pack = make_pack(
        tmp_path,
        {
            "kind.yml": GOOD_RULE.replace("kind: prohibited", "kind: forbidden"),
            "yaml.yml": "kind: prohibited\nmessage: [unclosed\n",
            "dup.yml": GOOD_RULE.replace("severity: critical", "severity: critical\nseverity: low"),
            "syntax.yml": GOOD_RULE.replace('"(arrest|arrested)"', '"(arrest|arrested"'),
        },
    )
    problems = "\n".join(problems_of(pack))
    assert f"{pack / 'kind.yml'}:1: kind: must be one of required, prohibited" in problems
    assert f"{pack / 'yaml.yml'}:3: not valid YAML" in problems
    assert f"{pack / 'dup.yml'}:4: duplicate key 'severity'" in problems
    assert f"{pack / 'syntax.yml'}:7: missing ')'" in problems


def test_kind_specific_shape_is_checked(tmp_path: Path) -> None:
    response_without_reply = """\
        kind: response
        message: m
        severity: high
        citation: c
        rationale: r
        trigger: {speaker: customer, phrases: [stop calling]}
        window: {first_seconds: 10}
        examples: {flag: [x], pass: [y]}
    """
    call_log_with_both = """\
        kind: call_log
        message: m
        severity: high
        citation: c
        rationale: r
        local_time: {earliest: "08:00", latest: "21:00", assume_timezones: [Mars/Olympus]}
        frequency: {max_attempts: 7, days: 7}
        examples: {flag: [x], pass: [y]}
    """
    required_revoking_nothing = """\
        kind: required
        message: m
        severity: high
        citation: c
        rationale: r
        phrases: [debt collector]
        revoked_by: {speaker: customer, phrases: [speaking]}
        examples: {flag: [x], pass: [y]}
    """
    order_told_after_nothing = """\
        kind: order
        message: m
        severity: high
        citation: c
        rationale: r
        first: {speaker: customer, phrases: [speaking]}
        then: {speaker: agent, phrases: [you owe]}
        then_once_revoked: {speaker: agent, phrases: [collect a debt]}
        examples: {flag: [x], pass: [y]}
    """
    order_consent_to_nothing = order_told_after_nothing.replace(
        "then_once_revoked: {speaker: agent, phrases: [collect a debt]}",
        "consented_by: {speaker: customer, phrases: [he can listen]}",
    )
    bad_zone = call_log_with_both.replace("        frequency: {max_attempts: 7, days: 7}\n", "")
    call_log_with_both = call_log_with_both.replace("Mars/Olympus", "America/Chicago")
    files = {
        "resp.yml": response_without_reply,
        "log.yml": call_log_with_both,
        "zone.yml": bad_zone,
        "req.yml": required_revoking_nothing,
        "order.yml": order_told_after_nothing,
        "consent.yml": order_consent_to_nothing,
    }
    pack = make_pack(tmp_path, files)
    problems = "\n".join(problems_of(pack))
    assert "needs `forbidden` or `required`" in problems
    assert "unknown IANA time zone 'Mars/Olympus'" in problems
    assert "exactly one of `local_time` or `frequency`" in problems
    assert "req.yml" in problems and "revoked_by: only with `unless`" in problems
    assert "order.yml" in problems and "then_once_revoked: only with `revoked_by`" in problems
    assert "consent.yml" in problems and "consented_by: only with `revoked_by`" in problems


def test_problems_from_several_packs_are_collected_together(tmp_path: Path) -> None:
    one = make_pack(tmp_path, {"r.yml": GOOD_RULE.replace("severity: critical", "severity: x")}, "one")
    two = make_pack(tmp_path, {"r.yml": GOOD_RULE.replace("message:", "mesage:")}, "two")
    with pytest.raises(RulePackError) as info:
        load_packs([one, two])
    paths = {p.path for p in info.value.problems}
    assert paths == {str(one / "r.yml"), str(two / "r.yml")}


def test_missing_pack_and_bad_ids(tmp_path: Path) -> None:
    assert "no pack.yml" in problems_of(tmp_path / "nowhere")[0]
    pack = make_pack(tmp_path, {"Prohibited/Threat.yml": GOOD_RULE})
    assert "lower_snake_case" in problems_of(pack)[0]


def test_version_is_a_hash_of_the_pack_files(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, {"r.yml": GOOD_RULE})
    first = load_packs([pack])[0].version
    assert load_packs([pack])[0].version == first
    (pack / "r.yml").write_text(GOOD_RULE.replace("arrested)", "arrested|jail)"))
    assert load_packs([pack])[0].version != first


LISTS_PACK_YML = """\
phrase_lists:
  jail_words:
    - "(jail|prison)"
    - "locked up"
"""

RULE_WITH_A_LIST = GOOD_RULE.replace(
    '  - "(arrest|arrested)"\n', '  - "(arrest|arrested)"\n  - "@jail_words"\n'
).replace(
    '    - "We will have you arrested."\n',
    '    - "We will have you arrested."\n    - "You will be locked up."\n',
)


def test_a_phrase_list_stands_for_its_phrases_in_place(tmp_path: Path) -> None:
    listed = make_pack(tmp_path, {"r.yml": RULE_WITH_A_LIST}, "listed")
    (listed / "pack.yml").write_text(PACK_YML.format(name="listed") + LISTS_PACK_YML)
    inline = RULE_WITH_A_LIST.replace('  - "@jail_words"\n', '  - "(jail|prison)"\n  - "locked up"\n')
    written_out = make_pack(tmp_path, {"r.yml": inline}, "written_out")
    rule = load_packs([listed])[0].rules[0]
    assert rule.groups == load_packs([written_out])[0].rules[0].groups
    assert ("locked", "up") in rule.groups["phrases"] and ("prison",) in rule.groups["phrases"]
    results = [run_example(case) for case in iter_examples(load_packs([listed]))]
    assert [r.case.expect for r in results if r.ok] == ["flag", "flag", "pass"]
    # the list is the rule's: take "locked up" out of pack.yml and the rule's example fails
    (listed / "pack.yml").write_text(
        PACK_YML.format(name="listed") + LISTS_PACK_YML.replace('    - "locked up"\n', "")
    )
    failed = [run_example(case) for case in iter_examples(load_packs([listed]))]
    assert [r.case.index for r in failed if not r.ok] == [1]


def test_phrase_list_problems_name_the_file_and_line(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, {"r.yml": RULE_WITH_A_LIST.replace("@jail_words", "@jail_wrods")})
    bad_lists = LISTS_PACK_YML + '  nested:\n    - "@jail_words"\n  broken:\n    - "(jail|prison"\n'
    (pack / "pack.yml").write_text(PACK_YML.format(name="testpack") + bad_lists)
    problems = problems_of(pack)
    assert f"{pack / 'r.yml'}:8: unknown phrase list '@jail_wrods'" in "\n".join(problems)
    assert "defines: @jail_words, @nested, @broken" in "\n".join(problems)
    assert any(
        p.startswith(f"{pack / 'pack.yml'}:8: phrase_lists.nested:") and "not other lists" in p
        for p in problems
    )
    assert any(p.startswith(f"{pack / 'pack.yml'}:10: phrase_lists.broken:") for p in problems)
    (pack / "pack.yml").write_text(PACK_YML.format(name="testpack") + "phrase_lists:\n  Jail-Words: [jail]\n")
    assert any("pack.yml" in p and "phrase_lists" in p for p in problems_of(pack))


def test_a_word_list_stands_for_its_words_in_a_phrase(tmp_path: Path) -> None:
    rule = GOOD_RULE.replace(
        '  - "(arrest|arrested)"\n', '  - "(arrest|arrested)"\n  - "={spell} nights in jail"\n'
    )
    rule = rule.replace('    - "We will have you arrested."\n', '    - "Think about a few nights in jail."\n')
    listed = make_pack(tmp_path, {"r.yml": rule}, "listed")
    (listed / "pack.yml").write_text(
        PACK_YML.format(name="listed") + "word_lists:\n  spell: [two, a few, '#']\n"
    )
    written_out = make_pack(tmp_path, {"r.yml": rule.replace("{spell}", "(two|a few|#)")}, "written_out")
    loaded = load_packs([listed])[0]
    assert loaded.rules[0].groups == load_packs([written_out])[0].rules[0].groups
    assert ("a", "few", "nights", "in", "jail") in loaded.rules[0].groups["phrases"]
    assert all(run_example(case).ok for case in iter_examples([loaded]))
    # the words are the rule's: take "a few" out of pack.yml and the flag example fails
    (listed / "pack.yml").write_text(PACK_YML.format(name="listed") + "word_lists:\n  spell: [two, '#']\n")
    failed = [run_example(case) for case in iter_examples(load_packs([listed]))]
    assert [(r.case.expect, r.ok) for r in failed] == [("flag", False), ("pass", True)]


def test_word_list_problems_name_the_file_and_line(tmp_path: Path) -> None:
    rule = GOOD_RULE.replace('"(arrest|arrested)"', '"(arrest|arrested) {spel}"')
    pack = make_pack(tmp_path, {"r.yml": rule})
    (pack / "pack.yml").write_text(PACK_YML.format(name="testpack") + "word_lists:\n  spell: [two]\n")
    problems = "\n".join(problems_of(pack))
    assert f"{pack / 'r.yml'}:7: unknown word list '{{spel}}'" in problems
    assert "word_lists defines: {spell})" in problems
    # an alternative is plain words: phrase syntax in one is an error at its line
    (pack / "pack.yml").write_text(
        PACK_YML.format(name="testpack") + "word_lists:\n  bad:\n    - two\n    - (one|two)\n"
    )
    assert any(p.startswith(f"{pack / 'pack.yml'}:6: word_lists.bad.1") for p in problems_of(pack))


def test_an_unheard_rule_asks_no_less_than_transcripts_keep_and_its_stretches_end_after_they_start(
    tmp_path: Path,
) -> None:
    rule = """\
        kind: unheard
        message: m
        severity: medium
        citation: c
        rationale: r
        min_seconds: {seconds}
        examples:
          flag:
            - turns: [agent: Hello]
              unheard: [{{speaker: customer, start: {start}, end: 4.0}}]
              status: needs_listen
          pass: [Hello]
    """
    files = {
        "short.yml": rule.format(seconds=0.5, start=2.0),
        "backwards.yml": rule.format(seconds=1.5, start=5.0),
        "good.yml": rule.format(seconds=1.5, start=2.0),
    }
    problems = problems_of(make_pack(tmp_path, files))
    assert any(
        "short.yml" in p and "min_seconds" in p and "greater than or equal to 1" in p for p in problems
    )
    assert any("backwards.yml" in p and "a stretch ends after it starts" in p for p in problems)
    assert not any("good.yml" in p for p in problems), problems
