"""The Meta webhook endpoint over real HTTP: the GET verification handshake, and the POST door's
checks before anything is stored — X-Hub-Signature-256 over the raw bytes (the account's own
app secret when it has one, else META_APP_SECRET) and a JSON object body."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx
import pytest

from tests.conftest import META_APP_SECRET, META_VERIFY_TOKEN
from tests.support.inbox import WEBHOOK_PATH, make_whatsapp_account, new_wa_id, new_wamid, sign
from tests.support.inbox_rest import (
    Inbox,
    deliver,
    encode,
    inbox_fixture,
    messages_body,
    post_raw,
    stored_message,
    stored_webhook,
    text_item,
    webhooks_count,
)

inbox = inbox_fixture("Webhook door")


# ---------------------------------------------------------------- GET handshake


def handshake(client: httpx.Client, **params: str) -> httpx.Response:
    return client.get(WEBHOOK_PATH, params={f"hub.{k}": v for k, v in params.items()})


def test_handshake_echoes_the_challenge_as_plain_text(client):
    response = handshake(client, mode="subscribe", verify_token=META_VERIFY_TOKEN, challenge="1158201444")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "1158201444"  # exactly the challenge: no JSON, no quotes


@pytest.mark.parametrize("params", [
    {"mode": "subscribe", "verify_token": "not-the-token", "challenge": "echo-me-not"},
    {"mode": "unsubscribe", "verify_token": META_VERIFY_TOKEN, "challenge": "echo-me-not"},
    {"verify_token": META_VERIFY_TOKEN, "challenge": "echo-me-not"},
    {"mode": "subscribe", "challenge": "echo-me-not"},
    {"mode": "subscribe", "verify_token": "", "challenge": "echo-me-not"},
], ids=["wrong-token", "wrong-mode", "no-mode", "no-token", "empty-token"])
def test_handshake_is_refused_without_the_right_token_and_mode(client, params):
    response = handshake(client, **params)
    assert response.status_code == 403, response.text
    assert "echo-me-not" not in response.text


# ---------------------------------------------------------------- POST: signature


def _body(inbox: Inbox) -> tuple[bytes, str]:
    wamid = new_wamid()
    return encode(messages_body(inbox.phone_number_id, [text_item(new_wa_id(), "signed?", wamid=wamid)])), wamid


def _hmac(raw: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


BAD_SIGNATURES = {
    "missing": lambda raw: None,
    "wrong-secret": lambda raw: "sha256=" + _hmac(raw, "not-the-app-secret"),
    "no-prefix": lambda raw: _hmac(raw, META_APP_SECRET),
    "sha1-scheme": lambda raw: "sha1=" + hashlib.sha1(raw).hexdigest(),
    "empty": lambda raw: "sha256=",
    "not-hex": lambda raw: "sha256=" + "z" * 64,
    "truncated": lambda raw: "sha256=" + _hmac(raw, META_APP_SECRET)[:40],
    # Signed over a re-serialised body (what a server that hashes parsed JSON would check).
    "reserialised": lambda raw: "sha256=" + _hmac(json.dumps(json.loads(raw), indent=2).encode(), META_APP_SECRET),
    # Valid for the body as it was before one byte changed in transit.
    "body-altered": lambda raw: "sha256=" + _hmac(raw.replace(b"signed?", b"signed!"), META_APP_SECRET),
}


@pytest.mark.parametrize("case", list(BAD_SIGNATURES))
def test_a_bad_signature_is_401_and_nothing_is_stored(server, inbox, case):
    raw, wamid = _body(inbox)
    before = webhooks_count(server)
    response = post_raw(inbox.admin.client, raw, signature=BAD_SIGNATURES[case](raw))
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"
    assert stored_webhook(server, raw) is None
    assert webhooks_count(server) == before
    server.drain()
    assert stored_message(server, inbox, wamid) is None


def test_the_correct_signature_is_accepted(server, inbox):
    raw, wamid = _body(inbox)
    deliver(server, inbox.admin.client, raw)
    assert stored_message(server, inbox, wamid) is not None


def test_an_account_app_secret_replaces_the_platform_secret(server, inbox):
    secret = "account-own-app-secret-0123456789"
    account = make_whatsapp_account(inbox.admin, app_secret=secret)
    wamid = new_wamid()
    raw = encode(messages_body(account["phone_number_id"], [text_item(new_wa_id(), "own secret", wamid=wamid)]))

    response = post_raw(inbox.admin.client, raw, signature=sign(raw, META_APP_SECRET))
    assert response.status_code == 401, response.text
    assert stored_webhook(server, raw) is None

    deliver(server, inbox.admin.client, raw, secret=secret)
    message = stored_message(server, inbox, wamid)
    assert message is not None and message.text == "own secret"


def test_a_rotated_app_secret_takes_effect_at_once(server, inbox):
    """The accept path remembers each account's secret (resolvers/_caches.py); changing the
    account drops what it remembered, so the old secret stops working with the next webhook."""
    old, new = "rotating-secret-old-0123456789", "rotating-secret-new-0123456789"
    account = make_whatsapp_account(inbox.admin, app_secret=old)
    first = encode(messages_body(account["phone_number_id"], [text_item(new_wa_id(), "before", wamid=new_wamid())]))
    assert post_raw(inbox.admin.client, first, secret=old).status_code == 200
    response = inbox.admin.patch(f"/api/integration-accounts/{account['id']}", json={"app_secret": new})
    assert response.status_code == 200, response.text

    later = encode(messages_body(account["phone_number_id"], [text_item(new_wa_id(), "after", wamid=new_wamid())]))
    response = post_raw(inbox.admin.client, later, secret=old)
    assert response.status_code == 401, response.text
    assert stored_webhook(server, later) is None
    assert post_raw(inbox.admin.client, later, secret=new).status_code == 200


# ---------------------------------------------------------------- POST: body


@pytest.mark.parametrize("raw", [
    b'{"object": "whatsapp_business_account", "entry": [',
    b"not json at all",
    b"",
    b'["an", "array"]',
    b'"a string"',
], ids=["truncated", "text", "empty", "array", "string"])
def test_a_body_that_is_not_a_json_object_is_400_and_not_stored(server, client, raw):
    before = webhooks_count(server)
    response = post_raw(client, raw)  # correctly signed: only the body is wrong
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "BAD_REQUEST"
    assert webhooks_count(server) == before


def test_a_webhook_for_an_unknown_number_is_accepted_stored_and_ignored(server, inbox):
    wamid = new_wamid()
    raw = encode(messages_body("999" + new_wa_id(), [text_item(new_wa_id(), "to nobody", wamid=wamid)]))
    row = deliver(server, inbox.admin.client, raw)
    assert row.body == raw.decode()
    assert stored_message(server, inbox, wamid) is None
