"""`trail check` warns when a quiz's answer key has a pattern a learner can guess."""

from __future__ import annotations

from pathlib import Path

from packager.build import check
from packager.checks.quiz_balance import balance, odd_lengths
from tests.unit.helpers import course_copy, line_of

QUIZ = "sites/01-forste-stopp/quiz.yaml"


def single(qid: str, right: int, texts: tuple[str, ...] = ("Alfa", "Beta", "Gamma")) -> str:
    options = "".join(f"    - text: {t}\n" + ("      correct: true\n" if i == right else "")
                      for i, t in enumerate(texts))
    return f"- id: {qid}\n  type: single\n  prompt: Velg.\n  options:\n{options}"


def true_false(qid: str, answer: bool) -> str:
    return f"- id: {qid}\n  type: true-false\n  prompt: Stemmer det?\n  answer: {str(answer).lower()}\n"


def warnings(src: Path) -> list[str]:
    return [str(p) for p in check(src).problems.warnings]


def test_right_answer_in_the_same_place_in_every_question_of_a_quiz_is_a_warning(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / QUIZ).write_text(single("en", 0) + single("to", 0) + single("tre", 0), encoding="utf-8")
    result = check(src)
    assert result.ok
    quiz_warning = [p for p in result.problems.warnings if p.file.endswith("quiz.yaml")]
    assert [(p.line, p.key) for p in quiz_warning] == [(1, "questions")]
    assert "the right option is number 1 in all 3 single-choice questions" in quiz_warning[0].message


def test_right_answer_first_across_the_course_is_a_warning_on_course_yaml(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / QUIZ).write_text(single("en", 0) + single("to", 0) + single("tre", 1) + single("fire", 0)
                            + single("fem", 2), encoding="utf-8")
    found = [p for p in check(src).problems.warnings if p.file.endswith("course.yaml")]
    assert sorted(p.message.split(";")[0] for p in found) == [
        "3 of 5 choice questions in the course list the right options before the wrong ones",
        "in 3 of 5 single-choice questions in the course the right option is number 1",
    ]


def test_varied_positions_give_no_warning(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / QUIZ).write_text(single("en", 0) + single("to", 2) + single("tre", 1) + single("fire", 2),
                            encoding="utf-8")
    assert warnings(src) == []


def test_true_false_mostly_one_way_is_a_warning_for_the_quiz_and_the_course(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / QUIZ).write_text("".join(true_false(f"p{i}", False) for i in range(4)), encoding="utf-8")
    found = check(src).problems.warnings
    messages = [p.message for p in found]
    assert any(m.startswith("all 4 true/false statements of this quiz are false") for m in messages)
    # the fixture's third site has one true statement: 4 of 5 false is 80%
    assert any(m.startswith("4 of 5 true/false statements in the course are false") for m in messages)


def test_balanced_true_false_gives_no_warning(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / QUIZ).write_text(true_false("a", False) + true_false("b", True) + true_false("c", False), encoding="utf-8")
    assert warnings(src) == []


def test_right_options_listed_first_in_multiple_choice_counts_as_a_pattern() -> None:
    from packager.model import Option, Question, QuestionType
    first = Question("m", QuestionType.MULTIPLE, "?", options=(Option("a", "x", True), Option("b", "y", True),
                                                                Option("c", "z")))
    mixed = Question("n", QuestionType.MULTIPLE, "?", options=(Option("a", "x", True), Option("b", "y"),
                                                                Option("c", "z", True)))
    b = balance([first, mixed])
    assert (b.choice, b.right_first) == (2, 1)


def test_an_option_much_longer_than_the_others_is_a_warning_at_its_line(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    long = "Den som står nærmest innbyggeren og kjenner hele saken best"
    (src / QUIZ).write_text(single("lengde", 1, ("Kommunen", long, "Staten", "Fylket")), encoding="utf-8")
    [problem] = check(src).problems.warnings
    assert (problem.file, problem.line, problem.key) == (f"{src.as_posix()}/{QUIZ}", line_of(src / QUIZ, long),
                                                        "lengde.options[1]")
    assert "much longer than the others" in problem.message


def test_an_option_much_shorter_than_the_others_is_flagged() -> None:
    texts = ["Nei", "Kommunen skal ha oversikt over behovet", "Kommunen skal samordne sine tjenester",
             "Kommunen skal gi råd og veiledning"]
    assert odd_lengths(texts) == [(0, "shorter")]
    assert odd_lengths(["Startlån", "Bostøtte", "Investeringstilskudd"]) == []
