"""The command line's door: event JSON, text, Markdown, HTML files and folders, and URLs; every bad input
named, the rest kept."""

from __future__ import annotations

import functools
import json
import socket
import time
from pathlib import Path

import pytest

from parallax.inputs import InputError, article_from_html, article_from_text, load_event_text, validate_articles
from parallax.inputs.fetch import FetchedPage, FetchError, fetch_url
from parallax.inputs.local import load_event_file, load_sources
from parallax.model import Article
from parallax.settings import Limits

MAX_ARTICLE_CHARS = Limits().max_article_chars

FIXTURES = Path(__file__).parent / "fixtures"

STORY = (
    "President Donald Trump hosted Salvadoran President Nayib Bukele at the White House on Monday. "
    "Bukele said he would not return Kilmar Abrego Garcia, a Maryland man who was deported in March "
    "despite a court order. The Supreme Court has said the administration must facilitate his return."
)
OTHER_STORY = (
    "El Salvador holds more than 200 Venezuelans that the United States sent to its CECOT prison in March. "
    "The United States is paying about $6 million for their detention, and rights groups say the men "
    "had no chance to challenge the charge that they belong to a gang."
)
SPANISH = (
    "El presidente de El Salvador, Nayib Bukele, se reunió el lunes con el presidente Donald Trump en la "
    "Casa Blanca. Bukele dijo que no devolverá a Kilmar Abrego García, un hombre salvadoreño que vivía en "
    "Maryland y que fue deportado en marzo por un error administrativo. La Corte Suprema ordenó al gobierno "
    "facilitar su regreso."
)
NO_ARTICLE_HTML = (
    "<html><head><title>Page not found</title></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a>"
    "</nav><p>Sorry, this page does not exist.</p><footer>© 2025 Meridian Wire</footer></body></html>"
)


def write(folder: Path, name: str, content: str | bytes) -> str:
    """Write a file for a test and return its path as a source string."""
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def messages(result) -> dict[str, str]:
    """Each problem's message by the name of its source's file (or the URL)."""
    return {Path(p.source).name if "://" not in p.source else p.source: p.message for p in result.problems}


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_event_json_with_text_and_given_passages(tmp_path: Path) -> None:
    event = {
        "event": "Bukele at the White House",
        "description": "One meeting, two reports.",
        "articles": [
            {"id": "seed", "outlet": "Meridian Wire", "title": "Bukele visits", "url": "https://meridian.example/a",
             "published": "2025-04-14", "text": STORY, "seed": True, "angle": "Neutral."},
            {"id": "b", "outlet": "Crossline", "passages": ["El Salvador holds the men.", "", "The U.S. pays."],
             "sample": True, "note": "Written for the demo."},
        ],
    }  # fmt: skip
    result = load_event_file(write(tmp_path, "event.json", json.dumps(event)))
    assert result.name == "Bukele at the White House"
    seed, b = result.articles
    assert (seed.id, seed.outlet, seed.title, seed.published, seed.text) == (
        "seed",
        "Meridian Wire",
        "Bukele visits",
        "2025-04-14",
        STORY,
    )
    assert seed.meta == {"seed": True, "angle": "Neutral."}
    assert b.passages == ("El Salvador holds the men.", "The U.S. pays.")
    assert b.meta == {"sample": True, "note": "Written for the demo."}
    (warning,) = result.problems
    assert not warning.fatal
    assert "article 1" in warning.source and "empty passage(s) 1 left out" in warning.message


def test_event_json_names_each_bad_article_and_keeps_the_good_ones(tmp_path: Path) -> None:
    event = {
        "event": "E",
        "articles": [
            {"id": "good", "outlet": "A", "text": STORY},
            {"id": "nothing", "outlet": "B"},
            {"id": "badpassages", "outlet": "C", "passages": "one string"},
            "not an object",
            {"id": "badtitle", "outlet": "D", "title": 7, "text": OTHER_STORY},
        ],
    }
    result = load_event_text(json.dumps(event))
    assert [a.id for a in result.articles] == ["good"]
    assert [(p.source, p.message) for p in result.problems] == [
        ("the event JSON article 1", 'the event JSON article 1 has no "text" or "passages" (or they are empty).'),
        ("the event JSON article 2", 'the event JSON article 2: field "passages" must be a list of strings.'),
        ("the event JSON article 3", 'the event JSON article 3 must be an object with "text" or "passages".'),
        ("the event JSON article 4", 'the event JSON article 4: field "title" must be a string.'),
    ]


def test_event_json_that_is_not_an_event_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"not valid JSON \(Expecting .* at line 1, column"):
        load_event_file(write(tmp_path, "broken.json", '{"articles": [}'))
    with pytest.raises(InputError, match='expected an object with an "articles" list'):
        load_event_file(write(tmp_path, "list.json", "[1, 2]"))


def test_a_folder_with_event_json_loads_like_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "my-event"
    folder.mkdir()
    write(folder, "event.json", json.dumps({"event": "E", "articles": [{"outlet": "Meridian", "text": STORY}]}))
    result = load_sources([str(folder)])
    assert [(a.id, a.outlet) for a in result.articles] == [("meridian", "Meridian")]
    assert result.name == "E"
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    assert messages(load_sources([str(empty)])) == {"empty-folder": f"The folder {empty} has no event.json."}


