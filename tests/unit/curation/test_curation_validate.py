"""One test per validator rule: a bad record is rejected with its rule id; the base passes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from curation_fixtures import Records, base_records, write_dataset

from api.curation import Problem, Severity, validate
from api.curation._cli import main
from api.curation._rules import RULE_DOCS

Mutation = Callable[[Records], None]


def _ev(r: Records, n: int = 1) -> dict[str, Any]:
    event: dict[str, Any] = r["events"][f"FL-{n:06d}"]
    return event


def _set(path: str, value: object, n: int = 1) -> Mutation:
    """Set a dotted path (``a.b.0.c``) of event ``n`` to ``value``."""

    def mutate(r: Records) -> None:
        node: Any = _ev(r, n)
        *parents, last = path.split(".")
        for key in parents:
            node = node[int(key)] if key.isdigit() else node.setdefault(key, {})
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


def _many(*mutations: Mutation) -> Mutation:
    def mutate(r: Records) -> None:
        for m in mutations:
            m(r)

    return mutate


def _rename_event(r: Records) -> None:
    r["events"]["FL-000009"] = r["events"].pop("FL-000002")


def _duplicate_event(r: Records) -> None:
    r["events"]["FL-000009"] = dict(_ev(r, 2))


def _reprint_cycle(r: Records) -> None:
    r["sources"]["SRC-000001"]["republished_from"] = "SRC-000003"


def _two_reprints(r: Records) -> None:
    # FL-000001 asserted by the original and its reprint: still one origin.
    _ev(r)["reports"].append(dict(_ev(r)["reports"][0], source="SRC-000003"))
    _ev(r)["verification"] = "corroborated"


def _anonymous_relays(r: Records) -> None:
    # Two outlets relaying one anonymous claim from a third, outside the dataset.
    rep = _ev(r)["reports"][0]
    rep["via"] = ["Radio Farda"]
    _ev(r)["reports"].append(dict(rep, source="SRC-000002", via=["radio  farda"]))
    _ev(r)["verification"] = "corroborated"


def _cited_relay(r: Records) -> None:
    rep = _ev(r)["reports"][0]
    _ev(r)["reports"].append(dict(rep, source="SRC-000002", cites_source="SRC-000001"))


def _relays_of_one_outlet(r: Records) -> None:
    # Two pages relaying one ILNA report (outside the dataset): one reprint chain, one origin.
    rep = _ev(r, 2)["reports"][0]
    rep["via"] = ["ILNA"]
    _ev(r, 2)["reports"][1].update(via=["Radio Farda", "ILNA"], claimant_type="named_official")


def _merged_into_merged(r: Records) -> None:
    _ev(r, 2).update(status="merged", merged_into="FL-000001", status_reason="duplicate")
    _ev(r, 1).update(status="merged", merged_into="FL-000002", status_reason="duplicate")


CASES: list[tuple[str, Mutation, str, str]] = [
    ("yaml", lambda r: None, "$", ""),  # replaced below by a broken file
    ("schema", _set("event_type", "coup"), "$.event_type", "Invalid enum value 'coup'"),
    (
        "safety-basis",
        _set("actors.0.people.0.basis", "relative", 2),
        "$.actors[0].people[0].basis",
        "relative",
    ),
    ("id-filename", _rename_event, "$.id", "does not match file name FL-000009"),
    ("id-unique", _duplicate_event, "$.id", "FL-000002"),
    (
        "ref-source",
        _set("reports.0.source", "SRC-000099"),
        "$.reports[0].source",
        "unknown source SRC-000099",
    ),
    (
        "ref-cites-source",
        _set("reports.0.cites_source", "SRC-000098"),
        "$.reports[0].cites_source",
        "unknown source",
    ),
    (
        "ref-organisation",
        _set("actors.0.organisation", "space_force"),
        "$.actors[0].organisation",
        "space_force",
    ),
    ("ref-campaign", _set("campaign", "no_such_campaign"), "$.campaign", "no_such_campaign"),
    ("ref-country", _set("location.country", "ZZ"), "$.location.country", "ZZ"),
    ("ref-admin1", _set("location.admin1", "IR-99", 2), "$.location.admin1", "IR-99"),
    ("admin1-country", _set("location.country", "SY", 2), "$.location.admin1", "not in country SY"),
    ("date-order", _set("date_end", "2022-09-01"), "$.date_end", "> date_end 2022-09-01"),
    ("date-day-precision", _set("date_precision", "day"), "$.date_precision", "precision day"),
    (
        "estimate-order",
        _set("magnitudes.participants", {"low": 10, "best": 5, "qualifier": "approx"}),
        "$.magnitudes.participants",
        "low 10 > best 5",
    ),
    (
        "estimate-at-least",
        _set("magnitudes.killed", {"low": 5000, "high": 6000, "qualifier": "at_least"}),
        "$.magnitudes.killed",
        "cannot have high",
    ),
    (
        "estimate-at-most",
        _set("magnitudes.arrested", {"best": 7, "qualifier": "at_most"}),
        "$.magnitudes.arrested",
        "needs high",
    ),
    (
        "estimate-exact",
        _set("magnitudes.cases", {"low": 3, "best": 4, "qualifier": "exact"}),
        "$.magnitudes.cases",
        "differ",
    ),
    ("coordinates-pair", _set("location.longitude", None, 2), "$.location.longitude", "missing"),
    (
        "geo-placed",
        _many(_set("location.latitude", None, 2), _set("location.longitude", None, 2)),
        "$.location",
        "city precision needs latitude and longitude",
    ),
    ("status-merged", _set("status", "merged"), "$.merged_into", "needs merged_into"),
    ("status-retracted", _set("status", "retracted"), "$.status_reason", "needs status_reason"),
    ("status-active", _set("merged_into", "FL-000002"), "$.merged_into", "active event cannot"),
    ("merged-target", _merged_into_merged, "$.merged_into", "which is merged"),
    (
        "ref-related-event",
        _set("related_events", ["FL-000077"], 2),
        "$.related_events[0]",
        "unknown event FL-000077",
    ),
    (
        "ref-republished-from",
        lambda r: r["sources"]["SRC-000002"].update(republished_from="SRC-000050"),
        "$.republished_from",
        "SRC-000050",
    ),
    ("source-reprint-cycle", _reprint_cycle, "$.republished_from", "cycle"),
    (
        "source-sha256",
        lambda r: r["sources"]["SRC-000001"].update(content_sha256="ABC"),
        "$.content_sha256",
        "",
    ),
    (
        "safety-rank",
        _many(_set("actors.0.people", [{"name": "X Y", "basis": "commander"}])),
        "$.actors[0].people[0].basis",
        "volunteer member may only be named on_the_record",
    ),
    (
        "safety-target",
        _many(
            _set("actors.0.role", "target", 2), _set("actors.0.people.0.basis", "on_the_record", 2)
        ),
        "$.actors[0].people[0].basis",
        "target may only be named",
    ),
    (
        "verification-corroborated",
        _set("verification", "corroborated"),
        "$.verification",
        "found 1 (SRC-000001)",
    ),
    ("verification-corroborated", _two_reprints, "$.verification", "found 1 (SRC-000001)"),
    (
        "verification-corroborated",
        _anonymous_relays,
        "$.verification",
        "all trace to 'radio farda'",
    ),
    (
        "verification-single-source",
        _set("verification", "single_source", 2),
        "$.verification",
        "found 2",
    ),
    ("origin-chain", _relays_of_one_outlet, "$.verification", "relays one claim (ILNA)"),
    (
        "verification-official",
        _set("verification", "officially_acknowledged"),
        "$.verification",
        "named_official",
    ),
    (
        "verification-disputed",
        _set("verification", "disputed"),
        "$.verification",
        "disputes or denies",
    ),
    (
        "verification-debunked",
        _many(_set("verification", "debunked", 2), _set("reports.1.stance", "denies", 2)),
        "$.confidence",
        "confidence low",
    ),
    ("confidence-anonymous", _set("confidence", "high"), "$.confidence", "only anonymous"),
    (
        "campaign-dates",
        _many(_set("date_start", "2021-01-01"), _set("date_end", "2021-02-01")),
        "$.campaign",
        "outside campaign",
    ),
    (
        "coverage-date-order",
        lambda r: r["coverage"]["COV-0001"].update(date_end="2020-01-01"),
        "$.date_end",
        "",
    ),
    (
        "coverage-ref-source",
        lambda r: r["coverage"]["COV-0001"].update(sources_found=["SRC-000042"]),
        "$.sources_found[0]",
        "SRC-000042",
    ),
    (
        "coverage-ref-event",
        lambda r: r["coverage"]["COV-0001"].update(events_found=["FL-000042"]),
        "$.events_found[0]",
        "FL-000042",
    ),
    (
        "coverage-ref-campaign",
        lambda r: r["coverage"]["COV-0001"].update(campaign="nope_nope"),
        "$.campaign",
        "nope_nope",
    ),
]


def _problems(tmp_path: Path, mutate: Mutation) -> list[Problem]:
    records = base_records()
    mutate(records)
    root = write_dataset(tmp_path / "ds", records)
    return validate(root).problems


def test_base_fixture_is_valid(curation_dataset: Path) -> None:
    result = validate(curation_dataset)
    assert result.problems == []
    assert (result.events, len(result.sources), len(result.coverage)) == (2, 3, 1)


@pytest.mark.parametrize(
    ("rule", "mutate", "field", "message"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_rejects_bad_record(
    tmp_path: Path, rule: str, mutate: Mutation, field: str, message: str
) -> None:
    if rule == "yaml":
        root = write_dataset(tmp_path / "ds", base_records())
        (root / "events" / "FL-000003.yaml").write_text("id: [unclosed\n", encoding="utf-8")
        problems = validate(root).problems
    else:
        problems = _problems(tmp_path, mutate)
    hits = [p for p in problems if p.rule == rule]
    assert hits, f"no [{rule}] problem among {[str(p) for p in problems]}"
    assert any(p.field == field and message in p.message for p in hits), [str(p) for p in hits]


def test_every_rule_has_a_rejection_case() -> None:
    assert {d.id for d in RULE_DOCS} == {c[0] for c in CASES}


def test_relay_with_cites_source_is_one_origin(tmp_path: Path) -> None:
    # A relay of FL-000001's claim through cites_source keeps it single_source.
    assert _problems(tmp_path, _cited_relay) == []
    corroborated = _many(_cited_relay, _set("verification", "corroborated"))
    assert [p.rule for p in _problems(tmp_path, corroborated)] == ["verification-corroborated"]


def test_anonymous_claims_at_distinct_outlets_corroborate(tmp_path: Path) -> None:
    def two_outlets(r: Records) -> None:
        rep = _ev(r)["reports"][0]
        _ev(r)["reports"].append(dict(rep, source="SRC-000002"))
        _ev(r)["verification"] = "corroborated"

    assert _problems(tmp_path, two_outlets) == []


def test_problem_format_names_file_field_and_rule(tmp_path: Path) -> None:
    mutate = _set("magnitudes.participants", {"low": 10, "best": 5, "qualifier": "approx"})
    [problem] = _problems(tmp_path, mutate)
    assert str(problem) == (
        "events/FL-000001.yaml: $.magnitudes.participants: [estimate-order] low 10 > best 5"
    )


def test_campaign_dates_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = base_records()
    _many(_set("date_start", "2021-01-01"), _set("date_end", "2021-02-01"))(records)
    root = write_dataset(tmp_path / "ds", records)
    [problem] = validate(root).problems
    assert problem.severity is Severity.WARNING
    assert main(["validate", "--root", str(root)]) == 0
    assert main(["validate", "--root", str(root), "--strict"]) == 1


def test_cli_validate_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = base_records()
    _set("date_end", "2022-09-01")(records)
    root = write_dataset(tmp_path / "ds", records)
    assert main(["validate", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "events/FL-000001.yaml: $.date_end: [date-order]" in err
    (root / "vocab" / "terms.yaml").unlink()
    assert main(["validate", "--root", str(root)]) == 2


def test_a_city_event_without_coordinates_passes_with_a_note(tmp_path: Path) -> None:
    unplaced = _many(_set("location.latitude", None, 2), _set("location.longitude", None, 2))
    noted = _many(unplaced, _set("coder_notes", "Not placed: a village the gazetteer lacks.", 2))
    assert _problems(tmp_path, noted) == []
    # a merged or retracted event needs no coordinates
    retracted = _many(unplaced, _set("status", "retracted", 2), _set("status_reason", "dup", 2))
    assert [p for p in _problems(tmp_path, retracted) if p.rule == "geo-placed"] == []


def test_relays_of_one_outlet_are_one_origin_for_single_source(tmp_path: Path) -> None:
    single = _many(_relays_of_one_outlet, _set("verification", "single_source", 2))
    assert _problems(tmp_path, single) == []
    # the same two pages without the shared outlet are two origins
    assert _problems(tmp_path, _set("verification", "single_source", 2)) != []


def test_a_via_naming_the_publisher_itself_is_not_a_relay(tmp_path: Path) -> None:
    def own_outlet(r: Records) -> None:
        _ev(r, 2)["reports"][0]["via"] = ["BBC Persian"]  # SRC-000002's own outlet
        _ev(r, 2)["reports"][1]["via"] = ["BBC Persian"]  # a relay of BBC Persian by IranWire

    assert [p.rule for p in _problems(tmp_path, own_outlet)] == ["origin-chain"]


def test_rules_introduced_later_do_not_apply_to_older_releases(tmp_path: Path) -> None:
    records = base_records()
    _set("location.latitude", None, 2)(records)
    _set("location.longitude", None, 2)(records)
    root = write_dataset(tmp_path / "ds", records)
    assert [p.rule for p in validate(root).problems] == ["geo-placed"]
    assert [p.rule for p in validate(root, version="1.2.0").problems] == ["geo-placed"]
    assert validate(root, version="1.1.1").problems == []
