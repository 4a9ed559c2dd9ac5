"""SCORM 2004 4th Edition, `sco_mode: per-site`: one SCO per rest site plus the map.

Why this shape: an LMS reports per SCO, so admins who want per-site completion
in their reports need a SCO per site; learners must still roam freely, so the
organization allows choice and flow and sets no preconditions. Every item
launches the same `index.html` (`?site=<slug>`, the map `?sco=map`).

- Each site's primary objective writes its status, measure and completion to a
  global objective named by the site's IRI (the course's id is its prefix), and
  `objectivesGlobalToSystem="false"` keeps those within this course.
- Every SCO reads and writes one shared data store, `<course id>#trail` (the
  whole trail's state, as `cmi.suspend_data` holds it in single mode), so each
  SCO's map shows every site; `sharedDataGlobalToSystem="false"` keeps it here.
- Rollup: the course is completed when `completion.sites` site SCOs are
  (each SCO reports completed when its site counts by `completion.require`);
  with a passing score, the course is satisfied by the measure rolled up from
  the sites that have scored questions, weighted by their points, which is the
  runtime's course score. The map and unscored sites decide nothing.
"""

from __future__ import annotations

from lxml import etree

from packager import ids
from packager.model import Course, Site

MAP_ITEM = "item-map"


def item_id(site: Site) -> str:
    return f"item-{site.slug}"


def shared_data_id(course: Course) -> str:
    return f"{course.id}#trail"


def points(site: Site) -> int:
    return sum(q.weight for q in site.questions if q.scored)


def items(course: Course, org: etree._Element, ns: dict[str, str], resource: str) -> None:
    """The map item, one item per site, and the organization's rollup (after the items, as the CP wants)."""
    total = sum(points(s) for s in course.sites)
    _item(org, ns, MAP_ITEM, resource, "?sco=map", course.title, course, None, 0.0)
    for site in course.sites:
        weight = points(site) / total if total else 0.0
        _item(org, ns, item_id(site), resource, f"?site={site.slug}", site.title, course, site, weight)
    seq = _sub(org, ns["imsss"], "sequencing")
    _sub(seq, ns["imsss"], "controlMode", choice="true", choiceExit="true", flow="true", forwardOnly="false")
    rules = _sub(seq, ns["imsss"], "rollupRules")
    rule = _sub(rules, ns["imsss"], "rollupRule", childActivitySet="atLeastCount",
                minimumCount=str(course.required_sites))
    conditions = _sub(rule, ns["imsss"], "rollupConditions")
    _sub(conditions, ns["imsss"], "rollupCondition", condition="completed")
    _sub(rule, ns["imsss"], "rollupAction", action="completed")
    objectives = _sub(seq, ns["imsss"], "objectives")
    if course.passing_score is not None and total:
        primary = _sub(objectives, ns["imsss"], "primaryObjective", objectiveID=f"{course.id}#course",
                       satisfiedByMeasure="true")
        _sub(primary, ns["imsss"], "minNormalizedMeasure").text = f"{course.passing_score / 100:.2f}"
    else:
        _sub(objectives, ns["imsss"], "primaryObjective", objectiveID=f"{course.id}#course")


def _item(org: etree._Element, ns: dict[str, str], identifier: str, resource: str, parameters: str,
          title: str, course: Course, site: Site | None, weight: float) -> None:
    item = _sub(org, ns["cp"], "item", identifier=identifier, identifierref=resource, parameters=parameters)
    _sub(item, ns["cp"], "title").text = title
    seq = _sub(item, ns["imsss"], "sequencing")
    scored = site is not None and points(site) > 0 and course.passing_score is not None
    _sub(seq, ns["imsss"], "rollupRules", rollupObjectiveSatisfied="true" if scored else "false",
         rollupProgressCompletion="true" if site is not None else "false",
         objectiveMeasureWeight=f"{weight:.4f}")
    if site is not None:
        target = ids.site_iri(course, site)
        objectives = _sub(seq, ns["imsss"], "objectives")
        primary = _sub(objectives, ns["imsss"], "primaryObjective", objectiveID=target)
        _sub(primary, ns["imsss"], "mapInfo", targetObjectiveID=target, readSatisfiedStatus="false",
             readNormalizedMeasure="false", writeSatisfiedStatus="true", writeNormalizedMeasure="true")
    _sub(seq, ns["imsss"], "deliveryControls", completionSetByContent="true", objectiveSetByContent="true")
    if site is not None:
        extra = _sub(_sub(seq, ns["adlseq"], "objectives"), ns["adlseq"], "objective", objectiveID=target)
        _sub(extra, ns["adlseq"], "mapInfo", targetObjectiveID=target, readCompletionStatus="false",
             readProgressMeasure="false", writeCompletionStatus="true", writeProgressMeasure="true")
    data = _sub(item, ns["adlcp"], "data")
    _sub(data, ns["adlcp"], "map", targetID=shared_data_id(course), readSharedData="true", writeSharedData="true")


def _sub(parent: etree._Element, namespace: str, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{namespace}}}{tag}", attrs)
