from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "inbound_webhooks" (
    "id" UUID NOT NULL PRIMARY KEY,
    "provider" VARCHAR(16) NOT NULL,
    "dedupe_key" VARCHAR(128) NOT NULL UNIQUE,
    "body" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL,
    "processed_at" TIMESTAMPTZ,
    "error" TEXT,
    "attempts" INT NOT NULL
);
COMMENT ON TABLE "inbound_webhooks" IS 'A provider''s webhook as received, stored before it is processed, so nothing is lost';
CREATE TABLE IF NOT EXISTS "event_outbox" (
    "id" UUID NOT NULL PRIMARY KEY,
    "tenant_id" UUID,
    "type" VARCHAR(64) NOT NULL,
    "payload" JSONB NOT NULL,
    "actor" JSONB NOT NULL,
    "conversation_id" UUID,
    "assigned_agent_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL,
    "dispatched_at" TIMESTAMPTZ,
    "sweeps" INT NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_outbox_pending" ON "event_outbox" ("dispatched_at", "created_at");
COMMENT ON TABLE "event_outbox" IS 'Written in the same transaction as the change it describes; published and dispatched';
CREATE TABLE IF NOT EXISTS "revoked_tokens" (
    "token_id" VARCHAR(64) NOT NULL PRIMARY KEY,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_revoked_tok_expires_b3eec6" ON "revoked_tokens" ("expires_at");
COMMENT ON TABLE "revoked_tokens" IS 'A logged-out session: every JWT of that session (refreshed ones too) is refused until';
CREATE TABLE IF NOT EXISTS "super_admins" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "email" VARCHAR(254) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL
);
COMMENT ON TABLE "super_admins" IS 'The operator''s accounts: a separate principal kind, outside every tenant.';
CREATE TABLE IF NOT EXISTS "tenants" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "slug" VARCHAR(80) NOT NULL UNIQUE,
    "timezone" VARCHAR(64) NOT NULL,
    "status" VARCHAR(16) NOT NULL
);
COMMENT ON TABLE "tenants" IS 'An organization: the unit of isolation.';
CREATE TABLE IF NOT EXISTS "activity_logs" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "event_id" UUID NOT NULL UNIQUE,
    "actor_type" VARCHAR(16) NOT NULL,
    "actor_id" UUID,
    "api_key_id" UUID,
    "impersonator_id" UUID,
    "action" VARCHAR(64) NOT NULL,
    "object_type" VARCHAR(64),
    "object_id" VARCHAR(64),
    "details" JSONB NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_activity_tenant_time" ON "activity_logs" ("tenant_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_activity_tenant_action" ON "activity_logs" ("tenant_id", "action", "created_at");
CREATE INDEX IF NOT EXISTS "idx_activity_tenant_actor" ON "activity_logs" ("tenant_id", "actor_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_activity_tenant_object" ON "activity_logs" ("tenant_id", "object_type", "object_id", "created_at");
COMMENT ON TABLE "activity_logs" IS 'One entry per outbox event: who did what to which object, when, as which principal.';
CREATE TABLE IF NOT EXISTS "channel_settings" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "enabled" BOOL NOT NULL,
    "auto_assign" BOOL NOT NULL,
    "use_working_hours" BOOL NOT NULL,
    "display_name" VARCHAR(200),
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_channel_set_tenant__47a9bf" UNIQUE ("tenant_id", "channel")
);
COMMENT ON TABLE "channel_settings" IS 'A tenant''s settings of one channel (PUT/GET/DELETE /api/integrations/{channel}). The';
CREATE TABLE IF NOT EXISTS "chat_expiration_rules" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "enabled" BOOL NOT NULL,
    "inactivity_hours" INT NOT NULL,
    "closing_message" TEXT,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_chat_expira_tenant__c62d34" UNIQUE ("tenant_id", "channel")
);
COMMENT ON TABLE "chat_expiration_rules" IS 'How long an open conversation on one channel may stay quiet before it expires, and what';
CREATE TABLE IF NOT EXISTS "contacts" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "external_id" VARCHAR(255) NOT NULL,
    "name" VARCHAR(255),
    "phone" VARCHAR(32),
    "email" VARCHAR(254),
    "avatar_url" VARCHAR(1000),
    "custom_attributes" JSONB NOT NULL,
    "last_inbound_at" TIMESTAMPTZ,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contacts_tenant__8b222b" UNIQUE ("tenant_id", "channel", "external_id")
);
CREATE INDEX IF NOT EXISTS "idx_contacts_tenant_updated" ON "contacts" ("tenant_id", "updated_at");
COMMENT ON TABLE "contacts" IS 'A customer as one channel knows them: (channel, external_id) is their address there';
CREATE TABLE IF NOT EXISTS "divisions" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "description" VARCHAR(1000),
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_divisions_tenant__516289" UNIQUE ("tenant_id", "name")
);
COMMENT ON TABLE "divisions" IS 'A team of agents (Sales, Support, ...). Conversations may belong to one.';
CREATE TABLE IF NOT EXISTS "integration_accounts" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "external_id" VARCHAR(255) NOT NULL,
    "config" JSONB NOT NULL,
    "secrets_encrypted" TEXT NOT NULL,
    "is_default" BOOL NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_integration_channel_7facb9" UNIQUE ("channel", "external_id")
);
CREATE INDEX IF NOT EXISTS "idx_integration_tenant_channel" ON "integration_accounts" ("tenant_id", "channel");
COMMENT ON TABLE "integration_accounts" IS 'A channel account of a tenant (a WhatsApp number, a Page, an Instagram account, a mailbox).';
CREATE TABLE IF NOT EXISTS "roles" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "key" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" VARCHAR(500) NOT NULL,
    "permissions" JSONB NOT NULL,
    "is_builtin" BOOL NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_roles_tenant__95102e" UNIQUE ("tenant_id", "key")
);
COMMENT ON TABLE "roles" IS 'Built-in roles (admin/supervisor/agent) are rows too, so agents point at one table;';
CREATE TABLE IF NOT EXISTS "agents" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(254) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "account_status" VARCHAR(16) NOT NULL,
    "last_seen_at" TIMESTAMPTZ,
    "deleted_at" TIMESTAMPTZ,
    "role_id" UUID NOT NULL REFERENCES "roles" ("id") ON DELETE RESTRICT,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "agents" IS 'A human user of a tenant. Deleting keeps the row (deleted_at) so history stays readable.';
