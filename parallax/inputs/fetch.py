"""Fetch a web page for the server without letting a URL reach private or local machines.

Every hop (the first request and each redirect) resolves the host once, refuses it when any of
its addresses is not public, then connects to that checked address, so a name that resolves
differently a moment later (DNS rebinding) cannot redirect the request. Time and size are bounded.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parallax.inputs.decode import decode_bytes
from parallax.inputs.errors import InputError

__all__ = ["FetchError", "FetchedPage", "MAX_REDIRECTS", "check_address", "fetch_url", "is_public_address"]

MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
_TEXT_TYPES = ("application/xhtml+xml", "application/xml", "application/json", "application/ld+json",
               "application/rss+xml", "application/atom+xml")
_CHUNK = 65536
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HEADERS = {
    "User-Agent": "Parallax/0.1 (news coverage comparison)",
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
    "Accept-Encoding": "gzip, deflate, identity",
}


class FetchError(Exception):
    """A URL that could not or may not be fetched; `message` is one sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FetchedPage:
    """A fetched text page: the URL asked for, the URL after redirects, its type and decoded text.

    `warning` says when bytes that were not valid text had to be replaced.
    """

    url: str
    final_url: str
    content_type: str
    text: str
    warning: str = ""


def is_public_address(address: str) -> bool:
    """True when an IP address is globally routable (not private, loopback, link-local, ...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not is_public_address(str(embedded)):
            return False
    blocked = (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )
    return not blocked


_RESOLVER = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="parallax-dns")


def _resolve(host: str, port: int, timeout: float | None) -> list[tuple]:
    """getaddrinfo bounded by `timeout` seconds: the system resolver has no timeout of its own."""
    if timeout is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    future = _RESOLVER.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        return future.result(timeout=max(timeout, 0.0))
    except concurrent.futures.TimeoutError as exc:
        raise FetchError(f"Could not find the server {host!r} in time (the name lookup did not answer).") from exc


def check_address(host: str, port: int = 80, *, allow_private: bool = False, timeout: float | None = None) -> list[str]:
    """Resolve `host` (within `timeout` seconds) and return its addresses; FetchError if any is not public.

    `allow_private` lets tests reach a server on 127.0.0.1; it is never exposed to users.
    """
    try:
        infos = _resolve(host, port, timeout)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Could not find the server {host!r} (the name does not resolve).") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"Could not find the server {host!r} (the name does not resolve).")
    if not allow_private:
        for address in addresses:
            if not is_public_address(address):
                what = "it is" if address == host.strip("[]") else f"it resolves to {address},"
                raise FetchError(f"Refused to fetch from {host}: {what} a private, local or reserved address.")
    return addresses


def fetch_url(
    url: str, *, timeout: float = 10.0, max_bytes: int = 5_000_000, allow_private: bool = False
) -> FetchedPage:
    """Fetch a text or HTML page over http(s), following at most MAX_REDIRECTS checked redirects.

    `timeout` bounds the whole fetch in seconds, `max_bytes` the body. `allow_private` exists only
    so tests can fetch from a server on 127.0.0.1; it is never exposed to users.
    """
    deadline = time.monotonic() + timeout
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        conn, path = _connection(current, deadline, allow_private, redirected=hop > 0)
        watchdog = threading.Timer(max(deadline - time.monotonic(), 0.0), _abort, (conn,))
        watchdog.daemon = True
        watchdog.start()
        try:
            response = _send(conn, path, current, deadline)
            location = response.headers.get("Location")
            if response.status in _REDIRECTS and location:
                current = urljoin(current, location.strip())
                continue
            if response.status >= 400:
                raise FetchError(f"{current} answered HTTP {response.status} {response.reason}".strip() + ".")
            headers = response.headers
            content_type = headers.get_content_type() if headers.get("Content-Type") else ""
            if content_type and not _is_text(content_type):
                raise FetchError(f"{current} is {content_type}, not a text or HTML page.")
            body = _read_body(response, conn, current, deadline, max_bytes)
            try:
                decoded = decode_bytes(body, current, headers.get_content_charset())
            except InputError as exc:
                raise FetchError(str(exc)) from exc
            return FetchedPage(url, current, content_type, decoded.text, decoded.warning)
        finally:
            watchdog.cancel()
            conn.close()
    raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times.")


def _connection(url: str, deadline: float, allow_private: bool, redirected: bool) -> tuple[_PinnedHTTP, str]:
    """A not yet opened connection pinned to checked addresses of the URL's host, and the path to ask."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:  # "http://[bad/x": an unclosed IPv6 bracket
        raise FetchError(f"{url} is not a web address.") from exc
    if parts.scheme not in ("http", "https"):
        what = "a redirect to " if redirected else ""
        raise FetchError(f"Refused {what}{url}: only http and https addresses can be fetched.")
    if not host:
        raise FetchError(f"{url} is not a web address (it has no host name).")
    if parts.username or parts.password:
        raise FetchError(f"Refused {url}: addresses with a user name or password are not supported.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{url} has an invalid port number.") from exc
    try:
        addresses = check_address(parts.hostname, port, allow_private=allow_private,
                                  timeout=_remaining(deadline, url))
    except FetchError as exc:
        raise FetchError(f"Redirect refused: {exc.message}" if redirected else exc.message) from exc
    conn_type = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return conn_type(parts.hostname, port, addresses, _remaining(deadline, url)), path


