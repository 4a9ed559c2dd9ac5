"""A theme ships only theme files: stylesheets, images and fonts from inside its folder;
never templates, dotfiles, other kinds, or what a link out of the folder points at."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner

from packager.build import build
from packager.cli import main
from packager.model import Format
from packager.theme import ALLOWED, default_templates
from tests.unit.helpers import FIXTURE


def hostile_theme(tmp_path: Path) -> Path:
    theme = tmp_path / "theme"
    (theme / "fonts").mkdir(parents=True)
    (theme / "trail.css").write_text(":root { --accent: #004b87; }\n", encoding="utf-8")
    (theme / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (theme / "fonts" / "brand.woff2").write_bytes(b"wOF2 font")
    (theme / ".env").write_text("LRS_SECRET=hunter2\n", encoding="utf-8")
    (theme / ".git").mkdir()
    (theme / ".git" / "config").write_text("[remote]\n", encoding="utf-8")
    (theme / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    (theme / "notes.txt").write_text("draft\n", encoding="utf-8")
    (theme / "trail.css~").write_text("old\n", encoding="utf-8")
    shutil.copy(default_templates() / "partials" / "footer.html.j2", theme / "footer.html.j2")
    return theme


def test_a_link_out_of_the_theme_stops_the_build(tmp_path: Path) -> None:
    theme = hostile_theme(tmp_path)
    (theme / "passwd.css").symlink_to("/etc/passwd")
    result = build(FIXTURE, tmp_path / "out", [Format.WEB], templates=theme)
    assert [str(p) for p in result.problems.errors] == [
        f"{theme}/passwd.css: is a link that points outside the theme folder; a theme ships only its own files, "
        "so copy the file in"]
    assert not list((tmp_path / "out").glob("*.zip"))


def test_only_stylesheets_images_and_fonts_ship(tmp_path: Path) -> None:
    theme = hostile_theme(tmp_path)
    (theme / "inside.svg").symlink_to(theme / "logo.svg")  # a link that stays inside is fine
    result = build(FIXTURE, tmp_path / "out", [Format.WEB], templates=theme)
    assert result.ok, [str(p) for p in result.problems.errors]
    assert sorted(str(p) for p in result.problems.warnings) == [
        f"{theme}/id_rsa: warning: is not shipped: {ALLOWED}",
        f"{theme}/notes.txt: warning: is not shipped: {ALLOWED}",
    ]
    with zipfile.ZipFile(result.packages[0].path) as archive:
        trail = sorted(n for n in archive.namelist() if n.startswith("trail/"))
        css = archive.read("trail/trail.css").decode("utf-8")
    ours = sorted(f"trail/{p.relative_to(default_templates()).as_posix()}" for p in default_templates().rglob("*")
                  if p.is_file() and p.suffix != ".j2")
    runtime = ["trail/adapter.js", "trail/tracker.js", "trail/trail.js"]
    extra = [n for n in trail if n not in ours and n not in runtime and not n.endswith(".json")]
    assert extra == ["trail/fonts/brand.woff2", "trail/inside.svg", "trail/logo.svg"]
    assert css == ":root { --accent: #004b87; }\n"  # the theme's own stylesheet replaces ours
    assert not any(n.endswith((".j2", "id_rsa", ".env", "config", "notes.txt", "~")) for n in trail)


def test_check_lists_what_a_theme_adds(tmp_path: Path) -> None:
    theme = hostile_theme(tmp_path)
    result = CliRunner().invoke(main, ["check", str(FIXTURE), "--templates", str(theme)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:5] == [
        f"theme {theme}: 3 file(s) shipped in every package, 1 template(s) used (never shipped)",
        f"  trail/fonts/brand.woff2  from {theme}/fonts/brand.woff2",
        f"  trail/logo.svg  from {theme}/logo.svg",
        f"  trail/trail.css  from {theme}/trail.css",
        "  template footer.html.j2",
    ]
    payload = json.loads(CliRunner().invoke(main, ["check", "--json", str(FIXTURE), "--templates", str(theme)]).stdout)
    assert sorted(payload["theme"]["ships"]) == ["trail/fonts/brand.woff2", "trail/logo.svg", "trail/trail.css"]
