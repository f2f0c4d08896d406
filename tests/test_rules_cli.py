"""The rules commands through ``callaudit.cli.main``: list, lint, test, check and evaluate."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import FINDING_CONTRACT

from callaudit.cli import main
from transcribe.model import transcript_from_turns

ROOT = Path(__file__).resolve().parent.parent


def test_rules_list_shows_packs_and_rule_ids(capsys) -> None:
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "us_collections" in out and "acme_script" in out
    assert "prohibited.threat_arrest" in out and "15 USC 1692e(4)" in out


def test_rules_lint_and_test_pass_on_the_shipped_packs(capsys) -> None:
    assert main(["rules", "lint", "us_collections"]) == 0
    out = capsys.readouterr().out
    assert "ok us_collections: 15 rules" in out and "warning" not in out  # every phrase list is used
    assert main(["rules", "test", "acme_script"]) == 0
    out = capsys.readouterr().out
    assert "ok   acme_script:greeting" in out and "0 failing" in out


def broken_pack(tmp_path: Path, failing_example: bool = False) -> Path:
    pack = tmp_path / "broken"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: broken\ndescription: a pack with problems\n")
    rule = textwrap.dedent("""\
        kind: prohibited
        message: no arrest threats
        severity: critical
        citation: 15 USC 1692e(4)
        rationale: not a crime
        phrases: [arrest]
        examples:
          flag: ["we will arrest you"]
          pass: ["{passing}"]
    """).format(passing="we will arrest you" if failing_example else "nobody will arrest you")
    (pack / "threat.yml").write_text(
        rule if failing_example else rule.replace("severity: critical", "sevrity: x")
    )
    return pack


def test_rules_lint_reports_path_and_line_and_exits_1(tmp_path: Path, capsys) -> None:
    pack = broken_pack(tmp_path)
    assert main(["rules", "lint", str(pack)]) == 1
    err = capsys.readouterr().err
    assert f"{pack / 'threat.yml'}:3: unknown key 'sevrity'" in err
    assert f"{pack / 'threat.yml'}:1: severity: missing" in err


def test_rules_lint_warns_of_a_phrase_list_no_rule_uses(tmp_path: Path, capsys) -> None:
    pack = broken_pack(tmp_path, failing_example=True)  # valid rules; its example is not run here
    (pack / "pack.yml").write_text(
        "name: broken\ndescription: d\nphrase_lists:\n  arrest_words: [arrest]\n  spare: [jail]\n"
        "word_lists:\n  when: [now, today]\n  idle: [never]\n"
    )
    (pack / "threat.yml").write_text(
        (pack / "threat.yml").read_text().replace("[arrest]", '["@arrest_words", "=arrest you {when}"]')
    )
    assert main(["rules", "lint", str(pack)]) == 0  # a warning does not stop a night's batch
    out = capsys.readouterr().out
    assert f"warning: {pack / 'pack.yml'}:5: phrase_lists.spare: no rule uses it" in out
    assert f"warning: {pack / 'pack.yml'}:8: word_lists.idle: no phrase uses it" in out
    assert "arrest_words" not in out and "when" not in out


def test_rules_test_fails_when_an_example_fails(tmp_path: Path, capsys) -> None:
    assert main(["rules", "test", str(broken_pack(tmp_path, failing_example=True))]) == 1
    out = capsys.readouterr().out
    assert "FAIL broken:threat" in out and "pass #0: expected no finding" in out


def test_rules_without_action_prints_help(capsys) -> None:
    assert main(["rules"]) == 2
    assert "lint" in capsys.readouterr().out


@pytest.fixture
def stored_call(tmp_path: Path) -> tuple[Path, Path]:
    transcript = transcript_from_turns(
        [
            ("agent", "Hi, this is Sam. Pay now, card 4111 1111 1111 1111, or the sheriff will arrest you."),
            ("customer", "Stop calling me."),
            ("agent", "We will keep calling."),
        ],
        call_id="call-7",
    )
    path = tmp_path / "call-7.transcript.json"
    path.write_text(transcript.to_json())
    meta = tmp_path / "call-7.json"
    meta.write_text(
        json.dumps(
            {
                "account_id": "A1",
                "started_at": "2026-03-02T07:30:00-05:00",
                "consumer_timezone": "America/New_York",
                "first_contact": False,
            }
        )
    )
    return path, meta


def test_check_prints_findings_as_json_lines(stored_call, capsys) -> None:
    transcript, meta = stored_call
    assert main(["check", str(transcript), "--meta", str(meta)]) == 0
    findings = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_rule = {f["rule_id"]: f for f in findings}
    assert {"prohibited.threat_arrest", "response.cease_request", "calling.time_window"} <= set(by_rule)
    assert "disclosure.mini_miranda" not in by_rule  # first_contact false in the sidecar
    arrest = by_rule["prohibited.threat_arrest"]
    assert arrest["call_id"] == "call-7" and arrest["status"] == "violation" and arrest["speaker"] == "agent"
    assert "4111" not in arrest["text"] and "arrest" in arrest["text"]
    assert set(arrest) == set(FINDING_CONTRACT)


def test_check_with_attempts_and_several_packs(stored_call, tmp_path: Path, capsys) -> None:
    transcript, meta = stored_call
    csv = tmp_path / "call_attempts.csv"
    csv.write_text(
        "account_id,started_at,outcome\n"
        + "".join(f"A1,2026-03-01T{h}:00:00-05:00,no_answer\n" for h in range(10, 17))
    )
    assert (
        main(
            [
                "check",
                str(transcript),
                "--meta",
                str(meta),
                "--attempts",
                str(csv),
                "--packs",
                "us_collections",
                "acme_script",
            ]
        )
        == 0
    )
    rules = {json.loads(line)["rule_id"] for line in capsys.readouterr().out.splitlines()}
    assert "calling.frequency_7in7" in rules and "greeting" in rules


def test_check_turns_bad_input_into_a_message(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["check", str(bad)]) == 1
    assert f"error: {bad}: not JSON" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "gone.json")]) == 1
    assert f"error: {tmp_path / 'gone.json'}: cannot read it" in capsys.readouterr().err
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"a": 1}')
    assert main(["check", str(wrong)]) == 1
    assert f"error: {wrong}: transcript schema_version" in capsys.readouterr().err
    good = tmp_path / "t.json"
    good.write_text(transcript_from_turns([("agent", "hi")], call_id="t").to_json())
    sidecar = tmp_path / "meta.json"
    sidecar.write_text(json.dumps({"started_at": "2026-03-02T07:30:00"}))
    assert main(["check", str(good), "--meta", str(sidecar)]) == 1
    assert "started_at needs a UTC offset" in capsys.readouterr().err


def write_corpus(root: Path) -> Path:
    """A two-call corpus in the generator's format: one violation, one compliant call."""
    (root / "scripts").mkdir(parents=True)
    (root / "calls").mkdir()
    scripts = {
        "c01_threat": (
            "stereo",
            ["prohibited.threat_arrest"],
            [
                ("agent", "Hi, this is Sam with Apex, a debt collector. This call is recorded. Is this Ann?"),
                ("customer", "Yes."),
                ("agent", "Pay today or the police will come and arrest you."),
            ],
        ),
        "c02_ok": (
            "mono",
            [],
            [
                ("agent", "Hi, this is Sam with Apex, a debt collector. This call is recorded. Is this Bo?"),
                ("customer", "Yes."),
                ("agent", "Nobody is going to arrest you. Let's find a plan."),
            ],
        ),
    }
    for call_id, (layout, labels, turns) in scripts.items():
        doc = {
            "call_id": call_id,
            "layout": layout,
            "codec": "mulaw",
            "meta": {
                "account_id": call_id,
                "started_at": "2026-03-02T10:00:00-05:00",
                "consumer_timezone": "America/New_York",
                "first_contact": False,
            },
            "turns": [{"speaker": s, "text": t} for s, t in turns],
            "labels": labels,
        }
        (root / "scripts" / f"{call_id}.yml").write_text(json.dumps(doc))  # JSON is YAML
    (root / "calls" / "call_attempts.csv").write_text("account_id,started_at,outcome\n")
    return root


