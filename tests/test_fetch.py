"""Fetching pages safely: only public addresses, every redirect checked, time and size bounded."""

from __future__ import annotations

import contextlib
import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from parallax.inputs import fetch
from parallax.inputs.fetch import FetchError, check_address, fetch_url, is_public_address

ARTICLE = "<html><head><title>Bukele visits</title></head><body><p>Trump met Bukele.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    """A tiny site whose routes each show one behaviour of a web server."""

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        with contextlib.suppress(OSError):
            self.route()

    def route(self) -> None:
        path = self.path
        if path == "/article":
            self.send(200, ARTICLE.encode())
        elif path == "/latin":
            self.send(200, "Café Bukele".encode("latin-1"), "text/plain; charset=iso-8859-1")
        elif path == "/undeclared":
            self.send(200, b"Caf\xe9 Bukele", "text/plain")
        elif path == "/stray":
            self.send(200, "SAN SALVADOR — Bukele".encode() + b"\x81 said.", "text/plain")
        elif path == "/host":
            self.send(200, self.headers["Host"].encode(), "text/plain")
        elif path == "/gzip":
            self.send(200, gzip.compress(ARTICLE.encode()), Content_Encoding="gzip")
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4", "application/pdf")
        elif path == "/big":
            self.send(200, b"x" * 5000, "text/plain")
        elif path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(10):
                self.wfile.write(b"y" * 1000)
        elif path == "/missing":
            self.send(404, b"not here")
        elif path == "/redirect":
            self.redirect("/article")
        elif path == "/loop":
            self.redirect("/loop")
        elif path == "/to-private":
            self.redirect("http://10.0.0.1/admin")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"z")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/stall":
            time.sleep(3)
            self.send(200, b"late")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(url: str, **kwargs: float) -> fetch.FetchedPage:
    """Fetch from the local test server (which lives on 127.0.0.1)."""
    return fetch_url(url, allow_private=True, **kwargs)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",
        "64:ff9b::a00:1",
    ],
)
def test_private_local_and_reserved_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"])
def test_internet_addresses_are_public(address: str) -> None:
    assert is_public_address(address)


def test_check_address_refuses_loopback_names_and_literals() -> None:
    for host in ("localhost", "127.0.0.1", "10.0.0.1", "::1"):
        with pytest.raises(FetchError, match="private, local or reserved"):
            check_address(host)
    assert check_address("8.8.8.8") == ["8.8.8.8"]


def test_check_address_refuses_a_name_when_any_of_its_addresses_is_private(monkeypatch) -> None:
    def fake(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ("8.8.8.8", "10.1.2.3")]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(FetchError, match="10.1.2.3"):
        check_address("mixed.example")


def test_a_name_that_does_not_resolve_is_named(monkeypatch) -> None:
    def fake(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(FetchError, match="Could not find the server 'nowhere.example'"):
        fetch_url("https://nowhere.example/story")


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://10.0.0.1/story", "http://[::1]/", "http://localhost/"])
def test_urls_on_private_addresses_are_refused_before_connecting(url: str) -> None:
    with pytest.raises(FetchError, match="Refused"):
        fetch_url(url)


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd", "javascript:alert(1)"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(url)


def test_fetches_a_page(site: str) -> None:
    page = get(f"{site}/article")
    assert page.text == ARTICLE
    assert page.content_type == "text/html"
    assert page.url == page.final_url == f"{site}/article"


def test_follows_a_redirect_and_reports_the_final_url(site: str) -> None:
    page = get(f"{site}/redirect")
    assert (page.url, page.final_url, page.text) == (f"{site}/redirect", f"{site}/article", ARTICLE)


def test_decodes_utf8_first_else_the_declared_or_detected_legacy_charset(site: str) -> None:
    assert get(f"{site}/latin").text == "Café Bukele"
    assert get(f"{site}/undeclared").text == "Café Bukele", "not UTF-8 at all: the detected Windows-1252"
    stray = get(f"{site}/stray")
    assert stray.text == "SAN SALVADOR — Bukele\ufffd said.", "UTF-8 with one bad byte stays UTF-8"
    assert "1 byte that is not valid UTF-8 replaced" in stray.warning and "line 1" in stray.warning


def test_decompresses_gzip(site: str) -> None:
    assert get(f"{site}/gzip").text == ARTICLE


def test_a_redirect_to_a_private_address_is_refused(site: str, monkeypatch) -> None:
    # Treat the test server as if it were on the internet, so only the redirect hop is private.
    real = fetch.is_public_address
    monkeypatch.setattr(fetch, "is_public_address", lambda address: address == "127.0.0.1" or real(address))
    assert fetch_url(f"{site}/article").text == ARTICLE
    with pytest.raises(FetchError, match=r"Redirect refused.*10\.0\.0\.1"):
        fetch_url(f"{site}/to-private")


def test_a_redirect_to_another_scheme_is_refused(site: str) -> None:
    with pytest.raises(FetchError, match="redirect to file:///etc/passwd"):
        get(f"{site}/to-file")


def test_redirect_loops_stop(site: str) -> None:
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        get(f"{site}/loop")


def test_connects_to_the_checked_address_not_a_second_lookup(site: str, monkeypatch) -> None:
    # A rebinding name answers a public address first and a private one afterwards.
    port = int(site.rsplit(":", 1)[1])
    real_lookup = socket.getaddrinfo
    answers = iter(["127.0.0.1", "10.66.66.66"])
    lookups = []

    def rebinding(host, *args, **kwargs):
        if host != "news.test":
            return real_lookup(host, *args, **kwargs)
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    real = fetch.is_public_address
    monkeypatch.setattr(fetch, "is_public_address", lambda address: address == "127.0.0.1" or real(address))
    page = fetch_url(f"http://news.test:{port}/host", timeout=3)
    assert page.text == f"news.test:{port}"
    assert lookups == ["news.test"]


def test_refuses_non_text_content(site: str) -> None:
    with pytest.raises(FetchError, match="is image/png, not a text or HTML page"):
        get(f"{site}/image")
    with pytest.raises(FetchError, match="is application/pdf, not a text or HTML page"):
        get(f"{site}/pdf")


def test_stops_at_the_size_cap(site: str) -> None:
    with pytest.raises(FetchError, match="larger than 0.001 MB"):
        get(f"{site}/big", max_bytes=1000)
    with pytest.raises(FetchError, match="larger than 0.005 MB"):
        get(f"{site}/big-unannounced", max_bytes=5000)
    assert len(get(f"{site}/big", max_bytes=5000).text) == 5000


def test_http_errors_are_named(site: str) -> None:
    with pytest.raises(FetchError, match=r"/missing answered HTTP 404 Not Found\."):
        get(f"{site}/missing")


def test_an_unreachable_server_fails_quickly_and_clearly() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(FetchError, match=f"Could not connect to 127.0.0.1:{port} \\(connection refused\\)"):
        get(f"http://127.0.0.1:{port}/story")
    assert time.monotonic() - started < 2


def test_the_timeout_bounds_the_whole_fetch(site: str) -> None:
    for path, message in (("/stall", "did not answer in time"), ("/drip", "did not finish sending the page in time")):
        started = time.monotonic()
        with pytest.raises(FetchError, match=message):
            get(f"{site}{path}", timeout=0.5)
        assert time.monotonic() - started < 1.5


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory) -> Iterator[tuple[str, str, list[str]]]:
    """A local HTTPS server with a self-signed certificate for "localhost"; yields URL, cert, SNI names."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert)]
        + ["-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://localhost:{server.server_address[1]}", str(cert), names
    server.shutdown()
    server.server_close()


def test_https_verifies_the_certificate_for_the_host_name(tls_site, monkeypatch) -> None:
    url, cert, names = tls_site
    with pytest.raises(FetchError, match="Could not set up a secure connection to localhost"):
        get(f"{url}/article")
    default_context = ssl.create_default_context

    def trusting_test_cert() -> ssl.SSLContext:
        context = default_context()
        context.load_verify_locations(cert)
        return context

    monkeypatch.setattr(fetch.ssl, "create_default_context", trusting_test_cert)
    assert get(f"{url}/article").text == ARTICLE
    assert names and set(names) == {"localhost"}


@pytest.mark.parametrize("address", ["http://[bad/x", "https://[::1/story"])
def test_an_address_with_an_unclosed_bracket_is_one_fetch_error(address):
    with pytest.raises(FetchError, match="is not a web address"):
        fetch_url(address)
