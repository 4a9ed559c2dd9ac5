"""trail: compile a course written as plain files into SCORM, xAPI, cmi5 and web packages."""

__version__ = "0.1.0"
