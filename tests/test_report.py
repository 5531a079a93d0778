"""The standalone HTML report: escaped article text, embedded plotly.js, passages side by side."""

from __future__ import annotations

import lxml.html
import plotly.graph_objects as go

from parallax.report import render_report
from parallax.views.export import charts
from tests.helpers import hand_result
from tests.test_framing_figures import lensed_result
from tests.test_views_export import SAME_FACT

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
    assert not [el for el in doc.iter() if isinstance(el.tag, str) and any(a.startswith("on") for a in el.attrib)]
    assert [a.get("href") for a in doc.xpath("//a") if not a.get("href", "").startswith("#")] == []
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
    (block,) = doc.xpath(f"//details[@id='claim-{claim_id}']")
    return [td.text_content().strip() for td in block.xpath(".//td")]


def test_report_lays_out_findings_measures_and_aligned_passages_per_outlet():
    html = render_report(hand_result(), figures=[])
    doc = lxml.html.document_fromstring(html)

    assert doc.xpath("//title")[0].text == "Parallax report: Elm Street bridge reopens"
    findings = doc.xpath("//h2[.='Findings']/following-sibling::ul[1]/li")
    assert findings[1].text_content() == "omission The Ledger omits that the repairs cost $4 million. passages"
    assert [li.xpath("a/@href") for li in findings] == [["#claim-c3"], ["#claim-c2"], ["#claim-c2"]]
    (target,) = doc.xpath("//*[@id='claim-c3']")
    assert "Mayor Lee cut the ribbon." in target.text_content(), "a finding links to its passages"

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
    alone = doc.xpath("//h2[.='Reported by one outlet only']/following-sibling::details/summary/h3")
    assert [h.text for h in alone] == ["Daily Planet", "The Ledger"]

    (measures,) = doc.xpath("//h3[.='Each outlet in numbers']/following-sibling::table[1]")
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
    (pairs,) = doc.xpath("//h3[.='Outlet pairs']/following-sibling::table[1]")
    first = [td.text_content() for td in pairs.xpath(".//tbody/tr[1]/td")]
    # Morning Star spends 71% of its words on the cost, The Ledger none: the widest gap of the pair.
    assert first == ["The Ledger", "Morning Star", "33%", "0.72", "The repairs cost $4 million"], "most different first"
    assert [a.get("href") for a in doc.xpath("//a") if not a.get("href").startswith("#")] == [
        "https://planet.example/bridge"
    ]
    assert "empty.txt: the file is empty" in doc.text_content()


def test_default_report_draws_the_dashboard_charts():
    html = render_report(hand_result())
    assert html.count("Plotly.newPlot(") == len(charts(hand_result())) == 5 and html.count("* plotly.js v") == 1


def _framed() -> dict:
    result = {
        **lensed_result(),
        "event": "Oval Office meeting",
        "model": "all-MiniLM-L6-v2",
        "findings": [],
        "settings": {"model": "all-MiniLM-L6-v2", "threshold": 0.5, "passage_size": "sentence", "backend": "onnx"},
    }
    result["lenses"]["tone"]["same_fact"] = SAME_FACT
    return result


def test_the_contents_list_every_section_and_each_entry_leads_to_it():
    doc = lxml.html.document_fromstring(render_report(_framed()))
    entries = doc.xpath("//nav[@id='contents']//a")
    assert [a.text_content() for a in entries] == [
        "Articles",
        "Findings",
        "Which outlets tell the same story",
        "Emphasis",
        "Tone",
        "Words",
        "Voices",
        "Clashing figures",
        "Semantic axes",
        "Aligned passages",
        "Reported by one outlet only",
    ]
    for a in entries:
        assert len(doc.xpath(f"//*[@id='{a.get('href')[1:]}']")) == 1, a.get("href")
    plain = [a.text_content() for a in lxml.html.document_fromstring(render_report(hand_result())).xpath("//nav//a")]
    assert "Tone" not in plain and "Inputs left out or used with a caveat" in plain, "only the sections present"


def test_every_framing_lens_the_result_holds_has_its_section_charts_and_tables():
    result = _framed()
    html = render_report(result)
    doc = lxml.html.document_fromstring(html)
    assert html.count("Plotly.newPlot(") == len(charts(result)) == 9
    for heading in ("Tone", "Words", "Voices", "Semantic axes"):
        (section,) = doc.xpath(f"//h2[.='{heading}']")
        assert section.getnext().get("class") == "figure", f"{heading} opens with its chart"
    (words,) = doc.xpath("//h2[.='Words']/following-sibling::table[1]")
    rows = [[td.text_content() for td in tr.xpath("td")] for tr in words.xpath(".//tbody/tr")]
    assert rows[0][0] == "Alpha Times" and rows[0][1].startswith("oval office (3.1)")
    assert rows[1:] == [["Beta <News>", "court (2.0)"], ["Gamma Post", "no word stands out"]]
    (tone,) = doc.xpath("//h2[.='Tone']/following-sibling::table[1]")
    assert [[td.text_content() for td in tr.xpath("td")] for tr in tone.xpath(".//tbody/tr")] == [
        ["Alpha Times", "+0.30", "1"],
        ["Beta <News>", "-0.30", "1"],
        ["Gamma Post", "", "0"],
    ]
    voices = doc.xpath("//h2[.='Voices']/following-sibling::details[1]//tbody/tr")
    assert [td.text_content() for td in voices[-1].xpath("td")] == [
        "Gamma Post",
        "Helen <Arceneaux>",
        "20",
        "2",
        "2",
        "0",
    ]
    assert "wherever matched passages give figures, the figures agree" in doc.text_content()
    ends = [h.text_content() for h in doc.xpath("//h2[.='Semantic axes']/following-sibling::div//h4")]
    assert ends == ["Nearest to “security”", "Nearest to “rights”"]


def test_settings_are_named_as_the_app_names_them():
    doc = lxml.html.document_fromstring(render_report(_framed(), figures=[]))
    assert [dt.text_content() for dt in doc.xpath("//dl[@class='settings']/dt")] == [
        "Embedding model",
        "Match strictness",
        "Compared by",
        "Model runs on",
    ]
    assert [dd.text_content() for dd in doc.xpath("//dl[@class='settings']/dd")] == [
        "all-MiniLM-L6-v2",
        "0.50",
        "sentence",
        "ONNX (fast)",
    ]
    assert "passage_size" not in doc.text_content() and "threshold" not in doc.text_content()


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


def test_tone_saved_before_it_was_compared_fact_by_fact_says_so_instead_of_a_chart():
    result = _framed()
    del result["lenses"]["tone"]["same_fact"]
    doc = lxml.html.document_fromstring(render_report(result))
    assert doc.xpath("//h2[.='Tone']")[0].getnext().get("class") == "missing"
    assert "saved before tone was compared fact by fact" in doc.text_content()