CREATE TABLE IF NOT EXISTS "api_keys" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "prefix" VARCHAR(32) NOT NULL UNIQUE,
    "key_hash" VARCHAR(64) NOT NULL UNIQUE,
    "permissions" JSONB,
    "expires_at" TIMESTAMPTZ,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "agent_id" UUID NOT NULL REFERENCES "agents" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "api_keys" IS 'Only a hash of the secret is stored; `prefix` identifies the key in lists and logs.';
CREATE TABLE IF NOT EXISTS "conversations" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "tags" JSONB NOT NULL,
    "unread_count" INT NOT NULL,
    "last_message_at" TIMESTAMPTZ NOT NULL,
    "last_inbound_at" TIMESTAMPTZ,
    "last_message_preview" VARCHAR(200),
    "resolved_at" TIMESTAMPTZ,
    "assigned_agent_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL,
    "contact_id" UUID NOT NULL REFERENCES "contacts" ("id") ON DELETE CASCADE,
    "division_id" UUID REFERENCES "divisions" ("id") ON DELETE SET NULL,
    "integration_account_id" UUID REFERENCES "integration_accounts" ("id") ON DELETE SET NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_conv_tenant_activity" ON "conversations" ("tenant_id", "last_message_at");
CREATE INDEX IF NOT EXISTS "idx_conv_tenant_status" ON "conversations" ("tenant_id", "status", "last_message_at");
CREATE INDEX IF NOT EXISTS "idx_conv_tenant_assignee" ON "conversations" ("tenant_id", "assigned_agent_id", "last_message_at");
CREATE INDEX IF NOT EXISTS "idx_conv_contact_status" ON "conversations" ("contact_id", "status");
CREATE INDEX IF NOT EXISTS "idx_conv_division_status" ON "conversations" ("division_id", "status");
COMMENT ON TABLE "conversations" IS 'One thread with one contact on one channel. A customer''s next message joins their open or';
CREATE TABLE IF NOT EXISTS "working_hours_auto_replies" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "period_key" VARCHAR(40) NOT NULL,
    "message_id" UUID,
    "conversation_id" UUID NOT NULL REFERENCES "conversations" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_working_hou_convers_91ae38" UNIQUE ("conversation_id", "period_key")
);
COMMENT ON TABLE "working_hours_auto_replies" IS 'The out-of-hours auto-reply a conversation got in one closed period. The unique pair is';
CREATE TABLE IF NOT EXISTS "division_members" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "agent_id" UUID NOT NULL REFERENCES "agents" ("id") ON DELETE CASCADE,
    "division_id" UUID NOT NULL REFERENCES "divisions" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_division_me_divisio_126ade" UNIQUE ("division_id", "agent_id")
);
CREATE INDEX IF NOT EXISTS "idx_division_member_agent" ON "division_members" ("tenant_id", "agent_id");
COMMENT ON TABLE "division_members" IS 'An agent''s membership of a division; an agent may be in several. A row of its own (not a';
CREATE TABLE IF NOT EXISTS "media_files" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "filename" VARCHAR(255) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "backend" VARCHAR(16) NOT NULL,
    "storage_key" VARCHAR(255) NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    "uploaded_by_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS "messages" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "direction" VARCHAR(8) NOT NULL,
    "type" VARCHAR(24) NOT NULL,
    "text" TEXT,
    "content" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "provider_message_id" VARCHAR(255),
    "error" JSONB,
    "context_message_id" VARCHAR(255),
    "sent_at" TIMESTAMPTZ,
    "delivered_at" TIMESTAMPTZ,
    "read_at" TIMESTAMPTZ,
    "failed_at" TIMESTAMPTZ,
    "claimed_at" TIMESTAMPTZ,
    "conversation_id" UUID NOT NULL REFERENCES "conversations" ("id") ON DELETE CASCADE,
    "sender_agent_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_messages_tenant__147edc" UNIQUE ("tenant_id", "provider_message_id")
);
CREATE INDEX IF NOT EXISTS "idx_messages_conv_created" ON "messages" ("conversation_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_messages_status_created" ON "messages" ("status", "created_at");
COMMENT ON TABLE "messages" IS 'A message in a conversation. For inbound messages created_at is the provider''s timestamp';
CREATE TABLE IF NOT EXISTS "notes" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "content" TEXT NOT NULL,
    "mentions" JSONB NOT NULL,
    "author_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL,
    "conversation_id" UUID NOT NULL REFERENCES "conversations" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_notes_conv_created" ON "notes" ("conversation_id", "created_at");
COMMENT ON TABLE "notes" IS 'An internal note on a conversation: seen by the team, never sent to the customer.';
CREATE TABLE IF NOT EXISTS "quick_replies" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "scope" VARCHAR(36) NOT NULL,
    "shortcut" VARCHAR(64) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "content" TEXT NOT NULL,
    "usage_count" INT NOT NULL,
    "last_used_at" TIMESTAMPTZ,
    "created_by_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL,
    "owner_id" UUID REFERENCES "agents" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_quick_repli_tenant__5755cc" UNIQUE ("tenant_id", "scope", "shortcut")
);
CREATE INDEX IF NOT EXISTS "idx_quick_replies_usage" ON "quick_replies" ("tenant_id", "usage_count");
COMMENT ON TABLE "quick_replies" IS 'A canned answer an agent inserts by its shortcut. Shared ones (owner null) belong to the';
CREATE TABLE IF NOT EXISTS "quick_reply_favorites" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "agent_id" UUID NOT NULL REFERENCES "agents" ("id") ON DELETE CASCADE,
    "quick_reply_id" UUID NOT NULL REFERENCES "quick_replies" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_quick_reply_agent_i_aaa6cd" UNIQUE ("agent_id", "quick_reply_id")
);
COMMENT ON TABLE "quick_reply_favorites" IS 'One agent''s star on a quick reply (listed first in their suggestions).';
CREATE TABLE IF NOT EXISTS "scheduled_messages" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "type" VARCHAR(16) NOT NULL,
    "text" TEXT,
    "content" JSONB NOT NULL,
    "send_at" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "error" JSONB,
    "processed_at" TIMESTAMPTZ,
    "cancelled_at" TIMESTAMPTZ,
    "cancelled_by_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL,
    "conversation_id" UUID NOT NULL REFERENCES "conversations" ("id") ON DELETE CASCADE,
    "created_by_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL,
    "sent_message_id" UUID REFERENCES "messages" ("id") ON DELETE SET NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_sched_conv_send_at" ON "scheduled_messages" ("conversation_id", "send_at");
