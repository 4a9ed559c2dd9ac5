"""The LRS stand-in of `trail preview -f xapi|cmi5`: what a Tin Can or cmi5 LMS does around its LRS.

Small modules along the seams of the specs: `au_rules` (cmi5 §9-§11, what ADL's CATAPULT player
refuses from an AU), `documents` (xAPI 1.0.3 State and Agent Profile documents with ETags),
`statements` (an in-memory Statement API store), `lms` (launches, credentials, what the LMS
seeds and says itself: LaunchData, `launched`, moveOn's `satisfied`), `standin` (the answers to
the course's requests), `routes` (their HTTP face inside the preview server). The tests' LMS stand-in
(tests/xapi/lms.py) imports the same rules, so the designer's preview and the test suite hold a
package to one copy of them.
"""
