"""An HTTP fetcher that strangers can point at URLs without reaching the host's network.

Every hop (the first request and each redirect) is checked before anything is sent: only
http/https, no credentials, a usual port, and every address the host resolves to must be public
(or the host must be on the operator's allow-list). The request then goes to the very address
that was checked — the URL's host is replaced by the IP while the Host header and the TLS server
name keep the original name — so a second DNS answer cannot swap in a private address.
Bodies are streamed, decompressed by us with a bound, and cut at a size cap.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
import zlib
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

import httpx

from bot.config import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
        "application/rdf+xml", "application/feed+json", "application/json", "text/html",
        "text/plain",
    }
)
USER_AGENT = f"articlebot/0.1 (community news library chat bot; python-httpx/{httpx.__version__})"
MAX_REDIRECTS = 5
PUBLIC_PORTS = frozenset({80, 443, 8080, 8443})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_NUMERIC_HOST = re.compile(r"(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}\.?")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
                 b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"MZ", b"OggS",
                 b"ID3", b"RIFF", b"wOFF", b"wOF2")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class FetchError(Exception):
    """A URL could not be fetched; `message` is safe to show to the person who asked."""

    message = "I couldn't fetch that link."

    def __init__(self, message: str | None = None):
        if message:
            self.message = message
        super().__init__(self.message)


class BadURL(FetchError):
    message = "That isn't a web link I can fetch (only http:// and https:// links)."


class RefusedAddress(FetchError):
    message = "That link points to a private or local network address, which I never fetch."


class NotFound(FetchError):
    message = "The site says that page doesn't exist (404)."


class HTTPStatus(FetchError):
    message = "The site answered with an error."


class TooLarge(FetchError):
    message = "That page is too large to fetch."


class FetchTimeout(FetchError):
    message = "The site took too long to answer."


class UnsupportedType(FetchError):
    message = "That link isn't a web page or text (I read HTML and plain text)."


class TooManyRedirects(FetchError):
    message = f"That link redirects more than {MAX_REDIRECTS} times."


class ConnectFailed(FetchError):
    message = "I couldn't reach that site."


@dataclass(frozen=True)
class FetchedPage:
    """A successful answer (or a 304 to a conditional request, with an empty body)."""

    url: str  # the final URL after redirects
    status: int
    content_type: str  # lower-case media type without parameters
    charset: str | None
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for `host` (all families)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: IPAddress) -> bool:
    """Whether an address is globally routable unicast, looking inside IPv6 wrappers of IPv4."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo:
            embedded = address.teredo[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(address.packed[-4:])
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (
        address.is_private or address.is_loopback or address.is_link_local
        or address.is_multicast or address.is_reserved or address.is_unspecified
    )


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host names literally, including legacy forms like 2130706433 or 0x7f.1."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(host.lower()):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host.rstrip(".")))
        except OSError:
            raise BadURL("That link's address is not a valid IP address.") from None
    return None


class _AllowList:
    """Operator-approved hosts: names (exact, case-insensitive), addresses or networks."""

    def __init__(self, entries: Iterable[str]):
        self.names: set[str] = set()
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in entries:
            entry = entry.strip().lower().rstrip(".")
            if not entry:
                continue
            try:
                self.networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                self.names.add(entry)

    def allows(self, host: str, address: IPAddress) -> bool:
        return host.lower().rstrip(".") in self.names or any(
            address in net for net in self.networks
        )


class _BoundedDecoder:
    """Content-Encoding decoding that never produces more than `limit` bytes in total."""

    def __init__(self, encoding: str, limit: int):
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()  # zlib-wrapped; raw deflate handled on first chunk
        else:
            raise UnsupportedType(f"The site sent an encoding I don't read ({encoding}).")
        self._raw_deflate = encoding == "deflate"
        self._first = True
        self.limit = limit
        self.size = 0

    def feed(self, chunk: bytes) -> bytes:
        if self._zlib is None:
            out = chunk
        else:
            if self._first and self._raw_deflate and chunk and (chunk[0] & 0x0F) != 8:
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            self._first = False
            try:
                out = self._zlib.decompress(chunk, self.limit - self.size + 1)
            except zlib.error:
                raise FetchError("The site sent a damaged compressed page.") from None
            if self._zlib.unconsumed_tail:
                raise TooLarge()
        self.size += len(out)
        if self.size > self.limit:
            raise TooLarge()
        return out


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a body are a known binary format or hold NUL bytes."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False  # a text BOM (UTF-16 text holds NULs legitimately)
    return head.startswith(_BINARY_MAGIC) or b"\x00" in head[:2048]


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _refuse_binary(body: bytes | bytearray) -> None:
    if looks_binary(bytes(body[:4096])):
        raise UnsupportedType("That link is a binary file, not a web page or text.")


def _media_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for param in parts[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            charset = value.strip(" \"'").lower()
    return parts[0].lower(), charset


class Fetcher:
    """Fetches URLs safely. One instance can serve many fetches; it holds no connections."""

    def __init__(
        self,
        *,
        allow_hosts: Iterable[str] = (),
        max_bytes: int = 5_000_000,
        timeout: float = 20.0,
        connect_timeout: float = 10.0,
        resolver: Resolver = system_resolver,
        transport: httpx.AsyncBaseTransport | None = None,
        verify: ssl.SSLContext | bool = True,
        user_agent: str = USER_AGENT,
    ):
        self._allow = _AllowList(allow_hosts)
        self.max_bytes = max_bytes
        self.timeout = timeout
        self._connect_timeout = min(connect_timeout, timeout)
        self._resolver = resolver
        self._transport = transport
        self._verify = verify
        self._user_agent = user_agent

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        resolver: Resolver = system_resolver,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> Fetcher:
        return cls(
            allow_hosts=settings.fetch_allow_hosts,
            max_bytes=settings.fetch_max_bytes,
            timeout=settings.fetch_timeout,
            resolver=resolver,
            transport=transport,
        )

    async def fetch(
        self,
        url: str,
        *,
        accept: Collection[str] = HTML_TYPES,
        headers: Mapping[str, str] | None = None,
    ) -> FetchedPage:
        """GET `url`, following at most 5 checked redirects, within the total timeout."""
        try:
            async with asyncio.timeout(self.timeout):
                return await self._fetch(url, accept, headers or {})
        except TimeoutError:
            raise FetchTimeout() from None

    async def _fetch(
        self, url: str, accept: Collection[str], extra: Mapping[str, str]
    ) -> FetchedPage:
        timeout = httpx.Timeout(self.timeout, connect=self._connect_timeout)
        async with httpx.AsyncClient(
            transport=self._transport,
            verify=self._verify,
            timeout=timeout,
            trust_env=False,  # an environment proxy would make the address check meaningless
            follow_redirects=False,
            limits=httpx.Limits(max_keepalive_connections=0),
        ) as client:
            current = self._parse(url)
            redirects: list[str] = []
            while True:
                response = await self._send(client, current, accept, extra)
                try:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        if len(redirects) >= MAX_REDIRECTS:
                            raise TooManyRedirects()
                        try:
                            target = current.join(response.headers["location"])
                        except httpx.InvalidURL:
                            raise BadURL("The site redirected to an invalid link.") from None
                        redirects.append(str(current))
                        current = self._parse(str(target))
                        continue
                    return await self._read(response, current, accept, tuple(redirects))
                finally:
                    await response.aclose()

    def _parse(self, url: str) -> httpx.URL:
        try:
            parsed = httpx.URL(url.strip())
        except (httpx.InvalidURL, TypeError):
            raise BadURL() from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise BadURL()
        if parsed.userinfo:
            raise BadURL("I don't fetch links that carry a user name or password.")
        return parsed.copy_with(fragment=None)

    async def _address(self, url: httpx.URL) -> IPAddress:
        """The checked address to connect to for `url`; refuses private ones not allowed."""
        host = url.host
        port = url.port or (443 if url.scheme == "https" else 80)
        literal = parse_ip_literal(host)
        if literal is not None:
            candidates = [literal]
        else:
            try:
                answers = await self._resolver(url.raw_host.decode("ascii"), port)
            except (OSError, UnicodeError):
                raise ConnectFailed(f"I couldn't find the site {host}.") from None
            candidates = []
            for answer in answers:
                try:
                    candidates.append(ipaddress.ip_address(answer.split("%")[0]))
                except ValueError:
                    continue
            if not candidates:
                raise ConnectFailed(f"I couldn't find the site {host}.")
        allowed = all(self._allow.allows(host, a) for a in candidates)
        if not allowed and not all(is_public(a) for a in candidates):
            raise RefusedAddress()
        if not allowed and port not in PUBLIC_PORTS:
            raise RefusedAddress(f"I only fetch links on the usual web ports, not port {port}.")
        return candidates[0]

    async def _send(
        self,
        client: httpx.AsyncClient,
        url: httpx.URL,
        accept: Collection[str],
        extra: Mapping[str, str],
    ) -> httpx.Response:
        address = await self._address(url)
        host_header = url.netloc.decode("ascii")
        pinned = url.copy_with(host=str(address))
        headers = {
            "Host": host_header,
            "User-Agent": self._user_agent,
            "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
            **extra,
        }
        extensions = {"sni_hostname": url.raw_host.decode("ascii")} if url.scheme == "https" else {}
        request = client.build_request("GET", pinned, headers=headers, extensions=extensions)
        try:
            return await client.send(request, stream=True)
        except httpx.TimeoutException:
            raise FetchTimeout() from None
        except httpx.HTTPError as exc:
            if _caused_by(exc, ssl.SSLError):
                raise ConnectFailed(
                    f"I couldn't connect securely to {url.host}: its certificate is not valid."
                ) from None
            raise ConnectFailed(f"I couldn't reach {url.host}.") from None

    async def _read(
        self,
        response: httpx.Response,
        url: httpx.URL,
        accept: Collection[str],
        redirects: tuple[str, ...],
    ) -> FetchedPage:
        status = response.status_code
        kept = {
            k: response.headers[k] for k in ("etag", "last-modified") if k in response.headers
        }
        if status == 304:
            return FetchedPage(str(url), status, "", None, b"", kept, redirects)
        if status in (404, 410):
            raise NotFound()
        if status >= 400 or status < 200:
            raise HTTPStatus(f"The site answered with an error ({status}).")
        media_type, charset = _media_type(response.headers.get("content-type", ""))
        if media_type and media_type not in accept:
            raise UnsupportedType(
                f"That link is {media_type}, not a web page or text I can read."
            )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise TooLarge()
        decoder = _BoundedDecoder(response.headers.get("content-encoding", ""), self.max_bytes)
        body = bytearray()
        sniffed = False
        try:
            async for chunk in response.aiter_raw():
                body += decoder.feed(chunk)
                if not sniffed and len(body) >= 4096:
                    _refuse_binary(body)
                    sniffed = True
        except httpx.TimeoutException:
            raise FetchTimeout() from None
        except httpx.HTTPError:
            raise ConnectFailed("The connection broke while reading the page.") from None
        _refuse_binary(body)
        return FetchedPage(
            str(url), status, media_type or "text/html", charset, bytes(body), kept, redirects
        )
