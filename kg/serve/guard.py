"""What the endpoint refuses before any work starts: foreign Host names, cross-origin form posts,
weak tokens, token guessing, and one client holding every worker.

- **Host** (DNS rebinding): a web page on ``evil.example`` whose name is made to resolve to
  127.0.0.1 reaches a loopback server from the victim's browser, with ``Host: evil.example``. The
  server answers only Host names it was bound to (``--host``), IP literals (no DNS involved),
  ``localhost``, and the names given with ``--allow-host``.
- **Origin**: a form on any web page can POST to the endpoint (forms need no CORS preflight); a POST
  whose ``Origin`` (or ``Sec-Fetch-Site: cross-site``) says it comes from another site is refused.
- **Tokens** are at least :data:`MIN_TOKEN_LENGTH` characters without whitespace, and a client that
  sends :data:`MAX_FAILURES` wrong ones within :data:`FAILURE_WINDOW` seconds is answered 429 until
  the window has passed (right token or not).
- **Clients**: one client (IP address) runs at most ``max_client_queries`` queries at a time.
"""

from __future__ import annotations

import ipaddress
import time
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from kg.errors import RequestError, ServeError

MIN_TOKEN_LENGTH = 16
MAX_FAILURES = 5
FAILURE_WINDOW = 60.0
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def check_token(token: str | None) -> None:
    """Refuse (at start-up) a token that is short, blank or holds whitespace (it could never match)."""
    if token is None:
        return
    if not token.strip():
        raise ServeError("the token is blank; pass --token with at least 16 characters (no spaces)")
    if any(ch.isspace() for ch in token):
        raise ServeError("the token holds whitespace, which an Authorization header cannot carry intact")
    if len(token) < MIN_TOKEN_LENGTH:
        raise ServeError(
            f"the token has {len(token)} characters; use at least {MIN_TOKEN_LENGTH} "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(24))')"
        )


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server on this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int) -> str | None:
    """The warning to print when ``host`` binds beyond loopback, else ``None``."""
    if is_loopback(host):
        return None
    return (
        f"WARNING: kg serve is binding {host}:{port}, beyond this machine: anyone who can reach that "
        "port can read the whole store. Bind 127.0.0.1 unless you mean it; name the host names clients "
        "use with --allow-host (others are refused)."
    )


def _hostname(value: str) -> str:
    """The host part of a Host header value (``name``, ``name:port``, ``[v6]:port``), lower case."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostCheck:
    """Which ``Host`` names the server answers (see the module docstring)."""

    def __init__(self, bound: str, allowed: Collection[str] = ()) -> None:
        names = {_hostname(name) for name in allowed} | LOOPBACK_NAMES
        bound_name = bound.strip("[]").lower()
        if bound_name and not _is_ip(bound_name):
            names.add(bound_name)
        self.names = frozenset(names)

    def accepts(self, header: str | None) -> bool:
        if header is None:  # HTTP/1.0 without Host: no browser sends that
            return True
        name = _hostname(header)
        return _is_ip(name) or name in self.names

    def check(self, header: str | None) -> None:
        if not self.accepts(header):
            raise RequestError(
                421,
                f"this server does not answer for host {_hostname(header or '')!r}; "
                "start it with --allow-host NAME to accept that name",
            )


def check_origin(method: str, host: str | None, origin: str | None, fetch_site: str | None) -> None:
    """Refuse a POST that a browser says comes from another site (a form on someone else's page)."""
    if method != "POST":
        return
    if (fetch_site or "").lower() == "cross-site":
        raise RequestError(403, "cross-site POST refused (Sec-Fetch-Site: cross-site)")
    if origin is None:
        return
    parts = urlsplit(origin)
    if origin == "null" or not parts.netloc or parts.netloc.lower() != (host or "").lower():
        raise RequestError(403, f"cross-origin POST from {origin!r} refused; send it from this server's page")


class FailureLimit:
    """Counts wrong tokens per client; past ``limit`` within ``window`` seconds the client is refused."""

    def __init__(
        self,
        limit: int = MAX_FAILURES,
        window: float = FAILURE_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, client: str) -> deque[float]:
        now = self.clock()
        times = self._failures[client]
        while times and now - times[0] > self.window:
            times.popleft()
        if not times:
            del self._failures[client]  # keep no entry for clients that stopped failing
            return deque()
        return times

    def check(self, client: str) -> None:
        """Raise 429 when ``client`` used up its attempts."""
        times = self._recent(client)
        if len(times) >= self.limit:
            wait = max(1, int(self.window - (self.clock() - times[0])) + 1)
            raise RequestError(
                429, f"too many wrong tokens from {client}; try again in {wait} s", {"Retry-After": str(wait)}
            )

    def fail(self, client: str) -> None:
        self._failures[client].append(self.clock())


class ClientLimit:
    """At most ``limit`` queries running at a time for each client."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._running: dict[str, int] = defaultdict(int)

    def running(self, client: str) -> int:
        return self._running.get(client, 0)

    @contextmanager
    def slot(self, client: str) -> Iterator[None]:
        if self._running.get(client, 0) >= self.limit:
            raise RequestError(
                429,
                f"{client} already runs {self.limit} quer{'y' if self.limit == 1 else 'ies'} at once; "
                "wait for an answer before sending more",
                {"Retry-After": "1"},
            )
        self._running[client] += 1
        try:
            yield
        finally:
            self._running[client] -= 1
            if not self._running[client]:
                del self._running[client]
