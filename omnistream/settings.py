"""Settings come from environment variables only. A bad value fails start-up with a message
that names the variable."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

log = logging.getLogger(__name__)

DEFAULT_GRAPH_URL = "https://graph.facebook.com/v25.0"


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path("var")
    database_url: str = "sqlite://var/omnistream.sqlite3"
    redis_url: str | None = None
    worker_in_process: bool = True
    job_queue_name: str = "omnistream:jobs"
    periodic_jobs: bool = True
    jwt_secret: str = field(default="", repr=False)
    encryption_key: str = field(default="", repr=False)
    jwt_ttl_seconds: int = 12 * 3600
    password_min_length: int = 8
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    login_max_failures: int = 5
    login_max_failures_per_ip: int = 30
    login_lockout_seconds: int = 900
    meta_app_secret: str | None = field(default=None, repr=False)
    meta_verify_token: str | None = field(default=None, repr=False)
    meta_graph_url: str = DEFAULT_GRAPH_URL
    meta_app_id: str | None = None  # Facebook Login (Messenger/Instagram OAuth): the app's id
    meta_oauth_redirect_uri: str | None = None  # where Meta sends the user back with ?code= (the front end)
    meta_embedded_signup_config_id: str | None = None  # WhatsApp Embedded Signup: the login configuration id
    smtp_url: str | None = field(default=None, repr=False)  # email replies of accounts without their own smtp_url
    super_admin_email: str | None = None
    super_admin_password: str | None = field(default=None, repr=False)
    allowed_origins: tuple[str, ...] = ()
    subscription_recheck_seconds: int = 30
    cache_seconds: int = 60  # how long a process may reuse a cached hot-path read (resolvers/_caches.py; 0: never)
    graphql_max_depth: int = 10
    graphql_max_aliases: int = 30
    graphql_max_tokens: int = 5000
    log_level: str = "INFO"
    sql_statement_header: bool = False
    media_max_bytes: int = 16 * 1024 * 1024  # POST /api/media/upload refuses larger files (413)
    s3_endpoint_url: str | None = None  # S3-compatible storage for POST /api/media/s3
    s3_bucket: str = "omnistream-media"
    s3_access_key_id: str | None = field(default=None, repr=False)
    s3_secret_access_key: str | None = field(default=None, repr=False)
    s3_region: str = "us-east-1"
    media_inbound_storage: str = "local"  # where inbound media fetched from the channels is kept: local | s3

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _int(env: dict[str, str], name: str, default: int, lo: int, hi: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}: expected an integer, got {raw!r}") from None
    if not lo <= value <= hi:
        raise SettingsError(f"{name}: must be between {lo} and {hi}, got {value}")
    return value


def _bool(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name}: expected true or false, got {raw!r}")


def normalise_database_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgres://" + url[len("postgresql://") :]
    return url


def _jwt_secret(env: dict[str, str], data_dir: Path) -> str:
    secret = env.get("JWT_SECRET")
    if secret:
        if len(secret) < 32:
            raise SettingsError("JWT_SECRET: must be at least 32 characters")
        return secret
    # Development convenience: one secret generated per checkout, kept across restarts.
    path = data_dir / "jwt_secret"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    path.write_text(secret)
    path.chmod(0o600)
    log.warning("JWT_SECRET is not set: generated one in %s (set JWT_SECRET in production)", path)
    return secret


def _encryption_key(env: dict[str, str], data_dir: Path) -> str:
    """Fernet key for secrets at rest (channel access tokens, app secrets)."""
    from cryptography.fernet import Fernet

    key = env.get("ENCRYPTION_KEY")
    if key:
        try:
            Fernet(key)
        except ValueError:
            raise SettingsError("ENCRYPTION_KEY: expected a Fernet key (32 url-safe base64-encoded bytes)") from None
        return key
    path = data_dir / "encryption_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode()
    path.write_text(key)
    path.chmod(0o600)
    log.warning("ENCRYPTION_KEY is not set: generated one in %s (set ENCRYPTION_KEY in production)", path)
    return key


def _smtp_url(env: dict[str, str]) -> str | None:
    url = env.get("SMTP_URL") or None
    if url and urlparse(url).scheme not in ("smtp", "smtps", "smtp+starttls"):
        raise SettingsError("SMTP_URL: expected an smtp://, smtp+starttls:// or smtps:// URL")
    return url


def _oauth_redirect_uri(env: dict[str, str]) -> str | None:
    uri = env.get("META_OAUTH_REDIRECT_URI") or None
    if uri and urlparse(uri).scheme not in ("http", "https"):
        raise SettingsError("META_OAUTH_REDIRECT_URI: expected an http(s) URL")
    return uri


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if environ is None else environ)
    data_dir = Path(env.get("DATA_DIR") or "var")

    database_url = normalise_database_url(env.get("DATABASE_URL") or f"sqlite://{data_dir}/omnistream.sqlite3")
    scheme = urlparse(database_url).scheme
    if scheme not in ("sqlite", "postgres"):
        raise SettingsError(f"DATABASE_URL: unsupported scheme {scheme!r} (use sqlite:// or postgres://)")

    redis_url = env.get("REDIS_URL") or None
    if redis_url and urlparse(redis_url).scheme not in ("redis", "rediss", "unix"):
        raise SettingsError("REDIS_URL: expected a redis:// or rediss:// URL")

    graph_url = (env.get("META_GRAPH_URL") or DEFAULT_GRAPH_URL).rstrip("/")
    if urlparse(graph_url).scheme not in ("http", "https"):
        raise SettingsError("META_GRAPH_URL: expected an http(s) URL")

    admin_email = env.get("SUPER_ADMIN_EMAIL") or None
    admin_password = env.get("SUPER_ADMIN_PASSWORD") or None
    if bool(admin_email) != bool(admin_password):
        raise SettingsError("SUPER_ADMIN_EMAIL and SUPER_ADMIN_PASSWORD: set both or neither")

    password_min = _int(env, "PASSWORD_MIN_LENGTH", 8, 8, 128)
    if admin_password and len(admin_password) < password_min:
        raise SettingsError(f"SUPER_ADMIN_PASSWORD: must be at least {password_min} characters")

    s3_endpoint = (env.get("S3_ENDPOINT_URL") or "").rstrip("/") or None
    if s3_endpoint and urlparse(s3_endpoint).scheme not in ("http", "https"):
        raise SettingsError("S3_ENDPOINT_URL: expected an http(s) URL")
    inbound_storage = (env.get("MEDIA_INBOUND_STORAGE") or "local").strip().lower()
    if inbound_storage not in ("local", "s3") or (inbound_storage == "s3" and not s3_endpoint):
        raise SettingsError("MEDIA_INBOUND_STORAGE: expected local, or s3 with S3_ENDPOINT_URL set")

    log_level = (env.get("LOG_LEVEL") or "INFO").upper()
    if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError("LOG_LEVEL: expected DEBUG, INFO, WARNING or ERROR")

    return Settings(
        host=env.get("HOST") or "127.0.0.1",
        port=_int(env, "PORT", 8000, 1, 65535),
        data_dir=data_dir,
        database_url=database_url,
        redis_url=redis_url,
        worker_in_process=_bool(env, "WORKER_IN_PROCESS", redis_url is None),
        job_queue_name=env.get("JOB_QUEUE_NAME") or "omnistream:jobs",
        periodic_jobs=_bool(env, "PERIODIC_JOBS", True),
        jwt_secret=_jwt_secret(env, data_dir),
        encryption_key=_encryption_key(env, data_dir),
        jwt_ttl_seconds=_int(env, "JWT_TTL_SECONDS", 12 * 3600, 60, 30 * 86400),
        password_min_length=password_min,
        argon2_time_cost=_int(env, "ARGON2_TIME_COST", 3, 1, 20),
        argon2_memory_kib=_int(env, "ARGON2_MEMORY_KIB", 65536, 1024, 4 * 1024 * 1024),
        login_max_failures=_int(env, "LOGIN_MAX_FAILURES", 5, 1, 1000),
        login_max_failures_per_ip=_int(env, "LOGIN_MAX_FAILURES_PER_IP", 30, 1, 100000),
        login_lockout_seconds=_int(env, "LOGIN_LOCKOUT_SECONDS", 900, 1, 86400),
        meta_app_secret=env.get("META_APP_SECRET") or None,
        meta_verify_token=env.get("META_VERIFY_TOKEN") or None,
        meta_graph_url=graph_url,
        meta_app_id=env.get("META_APP_ID") or None,
        meta_oauth_redirect_uri=_oauth_redirect_uri(env),
        meta_embedded_signup_config_id=env.get("META_EMBEDDED_SIGNUP_CONFIG_ID") or None,
        smtp_url=_smtp_url(env),
        super_admin_email=admin_email.lower() if admin_email else None,
        super_admin_password=admin_password,
        allowed_origins=tuple(o.strip() for o in (env.get("ALLOWED_ORIGINS") or "").split(",") if o.strip()),
        subscription_recheck_seconds=_int(env, "SUBSCRIPTION_RECHECK_SECONDS", 30, 1, 3600),
        cache_seconds=_int(env, "CACHE_SECONDS", 60, 0, 3600),
        graphql_max_depth=_int(env, "GRAPHQL_MAX_DEPTH", 10, 2, 50),
        graphql_max_aliases=_int(env, "GRAPHQL_MAX_ALIASES", 30, 1, 1000),
        graphql_max_tokens=_int(env, "GRAPHQL_MAX_TOKENS", 5000, 100, 100000),
        log_level=log_level,
        sql_statement_header=_bool(env, "SQL_STATEMENT_HEADER", False),
        media_max_bytes=_int(env, "MEDIA_MAX_BYTES", 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
        s3_endpoint_url=s3_endpoint,
        s3_bucket=env.get("S3_BUCKET") or "omnistream-media",
        media_inbound_storage=inbound_storage,
        s3_access_key_id=env.get("S3_ACCESS_KEY_ID") or None,
        s3_secret_access_key=env.get("S3_SECRET_ACCESS_KEY") or None,
        s3_region=env.get("S3_REGION") or "us-east-1",
    )