def test_evaluate_prints_per_rule_precision_and_recall(tmp_path: Path, capsys) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    report = tmp_path / "report.json"
    assert main(["evaluate", "--corpus", str(corpus), "--json", str(report)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("prohibited.threat_arrest"))
    assert line.split()[1:5] == ["1", "1", "0", "0"]  # positives, tp, fp, fn
    (text,) = json.loads(report.read_text())
    assert text["mode"] == "text" and text["calls"] == 2
    arrest = next(r for r in text["rules"] if r["rule_id"] == "prohibited.threat_arrest")
    assert arrest["precision"] == 1.0 and arrest["recall"] == 1.0


def test_evaluate_scores_audio_with_an_injected_transcriber(tmp_path: Path) -> None:
    """The audio half without Whisper: a fake transcriber that drops the threat (an ASR miss)."""
    from checks import load_packs
    from checks.evaluate import evaluate, load_corpus

    corpus = write_corpus(tmp_path / "corpus")
    for call_id in ("c01_threat", "c02_ok"):
        (corpus / "calls" / f"{call_id}.wav").write_bytes(b"RIFF")
    calls = load_corpus(corpus)

    def deaf(path: Path, meta) -> object:
        return transcript_from_turns([("agent", "hello")], call_id=meta.call_id)

    report = evaluate(corpus, load_packs(["us_collections"]), transcribe=deaf, calls=calls)
    arrest = next(r for r in report.rules if r.rule_id == "prohibited.threat_arrest")
    assert report.mode == "audio" and arrest.fn == 1 and arrest.missed == ["c01_threat"]


def test_evaluate_lists_calls_sent_to_a_listener_for_unheard_speech_and_the_misses_in_them(
    tmp_path: Path,
) -> None:
    """The audio half where the ASR dropped the threat and kept the stretch it dropped: the call
    is a miss for the threat rule, and it reaches a listener; the unheard rule is not scored."""
    from dataclasses import replace

    from checks import load_packs
    from checks.evaluate import evaluate, load_corpus
    from transcribe.model import Unheard

    corpus = write_corpus(tmp_path / "corpus")
    for call_id in ("c01_threat", "c02_ok"):
        (corpus / "calls" / f"{call_id}.wav").write_bytes(b"RIFF")

    def dropped_the_threat(path: Path, meta) -> object:
        heard = transcript_from_turns([("agent", "hello")], call_id=meta.call_id)
        lost = [Unheard("agent", 0, 5.0, 8.0)] if meta.call_id == "c01_threat" else []
        return replace(heard, unheard=lost)

    packs = load_packs(["us_collections"])
    report = evaluate(corpus, packs, transcribe=dropped_the_threat, calls=load_corpus(corpus))
    assert report.unheard == ["c01_threat"]
    assert report.missed_unheard == ["c01_threat prohibited.threat_arrest"]
    assert "review.unheard_speech" not in {r.rule_id for r in report.rules}
    table = report.table()
    assert "speech with no words (review.unheard_speech), sent to a listener: 1 call(s): c01_threat" in table
    assert "missed, in those calls: c01_threat prohibited.threat_arrest" in table
    assert report.to_dict()["missed_unheard"] == ["c01_threat prohibited.threat_arrest"]


def test_evaluate_on_a_missing_corpus_is_a_clean_error(tmp_path: Path, capsys) -> None:
    assert main(["evaluate", "--corpus", str(tmp_path)]) == 1
    assert "no scripts/*.yml" in capsys.readouterr().err


def test_rules_doc_mentions_every_command_and_kind() -> None:
    doc = (ROOT / "docs" / "RULES.md").read_text()
    for needle in (
        "callaudit rules list",
        "callaudit rules lint",
        "callaudit rules test",
        "callaudit check",
        "callaudit evaluate",
        "required",
        "prohibited",
        "response",
        "order",
        "call_log",
        "unheard",
    ):
        assert needle in doc
