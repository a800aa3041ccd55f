"""The demo tenant a newcomer logs in to. Idempotent: running it twice changes nothing."""

from __future__ import annotations

from models.agents import Agent
from resolvers import agents, auth, integrations
from resolvers._context import Ctx
from resolvers._scope import unscoped

DEMO_ADMIN = {"organization_name": "Demo Company", "name": "Demo Admin", "email": "admin@demo.omnistream.dev",
              "password": "demo-password"}
DEMO_AGENTS = [
    {"name": "Sam Supervisor", "email": "supervisor@demo.omnistream.dev", "password": "demo-password", "role": "supervisor"},
    {"name": "Alex Agent", "email": "agent@demo.omnistream.dev", "password": "demo-password", "role": "agent"},
]

# The demo WhatsApp number: `omnistream simulate` signs webhooks with its app secret, so the
# demo inbox fills without a Meta app. Sends go to META_GRAPH_URL (fail offline, visibly).
DEMO_WHATSAPP = {
    "channel": "whatsapp", "name": "Demo WhatsApp", "phone_number_id": "100000000000001",
    "waba_id": "200000000000001", "access_token": "demo-access-token", "display_phone_number": "+1 555 0100",
    "app_secret": "demo-app-secret",
}


async def seed_demo() -> dict[str, str]:
    if not await unscoped(Agent).filter(email=DEMO_ADMIN["email"]).exists():
        await auth.register(Ctx.anonymous(), DEMO_ADMIN)
    session = await auth.login(Ctx.anonymous(), {"email": DEMO_ADMIN["email"], "password": DEMO_ADMIN["password"]})
    admin_ctx = await auth.authenticate(bearer=session.token)
    for agent in DEMO_AGENTS:
        if not await unscoped(Agent).filter(email=agent["email"]).exists():
            await agents.create_agent(admin_ctx, agent)
    if await integrations.account_for_inbound("whatsapp", DEMO_WHATSAPP["phone_number_id"]) is None:
        await integrations.create_integration_account(admin_ctx, DEMO_WHATSAPP)
    return {"email": DEMO_ADMIN["email"], "password": DEMO_ADMIN["password"]}
