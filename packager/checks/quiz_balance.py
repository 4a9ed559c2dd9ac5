"""Warnings for quizzes that can be passed without reading.

A learner who notices that the right answer is always first, that true/false
statements are nearly always false, or that the right option is the one long,
careful sentence among short ones, learns the pattern instead of the subject.
These checks look at the answer key only, never at wording, and warn (not
error): a designer may have a reason, but should see the pattern.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from packager.model import Course, Question, QuestionType, Site
from packager.problems import Problems

CHOICE = (QuestionType.SINGLE, QuestionType.MULTIPLE)
MIN_COURSE = 4  # course-wide shares need at least this many questions to mean anything
MIN_QUIZ = 3  # one quiz: this many questions all alike is a pattern
MAX_SHARE = 0.5  # of single-choice answers at one position, or choice questions with the right options first
MAX_TRUE_FALSE_SHARE = 0.7  # of true/false statements with the same answer
LONG_FACTOR, SHORT_FACTOR, MIN_GAP = 2.0, 0.4, 25  # an option vs the median of the others, in characters

Where = Callable[[str], tuple[str, int]]


@dataclass(frozen=True)
class Balance:
    """The answer key's shape, course-wide: what the warnings measure, and what reports quote."""

    single: int  # single-choice questions
    single_positions: dict[int, int]  # 1-based position of the right option → questions
    choice: int  # single- and multiple-choice questions
    right_first: int  # choice questions whose right options all come before the wrong ones
    true_false: int
    true_answers: int

    @property
    def first_share(self) -> float:
        return self.single_positions.get(1, 0) / self.single if self.single else 0.0


def right_first(question: Question) -> bool:
    """All right options before all wrong ones (for single choice: the right option is first)."""
    flags = [o.correct for o in question.options]
    return flags == sorted(flags, reverse=True) and not all(flags)


def position(question: Question) -> int:
    return next(i for i, o in enumerate(question.options, 1) if o.correct)


def balance(questions: Iterable[Question]) -> Balance:
    qs = [q for q in questions if q.scored]
    single = [q for q in qs if q.type is QuestionType.SINGLE and any(o.correct for o in q.options)]
    choice = [q for q in qs if q.type in CHOICE and q.options]
    tf = [q for q in qs if q.type is QuestionType.TRUE_FALSE]
    return Balance(len(single), dict(Counter(position(q) for q in single)), len(choice),
                   sum(right_first(q) for q in choice), len(tf), sum(bool(q.answer) for q in tf))


def check_quiz_balance(course: Course, where: Where, course_file: str, problems: Problems) -> None:
    """Warn per quiz (file, line, question id) and once for the whole course (course.yaml)."""
    for site in course.sites:
        _site(site, where, problems)
    total = balance(q for s in course.sites for q in s.questions)
    _shares(total, course_file, 0, "", "the course", problems)


def _site(site: Site, where: Where, problems: Problems) -> None:
    questions = [q for q in site.questions if q.scored]
    if not questions:
        return
    file, line = where(f"{site.slug}/questions/{questions[0].id}")
    key = "questions"
    own = balance(questions)
    single = [q for q in questions if q.type is QuestionType.SINGLE]
    if len(single) >= MIN_QUIZ and len({position(q) for q in single}) == 1:
        problems.warn(file, line, key, f"the right option is number {position(single[0])} in all {len(single)} "
                      "single-choice questions of this quiz; vary its position")
    elif own.choice >= MIN_QUIZ and own.right_first == own.choice:
        problems.warn(file, line, key, f"all {own.choice} choice questions of this quiz list the right options "
                      "first; mix them in among the wrong ones")
    if own.true_false >= MIN_QUIZ and own.true_answers in (0, own.true_false):
        answer = "true" if own.true_answers else "false"
        problems.warn(file, line, key, f"all {own.true_false} true/false statements of this quiz are {answer}; "
                      "make some of them the other way")
    for q in questions:
        if q.type in CHOICE:
            _lengths(site.slug, q, where, problems)


def _shares(b: Balance, file: str, line: int, key: str, scope: str, problems: Problems) -> None:
    if b.single >= MIN_COURSE:
        pos, count = max(b.single_positions.items(), key=lambda item: (item[1], -item[0]))
        if count / b.single > MAX_SHARE:
            problems.warn(file, line, key, f"in {count} of {b.single} single-choice questions in {scope} the right "
                          f"option is number {pos}; a learner can guess the pattern (keep any one position at "
                          f"{MAX_SHARE:.0%} or less)")
    if b.choice >= MIN_COURSE and b.right_first / b.choice > MAX_SHARE:
        problems.warn(file, line, key, f"{b.right_first} of {b.choice} choice questions in {scope} list the right "
                      f"options before the wrong ones; mix them in (keep it at {MAX_SHARE:.0%} or less)")
    if b.true_false >= MIN_COURSE:
        same = max(b.true_answers, b.true_false - b.true_answers)
        if same / b.true_false > MAX_TRUE_FALSE_SHARE:
            answer = "true" if b.true_answers >= b.true_false - b.true_answers else "false"
            problems.warn(file, line, key, f"{same} of {b.true_false} true/false statements in {scope} are {answer}; "
                          f"balance them (keep either answer at {MAX_TRUE_FALSE_SHARE:.0%} or less)")


def odd_lengths(texts: Sequence[str]) -> list[tuple[int, str]]:
    """(index, 'longer'|'shorter') for options much longer or shorter than the median of the others."""
    out: list[tuple[int, str]] = []
    if len(texts) < 3:
        return out
    for i, text in enumerate(texts):
        others = median(len(t) for j, t in enumerate(texts) if j != i)
        if len(text) >= LONG_FACTOR * others and len(text) - others >= MIN_GAP:
            out.append((i, "longer"))
        elif len(text) <= SHORT_FACTOR * others and others - len(text) >= MIN_GAP:
            out.append((i, "shorter"))
    return out


def _lengths(slug: str, q: Question, where: Where, problems: Problems) -> None:
    for i, how in odd_lengths([o.text for o in q.options]):
        file, line = where(f"{slug}/questions/{q.id}/options/{i}")
        problems.warn(file, line, f"{q.id}.options[{i}]", f"this option is much {how} than the others "
                      f"({len(q.options[i].text)} characters); an odd one out gives the answer away")
