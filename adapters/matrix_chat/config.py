"""The Matrix adapter's configuration, read from the MATRIX_* variables once at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.config import ConfigError, Settings


@dataclass(frozen=True)
class MatrixConfig:
    """MATRIX_* settings (MATRIX_MODERATORS are operators now: see `Settings.operators`)."""

    homeserver: str
    user_id: str
    password: str = ""
    access_token: str = ""
    moderator_level: int = 50
    allowed_inviters: tuple[str, ...] = ()
    allowed_rooms: tuple[str, ...] = ()  # a private bot: only these rooms (empty: all)
    e2ee: bool = False
    state_dir: Path = Path("./state/matrix")

    @classmethod
    def from_settings(cls, settings: Settings) -> MatrixConfig:
        env = settings.platform
        homeserver = env.get("MATRIX_HOMESERVER", "").strip().rstrip("/")
        user_id = env.get("MATRIX_USER_ID", "").strip()
        password = env.get("MATRIX_PASSWORD", "")
        token = env.get("MATRIX_ACCESS_TOKEN", "").strip()
        if not homeserver.startswith(("http://", "https://")):
            raise ConfigError(f"MATRIX_HOMESERVER must be an http(s) URL, got {homeserver!r}")
        if not (user_id.startswith("@") and ":" in user_id):
            raise ConfigError(f"MATRIX_USER_ID must look like @bot:example.org, got {user_id!r}")
        if not password and not token:
            raise ConfigError("set MATRIX_PASSWORD or MATRIX_ACCESS_TOKEN for the Matrix bot")
        return cls(
            homeserver=homeserver,
            user_id=user_id,
            password=password,
            access_token=token,
            moderator_level=settings.platform_int("MATRIX_MODERATOR_LEVEL", 50),
            allowed_inviters=settings.platform_list("MATRIX_ALLOWED_INVITERS"),
            allowed_rooms=settings.platform_list("MATRIX_ALLOWED_ROOMS"),
            e2ee=settings.platform_bool("MATRIX_E2EE", False),
            state_dir=settings.state_dir / "matrix",
        )

    def serves(self, room_id: str) -> bool:
        """Whether the bot works in a room: every room unless MATRIX_ALLOWED_ROOMS lists some.

        An inviter list alone cannot keep a stranger out (she makes a room, an allowed user
        invites the bot there); a room list can."""
        return not self.allowed_rooms or room_id in self.allowed_rooms

    def may_invite(self, user_id: str, room_id: str) -> bool:
        """Whether to join `room_id` on the invite of `user_id` (anyone, with no lists set)."""
        if not self.serves(room_id):
            return False
        if not self.allowed_inviters:
            return True
        server = ":" + user_id.split(":", 1)[-1]
        return any(entry in (user_id, server) for entry in self.allowed_inviters)
