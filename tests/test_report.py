"""The standalone HTML report: escaped article text, embedded plotly.js, passages side by side."""

from __future__ import annotations

import lxml.html
import plotly.graph_objects as go

from parallax.report import render_report
from tests.helpers import hand_result

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _hostile_result() -> dict:
    """The hand-made result with markup planted in every field an article or a user controls."""
    result = hand_result()
    result["event"] = f"Bridge {SCRIPT}"
    first = result["articles"][0]
    first["outlet"] = f"Daily {IMG}"
    first["title"] = f"Title {SCRIPT}"
    first["url"] = "javascript:alert(1)"
    first["passages"][2]["text"] = f"Mayor Lee said {SCRIPT} and {IMG} at the ribbon."
    result["claims"][0]["label"] = f"Reopened {IMG}"
    result["findings"][0]["text"] = f"Only Daily Planet reports {SCRIPT}"
    result["problems"] = [{"source": IMG, "message": SCRIPT}]
    return result


def _bar(title: str, hover: str = "") -> go.Figure:
    return go.Figure(go.Bar(x=["a", "b"], y=[1, 2], hovertext=[hover, hover]), layout={"title": title})


def test_article_text_shows_as_text_and_never_as_live_markup():
    html = render_report(_hostile_result(), figures=[_bar("Coverage", hover=SCRIPT)])
    doc = lxml.html.document_fromstring(html)

    assert doc.xpath("//img") == []
    assert not [
        el for el in doc.iter() if isinstance(el.tag, str) and any(a.startswith("on") for a in el.attrib)
    ]
    assert [a.get("href") for a in doc.xpath("//a")] == []
    scripts = doc.xpath("//script")
    assert all(SCRIPT not in (s.text or "") and IMG not in (s.text or "") for s in scripts)

    shown = doc.text_content()
    assert f"Mayor Lee said {SCRIPT} and {IMG} at the ribbon." in shown
    assert f"Only Daily Planet reports {SCRIPT}" in shown
    assert f"Title {SCRIPT}" in shown and f"Daily {IMG}" in shown
    assert doc.xpath("//h1")[0].text_content() == f"Bridge {SCRIPT}"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_plotly_is_embedded_once_and_nothing_loads_from_the_network():
    html = render_report(hand_result(), figures=[_bar("First"), _bar("Second")])
    doc = lxml.html.document_fromstring(html)

    assert html.count("* plotly.js v") == 1
    assert [s.get("src") for s in doc.xpath("//script[@src]")] == []
    assert doc.xpath("//link") == [] and doc.xpath("//iframe") == []
    assert [d.get("id") for d in doc.xpath("//div[starts-with(@id, 'figure-')]")] == ["figure-1", "figure-2"]
    assert html.count("Plotly.newPlot(") == 2


def test_report_without_charts_says_so_and_carries_no_plotly():
    html = render_report(hand_result(), figures=[])
    assert "No charts in this report." in html and "plotly.js v" not in html


def _claim_cells(doc, claim_id: str) -> list[str]:
    (block,) = doc.xpath(f"//div[@class='claim'][h3[starts-with(normalize-space(.), '{claim_id} ')]]")
    return [td.text_content().strip() for td in block.xpath(".//td")]


def test_report_lays_out_findings_measures_and_aligned_passages_per_outlet():
    html = render_report(hand_result(), figures=[])
    doc = lxml.html.document_fromstring(html)

    assert doc.xpath("//title")[0].text == "Parallax report: Elm Street bridge reopens"
    findings = [li.text_content() for li in doc.xpath("//h2[.='Findings']/following-sibling::ul[1]/li")]
    assert findings[1] == "omission The Ledger omits that the repairs cost $4 million."

    assert _claim_cells(doc, "c1") == [
        "The Elm Street bridge reopened on Monday after six months of repairs.",
        "After half a year of work, the Elm Street bridge opened again Monday.",
        "The bridge reopened Monday.",
    ]
    assert _claim_cells(doc, "c2") == [
        "The repairs cost $4 million, the city said.",
        "not reported",
        "The city spent $4 million fixing the Elm Street bridge.",
    ]
    alone = doc.xpath("//h2[.='Reported by one outlet only']/following-sibling::h3")
    assert [h.text for h in alone] == ["Daily Planet", "The Ledger"]

    (measures,) = doc.xpath("//h2[.='Per-outlet measures']/following-sibling::table[1]")
    rows = [[td.text_content() for td in tr.xpath("td")] for tr in measures.xpath(".//tbody/tr")]
    assert rows[1] == [
        "The Ledger",
        "23",
        "2",
        "2",
        "Residents complained",
        "The repairs cost $4 million",
        "The bridge reopened Monday",
    ]
    assert "0.67" in doc.xpath("//h3[.='Outlet pairs']/following-sibling::table[1]")[0].text_content()
    assert [a.get("href") for a in doc.xpath("//a")] == ["https://planet.example/bridge"]
    assert "empty.txt: the file is empty" in doc.text_content()


def test_default_report_draws_the_dashboard_charts():
    html = render_report(hand_result())
    assert html.count("Plotly.newPlot(") == 5 and html.count("* plotly.js v") == 1


def test_default_charts_keep_hostile_article_text_inert():
    doc = lxml.html.document_fromstring(render_report(_hostile_result()))
    assert doc.xpath("//img") == [] and doc.xpath("//script[@src]") == []
    assert all(SCRIPT not in (s.text or "") and IMG not in (s.text or "") for s in doc.xpath("//script"))


def test_missing_values_show_as_blank_cells_never_as_none():
    result = hand_result()
    result["articles"][1].update(published=None, words=None, title=None, url=None)
    result["settings"]["passage_size"] = None
    doc = lxml.html.document_fromstring(render_report(result, figures=[]))

    (articles,) = doc.xpath("//h2[.='Articles']/following-sibling::table[1]")
    assert [td.text_content() for td in articles.xpath(".//tbody/tr[2]/td")] == ["The Ledger", "", "", "", "2"]
    assert "None" not in doc.text_content()
