"""Helpers shared by the test suite (server, test LMS, manifest rules, SCORM limits)."""
