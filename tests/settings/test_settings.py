"""Settings from environment variables: defaults, a named error for each bad value, the
generated development JWT secret, and the super-admin account made at start-up."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from omnistream.settings import DEFAULT_GRAPH_URL, SettingsError, load_settings

GOOD_SECRET = "s" * 40


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"DATA_DIR": str(tmp_path), "JWT_SECRET": GOOD_SECRET, **values}


@pytest.mark.parametrize(("name", "value"), [
    ("PORT", "abc"),
    ("PORT", "70000"),
    ("PORT", "0"),
    ("DATABASE_URL", "mysql://user:pw@db/omni"),
    ("REDIS_URL", "http://x"),
    ("JWT_SECRET", "too-short"),
    ("META_GRAPH_URL", "ftp://x"),
    ("LOG_LEVEL", "loud"),
    ("WORKER_IN_PROCESS", "maybe"),
    ("JWT_TTL_SECONDS", "5"),
    ("LOGIN_MAX_FAILURES", "zero"),
    ("MEDIA_INBOUND_STORAGE", "ftp"),
    ("MEDIA_INBOUND_STORAGE", "s3"),  # without S3_ENDPOINT_URL
])
def test_each_bad_value_names_its_variable(tmp_path, name, value):
    with pytest.raises(SettingsError) as raised:
        load_settings(env(tmp_path, **{name: value}))
    assert name in str(raised.value)


def test_a_super_admin_email_needs_a_password(tmp_path):
    with pytest.raises(SettingsError, match="SUPER_ADMIN_EMAIL"):
        load_settings(env(tmp_path, SUPER_ADMIN_EMAIL="root@example.com"))
    with pytest.raises(SettingsError, match="SUPER_ADMIN_PASSWORD"):
        load_settings(env(tmp_path, SUPER_ADMIN_PASSWORD="long-enough-password"))
    with pytest.raises(SettingsError, match="SUPER_ADMIN_PASSWORD"):
        load_settings(env(tmp_path, SUPER_ADMIN_EMAIL="root@example.com", SUPER_ADMIN_PASSWORD="short"))


def test_defaults(tmp_path):
    settings = load_settings({"DATA_DIR": str(tmp_path)})
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.database_url == f"sqlite://{tmp_path}/omnistream.sqlite3"
    assert settings.uses_sqlite
    assert settings.redis_url is None and settings.worker_in_process is True
    assert settings.meta_graph_url == DEFAULT_GRAPH_URL
    assert re.fullmatch(r"https://graph\.facebook\.com/v\d+\.\d+", settings.meta_graph_url)
    assert settings.super_admin_email is None
    assert settings.log_level == "INFO"


def test_values_are_read_and_normalised(tmp_path):
    settings = load_settings(env(
        tmp_path, HOST="0.0.0.0", PORT="9000", DATABASE_URL="postgresql://u:pw@db:5432/omni",
        REDIS_URL="redis://cache:6379/1", META_GRAPH_URL="http://127.0.0.1:9999/v1.0/",
        SUPER_ADMIN_EMAIL="Root@Example.com", SUPER_ADMIN_PASSWORD="long-enough-password", LOG_LEVEL="debug",
    ))
    assert (settings.host, settings.port) == ("0.0.0.0", 9000)
    assert settings.database_url == "postgres://u:pw@db:5432/omni" and not settings.uses_sqlite
    assert settings.redis_url == "redis://cache:6379/1"
    assert settings.worker_in_process is False  # with Redis, workers run apart by default
    assert settings.meta_graph_url == "http://127.0.0.1:9999/v1.0"
    assert settings.super_admin_email == "root@example.com"
    assert settings.log_level == "DEBUG"
    assert settings.jwt_secret == GOOD_SECRET


def test_secrets_stay_out_of_the_repr(tmp_path):
    settings = load_settings(env(tmp_path, META_APP_SECRET="meta-app-secret-value",
                                 SUPER_ADMIN_EMAIL="root@example.com", SUPER_ADMIN_PASSWORD="long-enough-password"))
    text = repr(settings)
    for secret in (GOOD_SECRET, "meta-app-secret-value", "long-enough-password"):
        assert secret not in text


def test_an_unset_jwt_secret_is_generated_once_and_kept(tmp_path, caplog):
    data_dir = tmp_path / "var"
    with caplog.at_level("WARNING", logger="omnistream.settings"):
        first = load_settings({"DATA_DIR": str(data_dir)}).jwt_secret
    assert "JWT_SECRET" in caplog.text
    assert len(first) >= 32
    kept = data_dir / "jwt_secret"
    assert kept.read_text().strip() == first
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # a secret: readable by its owner only
    assert load_settings({"DATA_DIR": str(data_dir)}).jwt_secret == first
    # another data dir, another secret; an explicit one wins over the file
    assert load_settings({"DATA_DIR": str(tmp_path / "other")}).jwt_secret != first
    assert load_settings({"DATA_DIR": str(data_dir), "JWT_SECRET": GOOD_SECRET}).jwt_secret == GOOD_SECRET


def test_the_super_admin_account_exists_after_start_up(server, server_env):
    from models.super_admin import SuperAdmin
    from resolvers._passwords import verify_password

    async def find() -> SuperAdmin | None:
        return await SuperAdmin.filter(email=server_env["SUPER_ADMIN_EMAIL"]).first()

    admin = server.run(find())
    assert admin is not None
    assert admin.password_hash != server_env["SUPER_ADMIN_PASSWORD"]  # stored hashed
    assert verify_password(admin.password_hash, server_env["SUPER_ADMIN_PASSWORD"])
