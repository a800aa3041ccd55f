"""The demo tenant a newcomer logs in to. Idempotent: running it twice changes nothing."""

from __future__ import annotations

from models.agents import Agent
from resolvers import agents, auth
from resolvers._context import Ctx
from resolvers._scope import unscoped

DEMO_ADMIN = {"organization_name": "Demo Company", "name": "Demo Admin", "email": "admin@demo.omnistream.dev",
              "password": "demo-password"}
DEMO_AGENTS = [
    {"name": "Sam Supervisor", "email": "supervisor@demo.omnistream.dev", "password": "demo-password", "role": "supervisor"},
    {"name": "Alex Agent", "email": "agent@demo.omnistream.dev", "password": "demo-password", "role": "agent"},
]


async def seed_demo() -> dict[str, str]:
    if not await unscoped(Agent).filter(email=DEMO_ADMIN["email"]).exists():
        await auth.register(Ctx.anonymous(), DEMO_ADMIN)
    session = await auth.login(Ctx.anonymous(), {"email": DEMO_ADMIN["email"], "password": DEMO_ADMIN["password"]})
    admin_ctx = await auth.authenticate(bearer=session.token)
    for agent in DEMO_AGENTS:
        if not await unscoped(Agent).filter(email=agent["email"]).exists():
            await agents.create_agent(admin_ctx, agent)
    return {"email": DEMO_ADMIN["email"], "password": DEMO_ADMIN["password"]}
