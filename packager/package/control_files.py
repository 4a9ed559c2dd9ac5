"""SCORM control files: the official XSDs and DTDs an LMS or the ADL test suite expects at the zip root.

Every SCORM manifest names its schemas in `xsi:schemaLocation`; a package that
does not carry them fails the ADL conformance suite and some LMS imports. trail
ships the published sets as package data (`control/scorm12/`,
`control/scorm2004_4th/`, origins in `control/NOTICE.md`) and puts them at the
root of every SCORM zip. `trail build --control-files DIR` overrides the bundled
set with a folder holding the same files (directly, or in those two subfolders).
Either way each file is checked against the SHA-256 of the published original
before it is bundled, so an edited or wrong-edition schema never reaches an LMS.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from packager.files import Files
from packager.package.format import ControlSet

# The originals' SHA-256, as listed with the reference set (scorm.com XSD download /
# the Rustici "golf" 4th Edition sample): the 1.2 set, and the 17-file 2004 4th set
# whose imscp_v1p1.xsd imports a local xml.xsd, so it validates offline.
SCORM12 = ControlSet("scorm12", {
    "adlcp_rootv1p2.xsd": "166397a1f52585caac857228cf2b10085a5d07c0612a3d55cb3ed108ce8b028a",
    "ims_xml.xsd": "1b3a43ddef4fa814a6dce69c4dbbfc25e00e0edc76a0cccfec7ed0a59c6a37b0",
    "imscp_rootv1p1p2.xsd": "e45606348d7f517874d70ec102796526a63a85e54a4a1db5e6a5944449674d31",
    "imsmd_rootv1p2p1.xsd": "83879be70d6bdff1d8788d4efcb12d51380de1b242f1a2a16e271a040dce8a5d",
})
SCORM2004 = ControlSet("scorm2004_4th", {
    "XMLSchema.dtd": "68b500f142a9d1f69686f95184b23f6003515dfff3c8775d24521438507b6799",
    "adlcp_v1p3.xsd": "51a0515f707ca9a951ac945b7d13b201ffacc3800480e54a4e8bc6d88f13eaf1",
    "adlnav_v1p3.xsd": "8a8559c6ab2bc6aa34689c5bc6be8dff269820c36ba8cb6f85b667c8094a2d3a",
    "adlseq_v1p3.xsd": "4f2a55c07628d3a8ed133543e72dc7c4a3c0ebc2676268029fd40f339d56ecce",
    "datatypes.dtd": "c8bd6bdf36184efe6e9ca0a11396254f1def5c6c3b28bce9f72216d685b02921",
    "imscp_v1p1.xsd": "cf91ad47eeafa08193547d37ce950a837d7d49755ce90b7872c1ca7656b74369",
    "imsss_v1p0.xsd": "daef999eb61a3755a483e86be07226d877dbdcf6062fb978a7e4069921f8ef7b",
    "imsss_v1p0auxresource.xsd": "c5985ad0f64a7fc780fe3e8b5ee85c983de54a1aba8df4a32dd4e6febcf43baa",
    "imsss_v1p0control.xsd": "5c74cfa648b2cf98b71a15e77a5e92ff75f111d72ac84766ccafff3d29ab8e43",
    "imsss_v1p0delivery.xsd": "ea44db41eeae1f8802117362236b68d3943bf3eafa8d41fa5ab5d7354a2b61f0",
    "imsss_v1p0limit.xsd": "5c1b1e5add19942ff205b423ea750959ffb79f080983b51ba5a62f185eff13ec",
    "imsss_v1p0objective.xsd": "6b196b71ac408141811899cd77b7cbeac5e3cbc239abf223de1777efedfaf4e8",
    "imsss_v1p0random.xsd": "195472fbb65a3daeda13edb9cb5a62adcc41287c61d7433a65b5b3ed32460e85",
    "imsss_v1p0rollup.xsd": "e0e95bafa5693eb7649946379ec735ad6a4f6389c6b385ae2296efc38b8a412f",
    "imsss_v1p0seqrule.xsd": "a391f0b7c7faee99207865df735dde2bb682ac07e4804b1140a7e2d9b8ec77d8",
    "imsss_v1p0util.xsd": "3afc09fead11951b1aa5db10f80d09874d516eded489b382aa3ee380f1eae814",
    "xml.xsd": "987f7ddbb71278c7a5bbb2d46cfc3913a9c752670d8d3c0c4f88e827c25f5f94",
})
SETS = (SCORM12, SCORM2004)


BUNDLED = Path(__file__).with_name("control")


def scorm_control_files(controls: ControlSet | None, override: Path | None = None) -> tuple[Files, list[str]]:
    """A format's control files: the bundled set, or the `--control-files` folder's and its problems."""
    if controls is None:
        return {}, []
    if override is not None:
        return find_control_files(controls, override)
    files, problems = find_control_files(controls, BUNDLED)
    if problems:  # a damaged installation, not a course problem
        raise RuntimeError(f"trail's bundled SCORM control files are damaged: {'; '.join(problems)}")
    return files, []


def control_names() -> frozenset[str]:
    """Every control file name of every SCORM version (they sit at the zip root, unlisted)."""
    return frozenset(name for controls in SETS for name in controls.sha256)


def find_control_files(controls: ControlSet, folder: Path) -> tuple[Files, list[str]]:
    """The control files of a set found in `folder`, and a problem for each missing or altered one."""
    subfolder = controls.folder
    files: Files = {}
    problems: list[str] = []
    for name, digest in sorted(controls.sha256.items()):
        path = next((p for p in (folder / name, folder / subfolder / name) if p.is_file()), None)
        if path is None:
            problems.append(f"{name} is missing (looked in {folder} and {folder / subfolder})")
            continue
        found = hashlib.sha256(path.read_bytes()).hexdigest()
        if found != digest:
            problems.append(f"{path} is not the published {name} (SHA-256 {found[:12]}…, expected {digest[:12]}…)")
            continue
        files[name] = path
    return files, problems
