"""One typed settings object for the whole process, validated at start.

Values come, highest priority first, from: keyword arguments, environment variables
with the ``WIREWATCH_`` prefix, a ``.env``-style or TOML file named by ``WIREWATCH_CONFIG``,
and the defaults below. Secrets (the SASL password) are hidden in reprs and logs.

    >>> Settings(kafka_bootstrap="broker-1:9092,broker-2:9092").bootstrap_servers
    ['broker-1:9092', 'broker-2:9092']
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI"]
ProcessingGuarantee = Literal["at_least_once", "exactly_once"]


class Settings(BaseSettings):
    """wirewatch's configuration. Each field's environment variable is ``WIREWATCH_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="WIREWATCH_", extra="forbid", frozen=True)

    # --- Kafka -----------------------------------------------------------------------------
    kafka_bootstrap: str = Field("127.0.0.1:9092", description="Comma-separated bootstrap servers.")
    kafka_security_protocol: SecurityProtocol = "PLAINTEXT"
    kafka_sasl_mechanism: SaslMechanism | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: Path | None = None
    kafka_metadata_max_age_ms: int = Field(
        10_000,
        ge=1000,
        description="Metadata refresh period. aiokafka's fetcher does not refresh leadership after a "
        "failed fetch, so this bounds how long a worker keeps asking a dead broker after a failover.",
    )

    # --- Application -------------------------------------------------------------------------
    app_id: str = Field("wirewatch", description="Faust app id: consumer group and table prefix.")
    processing_guarantee: ProcessingGuarantee = "at_least_once"
    data_dir: Path = Field(Path(".wirewatch"), description="Worker state and the local broker's files.")
    web_port: int = Field(6066, ge=1, le=65535, description="Worker web port: /metrics, /healthz, /readyz.")
    web_host: str = "127.0.0.1"
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    # --- Topics (logical key -> name); partitions and replication for the ones we create --------
    topic_raw: str = "news.raw"
    topic_articles: str = "news.articles"
    topic_matches: str = "news.matches"
    topic_negotiations: str = "alerts.negotiations"
    topic_ceasefire: str = "alerts.ceasefire"
    topic_statements: str = "alerts.statements"
    topic_deadletter: str = "news.deadletter"
    topic_partitions: int | None = Field(None, ge=1, le=1024, description="None: the catalogue's counts.")
    topic_replication: int | None = Field(None, ge=1, description="None: the broker's default.")

    # --- Ingest and classification -----------------------------------------------------------------
    max_text_bytes: int = Field(1 << 20, ge=1024, description="Longer article texts are dead-lettered.")
    max_json_depth: int = Field(32, ge=2, le=512)
    http_ingest_max_bytes: int = Field(8 << 20, ge=1024, description="Largest body `POST /ingest` takes.")
    thresholds: dict[str, float] = Field(default_factory=dict, description="Per-label decision thresholds.")
    routes_file: Path | None = Field(None, description="Routing rules (TOML/YAML); None: the defaults.")
    dedup_window_hours: float = Field(48.0, gt=0)
    deliveries_file: Path | None = Field(
        None, description="Slack/webhook destinations (TOML/YAML); None: no delivery agent."
    )

    @field_validator("kafka_bootstrap")
    @classmethod
    def _bootstrap_has_hosts(cls, value: str) -> str:
        hosts = [h.strip() for h in value.split(",") if h.strip()]
        if not hosts:
            raise ValueError("must name at least one host:port")
        for host in hosts:
            name, sep, port = host.rpartition(":")
            if not sep or not name or not port.isdigit():
                raise ValueError(f"{host!r} is not host:port")
        return ",".join(hosts)

    @field_validator("thresholds")
    @classmethod
    def _thresholds_in_range(cls, value: dict[str, float]) -> dict[str, float]:
        for label, threshold in value.items():
            if not 0.0 <= threshold <= 1.0:
                raise ValueError(f"threshold for {label!r} must be within [0, 1], got {threshold}")
        return value

    @property
    def bootstrap_servers(self) -> list[str]:
        return self.kafka_bootstrap.split(",")

    @property
    def topic_names(self) -> dict[str, str]:
        """Logical topic key -> configured name, for the topic catalogue."""
        return {
            "raw": self.topic_raw,
            "articles": self.topic_articles,
            "matches": self.topic_matches,
            "negotiations": self.topic_negotiations,
            "ceasefire": self.topic_ceasefire,
            "statements": self.topic_statements,
            "deadletter": self.topic_deadletter,
        }

    def aiokafka_options(self) -> dict[str, Any]:
        """Connection options for aiokafka producers, consumers and admin clients."""
        options: dict[str, Any] = {
            "bootstrap_servers": self.kafka_bootstrap,
            "security_protocol": self.kafka_security_protocol,
        }
        if self.kafka_sasl_mechanism:
            options["sasl_mechanism"] = self.kafka_sasl_mechanism
            options["sasl_plain_username"] = self.kafka_sasl_username
            if self.kafka_sasl_password is not None:
                options["sasl_plain_password"] = self.kafka_sasl_password.get_secret_value()
        if self.kafka_security_protocol in ("SSL", "SASL_SSL"):
            from aiokafka.helpers import create_ssl_context

            options["ssl_context"] = create_ssl_context(
                cafile=str(self.kafka_ssl_cafile) if self.kafka_ssl_cafile else None
            )
        return options

    def fingerprint(self) -> str:
        """A short hash of the effective settings (secrets excluded), for the build-info metric."""
        dumped = self.model_dump_json(exclude={"kafka_sasl_password"})
        return hashlib.sha256(dumped.encode()).hexdigest()[:12]

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _ConfigFileSource(settings_cls))


class ConfigFileError(ValueError):
    """The file named by ``WIREWATCH_CONFIG`` is missing or malformed; the message says where."""


class _ConfigFileSource(PydanticBaseSettingsSource):
    """Reads the file named by ``WIREWATCH_CONFIG``: TOML (``*.toml``) or ``KEY=value`` lines."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = os.environ.get("WIREWATCH_CONFIG")
        if not path:
            return {}
        file = Path(path)
        if not file.is_file():
            raise ConfigFileError(f"WIREWATCH_CONFIG names {file}, which is not a file")
        if file.suffix == ".toml":
            try:
                with file.open("rb") as fh:
                    data = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise ConfigFileError(f"{file}: invalid TOML: {exc}") from None
            return {k.lower(): v for k, v in data.items()}
        values: dict[str, Any] = {}
        for number, line in enumerate(file.read_text().splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            if not sep:
                raise ConfigFileError(f"{file}:{number}: expected KEY=value, got {line!r}")
            key = key.strip().lower().removeprefix("wirewatch_")
            values[key] = value.strip().strip('"').strip("'")
        return values


def load_settings(**overrides: Any) -> Settings:
    """Build and validate settings; raises ``SystemExit`` with every problem listed, not a traceback."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = [f"  WIREWATCH_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()]
        raise SystemExit("wirewatch: invalid settings:\n" + "\n".join(lines)) from None
    except ConfigFileError as exc:
        raise SystemExit(f"wirewatch: invalid settings file: {exc}") from None
