"""`omnistream simulate`: customers writing to the demo WhatsApp number. Posts signed WhatsApp
Cloud API webhooks to a running server, so a newcomer watches the inbox fill live (GraphiQL:
`subscription { inboxEvents { type conversationId } }`)."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import time
import uuid

import httpx

from omnistream.seed import DEMO_WHATSAPP

CUSTOMERS = [
    ("6281234567001", "Budi Santoso"),
    ("6281234567002", "Siti Rahma"),
    ("447700900123", "Oliver Smith"),
    ("14155550123", "Maria Garcia"),
]
LINES = [
    "Hi! Is my order #{n} on its way?",
    "Can I change the delivery address?",
    "Thanks, that helped a lot 🙏",
    "Do you ship to Surabaya?",
    "My payment failed twice, can you check?",
    "What are your opening hours on Sunday?",
]


def whatsapp_text_webhook(phone_number_id: str, display_number: str, wa_id: str, name: str, text: str) -> dict:
    return {
        "object": "whatsapp_business_account",
        "entry": [{
            "id": DEMO_WHATSAPP["waba_id"],
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": display_number, "phone_number_id": phone_number_id},
                    "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
                    "messages": [{
                        "from": wa_id, "id": f"wamid.SIM{uuid.uuid4().hex.upper()}",
                        "timestamp": str(int(time.time())), "type": "text", "text": {"body": text},
                    }],
                },
            }],
        }],
    }


def sign(raw: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def simulate(url: str, count: int, interval: float, app_secret: str) -> int:
    failures = 0
    with httpx.Client(base_url=url, timeout=10) as client:
        for n in range(count):
            wa_id, name = random.choice(CUSTOMERS)
            text = random.choice(LINES).format(n=random.randint(1000, 9999))
            payload = whatsapp_text_webhook(DEMO_WHATSAPP["phone_number_id"], DEMO_WHATSAPP["display_phone_number"],
                                            wa_id, name, text)
            raw = json.dumps(payload).encode()  # ASCII-escaped, as Meta sends it
            response = client.post("/api/webhooks/meta", content=raw,
                                   headers={"Content-Type": "application/json", "X-Hub-Signature-256": sign(raw, app_secret)})
            ok = response.status_code == 200
            failures += not ok
            print(f"{'sent' if ok else 'FAILED'} {name} (+{wa_id}): {text!r} -> {response.status_code} {response.text[:120]}")
            if n + 1 < count:
                time.sleep(interval)
    return failures
