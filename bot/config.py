"""Settings read from the environment (and a `.env` file), validated once at start-up.

Every variable is documented with its default in `.env.example`. An invalid value raises
`ConfigError` naming the variable, so the bot refuses to start instead of misbehaving later.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


class ConfigError(ValueError):
    """A configuration variable holds a value the bot cannot use."""


def _text(env: Mapping[str, str], name: str, default: str) -> str:
    return env.get(name, default).strip()


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float, minimum: float = 0.0) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def _list(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    raw = env.get(name, "")
    return tuple(item.strip() for item in raw.replace(";", ",").split(",") if item.strip())


_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
_PLATFORMS = ("discord", "matrix", "console")


def valid_prefix(prefix: str) -> bool:
    """1 to 3 punctuation characters (a word or a space would eat ordinary messages)."""
    return 0 < len(prefix) <= 3 and not any(ch.isspace() or ch.isalnum() for ch in prefix)


def _operators(env: Mapping[str, str]) -> frozenset[str]:
    """`platform:user id` entries; the deprecated MATRIX_MODERATORS count as Matrix operators."""
    found: set[str] = set()
    for entry in _list(env, "ARTICLEBOT_OPERATORS"):
        platform, _, user = entry.partition(":")
        if platform.lower() not in _PLATFORMS or not user:
            raise ConfigError(
                "ARTICLEBOT_OPERATORS entries look like matrix:@alice:example.org or "
                f"discord:123456789012345678, got {entry!r}"
            )
        found.add(f"{platform.lower()}:{user}")
    legacy = _list(env, "MATRIX_MODERATORS")
    if legacy:
        logging.getLogger(__name__).warning(
            "MATRIX_MODERATORS is deprecated: its users are now operators of every community; "
            "list them in ARTICLEBOT_OPERATORS as matrix:<user id>"
        )
        found.update(f"matrix:{user}" for user in legacy)
    return frozenset(found)


@dataclass(frozen=True)
class LlmSettings:
    """An OpenAI-compatible chat completions endpoint (Ollama, llama.cpp's server, vLLM, a
    hosted API) that communities may choose for written summaries."""

    url: str  # the base URL (`.../v1`) or the full `.../chat/completions` URL
    model: str
    key: str = field(default="", repr=False)  # sent as a bearer token when set
    timeout: float = 30.0
    daily_budget: int = 200  # requests per community per day (retries count)

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


def _llm(env: Mapping[str, str]) -> LlmSettings | None:
    url = _text(env, "ARTICLEBOT_LLM_URL", "")
    if not url:
        return None
    if not url.startswith(("http://", "https://")) or len(url) > 2000:
        raise ConfigError(f"ARTICLEBOT_LLM_URL must be an http:// or https:// URL, got {url!r}")
    model = _text(env, "ARTICLEBOT_LLM_MODEL", "")
    if not model:
        raise ConfigError("ARTICLEBOT_LLM_MODEL must name the model when ARTICLEBOT_LLM_URL is set")
    return LlmSettings(
        url=url,
        model=model,
        key=_text(env, "ARTICLEBOT_LLM_KEY", ""),
        timeout=_float(env, "ARTICLEBOT_LLM_TIMEOUT", 30.0, minimum=0.1),
        daily_budget=_int(env, "ARTICLEBOT_LLM_DAILY_BUDGET", 200, minimum=1),
    )


# matrix-nio and what it pulls in: their warnings matter, their INFO lines are per event.
CHATTY_LIBRARIES = ("nio", "aiohttp", "aiohttp_socks", "h2", "hpack", "peewee")
# Libraries that narrate every page they read: even their warnings are not ours to show.
NARRATING_LIBRARIES = ("trafilatura", "htmldate", "absl")


@dataclass(frozen=True)
class Settings:
    """Everything the core and the adapters are configured with."""

    db: str = "./data/articlebot.db"  # a SQLite path, sqlite:///path or postgresql://...
    prefix: str = "!"
    log_level: str = "INFO"
    state_dir: Path = Path("./state")
    max_upload_bytes: int = 2_000_000
    page_size: int = 5
    cooldown_commands: int = 8
    cooldown_seconds: float = 10.0
    fetch_allow_hosts: tuple[str, ...] = ()
    fetch_max_bytes: int = 5_000_000
    fetch_timeout: float = 20.0
    feed_interval_seconds: int = 900
    fetches_per_user: int = 6  # links fetched for one person a minute (add <url>, feed add)
    fetches_per_community: int = 20  # ... and for one community
    operators: frozenset[str] = frozenset()  # `platform:user id`, who may act everywhere
    retention_days: int = 30  # how long a left community's library is kept before the purge
    llm: LlmSettings | None = None  # the operator's language model for written summaries
    # Platform sections: raw values, validated by the adapter that uses them.
    platform: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read and validate the settings; `env` defaults to `os.environ`."""
        env = os.environ if env is None else env
        prefix = _text(env, "ARTICLEBOT_PREFIX", "!")
        if not valid_prefix(prefix):
            raise ConfigError(
                f"ARTICLEBOT_PREFIX must be 1 to 3 punctuation characters, e.g. '!', got {prefix!r}"
            )
        level = _text(env, "ARTICLEBOT_LOG_LEVEL", "INFO").upper()
        if level not in _LOG_LEVELS:
            raise ConfigError(
                f"ARTICLEBOT_LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}, got {level!r}"
            )
        db = _text(env, "ARTICLEBOT_DB", "./data/articlebot.db")
        if not db:
            raise ConfigError("ARTICLEBOT_DB must name a file or a postgresql:// URL")
        return cls(
            db=db,
            prefix=prefix,
            log_level=level,
            state_dir=Path(_text(env, "ARTICLEBOT_STATE_DIR", "./state") or "./state"),
            max_upload_bytes=_int(env, "ARTICLEBOT_MAX_UPLOAD_BYTES", 2_000_000, minimum=1),
            page_size=_int(env, "ARTICLEBOT_PAGE_SIZE", 5, minimum=1),
            cooldown_commands=_int(env, "ARTICLEBOT_COOLDOWN_COMMANDS", 8, minimum=1),
            cooldown_seconds=_float(env, "ARTICLEBOT_COOLDOWN_SECONDS", 10.0),
            fetch_allow_hosts=_list(env, "ARTICLEBOT_FETCH_ALLOW_HOSTS"),
            fetch_max_bytes=_int(env, "ARTICLEBOT_FETCH_MAX_BYTES", 5_000_000, minimum=1),
            fetch_timeout=_float(env, "ARTICLEBOT_FETCH_TIMEOUT", 20.0, minimum=0.1),
            feed_interval_seconds=_int(env, "ARTICLEBOT_FEED_INTERVAL", 900, minimum=10),
            fetches_per_user=_int(env, "ARTICLEBOT_FETCHES_PER_USER", 6, minimum=1),
            fetches_per_community=_int(env, "ARTICLEBOT_FETCHES_PER_COMMUNITY", 20, minimum=1),
            operators=_operators(env),
            retention_days=_int(env, "ARTICLEBOT_RETENTION_DAYS", 30, minimum=1),
            llm=_llm(env),
            platform={k: v for k, v in env.items() if k.startswith(("DISCORD_", "MATRIX_"))},
        )

    def platform_bool(self, name: str, default: bool) -> bool:
        return _bool(self.platform, name, default)

    def platform_int(self, name: str, default: int, minimum: int = 0) -> int:
        return _int(self.platform, name, default, minimum)

    def platform_list(self, name: str) -> tuple[str, ...]:
        return _list(self.platform, name)

    def is_operator(self, platform: str, user_id: str) -> bool:
        return f"{platform}:{user_id}" in self.operators

    def configure_logging(self) -> None:
        """The bot's own lines at the configured level; libraries' only at DEBUG or when serious.

        matrix-nio logs a line per room event (and its HTTP stack more) at INFO: at the default
        level an operator would see the library, not the bot.
        """
        level = getattr(logging, self.log_level)
        logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        everything = level <= logging.DEBUG  # asked for: libraries inherit the root's level
        for names, floor in (
            (CHATTY_LIBRARIES, logging.WARNING),
            (NARRATING_LIBRARIES, logging.ERROR),
        ):
            for name in names:
                logging.getLogger(name).setLevel(
                    logging.NOTSET if everything else max(level, floor)
                )
