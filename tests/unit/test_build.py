"""The pipeline (packager/build.py): a theme's mistakes are problems with file and line, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from packager.build import Built, Package, build
from packager.cli import main
from packager.model import Course, Format
from tests.unit.helpers import FIXTURE, line_of


def theme(tmp_path: Path, edit: str | None = None) -> Path:
    """A theme folder; with `edit`, an index.html.j2 that overrides the footer block with it."""
    folder = tmp_path / "theme"
    folder.mkdir()
    if edit is not None:
        text = f'{{% extends "base.html.j2" %}}\n{{% block footer %}}\n<footer>\n{edit}\n</footer>\n{{% endblock %}}\n'
        (folder / "index.html.j2").write_text(text, encoding="utf-8")
    return folder


def trail(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_an_undefined_name_in_a_template_names_its_file_and_line(tmp_path: Path) -> None:
    folder = theme(tmp_path, "{{ logo_url }}")
    done = trail("build", str(FIXTURE), "--templates", str(folder), "-o", str(tmp_path / "dist"))
    template = folder / "index.html.j2"
    assert done.exit_code == 1
    assert f"{template}:{line_of(template, 'logo_url')}: 'logo_url' is undefined" in done.output
    assert "Traceback" not in done.output and "Internal error" not in done.output
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").iterdir())


def test_a_template_syntax_error_names_its_file_and_line(tmp_path: Path) -> None:
    folder = theme(tmp_path, "{% if %}")
    result = build(FIXTURE, tmp_path / "dist", [Format.WEB], folder)
    template = folder / "index.html.j2"
    [problem] = result.problems.errors
    assert (problem.file, problem.line) == (str(template), line_of(template, "{% if %}"))
    assert not result.packages


def test_a_theme_file_no_package_can_carry_is_named_once(tmp_path: Path) -> None:
    folder = theme(tmp_path)
    (folder / "My Logo.svg").write_text("<svg/>", encoding="utf-8")
    done = trail("build", str(FIXTURE), "--templates", str(folder), "-o", str(tmp_path / "dist"))
    assert done.exit_code == 1
    assert done.output.count(f"{folder / 'My Logo.svg'}: 'trail/My Logo.svg' cannot be a file name in a package") == 1
    assert "Traceback" not in done.output and "Internal error" not in done.output


def test_the_last_stage_can_be_replaced(tmp_path: Path) -> None:
    """What `trail preview` does: the same stages, its own last one."""
    seen: list[Package] = []

    def keep(course: Course, packages: object) -> list[Built]:
        assert isinstance(packages, list)
        seen.extend(packages)
        return [Built(p.format, tmp_path, 0, len(p.files)) for p in packages]

    result = build(FIXTURE, keep, [Format.SCORM12, Format.WEB])
    assert result.ok and [p.format for p in seen] == [Format.SCORM12, Format.WEB]
    assert [p.name for p in seen] == ["min-forste-loype-scorm12.zip", "min-forste-loype-web.zip"]
    assert "imsmanifest.xml" in seen[0].files and "index.html" in seen[1].files
    assert not list(tmp_path.iterdir())


def test_a_source_file_gone_before_it_is_copied_is_a_problem(tmp_path: Path) -> None:
    folder = theme(tmp_path)
    (folder / "extra.css").write_text("a{}", encoding="utf-8")

    def vanish(course: Course, packages: object) -> list[Built]:
        shutil.rmtree(folder)
        raise FileNotFoundError(2, "No such file or directory", str(folder / "extra.css"))

    result = build(FIXTURE, vanish, [Format.WEB], folder)
    [problem] = result.problems.errors
    assert problem.file == str(folder / "extra.css") and "no such file" in problem.message
