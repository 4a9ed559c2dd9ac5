"""SCORM 1.2 `sco_mode: per-site`: the maximal learner's state, site by site, within 1.2's limits.

Each site's SCO (`?site=<slug>`) keeps only its own site: the learner who answers
every question of the maximal course with retries and writes a ~300-character
Norwegian reflection at every site leaves, in each SCO, a suspend_data, a status,
a score and a journal of that site only, all within SCORM 1.2's limits (checked
here: scorm-again does not enforce them), and each SCO restores exactly from the
LMS alone (a new browser) on its next launch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.runtime.course_data import REFLECTIONS_NB, maximal_course
from tests.runtime.helpers import dump, items, lms_errors, start
from tests.runtime.test_state_budget import responses, resume_seed
from tests.support.scorm_limits import check_scorm12_limits

WALK_SITE = """([s, text, responses]) => {
    const T = window.T;
    T.visit(s.slug);
    s.questions.forEach((q) => {
        const tries = responses[q.iid];
        for (let k = 0; k < tries.length; k++) { if (T.answer(s.slug, q.id, tries[k], 3000 + k).final) break; }
    });
    const kept = T.reflect(s.slug, s.reflections[0].id, text).kept;
    T.leave(s.slug);
    return kept;
}"""
SITE_STATE = """(s) => ({status: window.T.siteStatus(s.slug),
    answers: s.questions.map((q) => window.T.answerOf(s.slug, q.id)),
    reflection: window.T.reflectionOf(s.slug, s.reflections[0].id)})"""
def launch(launch_scorm: Any, pages: Path, slug: str, seed: dict[str, Any] | None = None) -> Any:
    return launch_scorm("1.2", pages, seed=seed, launch=f"sco.html?a=scorm12&site={slug}", use_manifest=False)


def test_maximal_learner_fits_per_site_and_each_sco_restores_its_site(launch_scorm: Any, runtime_pages: Path,
                                                                       record_property: Any) -> None:
    data = maximal_course("scorm12")
    tries = responses(data)
    lengths: dict[str, int] = {}
    for i, s in enumerate(data["sites"]):
        lms = launch(launch_scorm, runtime_pages, s["slug"])
        info = start(lms.frame, data)
        assert info["sco"] == {"site": s["slug"], "local": True, "copy": False}  # a new browser: no copy
        assert lms.frame.evaluate(WALK_SITE, [s, REFLECTIONS_NB[i], tries]) == "lms"  # room for the reflection
        before = lms.frame.evaluate(SITE_STATE, s)
        assert before["status"] == "done"
        assert lms.unload()
        cmi = lms.last_commit()
        lengths[s["slug"]] = len(cmi["suspend_data"])
        assert check_scorm12_limits(cmi) == [], (s["slug"], check_scorm12_limits(cmi))
        assert lms_errors(lms) == [], dump(lms_errors(lms))
        # this site's status and score; its questions only, in the journal and the objectives
        assert cmi["core"]["lesson_status"] in ("passed", "failed") and cmi["core"]["score"]["raw"] != ""
        journal = [x["id"] for x in items(cmi["interactions"])]
        assert journal and all(j.startswith(f"s{i + 1:02d}_") for j in journal), journal
        assert [o["id"] for o in items(cmi["objectives"])] == [s["objective"]]

        # the next launch of this SCO in another browser: the site exactly as it was, the others unknown
        again = launch(launch_scorm, runtime_pages, s["slug"], seed=resume_seed(cmi))
        restored = start(again.frame, data)
        assert restored["resumed"] is True and "message" not in restored
        assert again.frame.evaluate(SITE_STATE, s) == before
        assert again.frame.evaluate("() => window.T.progress().visited") == 1  # this site's state and nothing else
        again.close()
        lms.close()
    largest = max(lengths.values())
    record_property("scorm12_per_site_maximal_state_chars", largest)
    print(f"\nper-site maximal learner: suspend_data {min(lengths.values())}..{largest} chars per site SCO")
    assert largest <= 4096