CREATE INDEX IF NOT EXISTS "idx_sched_status_send_at" ON "scheduled_messages" ("status", "send_at");
COMMENT ON TABLE "scheduled_messages" IS 'An outbound message to send at `send_at`. When due, a job turns it into an ordinary outbound';
CREATE TABLE IF NOT EXISTS "conversation_transfers" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "from_division_id" UUID,
    "to_division_id" UUID,
    "reason" VARCHAR(1000),
    "conversation_id" UUID NOT NULL REFERENCES "conversations" ("id") ON DELETE CASCADE,
    "from_agent_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    "to_agent_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL,
    "transferred_by_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_transfer_conversation" ON "conversation_transfers" ("conversation_id", "created_at");
COMMENT ON TABLE "conversation_transfers" IS 'One hand-over of a conversation: its assignee and division before and after, why, and by';
CREATE TABLE IF NOT EXISTS "wa_templates" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "waba_id" VARCHAR(64) NOT NULL,
    "meta_template_id" VARCHAR(64),
    "name" VARCHAR(512) NOT NULL,
    "language" VARCHAR(15) NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "status" VARCHAR(32) NOT NULL,
    "components" JSONB NOT NULL,
    "rejection_reason" TEXT,
    "quality_score" VARCHAR(32),
    "header_media_url" VARCHAR(2048),
    "integration_account_id" UUID REFERENCES "integration_accounts" ("id") ON DELETE SET NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_wa_template_tenant__063dbb" UNIQUE ("tenant_id", "waba_id", "name", "language")
);
CREATE INDEX IF NOT EXISTS "idx_wa_templates_tenant_status" ON "wa_templates" ("tenant_id", "status");
COMMENT ON TABLE "wa_templates" IS 'A WhatsApp message template of a tenant''s WABA, as Meta knows it (name + language is';
CREATE TABLE IF NOT EXISTS "working_hours" (
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "id" UUID NOT NULL PRIMARY KEY,
    "scope" VARCHAR(36) NOT NULL,
    "periods" JSONB NOT NULL,
    "holidays" JSONB NOT NULL,
    "auto_reply_enabled" BOOL NOT NULL,
    "auto_reply_text" TEXT,
    "division_id" UUID REFERENCES "divisions" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_working_hou_tenant__bbf06d" UNIQUE ("tenant_id", "scope")
);
COMMENT ON TABLE "working_hours" IS 'A weekly schedule: the organization''s, or one division''s override of it. `scope` is';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXWtz2ziW/SsofYldqyjxK51NtrbK7ri7PRPHPYmzmZrRFA2JkIQ2BbAJ0oqmp//74o"
    "IP8SmTkiiTNL50xyQuSB2AAO65rz96c24SSwzOxy59oO7yI5/23qE/egzPifxH3u0+6mHb"
    "Xt2ECy4eWao9DhoaFp+qO3gkXEdelTcn2BJEXjKJGDvUdilnIHLDCCLMdZbIJg7injvi3x"
    "F5kJfeocWMI5Oa8v/YRS6X/6fjGeKj38jY7cu/COsjLILLtkPZmNrYGsCDTT6WT6ZsWtMz"
    "hmzIvjnUdQlDoyVyZwSFP/6l/PHIokLekk/DE1f+d8zncyr7Y/KpDghg5BDBLfnXAN2pVz"
    "GoeYeoGDKP0d89iZTgCDP/NeUbChu74xkxkbugY4KESy0LWQQ/EIG4/H0OX6gf7ksbLp8S"
    "+VKO/Pn//Je8TJlJvhMBf/7Rm1BimerfPfmSWD0bZMcOwS4xDez2QIZ8t+VLCjlQIuwmnB"
    "jU/G5Egx304VJ5D2bD0lZteqoLOfzqjz/7qPjB0JWcDlu/wqqfzV6COztBQvW04Vv4M89Q"
    "kqs/d/FWfldrXgs6sO8N9WaJZcB/urpuhLJfv159+Em1hK9tZIy55c3ZqrW9dGecRc09j5"
    "oDkIF7U/gy4JfElgXmWVawjISX/KksL7gOfA/BHDZXF0wywZ4Fi0vvfyYeU4OP1JPgP6f/"
    "G7xarJlhfLq5Nb5c3hpGL7MWwSuklo7g0lhCLGGizAWk//jT73cFiLragwf8+Mv554OTN4"
    "cKAi7cqaNuKrh6fypB7GJjNforlGOjm0H7g7wD31c+4knJFPJmIDoI/7HJCIQXVkOwWs5D"
    "cEP49gv47dX15Zfb8+tfofu5EL9bCq/z20u4c6yuLlNXD/zx4XJn8vetqBP07er2FwR/on"
    "/cfLpMj2LU7vYf8BX3sOdyg/GFgc04JuHl8JL64MNh9mxzw2FOSnZwmHtyHps3zFoGn3h7"
    "hz14+9Woh1t8lYU0LrPf5fRpPuVH184VnP5eHW6SSUB/nGEnH9CkVApS+ZJt/GTm+LthET"
    "Z1Z/LPozdr4P2/888K4aP0Z/ApuHOsbuUBXW3exmW2mLfBrGwK0juauDY17smyKqIJKY1p"
    "ElM6l2qd4AxXn6o5ohrdzAoQ6FQVltlAooNL7JvTEkvsm9PCJRZuJQFOaXxlUU6JbQR1wy"
    "bsnpDOWyIexTl3cdAo56BsEhdTnxhMYvyXLzef8jGOiaTVGjp20X8UnVbX0hHjDkYetVzK"
    "xAAe+xT0AUCU0GhCoA+uz/+eHoMfP95cpBdw6OAiNSAJfqnszpgQ2qX20dpNEeixyX0ude"
    "ODlYX3J+4QOmV/JUsF8pV8E8zGeet1wLTfRh21E9bV1dW65+BFxCmmuE4mX8Qirr8Cn3/5"
    "8fzDpU9DjvD4foEd00gADnf4MU9didpmb82P5+krmOGpggd+B7x1aOOQgLu9POOHutFfa/"
    "aAJiXtHedo5smXQJ4AU8QEYeRDMkAfAAqJMbonxBbKpODwBTrwIQLa5xBsAjO5FHJnieRU"
    "WgoEjAm8RtboUeeDHjcyaC5Zc8nNXKlaSjIG01RTy89q1MtQy+r/FRSasH0HlfPj169LaD"
    "OyVaE6o+4lj89kLnWTKgBHArtB+Enp+hS+Z2W0RdmqGN+zjL5oYyEWXJ7fZljMquCcEezi"
    "jD47K4X42RrEz9KIyxOd6+Uo6MVQryT2h3GPTyYWZaSuk1f9ppMx96SuUx3trOQeUVduI6"
    "0F3cJC4kYI2+AQlJbdwTGoYdRfe0892cPuSlutOs5JST3KTR5lh1ukInMZE9G8paaCNRXc"
    "Xio4vRLsANbPQTcdBTW2+CUg/SxX4s9XP96uo9czXio5h9aLQPKnv34mFi6w84fMuU3luH"
    "QI7MR8lHcfiCMUBlsC9WOsq9YeN9ajZdIHCp7qxpzMR/K3zqi9JWgfgh6vVYddnWVzIgSe"
    "ki2xuvZ76ejcYtzdFqBPsouOovO7R8f3hkNsi26L0t+gq8+ypzKLeruxWhoT/MAduvXMWm"
    "H2U9BhV5cqAeFpniUV690sWl/C/rq3etXqyOCfuvI8GaLz2BpXhtjJr0zwpgWhjMC/g4sB"
    "eBIIMnaIi6hA4D1AzPfoznbIhH6/Q9QkzKXyZ/g+B/IxiDLl2iUQZiaCoNG84M1anqFdGB"
    "qgR/eRdmF4PsZs7cLwHEdduzA8vQuDvztWsq1HEp1zYjg5LgHwyXEhvnArCS+EZlV1XojL"
    "dA7i3QcV2MSZ0yDXQQbl4sCClNhWwQXNVC72FkVAvttU3t5gZ05Kantrczbi7PlL+UB4Yq"
    "MTWFpWj3STR9ohD/x+o3FOSupRbvIoq9CUqtHm03ryTjR3WLUHhfagaB6su/agwGEk25a4"
    "RhFxHYU1vv41KkRRLvS+9S2P3I9u9tfx+wvu3EuMjBn3HHkih60jZhp8nPG/nRFIoPiST1"
    "6qLhB08VJZzBBGcZ8INOUucO+QnHBscXkshOyLlJsDBJ34kwLZmDqIigzrX9NzhkzleZzj"
    "eyIQddFQDvCYqLSQiT7VhXhnQ/mGkI9JZYRUpgU/MaOr0kY6dDqVskNGlVUik60R2oDdQg"
    "4ZUoejAgvEPxNeJeoLVE8Hk0zvX9o+oe0TrVhoW8pUa/vEcxz1MvaJ2CqcGfU1HHpCqoO2"
    "itMyporTYkvFacZQEXiOVFSvklI6gVcS0/iRoiKwOaJae9WEgCYEGqq5ViQE0srGlvBWdG"
    "NvK8g5i2KTWAJ5HmGMWF+ICzl+/O8vxRWkm/TXMQZjv7Eh4q1LpDny5+ILgUJB8N5TSrrf"
    "ITr49evtq58vb199uPx4eXuJXmGbvpKwk6njB1W8+iNo+ueh0uUzJEEdDxkyqZ4pJ0L5w5"
    "BFH4jsT2nvQTv5sJg8CmK1xXtoI6Sq75B465cLakrFf0GBDhCDITuPXk1em3HPhVIQfIEm"
    "3LL4wvdaDKa2QAeCkKhQhHiVHoqBvTwsphJWy2YgpxkEzSC0ZC1uqS6pGYTnOOplGIRwCc"
    "4MeTF9EBPpIHew+9QfcruTPzxn57rg3CKYFTgnraRSKI+kWF0wh/vZfveqi5ubj4nv5eLq"
    "NoXv1+uLS4m7gl02ov6R9urTbTq5Dcx1LIRUECoCnpLcI+jRldai7gliJCx4FbHPldfTvv"
    "wAgGXPwkujqsN6Wq57ecRr8VvX3Jrm1ppC+zQ2c7VcddxLcLFWhMRnT6Gcx/mkW/UfoX1c"
    "g0QChiMlSnI/v/AFsjibQvlKbhOWdK3gLEHQzLGfYRr97lHiohGZyJkHrhmB13hfhW2C10"
    "aG/qnpOUOm+BtPuHxOwGkEudwyfccP2d7kRAxQBRoHAXSaptE0jVbYG6Kwa5rmOY66pmk2"
    "ONZrmmb/e9UO9VXKoirQBXzBFXMLjgs5oinoaX0H/uPTuqb3FF7h5fHR6Q+nb0/enL6VTd"
    "RrRld+WDM0WYTBSxjolPkqSU0S4FvyvQDhHNEu8ALrtoPLv98mZnYmMDXaDT7efPo5bJ6O"
    "VtUkwSbga5Jga1hbTBJw5vpKe5YZCG7119IBfqPS3h+R+oxFQg2/Z4F2PH+HDoKLfamDu8"
    "Rh2JLAHSqFe0aoFDVNOUXVX06e88fOnzFkB99m2BXnto0WWDbsIzWnpw6evxRjbhMTwUVI"
    "SCYPSPLJv365+iC7hoIfYVeVPDL6EB0fvVdG8/+jtxre5NyKKRn/Up3Y8GyV5yCYCiuS4L"
    "sRjp4R9BFIqxEOvtDgVRys/vhTcw6ac2jmUtxS7VNzDs9x1DXnUG506+YcYntsBZhTYh2E"
    "upbyUnvN5tYw5XcP8NoSpEr4RgLdA3j3udz2XO2v0ejWUu4PP8hDr2N4TiWUk1Ldg/rodS"
    "n/GWhWvO+9znrQ+DqyPBfKlxl5udnMi7Pn5QpvlUNvo90wptCNPGq5lIkBPPYpdLpaUuup"
    "xGmUjbjHNs67lhTXSbmac+DP6nmasdaMdScY6yZUQ2oL8LUWfUhgls/xJzBdS/QnB7JMFQ"
    "gIeQSCRjnD+Vy8zzinvPCU31zA2r8QiEkFGwXWT/Qbl/t6wMorbz7uZDj/2p40ZPL/pnxK"
    "woewL++oFgJh2cVCPUAljPLzPAWRmSY0890IzZK1JYqJfbWZhwktSrP7DyGzH9rs11D7sB"
    "MVPX1VcXjL91h1tMFb+NEhQGfGMrFtC4zfJyn/SsHESiJT9qmhcFUcojppGz01kn70sdq+"
    "o+07zdw/W8r0a/vOcxx1bd8pN7o123dW211ZhFcS+wO4B0fJuvapuiF28bQSdxi2bwZdCM"
    "/rDF3oMVgsDZV3JjskhQ69abH9OfO+rmvO79iXN61iVNykc8Q7uFO3d2fOHsg08f4Mxzv8"
    "QqU6/UDJosqpoUi+e/bIWsL5Q75so5ozCVH9mTX5M8vl78pSSrnCOqdvJqdvjJssC21SSt"
    "sQM8ldEtxrWVRTYnqqpkMQo2SZRpAssyLAxT1orHUoXA2QaseCJ8lFHUahbYlsLJ6to9Am"
    "9/HHsc1ZQHeA89Wq1/NVp61cdh9FvHgLSqAvXwd9+vrxY2/NcXgHyJctwNZSsHM1gBI4hw"
    "exHSD8IdZVN0FOnVoL4C3j+hXwIVt6fV2vkiB0ZNVOxsTwXN/rKgh9kl10FR4BxfI8S37z"
    "u5lNX8L+Oj6t5B0mJiQ3EWwFuG6DbroEU53ultH2kONqGd86it0sw+W3QjkNPIfiFmpPFO"
    "jgC7YgaeEXz7a54/bRYDA4HKC4n6dQOQ9HRKVIdDk4LyrvxEwJjV11/EjOA4WTzm2o/dDa"
    "sbC01CNJ+6E9x1Ev44e217Dsxo1rOtqyXLDluljLtHUz/mYVYE6Jdc+UXFdoqya7NdndFD"
    "al9VF0DVtBSim/czIfyZ84o/aWWIUq27XqsEPTdC9KcIDaGlV4hevjCrERjGpJvZj5eusL"
    "qZNGs0Fpsyjs8D2UB1CNArUVUYYEkR8HVlGCkLVfClCp+/IFQweMuwhn9eSaHjRkt1LL5l"
    "QQdH18fYgER+4MuxBgOMaOQ4lfSsBfX1SJgilX1xzuTWfqHiQmhMjFGbFs+V7FqnicH/dN"
    "EeXzDUZUfIlQtNRQrsweOhZNcwCtWldbqg1qDuA5jnoZDmAjh8zd+GE2bZQ74jPYTVi1bq"
    "91+xbp9k/vhdJWcNe5oeTCu28fqrYCW+g79cSFCK78cLlvZDTj/L6XwxqkWvTXsQZh8N3C"
    "b1zamm47/IGaKjVQIApFBBwyJvSBmH0kXDmfzFiVQCpAZgyJ/+E2R1J7n4HWLW9YXGSLE9"
    "bwjCFTNQgxghK+fmVCky/YAN2ZxPRsYtyT5R2a43sC+Yoc8lLCJR/lLIF2UEyBBBqNuLmE"
    "dEb8JbcHQ/aJuwG78FL2Rcx3yOGeS33LPg6Jh5kcAkiDFBZBjL9qyZRHWst/Ui0/nI1VTF"
    "NxmS5aAXeeJGH1HVazAMaldgP045N6fzAfvy2D8/HbYqDhXhJpWMWyGBfX2grbd2IaryMk"
    "6qiwFe5ZG8XtJkQ1W9QUtqgMRxht8RsMfFpWR2w3hxbMjjRxHJ5zNCheTyOBLvir7Hs9xa"
    "5L5rZbpRpnXEQn7rnN47aeSp/NRMHl6rR5sXLr9NpMvFn50ntBGbxAzjdSB3rcAUZRhTvm"
    "gXW2L2/+Kn9aH6zXUbW7UBjuQn2LEf9+mOc8XtuzhuwuVn3nTimlUq0N9P1QoRagpEp19E"
    "CVODH8p6i6fTYk+oV/gPv6eyTI2CGuVIuhyF+geBM2dpa2CzX9GLoLWhjR1TtlbWdgv5e6"
    "tOs5rFjV/ef2Bf3CDkrY1+OTI+gj9nhtZG+i+q2N7M/xAK2N7F0b9TJGdp3wtXaiTccy1J"
    "upTRdM3GdFP/nECZ1mgV5TmSuSaEZ+3U6V48qoAlWIkVzhPeaYfoJBqIUjoSL6DRn0Lzi3"
    "CGYFGkpCMIX8SErWBX10Zb/oX9zcfEygf3GVhvfr9cWl3GDVUMhG1HcEyOY/bkkadVXjht"
    "Q10WtPpK5d27RrW0OchHTY2hOErS2wAVy+RGLbLDff8G3QUYegqpOsvyYmxT9RhUeGo1/d"
    "7K+j5ufQTD7QIuUY+WJEtM9UA/aRviZtnxF9p0nb5zjqZUhbWNCrsopxGc11lea6XPBMV0"
    "BVwDot10G8a8lKI+i/c3C+oNNCV5NQYn9uJnUi7Hua/Pfx8cnJD8evT968PTv94Yezt68j"
    "l5PsrXW+JxdXPwNvksA/h0iZ4eOzN5WIlEiigxP7zWmJef3mtHBaw62U+69UBwirZJuIiX"
    "QQ4jpqKsp208rO7CmxDkJdy7aoWcGdxxB7tsWxKY/jo2VFXLOSutCIZlyfIpg4NhN3gG7H"
    "6wZkP9vKWe3rJR/9VOS51GOUpXwd8bjKjF7GDzhoD96tGMUp+gGSMydypQ27RSvOCsI7IV"
    "40FsEKhIWcXnO7lxqy2h40ZAcq2hTujz15rJgTBy0c7pLDPkTG+rGoC7IKREXU7SN5cUzk"
    "fRTnAORVp1SO6vBFoiKPj/nwxn9u6Mm74v5KOPOGqMD0fjACWTXu+X68sDrEnr8ywG74WL"
    "+DEg/WXLTmonfjNRQseuEUHMBX+hSj0XCKUjPTmplWw0MdMq6cVTou1EElvExIeXFAeSac"
    "vCob3WEW+rgMWXdcTNYdZ8g6V54isuAWu1CG7XVoaXW3ycBMkoV7rS9xKKKdidcPyCbOxK"
    "3wqWwxT52nslVAu0C8C2vPHmjrgrwBxYtNUd6AaktNw4De95qiVuzv7oYzPl9aT/hSE16A"
    "D0J1/SsmphOhNEfXyqrYQcq8jZTstKwe6SaPNBAGGyW0wnp82zC+E0ytjT7jhKAe4yaP8d"
    "jCcgw2IsUTknqUGz3KWRtbWWtTjqj2k8keac2wSk9FeHNEtaeMduyqAVLtfLR/56NxKhZz"
    "S3grhna2FeScLedxqOML6Q6g7rijV8620yhPr09cvUfGzUtd76/z8WLcLe3gxRAkAoR0O+"
    "AORRBPu1+9Q4IQhkbLoIQgnveDfIZAR0HqxLhvVU56xzqe8HjQ6279qxSiZZ2rtI+T9nFq"
    "5u7TUv8WHW/7HEe9jFdToaNCsV9IsaNCOy3j+/YNmUvw8jO0FNtr4zLN8A6B53XGO0R+IT"
    "PuVC3IGRfSfEvGNq7JQk1nNRxSTWdpOqsdIG9EZ/k7lCayHi3SGd/JG0Vh3XjuiH+/fCD5"
    "9Uzit/vrCC0CTQyumpfjtb451HWhyiRb1ayUIkxg/yCI/ZBByJg+VWUzffkREe+R7Y3k8X"
    "BGTFW7w6TCxu545lM+CWqrjocMGZ64xEFjPp9Td4DOkVgQYqtCnGEjgRy+EMgiExctqDuL"
    "iUM4JIz4JixZopfqHJk/PIZNmAn49DU/1kx+7EkPX81cYrc9zuq4n/qS9Nh4CQH5VeiGmE"
    "gz2IZOxaLIza2at34koAdj54PRGKKikws7lqedKYMT0AZuTbnCGuHU/NXGuo6ZbcoY6zKa"
    "RqUAibSw9rttjoUuO9ZKfa1SpHYloEvUNqhE7d88Or7/TGy1HmWonNjd/jom53doZziyIS"
    "2fg2oMZe2AKJFTw4Gqr2pHRfIwRxxXgOMQlf8TM+64Y88doC9S85LtOSMCHfCFnC7qxxyi"
    "EbE4mwYeRRk6p64HDdlixi0SVLR9j2x56uLgDqXk/DbUQb48lwv+AN2JMbfJHWS2GkJWV/"
    "mUYQ9xR/FJquELoQrTCg69DJk/29Fq+qEpfSAgLW9HbwyPRqpr6E2eibk7Q0FKU/kLgDjy"
    "exdowT0rKFw7ZPLjtKgZ5OYKHqU+p8My6bDUA9U/gteoUNDWU8Glfq3jEhxUYnoZXpgOTR"
    "NRTSSi9NnvOZ79tKNW10a9jKNWtAeU5UgjgQ6SpCdl0pecFKcvOcmm2Q531ioIx2Q6CPLu"
    "mWiXulY1nj8U6CC8tRQM1u6ce3fnjB+wM7AX6ugpKa2op2t3WFi4Uv/Y6JyTltX8VnMONt"
    "nzbKiLVK4PkBHUtoHkN6SYiIqgxmU0ntrrtgZItdft/r1u1We9A1w77gkaX/1KuDJHG5BG"
    "9lEH5vRmXdnPNp5T6oE7dOu6zSuTy09Bhx1aL2ot4JyD3FqTVhzfMqatpZEY4sdNXDeM+K"
    "amFwLJD83xY+RVh0h1iA7AS4qYaEId4QYOx9RBwptOiVCxdYfZ0PvddZtr4YnyTMR+eca0"
    "o20s2sbSzKWnpWy7trE8x1EvY2PZyElxN76JTRvl3SjM8R29GqxZSQ2uZiM0G9EQ7aK/HR"
    "ux7wRrbYW1MLVaLqpxLWJ7bJMOiR0FOLvN5MP8NB6jn8kDvyfmrfwP6+Uo2In7/XWqteO3"
    "lPqnbFrabdTiUos1X3LPRcL3GXyHwJ9xif7y7RbxiVR2cXQLHThkIpfWWejP6XJ+CP6X8j"
    "LY4pDHXGplVOxanjJk1A0cMGf4gSDy3aaO8ktdLvCyZGhvoeKtQKxY7SMusxsz++Pqd+s8"
    "RYq1cH8AxQb6WFJyP/rYPkeivepXsSVYcy1d0bqLuJaGhGR85lYuc62ur99QZYuS++gFxM"
    "2+pAwpGXSAzTllr4RnE+eBCu68Uqe8Q4Qd4qelkFuaiktQ1wWyOUQjyC0QAhHUC7zP7KI1"
    "PGPIfCpbdjGnfsAA5NQgaOLwufyXSWAvFtyCGNhXBjQTA3t52A8Szfrbs2p8F+vjrkzAwz"
    "3RPLjmwfXarHlwPepPwIPD8ltBtwmad8J7uG4XePX/CtiG7TsI7lEpB/ijNQ7wR1kH+Pib"
    "VYA5JbY/tHt1nQKSWJ+VwvpsDdZnWaxjp7os1muSCyXFmpHTplPpjKkwgh+WHZcLLjUEzA"
    "oOxwnB1MiMpGRdQxJd2S/6Fzc3HxPoX1ylIz6+Xl9cylVIDYVs5Ls65cQraGuctsY1xapR"
    "whpXxs3S5wZylpAKPpZds9DV6lb5BXLyeBYxr/2a4L0cairTpr+OphJh67DMePmqRiobqc"
    "dMFEhCng2o+AQs0R38Q6p2dwP0bUYYMmEOYvQbHyHXc5iAVK0SMw4ZQLhjUoadZdRh1gRU"
    "48OGLOxxRVYNQiwGqufgr0OVR9YhY9mHQIsZHc8UG3Zwp6qGB63uDvuQRSRoBolJIKUJGv"
    "vJPrgrmxPH4c7d4Xs/dS0UOO2rf4YvAo9R2W5d7HoiTG7rp6tFISO2oyJNAXRlMn+oqeJX"
    "aAql+oWJP2Dniz3Z/ykbPdAXLfFIzf9p/q+Ze0VLmSDN/z3HUS/D/6lhyoz3s0zHfFQm08"
    "hRcaaRo0ymEVfuaVlwi/MzhO03AreZwWK530gduRkK02EUs1PF6TB0tuXtmanYMa/KZhIT"
    "6+BO0t6dI3tgWGkCZTePlcQeWfdYjY027iFKxayyqkUCW61p7dlNalm8bIePpT670XE4La"
    "tT0jR5FRsDgWxZm6m7KVk90u0Y6erph7KiOmFOQ4trtOjIt0HtB505a9fIxin/itjmiGp0"
    "ta28Bki1rVxXr20HyBtVr9XZtXafXatoj9sBwjF/hG5inLOxl0A5riXoefzoPM7qVI2qx/"
    "wFIqrOIbiql+ebs7rbX+uVA+0MFaNV0h/nFqrW2DDgHArX4LHKHC3eIYwEsTFMBGTLERhT"
    "G1voXo5yH1xgBNSc8WOp/X0um+Jspz1vEVStvTi0F4e252svDj3qu/LiIHPs59soa4mLBD"
    "qXoOL4rEwgl2xVXGvjrIWhXHsKLqqlkomNhVhweV6bYTGrAnNGsINeScdnZ6Xm89ma+Xx2"
    "2JzSmAHLlHOkXvFPxcdp/wBawbPdmWJG/63YiHfKFduDfEF8gqjgfkBD9pxcQU6fgvUpWJ"
    "+H9ClYj3oDTsHNP6Xt79RQxzlNWN60Cr5h+87pGG/LgPu2GNu3GWhhMfk3ZxUrJq5k9qho"
    "fL39cT+6xu4zcrTEY1UeaukD2Q/Iu3FYbYpu4WAmJuoYntUuwntr9YuE9dINRCoUJplhZr"
    "7kD1CbfoIwinf3DlFXIKmx0ikjfmioSR+oynQ6IhPu+NfwxCVOHy1my7762zclZUqV1PEg"
    "CHHl8wH6ELamplBp5GxLzh7kfxWir2JfJ741C92TpVDZ5ZThRr6gfJnoaSYnAloPmUMWUO"
    "JFaVIzKlwOxgTI9TonTJVOke+8ozjY2Lm9RGRqOMZG2tqvQ1O1OteuA2A7D/ZanXuOo15G"
    "nYN8oka4l1T0IMyT1a6ZKZ2Db4puVlJjm8RWfpWiWlq6lUQXon8z6f9K5v9bmwAwozXrmI"
    "NaJ7FaRDcplJUR1MuD9oqvfzfbZKqmxPRETaEaqMfOJqFHucIaYR3NoaM52gLyRtEcq+1/"
    "B0B33As+c1QqEWcQ7lka3UfXCF4Z28SepRF+FOG8Pb5RcRzf8C2Z2xbOL1wfu9tfZxhaYM"
    "MNGpauqfdthl1xbturTKdBD77Nxt/AXgj07fzivI+wQNfExeieQdEe6qIDeFX0X8jCbOqB"
    "OBUZU1AdDxkyaCJFqAnGGXcZ9uT3e4hsyxOIew6y+BhbaEawSRz5fJNi9PXzx36QUVU9KD"
    "QBIbD5kDIFgRZ4hIN5FDpohC+XKRSUsAUlDgSB4baEBSg+skbQx8rsq81A2gzUqpNdSw0C"
    "2gz0HEe9jBkoth+U5dJjIh307du9X9Rc7tTRJlgR6zzZ7lkwdHWoOisWHR2XQFe2Kq5YBP"
    "eS+EZnxgoYx2U6iPNRmUiio+JAoqOzjAFOQjHlTqUScnGZDoJ8UmYunxRP5ZPMTG6J1+qv"
    "l58+XH36uS5Fom6Ux3xuc5ZfBWddCum4VDOySHeqvplDfiPq9xlFLhXF6dTzZLtwNFl3uK"
    "8jtfrvHraouzTEmDuV9tOMYBfQr3sh8uk0Q9FphudUCuvPk+0e5sevT9+Wim46fbsmvAlu"
    "pmopMnkycXxbV5Acp6LFu7gHbfbWHjA1QKo9CfbvSZDzke8A5atVr+erTlu5NDwKePEy2S"
    "zLIXfu5c/9hXuO/0GmbYfx+/211kO/pTGLmpYwHy4IubeWKKzr6KehiCemeCFUgUKoXBi6"
    "Y78QCILCHEjZBskq3AG6k6cvm9zlWw93/owhGwbf07AHgtBfTJCaKlgMuvMnLVJTFWHLAo"
    "MkRkK+mkWiF0I2cZDqXMoM2Yi7MwSDS5gp0AFOduKCbUeoKbOKQVMxbEL+LaRyJPUxeelX"
    "fx398rePh2UMkurxGdOjtgBqC2Azt72W2oK0BfA5jnoZC6C/AGcGfA3/GQp0kV8uE7B/Uh"
    "ywf5KpMCW3WMrNSrRnTERznjvnPGfcoiZeVhqRuIwekp0PiVqeHGJbS0OeCyVSOYe8C84t"
    "gln++OR3kBqpkeyhriGKrux3NC5ubj4mRuPiKs04f72+uPx8cKSGRjaivvJ39em2eAyqFl"
    "bNEe0CLbpvQ8CG4cI6VlhToZoKbQKsu6ZCwy97B9B+iHXVylXgUWxTy2A+uk/DdJ7L8/x4"
    "1svhOIM7/XXsJl61eYzWLAZ1x5l0r1jBUSB3xaTZjzoYwe2Ytjq1wim8wsvjo9MfTt+evD"
    "l9K5uo14yu/LBmLQ1PV8UEG4T95X7ZxWp3TKSDivfOEnEnzrTyo6qAcNC8g+gelc0Qsi5B"
    "SE5+EDc3TnKdQ1cksn81+mnOVTtTmDMnsH1uZn/+P9UYFsY="
)
