"""The nightly deployment: a cron schedule and the flow's parameters, built without a server."""

from __future__ import annotations

from flows.serve import build_deployments, parse_args


def test_nightly_deployment_has_cron_and_parameters():
    args = parse_args(
        [
            "--source",
            "/data/calls",
            "--db",
            "postgresql://u:p@db/audit",
            "--cron",
            "30 1 * * *",
            "--timezone",
            "America/Chicago",
            "--parallel",
            "3",
        ]
    )
    nightly, recheck = build_deployments(args)
    assert nightly.name == "nightly" and recheck.name == "recheck"
    (schedule,) = nightly.schedules
    assert schedule.schedule.cron == "30 1 * * *" and schedule.schedule.timezone == "America/Chicago"
    assert nightly.parameters["source"] == "/data/calls"
    assert nightly.parameters["db_url"] == "postgresql://u:p@db/audit"
    assert nightly.parameters["parallel_calls"] == 3
    assert nightly.parameters["model"]["model"] == "tiny.en"
    assert not recheck.schedules


def test_nightly_deployment_takes_the_model_options_of_every_transcribing_command():
    args = parse_args(
        ["--source", "/d", "--db", "sqlite:///a.db", "--model", "/models/large-v3", "--device", "cuda"]
        + ["--compute-type", "float16", "--cpu-threads", "2"]
    )
    nightly, _ = build_deployments(args)
    assert nightly.parameters["model"] == {
        "model": "/models/large-v3",
        "device": "cuda",
        "compute_type": "float16",
        "cpu_threads": 2,
        "beam_size": None,
    }


def test_default_schedule_is_nightly():
    nightly, _ = build_deployments(parse_args(["--source", "/d", "--db", "sqlite:///a.db"]))
    assert nightly.schedules[0].schedule.cron == "0 2 * * *"
