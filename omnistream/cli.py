"""`omnistream serve | worker | migrate | seed | makemigrations`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys

from omnistream.settings import SettingsError, load_settings


def _settings():
    try:
        return load_settings()
    except SettingsError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from omnistream.app import create_app
    from omnistream.websocket import BatchingWebSocketProtocol

    settings = _settings()
    level = settings.log_level.lower()
    # Access lines are logged at INFO: above it uvicorn would still format each one to drop it.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level=level,
                access_log=level in ("debug", "info", "trace"), ws=BatchingWebSocketProtocol)


def cmd_worker(args: argparse.Namespace) -> None:
    from omnistream.runtime import Runtime, build_arq_worker

    settings = _settings()
    if not settings.redis_url:
        print("worker: REDIS_URL is not set; without Redis, jobs run inside `omnistream serve`", file=sys.stderr)
        raise SystemExit(2)

    async def main() -> None:
        runtime = Runtime(settings)
        await runtime.start(migrate=False, serve_jobs=False)
        worker = build_arq_worker(settings)
        try:
            await worker.async_run()
        finally:
            await worker.close()
            await runtime.stop()

    asyncio.run(main())


def cmd_migrate(args: argparse.Namespace) -> None:
    from omnistream import db

    settings = _settings()

    async def main() -> None:
        await db.init_db(settings)
        try:
            applied = await db.migrate(settings)
            print("migrations applied: " + (", ".join(applied) if applied else "none (up to date)"))
        finally:
            await db.close_db()

    asyncio.run(main())


def cmd_seed(args: argparse.Namespace) -> None:
    from omnistream.runtime import Runtime
    from omnistream.seed import seed_demo

    settings = _settings()

    async def main() -> None:
        runtime = Runtime(settings)
        await runtime.start(serve_jobs=False)
        try:
            login = await seed_demo()
        finally:
            await runtime.stop()
        print("\nDemo tenant ready. Log in with:")
        print(f"  email:    {login['email']}")
        print(f"  password: {login['password']}")
        print(f"  curl -s -X POST http://{settings.host}:{settings.port}/api/auth/login "
              f"-H 'Content-Type: application/json' -d '{{\"email\":\"{login['email']}\",\"password\":\"{login['password']}\"}}'\n")

    asyncio.run(main())


def cmd_simulate(args: argparse.Namespace) -> None:
    from omnistream.seed import DEMO_WHATSAPP
    from omnistream.simulate import simulate

    settings = _settings()
    url = args.url or f"http://{settings.host}:{settings.port}"
    failures = simulate(url, args.count, args.interval, args.app_secret or DEMO_WHATSAPP["app_secret"])
    raise SystemExit(1 if failures else 0)


def cmd_makemigrations(args: argparse.Namespace) -> None:
    """Write a new aerich migration for model changes (needs DATABASE_URL on PostgreSQL)."""
    from aerich import Command

    from omnistream import db

    settings = _settings()
    if settings.uses_sqlite:
        print("makemigrations: point DATABASE_URL at PostgreSQL (migrations are PostgreSQL's)", file=sys.stderr)
        raise SystemExit(2)

    async def main() -> None:
        command = Command(tortoise_config=db.tortoise_config(settings.database_url), app="models",
                          location=str(db.MIGRATIONS_DIR))
        if not (db.MIGRATIONS_DIR / "models").exists():
            await command.init_db(safe=True)
            print("initial migration written and applied")
        else:
            await command.init()
            await command.upgrade(run_in_transaction=True)
            name = await command.migrate(args.name, no_input=True)
            print(f"written: {name}" if name else "no changes")
        await db.close_db()

    asyncio.run(main())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="omnistream")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="serve the API (migrates first)").set_defaults(func=cmd_serve)
    sub.add_parser("worker", help="run the arq worker (needs REDIS_URL)").set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="bring the database schema up to date").set_defaults(func=cmd_migrate)
    sub.add_parser("seed", help="create the demo tenant and print its login").set_defaults(func=cmd_seed)
    sim = sub.add_parser("simulate", help="post signed sample WhatsApp messages to a running server")
    sim.add_argument("--url", help="server URL (default http://HOST:PORT)")
    sim.add_argument("--count", type=int, default=5)
    sim.add_argument("--interval", type=float, default=1.0, help="seconds between messages")
    sim.add_argument("--app-secret", help="signing secret (default: the demo WhatsApp account's)")
    sim.set_defaults(func=cmd_simulate)
    mk = sub.add_parser("makemigrations", help="write an aerich migration for model changes (PostgreSQL)")
    mk.add_argument("name", nargs="?", default="update")
    mk.set_defaults(func=cmd_makemigrations)
    args = parser.parse_args(argv)
    level = os.environ.get("LOG_LEVEL", "INFO").upper()
    logging.basicConfig(level=level if level in ("DEBUG", "INFO", "WARNING", "ERROR") else "INFO",
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    args.func(args)


if __name__ == "__main__":
    main()
