"""The browser's door: pasted text, uploaded contents and web addresses; no server file is ever opened."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from parallax.inputs.fetch import FetchedPage, FetchError
from parallax.inputs.web import load_pasted, load_uploads, load_urls, web_address_problem

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FOLDER = ROOT / "seeds" / "bukele-white-house-2025"
STORY = (
    "President Donald Trump hosted Salvadoran President Nayib Bukele at the White House on Monday. "
    "Bukele said he would not return Kilmar Abrego Garcia, a Maryland man who was deported in March "
    "despite a court order. The Supreme Court has said the administration must facilitate his return."
)
OTHER = (
    "El Salvador holds more than 200 Venezuelans that the United States sent to its CECOT prison in March. "
    "The United States is paying about $6 million for their detention, and rights groups object."
)

_OPENED: list[str] = []
_WATCHING = False


def _audit(event: str, args: tuple) -> None:
    if _WATCHING and event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes)):
        _OPENED.append(str(args[0]))


sys.addaudithook(_audit)


@contextmanager
def files_opened() -> Iterator[list[str]]:
    """Every path Python opens or lists while the block runs (an audit hook sees them all)."""
    global _WATCHING
    _OPENED.clear()
    _WATCHING = True
    try:
        yield _OPENED
    finally:
        _WATCHING = False


def no_fetch(url: str) -> FetchedPage:
    raise AssertionError(f"nothing may be fetched here, but {url} was")


@pytest.mark.parametrize(
    "line",
    ["/etc/passwd", "file:///etc/passwd", "../../etc/passwd", "~/.bashrc", "C:\\Windows\\win.ini",
     str(SAMPLE_FOLDER), str(SAMPLE_FOLDER / "event.json"), "seeds/bukele-white-house-2025"],
)
def test_a_path_typed_into_the_address_box_gets_one_line_and_nothing_is_opened(line: str) -> None:
    with files_opened() as opened:
        result = load_urls([line], fetch=no_fetch)
    assert result.articles == ()
    (problem,) = result.problems
    assert "only web addresses (http:// or https://) are accepted here" in problem.message
    assert "\n" not in problem.message
    touched = [p for p in opened if "passwd" in p or "bashrc" in p or "win.ini" in p or "bukele-white-house" in p]
    assert touched == [], f"the server opened {touched}"


def test_a_bare_host_name_is_told_to_add_https() -> None:
    assert web_address_problem("www.crossline.example/story") == (
        "“www.crossline.example/story” is not a full web address: add https:// in front of it."
    )
    assert web_address_problem("https://www.crossline.example/story") is None


def test_a_fetched_json_body_naming_a_real_folder_loads_nothing_from_it() -> None:
    def hostile(url: str) -> FetchedPage:
        return FetchedPage(url, url, "application/json", str(SAMPLE_FOLDER))

    with files_opened() as opened:
        result = load_urls(["https://hostile.example/event.json"], fetch=hostile)
    assert result.articles == ()
    (problem,) = result.problems
    assert problem.message.startswith("https://hostile.example/event.json is not valid JSON")
    assert [p for p in opened if "bukele-white-house" in p] == []


def test_a_fetched_page_naming_a_missing_file_reveals_nothing_about_the_server() -> None:
    def hostile(url: str) -> FetchedPage:
        return FetchedPage(url, url, "application/json", "/no/such/file.json")

    (problem,) = load_urls(["https://hostile.example/x"], fetch=hostile).problems
    assert "does not exist" not in problem.message and "not valid JSON" in problem.message


def test_a_fetched_event_json_becomes_its_articles() -> None:
    body = json.dumps({"event": "E", "articles": [{"outlet": "A", "text": STORY}, {"outlet": "B", "text": OTHER}]})

    def fetch(url: str) -> FetchedPage:
        return FetchedPage(url, url, "application/json", body)

    result = load_urls(["https://events.example/e.json"], fetch=fetch)
    assert [a.outlet for a in result.articles] == ["A", "B"] and result.problems == ()


def test_each_bad_address_gets_its_message_and_the_good_ones_are_kept() -> None:
    def fetch(url: str) -> FetchedPage:
        if url.endswith("gone"):
            raise FetchError(f"{url} answered HTTP 404 Not Found.")
        return FetchedPage(url, url, "text/plain", STORY)

    result = load_urls(["https://a.example/story", "", "/etc/shadow", "https://a.example/gone"], fetch=fetch)
    assert [a.url for a in result.articles] == ["https://a.example/story"]
    assert [p.source for p in result.problems] == ["/etc/shadow", "https://a.example/gone"]


def test_uploads_are_read_from_their_bytes_by_their_extension() -> None:
    event = json.dumps({"event": "Uploaded event", "articles": [{"outlet": "Evt", "text": OTHER}]}).encode()
    html = f"<html><body><article><h1>Title</h1><p>{STORY}</p></article></body></html>".encode()
    result = load_uploads([
        ("Meridian Wire.txt", STORY.encode()),
        ("event.json", event),
        ("page.html", html.replace(b"Monday", b"Tuesday")),
        ("table.csv", b"a,b\n1,2\n"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ])
    assert [a.outlet for a in result.articles] == ["Meridian Wire", "Evt", "page"]
    assert result.name == "Uploaded event"
    messages = {p.source: p.message for p in result.problems}
    assert messages["table.csv"] == "table.csv is not a supported file type (use .json, .txt, .md, .html or .htm)."
    assert messages["photo.txt"] == "photo.txt looks like a binary file, not text."


def test_an_upload_named_like_a_server_path_is_only_its_contents() -> None:
    with files_opened() as opened:
        result = load_uploads([("../../../etc/passwd.txt", STORY.encode())])
    (article,) = result.articles
    assert article.text == STORY and article.outlet == "passwd"
    assert [p for p in opened if "passwd" in p] == []


def test_one_bad_byte_leaves_a_utf8_file_utf8_with_a_warning() -> None:
    data = ("SAN SALVADOR — " + STORY).encode() + b"\n\nA stray \x81 byte."
    result = load_uploads([("wire.txt", data)])
    (article,) = result.articles
    assert article.text.startswith("SAN SALVADOR — President") and "stray \ufffd byte" in article.text
    (warning,) = result.problems
    assert not warning.fatal
    assert warning.message == (
        "wire.txt: 1 byte that is not valid UTF-8 replaced by � (on line 3); the rest is read as UTF-8."
    )


def test_a_file_in_a_legacy_encoding_is_detected_not_mangled() -> None:
    text = STORY.replace("Monday", "Monday — “the señor’s visit”")
    (article,) = load_uploads([("old.txt", text.encode("cp1252"))]).articles
    assert article.text == text


def test_pasted_text_is_checked_like_every_article() -> None:
    assert load_pasted("   ", outlet="Meridian").problems[0].message == "Paste the article's text before adding it."
    (article,) = load_pasted(STORY, outlet="Meridian", title="Visit", published="2025-04-14").articles
    assert (article.outlet, article.title, article.published) == ("Meridian", "Visit", "2025-04-14")
    refused = load_pasted(STORY, outlet="Meridian", url="file:///etc/passwd")
    assert refused.articles == () and "must start with http:// or https://" in refused.problems[0].message


HEADLINED = "Bukele Refuses to Return Deported Maryland Man\n\n" + STORY


def test_a_pasted_headline_becomes_the_title_not_the_first_passage() -> None:
    (article,) = load_pasted(HEADLINED, outlet="Meridian").articles
    assert article.title == "Bukele Refuses to Return Deported Maryland Man"
    assert article.text == STORY
    typed_title = "Bukele refuses to return deported Maryland man"
    (typed,) = load_pasted(HEADLINED, outlet="Meridian", title=typed_title).articles
    assert (typed.title, typed.text) == ("Bukele refuses to return deported Maryland man", STORY)


def test_an_uploaded_file_gets_its_headline_as_title() -> None:
    sentence_case = "El Salvador keeps 200 Venezuelans in its mega-prison\n" + OTHER
    text, markdown = load_uploads([("wire.txt", HEADLINED.encode()), ("prison.md", sentence_case.encode())]).articles
    assert (text.title, text.text) == ("Bukele Refuses to Return Deported Maryland Man", STORY)
    assert (markdown.title, markdown.text) == ("El Salvador keeps 200 Venezuelans in its mega-prison", OTHER)


@pytest.mark.parametrize(
    "first",
    [
        "President Donald Trump hosted Salvadoran President Nayib Bukele at the White House on Monday.",
        "SAN SALVADOR —",
        "By Ana Ferrante, Crossline Wire",
        "Updated 14 April 2025 10:32",
        "Bukele arrived on Monday. He met Trump",
        "Officials in San Salvador, who asked not to be named, said the talks had gone on for many hours "
        "and that the two presidents spoke alone",
    ],
)
def test_a_first_line_that_is_not_a_headline_stays_in_the_text(first: str) -> None:
    (article,) = load_pasted(f"{first}\n{OTHER}", outlet="Meridian").articles
    assert article.title == ""
    assert article.text.startswith(first)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor of Springfield announced on Tuesday that the city would\nclose the old bridge for repairs.",
        "WASHINGTON (Crossline) — The Senate voted on Tuesday\nto pass the bill by 61 votes to 39.",
    ],
)
def test_a_hard_wrapped_first_line_is_not_taken_for_a_headline(text: str) -> None:
    (article,) = load_pasted(text, outlet="Meridian").articles
    assert article.title == ""
    assert article.text == text, "the sentence keeps its first half"
