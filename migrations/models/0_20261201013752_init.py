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
    "eJztXWtz2ziW/Ssof4ldK3viV5JNtrbKTtLTnonjnsTZTM1oSoZESEKbAtgEaEXT0/99cc"
    "GH+JRJSZRJGl+6YxIXpA5AAPfc1+97M24RWxxdjCR9oHLxiU/23qLf9xieEfWPvNs9tIcd"
    "Z3kTLkg8tHV7HDQc2Hyi7+ChkK66qm6OsS2IumQRMXKpIylnIHLDCCJMugvkEBdxTw75D0"
    "Qe1KW3aD7lyKKW+j+WSHL1fzqaIj78lYxkT/1FWA9hEVx2XMpG1MH2ETzY4iP1ZMomNT2j"
    "z/rsu0ulJAwNF0hOCQp//KH68cimQt1ST8Njqf474rMZVf0x9VQXBDByieC2+usI3elXGV"
    "DrDlHRZx6jv3kKKcERZv5rqjcUDpajKbGQnNMRQUJS20Y2wQ9EIK5+n8vn+of70gPJJ0S9"
    "lKt+/j//pS5TZpEfRMCfv++NKbEt/e899ZJYPxtkRy7BklgDLPdAhvxw1EsKNVAi7CacGN"
    "T6MYgGO+hDUnUPZsPC0W32dBdq+PUff/RQ8YOhKzUdNn6FZT/rvQR3t4KE7mnNt/Bn3kBL"
    "Lv/cxlv5Xa14LejAuR/oN0ssA/7T9fVBKPvt29WHn3RL+NqGgxG3vRlbtnYWcspZ1NzzqH"
    "UEMnBvAl8G/JLYssA82w6WkfCSP5XVBenC9xDMYWt5wSJj7NmwuOz9z9hjevCRfhL85+x/"
    "g1eLNRsMPt/cDr5+vB0M9jJrEbxCaukILo0UxAomyiQg/fsffr9LQPTVPXjA+58vvuyfvj"
    "rQEHAhJ66+qeHa+0MLYokHy9Ffohwb3QzaH9Qd+L7yEU9KppC3AtGj8B/rjEB4YTkEy+U8"
    "BDeEb7eA315df/x6e3H9C3Q/E+I3W+N1cfsR7pzoq4vU1X1/fLjamfx9K+oEfb+6/RnBn+"
    "gfN58/pkcxanf7D/iK97An+YDx+QBbcUzCy+El/cGHw+w51prDnJTs4DDvqXls3TB7EXzi"
    "7R324O2Xox5u8VUW0rjMbpfTp/mUH107l3D6e3W4SSYBfT/Fbj6gSakUpOol2/jJzPCPgU"
    "3YRE7Vn8evVsD7fxdfNMLH6c/gc3DnRN/KA7ravI3LbDBvg1nZFKS3NHEdOrgni6qIJqQM"
    "pklM6UypdYIzXH2q5ogadDMrQKBTVVhmA4kOLrGvzkossa/OCpdYuJUEOKXxlUU5JbYW1A"
    "2bsDtCOm+JeBTn3MXBoJyDskUkpj4xmMT4L19vPudjHBNJqzV0JNF/NJ1W19IR4w6GHrUl"
    "ZeIIHvsU9AFAlNBoQqD3ry/+nh6D959uLtMLOHRwmRqQBL9UdmdMCG1T+2jtpgj02Pg+l7"
    "rxwcrC+xN3CZ2wv5KFBvlKvQlmo7z1OmDab6OO2gnr8upy3XPxPOIUU1wnUy9iE+mvwBdf"
    "3198+OjTkEM8up9j1xokAIc7/ISnrkRts7dmJ7P0FczwRMMDvwPeOrRxKMDlXp7xQ9/orT"
    "R7QJOS9o4LNPXUSyBPgClijDDyITlCHwAKhTG6J8QR2qTg8jna9yEC2ucAbAJTtRRyd4HU"
    "VFoIBIwJvEbW6FHngx43Mhgu2XDJzVypWkoyBtPUUMvPatTLUMv6/xUUmrB9B5Xzk5cvS2"
    "gzqlWhOqPvJY/PZKZ0kyoARwLbQfhJ6foUvudltEXVqhjf84y+6GAh5lyd36ZYTKvgnBHs"
    "4ow+Py+F+PkKxM/TiKsTnfRyFPRiqJcSu8N4j4/HNmWkrpNX/aaTEfeUrlMd7azkDlHXbi"
    "OtBd3GQuFGCFvjEJSW3cIxqGHUX3tPPdnD7lJbrTrOSUkzyk0eZZfbpCJzGRMxvKWhgg0V"
    "3F4qOL0SbAHWL0E3HQU1tvglIP2iVuIvV+9vV9HrGS+VnEPrZSD501+/EBsX2PlD5tyhal"
    "w6BHZiPqq7D8QVGoMNgXof66q1x43VaFn0gYKn+mBGZkP1W6fU2RC0D0GP17rDrs6yGREC"
    "T8iGWF37vXR0bjEuNwXos+qio+j85tHR/cAljk03Relv0NUX1VOZRb3dWC0GY/zAXbrxzF"
    "pi9lPQYVeXKgHhaZ6tFOvtLFpfw/66t3rV6sjgn7ryPBmi89gKV4bYya9M8KYNoYzAv4OL"
    "AXgSCDJyiURUIPAeINY7dOe4ZEx/3CFqESap+hm+z4F6DKJMu3YJhJmFIGg0L3izlmcYF4"
    "YG6NE9ZFwYno8x27gwPMdRNy4MT+/C4O+OlWzrkUTnnBhOT0oAfHpSiC/cSsILoVlVnRfi"
    "Mp2DePtBBQ5xZzTIdZBBuTiwICW2UXBBM5WLnUURkB8OVbfX2JmTksbe2pyNOHv+0j4Qnl"
    "jrBJaWNSPd5JF2yQO/X2uck5JmlJs8yjo0pWq0+aSevBPNHVbjQWE8KJoH67Y9KHAYybYh"
    "rlFEXEdhja9/jQpRVAu9b33LI/ejm71V/P6cu/cKo8GUe646kcPWETMNPs74304JJFA85O"
    "ND3QWCLg61xQxhFPeJQBMugXuH5IQjm6tjIWRfpNw6QtCJPymQg6mLqMiw/jU9p890nscZ"
    "vicCUYn6aoBHRKeFTPSpL8Q766s3hHxMOiOkNi34iRmlThvp0slEyfYZ1VaJTLZGaAN2Cz"
    "VkSB+OCiwQ/0x4legvUD8dTDJ7/zL2CWOfaMVC21Km2tgnnuOol7FPxFbhzKiv4NATUh20"
    "VZyVMVWcFVsqzjKGisBzpKJ6lZQyCbySmMaPFBWBzRE12qshBAwh0FDNtSIhkFY2NoS3oh"
    "t7W0HOWRSbxBKo84j8CBY3/YJfPI11hi7IadVbxRuMVPsBiQQGrpIoSRn8zOfI5mwC1Qy4"
    "o7TnhKbNA819ihkjttLM/YRD6DePEomGZKxmIWjqgRGxp734QInPUAY1PafPQHUfeULyGQ"
    "EOAUluWz4PoNpbnIgjdBF1PKfq0/AkFHhQ7zPmts3nvi9iMGERQFdMACwXu6BHo/cbvb8l"
    "K2hLNUCj9z/HUS+j94dLcGbIi5X+mEgHNf7tJ+xQ25364Tk71yXnNsGswKVoKZVCeajE6o"
    "I53M92u1dd3tx8Snwvl1e3KXy/XV9+VLhr2FUj6h9Erz7fpjOls6gokLaqZFG/YrLguJAj"
    "moKe1qdbnZzVNb0n8AqHJ8dnr8/enL46e6Oa6NeMrrxeMTRZhMFoBPa12TJmKQnwLflRgH"
    "COaBfSTa/aDj7+/TYxszN+itFu8Onm85/D5mnnRcPHrAO+4WM2hrW92Y7fcyZ9pT3LDAS3"
    "eivpAL9R6ZzHkfqMRUINv2eBdjx7i/aDiz2lg0viMmwr4A60wj0lVIlaFpS7g79cktH+a3"
    "hGn+1/n2IpLhwHzbFq2EN6Tk9cPDsUI+4QC8FFiE9VByT15F++Xn1QXUP+x7Crgyqqfk/X"
    "4wvfK6P5F1cNjCkZ/+o9WhkwHL2wMmAgrUc4+EKDVzGlAQ3n0OyluKXap+EcnuOoG86h3O"
    "jWzTnE9tgKMKfEOgh1LdmGdxrc2zDldwfwOgqkSvhGAt0DePuhvTtO/t5odGvJ/o4f1KHX"
    "HXhuJZSTUt2D+vhlqTQA0Kx433uZTQTg68jqXKheZujlJrcqDqbOFTb12lYzmGtEWus4Ws"
    "qG3GNrh+EmxU2MZnMO/Fk9zzDWhrHuBGPdhOS4bQG+1hyACczyOf4EpiuJ/uRAlkkKSJCc"
    "AkGjneF8Lt5nnFNeeNpvLmDtXwjElIKNAusn+pWrfT1g5bU3H3cznH9tT+oz9X8LSiTGf3"
    "9P3dEtBMKqi7l+gI4f9MP+1HLE7QdiQTPfjdAqmWqwmNjXm3kY31Ca3X8Imf3QZr+C2oed"
    "qOjpywI0G77HsqM13gKrZ0wY0JmxwNxNgfH7JOVfKZhYSWTKPjUUropDlDZ7radG0o8+1t"
    "h3jH2nmftnS5l+Y995jqNu7DvlRrdm+05b6huqo2Rd+1TdEEs8qcQdhu2bQRfC8zpDF3oM"
    "FsuBLhmZHZJCh9602O6ceV/WNee37MubVjEqbtI54h3cqdu7M2cPZIZ4f4bjHX6hSp1+oG"
    "Re5dRQJN89e2QtWclDvmytFKQJUfOZNfkzy+XvylJKucImxUsmxUuMmywLbVLK2BBToKa4"
    "17KopsTMVE2HIEoyCZJIhHXuK5LMhT0YrE0oXA2QGseCJ0lNFEahbYhsLJ6to9Am9/HHsc"
    "1ZQLeA89Wy14tlp61cdh9FvHgLSqCvXgd9/vbp096K4/AWkC+bj7ulYOdqACVwDg9iW0D4"
    "Q6yrboKcOrUWwFvG9WvXFavbsmonY2J2VrK6lfA0oJRwK3FTd5gYk7zELlXgug266RJMdb"
    "pbRttDjqtlfOsodrMMl9/SCRUkwTMoh6z3RIH2v2IbkhZ+9RyHu7KHjo6ODo5Q3M9T6JyH"
    "Q6JTJEoOzovZYsvb7PiRnAcaJ5Pb0PihtWNhaalHkvFDe46jXsYPzdRcjkdblgu2XBVrmb"
    "Zuxt+sAswpse6ZkusKbTVktyG7m8KmtD6KrmErSCnld0ZmQ/UTp9TZEKtQZbvWHXZomu5E"
    "CQ5QW6EKL3F9XCEeBKNaUi9mvt76Qumk0WzQ2iwKO3wH5QF0o0BthdqBgqiPA+soQcjarw"
    "So0n35nKF9xiXCWT25pgf12a3SsjkVBF2fXB8gwf0Kg1SiEXZdSvxSAv76oksUTLi+5nJv"
    "MvWLDI64A5GLU2I76r2KVfE4P+6bIsrnG4yo+BKhaKmhXJo9TCya4QBata62VBs0HMBzHP"
    "UyHICpDt81n8Fuwmp0e6Pbt0i3f3ovlLaCu8oNJRfeXftQtRXYQt+pJy5EcOWHy30nwynn"
    "93s5rEGqRW8VaxAG3839xqWt6Y7LH6ilUwMFolBEwCUjQh+I1UNCqvlkxaoEUgEyI0j8D7"
    "c5Utr7FLRudcPmIlucsIZn9JmuQYjRnLv3fmVCi8/ZEbqziOU5BApP36EZvieQr8glhwou"
    "9Sh3AbSDZgoU0GjIrQWkM+KH3Dnqs89cBuzCoeqLWG+Ryz1Jfcs+DomHqRoCSIMUFkGMv2"
    "rJlEdGy39SLT+cjVVMU3GZLloBt54kYfkdVrMAxqW2A/Tjk3p3MJ+8KYPzyZtioOFeEmlY"
    "xbIYF9faCtt3YhqvIiTqqLAV7llrxe0mRA1b1BS2qAxHGG3xawx8WtZEbDeHFsyONHFdnn"
    "M0KF5PI4Eu+Kvsej3FUpKZI6tU44yLmMQ9t3nc1lPps5kouFydNi9WbpVem4k3K196LyiD"
    "F8j5RupAj9vHKKpwxzywzvbUzV/UT+uB9TqqdhcKw12obzHkPw7ynMdre1af3cWq79xppV"
    "SptYG+HyrUApRUpY7u6xInA/8pum6fA4l+4R/gvv4OCTJyiVRqMRT5CxRvwkbuwpFQ04+h"
    "u6DFILp6p63tDOz3SpeWnsuKVd1/bl7QL+yghH09PjmCPmKPN0b2Jqrfxsj+HA/QxsjetV"
    "EvY2Q3CV9rJ9pMLEO9mdpMwcRdVvRTTxzTSRboFZW5Iolm5NftVDmujCpQhRjJFd5hjukn"
    "GIRaOBIqot+QQf+Sc5tgVqChJARTyA+VZF3QR1d2i/7lzc2nBPqXV2l4v11fflQbrB4K1Y"
    "j6jgDZ/MctSaOua9yQuiZ67YnUjWubcW1riJOQCVt7grC1OR4Al6+Q2DTLzXd8G3TUIajq"
    "JOuviUXxT1TjkeHolzd7q6j5GTRTD7RJOUa+GBHjM9WAfaRnSNtnRN8Z0vY5jnoZ0hYW9K"
    "qsYlzGcF2luS4JnukaqApYp+U6iHctWWkE/XcOzpd0UuhqEkrszs2kToR9T5P/Pjk5PX19"
    "8vL01Zvzs9evz9+8jFxOsrdW+Z5cXv0ZeJME/jlEyhSfnL+qRKREEh2c2K/OSszrV2eF0x"
    "pupdx/lTpAWCXbREykgxDXUVNRtZtUdmZPiXUQ6lq2RcMKbj2G2HNsji11HB8uKuKalTSF"
    "Rgzj+hTBxLGZuAV0O143IPvZVs5qXy/56Kciz6Ueoyzlq4jHZWb0Mn7AQXvwbsUoTtEfIT"
    "VzIlfasFu05KwgvBPiRWMRrEBYqOk1c/ZSQ1bbg/psX0ebwv2Rp44VM+KiucslOehBZKwf"
    "izony0BURGUPqYsjou6jOAegrrqlclSHLxIVeXzMhzf+c0NP3iX3V8KZN0QFpvfDIJDV45"
    "7vxwurQ+z5SwPsmo/1OyjxYMNFGy56O15DwaIXTsEj+EqfYjQaTlEaZtow03p4qEtGlbNK"
    "x4U6qISXCSkvDijPhJNXZaM7zEKflCHrTorJupMMWSfVKSILbrELZdjehJZWd5sMzCRZuF"
    "f6Eocixpl49YCs40zcCp/KFvPUeSpbBbQLxLuw9uyAti7IG1C82BTlDai21DQM6F2vKXrF"
    "/iHXnPH50mbCl5rwAnwQqutfMTGTCKU5ulZWxQ5S5q2lZKdlzUg3eaSBMFgroRU249uG8R"
    "1jaq/1GScEzRg3eYxHNlZjsBYpnpA0o9zoUc7a2Mpam3JEjZ9M9khrhVV6KsKbI2o8ZYxj"
    "Vw2QGuej3TsfjVKxmBvCWzG0s60g52w5j0MdX0i3AHXHHb1ytp1GeXp95vo9Mm5e+npvlY"
    "8X47K0gxdDkAgQ0u2AOxRBPO1+9RYJQhgaLoISgnjWC/IZAh0FqRPjvlU56R3reMLjQa/b"
    "9a/SiJZ1rjI+TsbHqZm7T0v9W0y87XMc9TJeTYWOCsV+IcWOCu20jO/aN2SmwMvP0FJsr4"
    "3LNMM7BJ7XGe8Q9YVMuVu1IGdcyPAtGdu4IQsNndVwSA2dZeisdoC8Fp3l71CGyHq0SGd8"
    "J28UhXXjySH/8fGB5Nczid/urSK0CDQZcN28HK/13aVSQpVJtqxZqUSYwP5BEPshg5Axfa"
    "LLZvryQyLeIccbquPhlFi6dodFhYPlaOpTPglqq46H9BkeS+KiEZ/NqDxCF0jMCXF0Ic6w"
    "kUAunwtkk7FEcyqnMXEIh4QRX4clS/RSnSPzh2fgEGYBPj3DjzWTH3vSw1czl9hNj7Mm7q"
    "e+JD0OXkBAfhW6ISbSDLahU7EoanOr5q0fCZjB2PpgNIao6OTCjtVpZ8LgBLSGW1OusEE4"
    "NX+Nsa5jZpsyxrqMplEpQCItbPxum2Ohy461Vl+rFKldCpgStQ0qUfs3j47uvxBHr0cZKi"
    "d2t7eKyfkN2g1c1ZCWz0E1grJ2QJSoqeFC1Ve9oyJ1mCOuFOA4RNX/xJS7cuTJI/RVaV6q"
    "PWdEoH0+V9NF/5gDNCQ2Z5PAoyhD59T1oD6bT7lNgoq275CjTl0c3KG0nN+GusiX52rBP0"
    "J3YsQdcgeZrfqQ1VU9pb+HuKv5JN3whdCFaQWHXvrMn+1oOf3QhD4QkFa3ozeGRyPdNfSm"
    "zsRcTlGQ0lT9AiCO/N4FmnPPDgrX9pn6OG1qBbm5gkfpz+mgTDos/UD9j+A1KhS09XRwqV"
    "/ruAQHlZheAy9Mh2aIqCYSUebs9xzPfsZRq2ujXsZRK9oDynKkkUAHSdLTMulLTovTl5xm"
    "02yHO2sVhGMyHQR5+0y0pNKuxvOHAh2Et5aCwcadc+funPEDdgb2Qh09JWUU9XTtDhsLqf"
    "SPtc45aVnDbzXnYJM9z4a6SOX6ABlBYxtIfkOaiagIalzG4Gm8bmuA1Hjd7t7rVn/WW8C1"
    "456g8dWvhCtztAEZZB91YE5v1pX9bOM5pR64Szeu27w0ufwUdNih9aLWAs45yK00acXxLW"
    "PaWgwSQ/y4ieuGEd/U9EIg9aG5foy87hDpDtE+eEkRC42pK2TgcExdJLzJhAgdW3eQDb3f"
    "Xre5Fp4oz0Tsl2dMO8bGYmwszVx6Wsq2GxvLcxz1MjaWtZwUt+Ob2LRR3o7CHN/Rq8GalT"
    "TgGjbCsBEN0S56m7ERu06w1lZYC1Or5aIa1yI2xzbpkNhRgLPbTD7MT+Mx+oU88Hti3ar/"
    "sL0cBTtxv7dKtXb9lkr/VE1Lu43aXGmx1iH3JBK+z+BbBP6MC/SX77eIj5Wyi6NbaN8lY7"
    "W0TkN/Tsn5Afhfqstgi0Mek9TOqNi1PKXPqAwcMKf4gSDyw6Gu9ktdzPGiZGhvoeKtQaxY"
    "7SMusx0z++Pqd+s8RYq1cH8AxRr6WFJyN/rYLkeivepXsSXYcC1d0bqLuJaGhGR84XYuc6"
    "2vr95QVYuS++glxM0eUoa0DNrH1oyyPwnPIe4DFdz9kz7lHSDsEj8thdrSdFyCvi6QwyEa"
    "QW2BEIigX+BdZhet4Rl95lPZqosZ9QMGIKcGQWOXz9S/LAJ7seA2xMD+aQDNxJGzOOgFiW"
    "b97Vk3vov1cVcm4OGeGB7c8OBmbTY8uBn1J+DBYfmtoNsEzTvhPVy3C7z+fwVsw/YdBPe4"
    "lAP88QoH+OOsA3z8zSrAnBLbHdp7dZ0Cklifl8L6fAXW51msY6e6LNYrkgslxZqR06ZT6Y"
    "ypGAQ/LDsul1xpCJgVHI4TgqmRGSrJuoYkurJb9C9vbj4l0L+8Skd8fLu+/KhWIT0UqpHv"
    "6pQTr2CsccYa1xSrRglrXBk3S58byFlCKvhYds1CV6tb5VfIyePZxLr2a4Lv5VBTmTa9VT"
    "SVCFuHZcbLVzXS2Ug9ZqFAEvJsQMUnYInu4B9Ktbs7Qt+nhCEL5iBGv/Ihkp7LBKRqVZhx"
    "yADCXYsy7C6iDrMmoBof1mdhj0uy6ijE4kj3HPx1oPPIumSk+hBoPqWjqWbD9u901fCg1d"
    "1BD7KIBM0gMQmkNEEjP9kHl6o5cV3u3h2881PXQoHTnv5n+CLwGJ3tVmLpiTC5rZ+uFoWM"
    "2JaKNAXQlcn8oaeKX6EplOoVJv6AnS/2ZP+nrPVAX7TEIw3/Z/i/Zu4VLWWCDP/3HEe9DP"
    "+nhykz3s8yHfNxmUwjx8WZRo4zmUak2tOy4BbnZwjbrwVuM4PFcr+ROnIzFKbDKGanitNh"
    "mGzLmzNTsWNelc0kJtbBnaS9O0f2wLDUBMpuHkuJHbLusRobbdxDtIpZZVWLBDZa09qzm9"
    "SyeDkuHyl9dq3jcFrWpKRp8io2AgLZttdTd1OyZqTbMdLV0w9lRU3CnIYW12jRkW+N2g8m"
    "c9a2kY1T/hWxzRE16BpbeQ2QGlu5qV7bDpDXql5rsmttP7tW0R63BYRj/gjdxDhnYy+Bcl"
    "xLMPP40Xmc1akaVY/5K0RUXUBw1V6eb87ybm+lVw60G+gYrZL+OLdQtcaBAedQuAaPdOZo"
    "8RZhJIiDYSIgR43AiDrYRvdqlHvgAiOg5owfS+3vc9kUZ1vteYOgauPFYbw4jD3feHGYUd"
    "+WFweZYT/fRllLXCTQuQQVJ+dlArlUq+JaG+ctDOXaUXBRLZVMHCzEnKvz2hSLaRWYM4Id"
    "9Eo6OT8vNZ/PV8zn84PmlMYMWKacI/WSfyo+TvsH0Aqe7e4EM/pvzUa81a7YHuQL4mNEBf"
    "cDGrLn5Apy5hRsTsHmPGROwWbUG3AKbv4pbXenhjrOacL2JlXwDdt3Tsd4UwbcN8XYvslA"
    "C4vJvzmrWDFxKbNDRePb7fvd6Brbz8jREo9VdailD2Q3IG/HYbUpuoWLmRjrY3hWuwjvrd"
    "QvEtZLGYhUKEwyxcw65A9Qm36MMIp39xZRKZDSWOmEET801KIPVGc6HZIxd/1reCyJ20Pz"
    "6aKn//ZNSZlSJXU8CEJc+ewIfQhbU0voNHKOrWYP8r8K0dOxr2PfmoXuyULo7HLacKNeUL"
    "1M9DSLEwGt+8wlcyjxojWpKRWSgzEBcr3OCNOlU9Q7bykONnZuLxGZGo7xIG3tN6GpRp1r"
    "1wGwnQd7o849x1Evo85BPtFBuJdU9CDMkzWumSmdg6+LblbSYJvEVn2VolpauqVEF6J/M+"
    "n/Sub/W5kAMKM1m5iDWiexXkTXKZSVETTLg/GKr383W2eqpsTMRE2hGqjH7jqhR7nCBmET"
    "zWGiOdoC8lrRHMvtfwtAd9wLPnNUKhFnEO5ZBt1H1wheGdvEnmUQfhThvD2+UXEc3/EtmT"
    "k2zi9cH7vbW2UYmuOBDBqWrqn3fYqluHCcZabToAffZuNvYC8E+n5xedFDWKBrIjG6Z1C0"
    "h0q0D6+K/gvZmE08EKciYwqq4yF9Bk2UCLXAOCMXYU9+vwfIsT2BuOcim4+wjaYEW8RVz7"
    "coRt++fOoFGVX1g0ITEAKbDylTEGiOhziYR6GDRvhymUJBCVtQ4kAQGG5LWIDiIzsI+lia"
    "fY0ZyJiBWnWya6lBwJiBnuOolzEDxfaDslx6TKSDvn3b94uaqZ062gQrYp0n2z0LhqkOVW"
    "fFouOTEuiqVsUVi+BeEt/ozFgB47hMB3E+LhNJdFwcSHR8njHAKSgm3K1UQi4u00GQT8vM"
    "5dPiqXyamckt8Vr95ePnD1ef/1yXIlE3yiM+czjLr4KzKoV0XKoZWaQ7Vd/MJb8S/fsGRS"
    "4VxenU82S7cDRZdbivI7X6bx62qVwMxIi7lfbTjGAX0K97IfLptIGm0waeWymsP0+2e5if"
    "vDx7Uyq66ezNivAmuJmqpcjUycT1bV1BcpyKFu/iHozZ23jA1ACp8STYvSdBzke+BZSvlr"
    "1eLDtt5dLwKODFy2SzLIfcvVc/92fuuf4HmbYdxu/3VloP/ZaDadS0hPlwTsi9vUBhXUc/"
    "DUU8McULoQsUQuXC0B37hUAQFOZCyjZIViGP0J06fTnkLt96uPVn9Fk/+J76eyAI/cUEqa"
    "WDxaA7f9IiPVURtm0wSGIk1KvZJHoh5BAX6c6VTJ8NuZwiGFzCLIH2cbITCbYdoafMMgZN"
    "x7AJ9bdQypHSx9SlX/x19OvfPh2UMUjqx2dMj8YCaCyAzdz2WmoLMhbA5zjqZSyA/gKcGf"
    "AV/Gco0EV+uUzA/mlxwP5ppsKU2mIptyrRnjERw3lunfOccptaeFFpROIyZki2PiR6eXKJ"
    "Yy8G6lyokMo55F1ybhPM8scnv4PUSA1VD3UNUXRlt6NxeXPzKTEal1dpxvnb9eXHL/vHem"
    "hUI+orf1efb4vHoGph1RzRLtCiuzYErBkubGKFDRVqqNAmwLptKjT8srcA7YdYV61cBR7F"
    "NrUM5qP7NEznhTrPj6Z7ORxncKe3it3EyzaP0ZrFoG45k+4VKzgK5K6YNPtRByO4GdNWp1"
    "Y4gVc4PDk+e3325vTV2RvVRL9mdOX1irU0PF0VE2wQ9pf7ZRer3TGRDireW0vEnTjTqo+q"
    "AsJB8w6ie1w2Q8iqBCE5+UFkbpzkKoeuSGT3avTTnKu2pjBnTmC73Mz++H+pnEZL"
)
