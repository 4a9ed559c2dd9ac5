"""How much of SCORM 1.2's 4096-character suspend_data a course's answers can need.

The runtime (packager/runtime/tracker.js, state version T2) codes the state with
an adaptive arithmetic coder, so its exact size depends on the answers. This is
a deliberately pessimistic bound for a learner who answers every question with
retries: every decision costs its raw bits plus half again (an adaptive model
that has not learned yet), fill-in text costs a full byte per character plus
slack. tests/runtime/test_budget_estimate.py holds it above the real codec's
output for the real course. Reflections are not counted: when they do not fit,
the runtime keeps them in the browser and tells the learner.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from packager.model import Course, Question, QuestionType, Site

SCORM12_STATE_LIMIT = 4096
OVERHEAD_FACTOR = 1.5  # adaptive models start at p = 1/2 and may still be learning
HEADER_BITS = 2 * 8 + 2 + 16 + 16 + 24 + 16  # stream length, flags, best score, bookmark, shuffle seed, checksum
SITE_BITS = 4 + 12 + 2 + 4 + 4  # skip, slug hash, visited/done, record counts
QUESTION_BITS = 4 + 6 + 3 + 6  # skip, id hash, type, tries (Elias gamma up to ~10)
FILL_IN_SLACK = 20  # characters a learner may type beyond the longest accepted answer
CHARS_PER_13_BITS = 2  # base91: 13 bits in 2 characters


def _width(n: int) -> int:
    """Bits for an index 0..n."""
    return max(1, math.ceil(math.log2(n + 1)))


def _response_bits(q: Question) -> int:
    if q.type is QuestionType.TRUE_FALSE:
        return 1
    if q.type is QuestionType.FILL_IN:
        longest = max((len(a.encode()) for a in q.accept), default=0)
        return 8 * (longest + FILL_IN_SLACK + 1)
    # a choice is stored by its letter (a = 0 ...): an option's own id can be a later letter than its place
    letters = max((ord(o.id) - ord("a") + 1 for o in q.options), default=len(q.options))
    if q.type in (QuestionType.SINGLE, QuestionType.LIKERT):
        return 4 + _width(letters)
    if q.type is QuestionType.MULTIPLE:
        return 4 + len(q.options) * _width(letters)
    if q.type is QuestionType.MATCHING:
        return 4 + len(q.pairs) * _width(len(q.pairs) + 1)
    return 4 + len(q.items) * _width(len(q.items))  # ordering


def answers_state_chars(course: Course, sites: Sequence[Site] | None = None) -> int:
    """Upper bound, in characters, of the state of a learner who answered everything.

    `sites`: only these sites' answers (SCORM 1.2 `sco_mode: per-site`, where a site's SCO holds its own).
    """
    bits = HEADER_BITS
    for site in course.sites if sites is None else sites:
        bits += SITE_BITS + sum(QUESTION_BITS + _response_bits(q) for q in site.questions)
    return math.ceil(bits * OVERHEAD_FACTOR / 13) * CHARS_PER_13_BITS + 2  # + version marker


def largest_site(course: Course) -> tuple[Site, int]:
    """The site whose own answers need the most state, and that bound (per-site SCOs)."""
    return max(((site, answers_state_chars(course, [site])) for site in course.sites), key=lambda pair: pair[1])


def questions_to_remove(course: Course, sites: Sequence[Site] | None = None) -> int:
    """The fewest questions whose removal lets the answers fit SCORM 1.2's state (the costliest first)."""
    sites = course.sites if sites is None else sites
    costs = sorted((QUESTION_BITS + _response_bits(q) for site in sites for q in site.questions), reverse=True)
    bits = HEADER_BITS + SITE_BITS * len(sites) + sum(costs)
    limit_bits = (SCORM12_STATE_LIMIT - 2) // CHARS_PER_13_BITS * 13 / OVERHEAD_FACTOR
    removed = 0
    while bits > limit_bits and removed < len(costs):
        bits -= costs[removed]
        removed += 1
    return removed
