"""The SCORM 1.2 checks the lax test runtime lacks catch what a strict LMS refuses."""

from __future__ import annotations

from tests.support.scorm_limits import check_scorm12_limits


def record(ident: str) -> dict[str, object]:
    return {"id": ident, "type": "choice", "student_response": "b", "result": "correct",
            "objectives": {"0": {"id": "s01_hva-er"}}}


def test_a_repeated_interaction_id_is_a_problem() -> None:
    retried = {"interactions": {"0": record("s01_hva-er"), "1": record("s01_hva-er")}}
    assert check_scorm12_limits(retried) == [
        "cmi.interactions.1.id 's01_hva-er' repeats cmi.interactions.0.id"]
    journal = {"interactions": {"0": record("s01_hva-er"), "1": record("s01_hva-er_2")}}
    assert check_scorm12_limits({"cmi": journal}) == []