def test_text_and_markdown_files(tmp_path: Path) -> None:
    txt = write(tmp_path, "Meridian Wire.txt", STORY)
    md = write(
        tmp_path,
        "crossline.md",
        "# Bukele holds **200** Venezuelans\n\n## The deal\n\nEl Salvador holds the men [in CECOT](https://x.example/cecot)."
        "\n\n---\n\n> The United States pays about *$6 million*.\n![map](map.png)\n",
    )
    result = load_sources([txt, md])
    assert result.problems == ()
    text_article, md_article = result.articles
    assert (text_article.id, text_article.outlet, text_article.title, text_article.text) == (
        "meridian-wire",
        "Meridian Wire",
        "",
        STORY,
    )
    assert (md_article.id, md_article.outlet, md_article.title) == (
        "crossline",
        "crossline",
        "Bukele holds 200 Venezuelans",
    )
    assert (
        md_article.text == "The deal\n\nEl Salvador holds the men in CECOT.\n\nThe United States pays about $6 million."
    )


def test_article_from_text_for_pasted_text() -> None:
    article = article_from_text("  Trump met Bukele.  ", outlet="Meridian Wire", url="https://meridian.example/a")
    assert (article.id, article.outlet, article.url, article.text) == (
        "meridian-wire",
        "Meridian Wire",
        "https://meridian.example/a",
        "Trump met Bukele.",
    )
    given = article_from_text("# Ignored heading\nText.", outlet="X", id="mine", title="Given title")
    assert (given.id, given.title, given.text) == ("mine", "Given title", "Ignored heading\nText.")


def test_saved_html_page_keeps_the_article_and_drops_comments_and_footer() -> None:
    source = str(FIXTURES / "meridian-bukele.html")
    result = load_sources([source])
    assert result.problems == ()
    (article,) = result.articles
    assert article.outlet == "Meridian Wire"
    assert article.id == "meridian-wire"
    assert article.title == "Bukele refuses to return deported Maryland man"
    assert article.published == "2025-04-14"
    assert article.url == "https://www.meridianwire.example/world/bukele-white-house"
    assert article.text.startswith("WASHINGTON (Meridian Wire) — Salvadoran President Nayib Bukele said on Monday")
    assert "Sen. Chris Van Hollen, D-Md., objected." in article.text
    for furniture in ("Reader123", "completely disagree", "All rights reserved", "newsletter", "Politics"):
        assert furniture not in article.text


def test_article_from_html_uses_the_domain_when_the_page_names_no_site() -> None:
    html = f"<html><body><article><h1>Bukele visits</h1><p>{STORY}</p><p>{OTHER_STORY}</p></article></body></html>"
    article = article_from_html(html, url="https://www.crossline.example/world/bukele")
    assert (article.outlet, article.id, article.title) == ("crossline.example", "crossline-example", "Bukele visits")
    assert article.text == f"{STORY}\n{OTHER_STORY}"
    assert article_from_html(html, outlet="Crossline").outlet == "Crossline"


def test_html_without_article_text_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^No article text found in the page\.$"):
        article_from_html(NO_ARTICLE_HTML)
    source = write(tmp_path, "not-found.html", NO_ARTICLE_HTML)
    assert messages(load_sources([source])) == {"not-found.html": f"No article text found in {source}."}


def test_every_bad_input_gets_its_message_and_the_valid_article_is_still_loaded(tmp_path: Path) -> None:
    port = closed_port()
    unreachable = f"http://127.0.0.1:{port}/story"

    def fetch(url: str) -> FetchedPage:
        # Only the closed local port may be tried; every other address meets the real checks.
        return fetch_url(url, timeout=3, allow_private=url == unreachable)

    sources = [
        write(tmp_path, "good.txt", STORY),
        write(tmp_path, "empty.txt", "  \n\n "),
        write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        write(tmp_path, "huge.txt", "word " * 1_000_000),
        write(tmp_path, "not-found.html", NO_ARTICLE_HTML),
        write(tmp_path, "copy.txt", STORY.upper()),
        write(tmp_path, "spanish.txt", SPANISH),
        write(tmp_path, "other.md", OTHER_STORY),
        str(tmp_path / "missing.txt"),
        write(tmp_path, "table.csv", "a,b\n1,2\n"),
        "http://127.0.0.1/story",
        "http://10.0.0.1/story",
        "ftp://files.example/story.txt",
        unreachable,
    ]
    result = load_sources(sources, fetch=fetch)
    assert [a.id for a in result.articles] == ["good", "spanish", "other"]
    found = messages(result)
    assert found["empty.txt"] == f"{tmp_path / 'empty.txt'} is empty."
    assert found["photo.txt"] == f"{tmp_path / 'photo.txt'} looks like a binary file, not text."
    assert found["huge.txt"] == (
        f"{tmp_path / 'huge.txt'} is too long: 5,000,000 characters (the limit is 100,000 per article)."
    )
    assert found["not-found.html"].startswith("No article text found in ")
    assert (
        found["copy.txt"]
        == f"{tmp_path / 'copy.txt'} has the same text as {tmp_path / 'good.txt'}; only the first is kept."
    )
    assert found["spanish.txt"].endswith(
        "does not look like English; the model and tone lexicon are English-only, so its matches will be unreliable."
    )
    assert found["missing.txt"] == f"{tmp_path / 'missing.txt'} does not exist."
    assert "not a supported file type" in found["table.csv"]
    assert found["http://127.0.0.1/story"] == (
        "Refused to fetch from 127.0.0.1: it is a private, local or reserved address."
    )
    assert (
        found["http://10.0.0.1/story"] == "Refused to fetch from 10.0.0.1: it is a private, local or reserved address."
    )
    assert "only http and https" in found["ftp://files.example/story.txt"]
    assert found[unreachable] == f"Could not connect to 127.0.0.1:{port} (connection refused)."
    fatal = {Path(p.source).name: p.fatal for p in result.problems}
    assert fatal["spanish.txt"] is False and fatal["empty.txt"] is True


