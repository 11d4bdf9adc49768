"""HTTPS to a checked, pinned address: the certificate is still verified for the host name."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator

import pytest

from bot.ingest.fetch import ConnectFailed, Fetcher
from tests.web.conftest import fake_resolver
from tests.web.pages import article_html
from tests.web.server import LocalServer, Route

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=news.test",
         "-addext", "subjectAltName=DNS:news.test"],
        check=True, capture_output=True,
    )
    return str(cert), str(key)


@pytest.fixture
def tls_server(certificate: tuple[str, str]) -> Iterator[LocalServer]:
    with LocalServer(tls=certificate) as running:
        running.routes["/article"] = Route(article_html())
        yield running


def fetcher(certificate: tuple[str, str], host: str) -> Fetcher:
    trust = ssl.create_default_context(cafile=certificate[0])
    return Fetcher(
        allow_hosts=(host,), resolver=fake_resolver({host: ["127.0.0.1"]}), verify=trust
    )


async def test_https_goes_to_the_pinned_address_with_the_right_server_name(
    tls_server: LocalServer, certificate: tuple[str, str]
) -> None:
    page = await fetcher(certificate, "news.test").fetch(
        f"https://news.test:{tls_server.port}/article"
    )
    assert b"Vellmoor" in page.body
    assert tls_server.server_names == ["news.test"]
    assert tls_server.requests[0].headers["Host"] == f"news.test:{tls_server.port}"


async def test_a_certificate_for_another_name_is_refused(
    tls_server: LocalServer, certificate: tuple[str, str]
) -> None:
    with pytest.raises(ConnectFailed, match="certificate is not valid"):
        await fetcher(certificate, "other.test").fetch(
            f"https://other.test:{tls_server.port}/article"
        )
    assert tls_server.requests == []