def _send(conn: _PinnedHTTP, path: str, url: str, deadline: float) -> http.client.HTTPResponse:
    """Send the GET and read the response head, turning network failures into FetchError."""
    try:
        conn.request("GET", path, headers=_HEADERS)
        return conn.getresponse()
    except TimeoutError as exc:
        raise FetchError(f"{url} did not answer in time.") from exc
    except ssl.SSLError as exc:
        raise FetchError(f"Could not set up a secure connection to {conn.host} ({exc.reason}).") from exc
    except (OSError, http.client.HTTPException) as exc:
        if conn.timed_out or time.monotonic() >= deadline:
            raise FetchError(f"{url} did not answer in time.") from exc
        raise FetchError(f"Could not connect to {conn.host}:{conn.port} ({_reason(exc)}).") from exc


def _read_body(
    response: http.client.HTTPResponse, conn: _PinnedHTTP, url: str, deadline: float, max_bytes: int
) -> bytes:
    """Read the body in chunks, stopping at the deadline or when it grows past `max_bytes`."""
    too_big = FetchError(f"{url} is larger than {max_bytes / 1e6:g} MB, the limit for one page.")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise too_big
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding in ("gzip", "x-gzip", "deflate") else None
    chunks, size = [], 0
    try:
        while True:
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            if inflate is not None:
                chunk = inflate.decompress(chunk, max_bytes + 1 - size)
            size += len(chunk)
            if size > max_bytes:
                raise too_big
            chunks.append(chunk)
            if time.monotonic() >= deadline:
                break
    except zlib.error as exc:
        raise FetchError(f"{url} sent a compressed page that could not be read.") from exc
    except (OSError, ValueError, http.client.HTTPException) as exc:
        if isinstance(exc, TimeoutError) or conn.timed_out or time.monotonic() >= deadline:
            raise FetchError(f"{url} did not finish sending the page in time.") from exc
        raise FetchError(f"The connection to {url} broke off ({_reason(exc)}).") from exc
    if conn.timed_out or time.monotonic() >= deadline:
        raise FetchError(f"{url} did not finish sending the page in time.")
    return b"".join(chunks)


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to already checked addresses; the Host header still names the host."""

    def __init__(self, host: str, port: int, addresses: list[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses
        self.raw_sock: socket.socket | None = None
        self.timed_out = False

    def connect(self) -> None:
        """Connect to the first checked address that answers, never re-resolving the name."""
        error: OSError | None = None
        for address in self._addresses:
            try:
                self.sock = self.raw_sock = socket.create_connection((address, self.port), self.timeout)
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                return
            except OSError as exc:
                error = exc
        raise error or OSError("no address to connect to")


class _PinnedHTTPS(_PinnedHTTP):
    """An HTTPS connection to checked addresses, verifying the certificate for the host name (SNI)."""

    default_port = 443

    def connect(self) -> None:
        """Connect to a checked address, then wrap it in TLS for the original host name."""
        super().connect()
        context = ssl.create_default_context()
        self.sock = self.raw_sock = context.wrap_socket(self.sock, server_hostname=self.host)


def _abort(conn: _PinnedHTTP) -> None:
    """Cut a connection that has run past the deadline, so a slow server cannot hold a fetch open."""
    conn.timed_out = True
    if conn.raw_sock is not None:
        with contextlib.suppress(OSError):
            # The plain socket method, so a TLS socket is cut at the TCP level too.
            socket.socket.shutdown(conn.raw_sock, socket.SHUT_RDWR)


def _remaining(deadline: float, url: str) -> float:
    """Seconds left before the deadline; FetchError once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url} did not answer in time.")
    return left


def _is_text(content_type: str) -> bool:
    """True for content types that hold text Parallax can read."""
    return content_type.startswith("text/") or content_type in _TEXT_TYPES



def _reason(exc: BaseException) -> str:
    """A short human reason for a network error."""
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError):
        return "connection reset"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
