"""The format registry (packager/package/__init__.py, format.py): one object per output format."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from packager.model import Format
from packager.package import FORMATS, previewable
from packager.package.format import Options
from packager.render import Renderer, adapter_source
from packager.runtime_files import RUNTIME_DIR
from tests.unit.helpers import fixture_course


def test_every_format_name_has_one_object_with_its_runtime_adapter() -> None:
    assert list(FORMATS) == list(Format)
    for name, spec in FORMATS.items():
        assert spec.name is name
        assert spec.adapter[-1] == f"adapter-{name}.js"
        assert all((RUNTIME_DIR / part).is_file() for part in spec.adapter), spec.adapter


@pytest.mark.parametrize("fmt", list(Format))
def test_a_package_has_the_control_document_and_adapter_its_format_names(fmt: Format) -> None:
    course = fixture_course()
    spec = FORMATS[fmt]
    files = spec.package(course, Renderer(course).files(fmt))
    control = {"imsmanifest.xml", "tincan.xml", "cmi5.xml"}
    assert {name for name in files if name in control} == ({spec.control_file} if spec.control_file else set())
    assert files["trail/adapter.js"] == adapter_source(fmt)
    assert b"window.TrailAdapter" in adapter_source(fmt)


def test_a_format_refuses_options_meant_for_another() -> None:
    @dataclass(frozen=True)
    class Other(Options):
        mode: str = "x"

    course = fixture_course()
    with pytest.raises(TypeError, match="takes Options, not Other"):
        FORMATS[Format.WEB].package(course, {}, Other())


def test_preview_offers_the_formats_its_stand_in_can_launch() -> None:
    assert previewable() == (Format.WEB, Format.SCORM12, Format.SCORM2004, Format.XAPI, Format.CMI5)
