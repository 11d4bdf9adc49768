from pathlib import Path

import pytest

from bot.config import ConfigError, Settings


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.db == "./data/articlebot.db"
    assert settings.prefix == "!"
    assert settings.log_level == "INFO"
    assert settings.fetch_allow_hosts == ()


def test_values_are_read() -> None:
    settings = Settings.from_env(
        {
            "ARTICLEBOT_DB": "/tmp/x.db",
            "ARTICLEBOT_PREFIX": "?",
            "ARTICLEBOT_LOG_LEVEL": "debug",
            "ARTICLEBOT_FETCH_ALLOW_HOSTS": "localhost, 127.0.0.1",
            "MATRIX_HOMESERVER": "http://127.0.0.1:8008",
        }
    )
    assert settings.db == "/tmp/x.db"
    assert settings.prefix == "?"
    assert settings.log_level == "DEBUG"
    assert settings.fetch_allow_hosts == ("localhost", "127.0.0.1")
    assert settings.platform == {"MATRIX_HOMESERVER": "http://127.0.0.1:8008"}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ARTICLEBOT_PREFIX", "quote"),
        ("ARTICLEBOT_PREFIX", "!a"),
        ("ARTICLEBOT_LOG_LEVEL", "loud"),
        ("ARTICLEBOT_MAX_UPLOAD_BYTES", "lots"),
        ("ARTICLEBOT_MAX_UPLOAD_BYTES", "0"),
        ("ARTICLEBOT_COOLDOWN_SECONDS", "-1"),
        ("ARTICLEBOT_FEED_INTERVAL", "1"),
    ],
)
def test_invalid_values_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})


def test_platform_flags() -> None:
    settings = Settings.from_env({"MATRIX_E2EE": "maybe"})
    with pytest.raises(ConfigError, match="MATRIX_E2EE"):
        settings.platform_bool("MATRIX_E2EE", False)
    assert Settings.from_env({"MATRIX_E2EE": "on"}).platform_bool("MATRIX_E2EE", False)


def test_env_example_documents_every_variable() -> None:
    import re

    example = (Path(__file__).parents[2] / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z_]+)=", example, re.M))
    source = (Path(__file__).parents[2] / "bot" / "config.py").read_text()
    used = set(re.findall(r'"(ARTICLEBOT_[A-Z_]+)"', source))
    assert used <= documented
