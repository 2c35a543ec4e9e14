"""Settings: defaults, WIREWATCH_ environment variables, config files, validation, secrets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from schemas.topics import resolve
from streams.settings import Settings, load_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No WIREWATCH_* variable of the surrounding shell leaks into these tests."""
    for name in list(os.environ):
        if name.upper().startswith("WIREWATCH_"):
            monkeypatch.delenv(name)


def test_defaults() -> None:
    s = Settings()
    assert s.kafka_bootstrap == "127.0.0.1:9092"
    assert s.bootstrap_servers == ["127.0.0.1:9092"]
    assert s.kafka_security_protocol == "PLAINTEXT"
    assert s.app_id == "wirewatch"
    assert s.processing_guarantee == "at_least_once"
    assert s.web_port == 6066
    assert s.thresholds == {}
    assert s.routes_file is None
    assert s.dedup_window_hours == 48.0
    assert s.aiokafka_options() == {"bootstrap_servers": "127.0.0.1:9092", "security_protocol": "PLAINTEXT"}


def test_environment_variables_with_prefix_override_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_KAFKA_BOOTSTRAP", "b1:9092, b2:9093")
    monkeypatch.setenv("WIREWATCH_WEB_PORT", "7070")
    monkeypatch.setenv("WIREWATCH_TOPIC_RAW", "staging.raw")
    monkeypatch.setenv("WIREWATCH_THRESHOLDS", '{"ceasefire_condition": 0.7}')
    monkeypatch.setenv("KAFKA_BOOTSTRAP", "ignored:1")  # no prefix: not ours
    s = Settings()
    assert s.bootstrap_servers == ["b1:9092", "b2:9093"]
    assert s.web_port == 7070
    assert s.topic_names["raw"] == "staging.raw"
    assert s.thresholds == {"ceasefire_condition": 0.7}


def test_keyword_arguments_beat_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_APP_ID", "from-env")
    assert Settings(app_id="from-kwarg").app_id == "from-kwarg"


@pytest.mark.parametrize("bootstrap", ["", " , ", "localhost", "host:", ":9092", "host:port", "a:1,b"])
def test_bad_bootstrap_is_rejected(bootstrap: str) -> None:
    with pytest.raises(ValueError, match="kafka_bootstrap"):
        Settings(kafka_bootstrap=bootstrap)