def test_an_unreachable_url_is_named_quickly() -> None:
    port = closed_port()
    url = f"http://127.0.0.1:{port}/story"
    started = time.monotonic()
    result = load_sources([url], fetch=functools.partial(fetch_url, allow_private=True, timeout=3))
    assert time.monotonic() - started < 2
    assert result.articles == ()
    assert messages(result) == {url: f"Could not connect to 127.0.0.1:{port} (connection refused)."}


def test_urls_become_articles_named_after_their_domain() -> None:
    pages = {
        "https://www.crossline.example/a": FetchedPage(
            "https://www.crossline.example/a",
            "https://www.crossline.example/world/a",
            "text/html",
            f"<html><body><article><p>{STORY}</p></article></body></html>",
        ),
        "https://notes.example/b.txt": FetchedPage(
            "https://notes.example/b.txt", "https://notes.example/b.txt", "text/plain", OTHER_STORY
        ),
    }

    def fake_fetch(url: str) -> FetchedPage:
        if url not in pages:
            raise FetchError(f"{url} answered HTTP 404 Not Found.")
        return pages[url]

    result = load_sources([*pages, "https://www.crossline.example/gone"], fetch=fake_fetch)
    assert [(a.id, a.outlet, a.url) for a in result.articles] == [
        ("crossline-example", "crossline.example", "https://www.crossline.example/world/a"),
        ("notes-example", "notes.example", "https://notes.example/b.txt"),
    ]
    assert messages(result) == {
        "https://www.crossline.example/gone": "https://www.crossline.example/gone answered HTTP 404 Not Found."
    }


def test_ids_are_unique_within_a_load(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write(tmp_path / "one", "story.txt", STORY)
    second = write(tmp_path / "two", "story.txt", OTHER_STORY)
    assert [a.id for a in load_sources([first, second]).articles] == ["story", "story-2"]


def test_validate_articles_checks_pasted_articles() -> None:
    articles = [
        Article(id="a", outlet="Meridian", text=STORY),
        Article(id="b", outlet="Crossline", text="   "),
        Article(id="c", outlet="Echo", text=" ".join(STORY.split())),
        Article(id="d", outlet="Huge", text="x" * (MAX_ARTICLE_CHARS + 1)),
        Article(id="e", outlet="Garbled", text="ab\x01\x02\x03\x04cd" * 10),
        Article(id="f", outlet="Diario", text=SPANISH),
        Article(id="g", outlet="Given", passages=("El Salvador holds the men.", "The U.S. pays.")),
    ]
    result = validate_articles(articles)
    assert [a.id for a in result.articles] == ["a", "f", "g"]
    assert [(p.source, p.fatal) for p in result.problems] == [
        ("Crossline", True),
        ("Echo", True),
        ("Huge", True),
        ("Garbled", True),
        ("Diario", False),
    ]
    msgs = [p.message for p in result.problems]
    assert msgs[0] == "Crossline (id 'b') is empty."
    assert msgs[1] == "Echo (id 'c') has the same text as Meridian (id 'a'); only the first is kept."
    assert msgs[2] == "Huge (id 'd') is too long: 100,001 characters (the limit is 100,000 per article)."
    assert msgs[3] == "Garbled (id 'e') looks like a binary file, not text."
    assert msgs[4].startswith("Diario (id 'f') does not look like English;")


def test_a_text_file_headline_is_its_title_and_a_one_line_file_keeps_its_line(tmp_path: Path) -> None:
    headlined = write(tmp_path, "meridian.txt", "Trump Hosts Bukele at the White House\n\n" + STORY)
    one_line = write(tmp_path, "crossline.txt", OTHER_STORY.rstrip("."))
    first, second = load_sources([headlined, one_line]).articles
    assert (first.title, first.text) == ("Trump Hosts Bukele at the White House", STORY)
    assert (second.title, second.text) == ("", OTHER_STORY.rstrip("."))
