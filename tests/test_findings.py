"""Findings name the outlet and the claim in words a reader can act on."""

from parallax.findings import findings
from parallax.measures import measure
from parallax.model import Claim
from tests.helpers import passages_of

NAMES = {"a": "Alpha Daily", "b": "Beta Wire", "c": "Gamma Post", "d": "Delta News"}


def _findings():
    passages = {
        "a": passages_of("a", "Prison tour", "Court ruling"),
        "b": passages_of("b", "Court ruling", "Deal signed"),
        "c": passages_of("c", "Deal signed", "Court ruling"),
        "d": passages_of("d", "Court ruling", "Deal signed"),
    }
    claims = [
        Claim("c1", "The court ruled", ("a:1", "b:0", "c:1", "d:0"), ("a", "b", "c", "d")),
        Claim("c2", "The deal was signed", ("b:1", "c:0", "d:1"), ("b", "c", "d")),
        Claim("c3", "A prison tour", ("a:0",), ("a",)),
    ]
    return findings(NAMES, claims, measure(passages, claims))


def test_single_outlet_claim_is_flagged_as_only_that_outlet():
    unique = [f for f in _findings() if f["kind"] == "unique"]
    assert unique == [
        {"kind": "unique", "article": "a", "claim": "c3", "text": "Only Alpha Daily reports “A prison tour”"}
    ]


def test_claim_everyone_else_reports_is_that_outlets_omission():
    omissions = [f for f in _findings() if f["kind"] == "omission"]
    assert omissions == [
        {
            "kind": "omission",
            "article": "a",
            "claim": "c2",
            "text": "Alpha Daily leaves out “The deal was signed”, which three others report",
        }
    ]


def test_each_outlet_lead_is_named():
    leads = {f["article"]: f["claim"] for f in _findings() if f["kind"] == "lead"}
    assert leads == {"a": "c3", "b": "c1", "c": "c2", "d": "c1"}