@pytest.mark.parametrize("threshold", [-0.01, 1.01, 5])
def test_threshold_out_of_range_is_rejected(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold for 'ceasefire_condition' must be within"):
        Settings(thresholds={"ceasefire_condition": threshold})


def test_thresholds_at_bounds_are_accepted() -> None:
    assert Settings(thresholds={"a": 0.0, "b": 1.0}).thresholds == {"a": 0.0, "b": 1.0}


def test_load_settings_exits_listing_every_bad_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_KAFKA_BOOTSTRAP", "nohostport")
    monkeypatch.setenv("WIREWATCH_WEB_PORT", "70000")
    with pytest.raises(SystemExit) as info:
        load_settings()
    message = str(info.value.code)
    assert message.startswith("wirewatch: invalid settings:")
    assert "WIREWATCH_KAFKA_BOOTSTRAP" in message
    assert "WIREWATCH_WEB_PORT" in message


def test_load_settings_rejects_unknown_overrides() -> None:
    with pytest.raises(SystemExit, match="WIREWATCH_NO_SUCH_THING"):
        load_settings(no_such_thing=1)


def test_load_settings_returns_valid_settings() -> None:
    assert load_settings(app_id="x").app_id == "x"


def test_config_toml_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "wirewatch.toml"
    config.write_text('kafka_bootstrap = "k1:9092"\nAPP_ID = "from-toml"\n[thresholds]\nleader_statement = 0.6\n')
    monkeypatch.setenv("WIREWATCH_CONFIG", str(config))
    s = Settings()
    assert (s.kafka_bootstrap, s.app_id, s.thresholds) == ("k1:9092", "from-toml", {"leader_statement": 0.6})


def test_environment_beats_config_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "wirewatch.toml"
    config.write_text('app_id = "from-toml"\nweb_port = 7000\n')
    monkeypatch.setenv("WIREWATCH_CONFIG", str(config))
    monkeypatch.setenv("WIREWATCH_APP_ID", "from-env")
    s = Settings()
    assert (s.app_id, s.web_port) == ("from-env", 7000)


def test_config_key_value_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "wirewatch.env"
    config.write_text("# comment\n\nWIREWATCH_KAFKA_BOOTSTRAP=k1:9092,k2:9092\napp_id = 'quoted'\nWEB_PORT=\"7001\"\n")
    monkeypatch.setenv("WIREWATCH_CONFIG", str(config))
    s = Settings()
    assert s.bootstrap_servers == ["k1:9092", "k2:9092"]
    assert s.app_id == "quoted"
    assert s.web_port == 7001


def test_config_key_value_file_bad_line_names_file_and_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "wirewatch.env"
    config.write_text("APP_ID=x\n# fine\nthis line has no equals sign\n")
    monkeypatch.setenv("WIREWATCH_CONFIG", str(config))
    with pytest.raises(ValueError, match=rf"{config}:3: expected KEY=value"):
        Settings()


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("wirewatch.env", "APP_ID=x\nbroken\n", ":2: expected KEY=value"),
        ("wirewatch.toml", "app_id = \n", "wirewatch.toml"),
        (None, None, "not a file"),
    ],
    ids=["bad-key-value-line", "invalid-toml", "missing-file"],
)
def test_load_settings_reports_bad_config_file_as_system_exit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str | None, text: str | None, says: str
) -> None:
    """load_settings promises SystemExit with the problem, not a traceback, for every bad setting."""
    config = tmp_path / (name or "missing.toml")
    if text is not None:
        config.write_text(text)
    monkeypatch.setenv("WIREWATCH_CONFIG", str(config))
    with pytest.raises(SystemExit, match=says):
        load_settings()


def test_config_file_with_unknown_key_is_rejected(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "wirewatch.env"
    config.write_text("NOT_A_SETTING=1\n")
    monkeypatch.setenv("WIREWATCH_CONFIG", str(config))
    with pytest.raises(SystemExit, match="NOT_A_SETTING"):
        load_settings()


def test_config_naming_a_missing_file_is_rejected(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WIREWATCH_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ValueError, match="not a file"):
        Settings()


def test_password_is_not_in_repr_or_fingerprint() -> None:
    s = Settings(kafka_sasl_password="hunter2-secret")
    assert "hunter2-secret" not in repr(s)
    assert "hunter2-secret" not in str(s)
    assert Settings(kafka_sasl_password="other").fingerprint() == s.fingerprint()


def test_fingerprint_changes_with_settings() -> None:
    assert Settings().fingerprint() != Settings(app_id="other").fingerprint()
    assert len(Settings().fingerprint()) == 12


def test_sasl_plaintext_options_carry_mechanism_and_credentials() -> None:
    s = Settings(
        kafka_security_protocol="SASL_PLAINTEXT",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username="ww",
        kafka_sasl_password="pw",
    )
    assert s.aiokafka_options() == {
        "bootstrap_servers": "127.0.0.1:9092",
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "ww",
        "sasl_plain_password": "pw",
    }


def test_ssl_options_carry_an_ssl_context() -> None:
    import ssl

    options = Settings(kafka_security_protocol="SSL").aiokafka_options()
    assert isinstance(options["ssl_context"], ssl.SSLContext)


def test_topic_name_keys_match_the_catalogue() -> None:
    s = Settings()
    assert set(s.topic_names) == {spec.key for spec in resolve()}
    assert {spec.key: spec.name for spec in resolve()} == s.topic_names
    assert resolve(s.topic_names)  # every configured name is legal and distinct


def test_settings_are_frozen() -> None:
    s = Settings()
    with pytest.raises(ValueError):
        s.app_id = "x"  # type: ignore[misc]
