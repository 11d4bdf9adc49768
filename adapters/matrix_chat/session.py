"""Logging in once, and resuming that session on every later start.

Every `login()` makes a new device (and an E2EE bot would have to be trusted again), so the
session is saved and restored; a new one is made only when none is saved, the configuration
names another account, or the homeserver revoked the token.
"""

from __future__ import annotations

import logging
from pathlib import Path

from nio import AsyncClient, LoginError, LoginResponse, WhoamiResponse

from adapters.matrix_chat.config import MatrixConfig
from adapters.matrix_chat.errors import TRANSIENT, RateLimited, pause
from adapters.matrix_chat.state import Credentials
from bot.backoff import Backoff

log = logging.getLogger(__name__)
DEVICE_NAME = "articlebot"


class Session:
    """The bot's login on the homeserver, kept in `credentials_path`."""

    def __init__(
        self, client: AsyncClient, config: MatrixConfig, credentials_path: Path, backoff: Backoff
    ) -> None:
        self.client = client
        self.config = config
        self.credentials_path = credentials_path
        self.backoff = backoff

    async def log_in(self) -> None:
        """Resume the saved session, or make one (waiting out a homeserver that is away)."""
        saved = Credentials.load(self.credentials_path)
        if (
            saved
            and saved.user_id == self.config.user_id
            and saved.homeserver == self.config.homeserver
            and self.config.access_token in ("", saved.access_token)
        ):
            self.client.restore_login(saved.user_id, saved.device_id, saved.access_token)
            log.info("matrix: resumed session of %s (device %s)", saved.user_id, saved.device_id)
            return
        while True:
            try:
                device_id = await self._new_session()
                break
            except TRANSIENT as err:
                await pause(self.backoff, f"login failed ({type(err).__name__}: {err})")
            except RateLimited as err:
                await pause(self.backoff, f"login rate-limited ({err})", err.retry_after_ms)
        Credentials(
            self.config.homeserver, self.config.user_id, device_id, self.client.access_token
        ).save(self.credentials_path)
        log.info("matrix: logged in as %s (device %s)", self.config.user_id, device_id)

    async def renew(self) -> None:
        """The homeserver no longer knows our token: log in again, if a password allows it."""
        if not self.config.password:
            raise RuntimeError("the homeserver no longer accepts MATRIX_ACCESS_TOKEN")
        log.error("matrix: the access token was revoked; logging in again")
        self.credentials_path.unlink(missing_ok=True)
        await self.log_in()

    async def _new_session(self) -> str:
        if self.config.access_token:
            self.client.access_token = self.config.access_token
            whoami = await self.client.whoami()
            if not isinstance(whoami, WhoamiResponse) or not whoami.device_id:
                raise RuntimeError(f"MATRIX_ACCESS_TOKEN was not accepted: {whoami}")
            self.client.restore_login(
                self.config.user_id, whoami.device_id, self.config.access_token
            )
            return whoami.device_id
        response = await self.client.login(self.config.password, device_name=DEVICE_NAME)
        if isinstance(response, LoginError) and response.status_code == "M_LIMIT_EXCEEDED":
            raise RateLimited(response.message, response.retry_after_ms)
        if not isinstance(response, LoginResponse):
            raise RuntimeError(f"Matrix login as {self.config.user_id} failed: {response}")
        return response.device_id
