"""Advice about a course's content that goes beyond its format: `trail check` warnings."""
