"""ENAMEL_PLUGINS and ENAMEL_PLUGIN_TIMEOUT."""

from __future__ import annotations

import pytest

from enamel.config import Settings


def test_plugins_are_on_with_a_two_second_limit_unless_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ENAMEL_PLUGINS", raising=False)
    monkeypatch.delenv("ENAMEL_PLUGIN_TIMEOUT", raising=False)
    settings = Settings.from_env()
    assert settings.plugins is True and settings.plugin_timeout == 2.0
    monkeypatch.setenv("ENAMEL_PLUGINS", "off")
    monkeypatch.setenv("ENAMEL_PLUGIN_TIMEOUT", "0.5")
    settings = Settings.from_env()
    assert settings.plugins is False and settings.plugin_timeout == 0.5


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ENAMEL_PLUGINS", "sometimes", "ENAMEL_PLUGINS must be on or off"),
        ("ENAMEL_PLUGIN_TIMEOUT", "soon", "ENAMEL_PLUGIN_TIMEOUT must be a number of seconds"),
    ],
)
def test_a_bad_value_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message):
        Settings.from_env()
