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
    "eJztXW1z27aW/isYfak9I6uNY6eZZGdn7CTd+t44bhNnc+dWHRkSIQk1BbAEaFm32/++OO"
    "CL+CqTsiiTNL4kFokDkM8BAZz3v3oLbhFbDM4mkt5RufrIZ7036K8ewwui/si73Uc97Djr"
    "m3BB4rGt2+Og4cjmM30Hj4V01VV1c4ptQdQli4iJSx1JOQOSK0YQYdJdIYe4iHtyzO8RuV"
    "OX3qDlnCOLWup/LJHk6n86mSM+/oNMZF/9IqyPsAguOy5lE+pgewADW3yiRqZsVtMYQzZk"
    "31wqJWFovEJyTlD48kfq5ZFNhbqlRsNTqf6d8MWCqv6YGtUFAoxcIritfg3QjX6UEbVuEB"
    "VD5jH6p6eQEhxh5j+mekLhYDmZEwvJJZ0QJCS1bWQTfEcE4ur9XL7UL+5TjySfEfVQrnr9"
    "335XlymzyD0R8POv3pQS29J/99RDYj020E5cgiWxRlj2gIbcO+ohhWKUCLsJJwa17kcRs4"
    "M+JFX3YDasHN2mp7tQ7Nc//u6j4oGhKzUdHv0I6362ewju7gQJ3dOWT+HPvJGmXP/cxVP5"
    "XW14LOjAuR3pJ0ssA/7o+voopP369eL9T7olfG3j0YTb3oKtWzsrOecsau551BoADdybwZ"
    "cBbxJbFphn28EyEl7yp7K6IF34HoI5bK0vWGSKPRsWl95/TT2mmY/0SPDPyX8HjxZrNhp9"
    "uroefflwPRr1MmsRPEJq6QguTRTECibKJCD9199+v2tA9NUeDPDu57PPBy9fHWoIuJAzV9"
    "/UcPX+1oRY4tGa+2uUY9zNoP1e3YHvKx/xJGUKeSsgHYR/bMOB8MKaBevlPAQ3hG+/gF9f"
    "XH74cn12+Qt0vxDiT1vjdXb9Ae4c66ur1NUDnz9c7Uz+vhV1gr5dXP+M4Cf699WnD2kuRu"
    "2u/w1fcQ97ko8YX46wFcckvBxe0h98yGbPsbZkc5Kyg2zuqXlsXTF7FXzi7WV78PRrrodb"
    "fJWFNE6z3+X0aT7lB9fONZz+Xh1ukklA382xmw9okioFqXrINn4yC3w/sgmbybn6+eLVBn"
    "j/9+yzRvhF+jP4FNw51rfygK42b+M0j5i3waxsCtI7mrgOHd2SVVVEE1QG0ySmdKHEOsEZ"
    "rj5Vc0gNupkVIJCpKiyzAUUHl9hXJyWW2FcnhUss3EoCnJL4yqKcItsK6oZN2D0hnbdEPI"
    "hz7uJgUM5B2SISU18xmMT4H1+uPuVjHCNJizV0ItH/aXVaXUtHTHcw9qgtKRMDGPYp1AcA"
    "UUKiCYE+uDz7V5oH7z5enacXcOjgPMWQhH6p7M6YINql9NHaTRHUY9PbXNWND1YW3p+4S+"
    "iM/ZOsNMgX6kkwm+St14Gm/TrqqJ2wrq+u1z0XLyOdYkrXydSD2ET6K/DZl3dn7z/4asgx"
    "ntwusWuNEoDDHX7MU1eittlbi+NF+gpmeKbhgfeApw5tHApw2cszfugb/Y1mD2hS0t5xhu"
    "aeegjkCTBFTBFGPiQD9B6gUBijW0IcoU0KLl+iAx8iUPscgk1grpZC7q6QmkorgUBjAo+R"
    "NXrUOdDDRgajSza65GauVC1VMgbT1KiWnxXXy6iW9f8VBJqwfQeF8+MffighzahWheKMvp"
    "c8PpOFkk2qABwR7AbhJ1XXp/A9LSMtqlbF+J5m5EUHC7Hk6vw2x2JeBecMYRdn9OlpKcRP"
    "NyB+mkZcneiklyOgF0O9ptgfxj0+ndqUkbpOXvWbTibcU7JOdbSzlHtEXbuNtBZ0GwuFGy"
    "Fsi0NQmnYHx6CGqf7ae+rJHnbX0mpVPicpDZebzGWX26Si5jJGYvSWRhVsVMHtVQWnV4Id"
    "wPo56KajoMYWvwSkn9VK/Pni3fUm9XrGSyXn0HoeUP70z8/ExgV2/lBz7lDFlw6BnZiP6u"
    "4dcYXG4JFAvYt11drjxma0LHpHwVN9tCCLsXrXOXUeCdr7oMdL3WFXZ9mCCIFn5JFYXfq9"
    "dHRuMS4fC9An1UVH0fnTo5PbkUscmz4WpV+hq8+qpzKLeruxWo2m+I679NEza43ZT0GHXV"
    "2qBISnebYSrHezaH0J++ve6lWrI4N/6srzZIjOYxtcGWInvzLBmzaEMoL+HVwMwJNAkIlL"
    "JKICgfcAsd6iG8clU3p/g6hFmKTqNXyfAzUMoky7dgmEmYUgaDQveLOWMYwLQwPk6D4yLg"
    "zPx5htXBieI9eNC8PTuzD4u2Ml23pE0TknhpfHJQB+eVyIL9xKwguhWVWdF+I0nYN490EF"
    "DnEXNMh1kEG5OLAgRfao4IJmChd7iyIg9w5Vt7fYmZOUxt7anI04e/7SPhCe2OoElqY1nG"
    "4yp11yx2+34nOS0nC5yVzWoSlVo81n9eSdaC5bjQeF8aBoHqy79qDAYSTbI3GNIuI6Cmt8"
    "/WtUiKJa6H3rW55yP7rZ36TfX3L3VmE0mnPPVSdy2DpipsGHNf7XcwIJFI/49Eh3gaCLI2"
    "0xQxjFfSLQjEvQvUNywonN1bEQsi9Sbg0QdOJPCuRg6iIqMlr/msYZMp3ncYFviUBUoqFi"
    "8ITotJCJPvWFeGdD9YSQj0lnhNSmBT8xo9RpI106mynaIaPaKpHJ1ghtwG6hWIb04ajAAv"
    "FbwqtEf4F6dDDJ9H439gljn2jFQttSTbWxTzxHrpexT8RW4QzXN+jQE1QdtFWclDFVnBRb"
    "Kk4yhorAc6SieJWkMgm8kpjGjxQVgc0hNdKrUQgYhUBDJdeKCoG0sPFIeCu6sbcV5JxFsU"
    "laAnUekR/A4qYf8LOnsc6oC3Ja9TfpDSaq/YhEBCNXUZRUGfzMl8jmbAbVDLijpOeEpM0D"
    "yX2OGSO2ksz9hEPoT48SicZkqmYhSOqBEbGvvfhAiM+oDGoaZ8hAdJ94QvIFAR0Ckty2fD"
    "2Aam9xIgboLOp4SdWn4Uko8KCeZ8ptmy99X8RgwiKArlgBsF7sgh6N3G/k/pasoC2VAI3c"
    "/xy5XkbuD5fgDMuLhf4YSQcl/t0n7FDbnXrxnJ3rnHObYFbgUrSmSqE8VmR1wRzuZ/vdq8"
    "6vrj4mvpfzi+sUvl8vzz8o3DXsqhH1D6IXn67TmdJZVBRIW1WyqF8wWXBcyCFNQU/rk62O"
    "T+qa3jN4hKPjFyc/nrx++erktWqiHzO68uMG1mQRBqMR2NcW65ilJMDX5L4A4RzSLqSb3r"
    "QdfPjXdWJmZ/wUo93g49Wn/wmbp50XjT5mG/CNPubRsLY32/E7zqQvtGc1A8Gt/kZ1gN+o"
    "dM7jSHzGIiGG37JAOl68QQfBxb6SwSVxGbYVcIda4J4TqkgtC8rdwS+XZKT/GsYYsoNvcy"
    "zFmeOgJVYN+0jP6ZmLF0diwh1iIbgI8anqgKRG/uXLxXvVNeR/DLs6rCLq93U9vvC5MpJ/"
    "cdXAmJDxe//ByoAh98LKgAG15nDwhQaPYkoDGp1Ds5filkqfRufwHLludA7luFu3ziG2x1"
    "aAOUXWQahryTa81+Dehgm/e4DXUSBVwjci6B7Auw/t3XPy90ajW0v2d3ynDr3uyHMroZyk"
    "6h7UL34olQYAmhXvez9kEwH4MrI6F6qHGXu5ya2Kg6lziU29ts0azC0irXUcLWVj7rGtw3"
    "CT5CZGszkH/qycZzTWRmPdCY11E5LjtgX4WnMAJjDL1/EnMN2o6E8yskxSQILkHBQ02hnO"
    "18X7GueUF572mwu09t8JxJSAjQLrJ/qDq3090Mprbz7uZnT+tY00ZOp/C0okxt+/r+7oFg"
    "Jh1cVSD6DjB/2wP7UccfuOWNDMdyO0SqYaLFbs6808jG8ord2/CzX7oc1+g2ofdqKi0dcF"
    "aB75HOuOtngKrMaYMVBnxgJzHwuM3ycp/0jBxEoiU3bUkLgqDlHa7K1GjagfHNbYd4x9p5"
    "n7Z0s1/ca+8xy5buw75bhbs32nLfUN1VGyrn2qboglnlXSHYbtm6EuhPE6oy70GCyWI10y"
    "MsuSQofeNNn+nHl/qGvO79iXNy1iVNykc8g7uFO3d2fOHsiM4v0Z8jv8QpU4fUfJssqpoY"
    "i+e/bIWrKSh/qyrVKQJkjNZ9bkzyxXf1dWpZRLbFK8ZFK8xHSTZaFNUhkbYgrUlO61LKop"
    "MjNV0yGIksyCJBJhnfuKSubCHgzWJhSuBkiNY8GTpCYKo9AeiWwsnq2j0Cb38YexzVlAd4"
    "DzxbrXs3WnrVx2H0S8eAtKoK8eB336+vFjb8NxeAfIl83H3VKwcyWAEjiHB7EdIPw+1lU3"
    "QU6dWgvgLeP6te+K1W1ZtZMxMXsrWd1KeBpQSriVuKk7TExJXmKXKnBdB910CaY63S2j7S"
    "HH1TK+dRS7WYbLb+mECpLgBZRD1nuiQAdfsA1JC794jsNd2UeDweBwgOJ+nkLnPBwTnSJR"
    "cnBezBZb3mXHD+Q80DiZ3IbGD60dC0tLPZKMH9pz5HoZPzRTczkebVku2HJTrGXauhl/sg"
    "owp8i6Z0quK7TVKLuNsrsp2pTWR9E1bAUpJfwuyGKsXnFOnUdiFYpsl7rDDk3TvQjBAWob"
    "ROE1rg8LxKOAqyXlYubLrd8pmTSaDVqaRWGHb6E8gG4UiK1QO1AQ9XFgHSUIWfsVAVWyL1"
    "8ydMC4RDgrJ9c00JBdKymbU0HQ5fHlIRLcrzBIJZpg16XELyXgry+6RMGM62su92Zzv8jg"
    "hDsQuTgntqOeq1gUj+vHfVNE+XyDkSq+RChaipVrs4eJRTM6gFatqy2VBo0O4DlyvYwOwF"
    "SH75rPYDdhNbK9ke1bJNs/vRdKW8Hd5IaSC+++fajaCmyh79QTFyK48MPlvpHxnPPbXo7W"
    "INWiv0lrEAbfLf3Gpa3pjsvvqKVTAwWkUETAJRNC74jVR0Kq+WTFqgRSATQTSPwPtzlS0v"
    "scpG51w+YiW5ywhjGGTNcgxGjJ3Vu/MqHFl2yAbixieQ6BwtM3aIFvCeQrcsmRgksN5a5A"
    "7aA1BQpoNObWCtIZ8SPuDIbsE5eBduFI9UWsN8jlnqS+ZR+Hioe5YgGkQQqLIMYftWTKIy"
    "PlP6mUH87GKqapOE0XrYA7T5Kw/g6rWQDjVLsB+uFJvT+Yj1+Xwfn4dTHQcC+JNKxiWYyL"
    "a22F7TsxjTcpJOqosBXuWVvF7SZIjbaoKdqiMjrCaIvfgvFpWhOx3Ry1YJbTxHV5ztGgeD"
    "2NCLrgr7Lv9RRLSRaOrFKNM05iEvdc5+m2nkqezUTB5cq0ebFym+TaTLxZ+dJ7QRm8gM43"
    "Ugdy3AFGUYU75oF1tq9u/qJerQ/W66jaXUgMd6G+xZjfH+Y5j9c21pDdxKrv3GihVIm1gb"
    "wfCtQChFQljh7oEicjfxRdt8+BRL/wB7ivv0WCTFwilVgMRf4CwZuwibtyJNT0Y+gmaDGK"
    "rt5oazsD+72SpaXnsmJR97fHF/QLOyhhX49PjqCP2PDGyN5E8dsY2Z/jAdoY2bvG9TJGdp"
    "PwtXZFm4llqDdTmymYuM+KfmrEKZ1lgd5QmSuiaEZ+3U6V48qIAlUUI7nEe8wx/QRMqEVH"
    "QkX0Dhn0zzm3CWYFEkqCMIX8WFHWBX10Zb/on19dfUygf36Rhvfr5fkHtcFqVqhG1HcEyO"
    "Y/bkkadV3jhtQ10WtPpG5c24xrW0OchEzYWgfisMIUNzlq51j2m2JdczzjThn9clhGjYIr"
    "Upz1A6S+sEhFG3aL1goscBsCP6SYZxRoL9RnuHBylMv1DDRkB9qLCe6HFeLQ0uWSHPbB48"
    "r3cVqStYMTorKP1MUJUfdRXCGgrrqlcp+EDxIlD39INxx/3VBDvFYEllASh6gE5ch82g36"
    "4VQdsvXGvuWwfgclBjaKaaOY3o00Gix64RQcwFf6FNxouL7SqKmNmlqzh7pkUjlbSZyog/"
    "q9Mq6KxY6KGTdFDU0FeMP2HUT2+KSM4vSkWG96kpWk73MWrGLVXNjeuCxVV8dByuncwJuN"
    "OuqQxCipd6+kboWursUmxjyRrQLaBeRdWHv2YBEr8EctXmyK/FGrLTUNA3rfa4pese/llj"
    "M+n9pM+FITXkC0ZnX5K0ZmHOybI2tlRewgFHMrITtNazjdZE7rIrvbBEphw9828HeKqb3V"
    "Z5wgNDxuMo8nNlY82EopnqA0XG40l7M2trLWphxS45WRPdJaYfbHivDmkJpSj8aNqAZIjR"
    "vRk5R6TPj4PBLeii5DbQU5Z8t5GOr4QroDqDteeDBn26lcF69OTy9dAS7HzSusDFfs4xWV"
    "nyuVUhsCTCGMA9yhCOJp96s3SBDC0HgVpKbGi34QJwvqKAjJjftW5YQN1zHCwwmodutfpR"
    "Et61xlfJyMj1Mzd5+W+reY4NvnyPUyXk2FjgrFfiHFjgrttIzv2zdkocDL9/wvttfGaZrh"
    "HQLjdcY7RH0hc+5WTfQeJzL6loxt3CgLjTqr4ZAadZZRZ7UD5K3UWf4OZRRZDyZ/j+/kjV"
    "JhXXlyzO8/3JH8PHnx2/1NCi0CTUZcNy+n1/rmUikhezlb50KXUPce+wdB7IcMQiaemU7H"
    "7tOPiXiLHG+sjodzYumccBYVDpaTua/ySai26hhkyPBUEhdN+GJBJVSSE0tCHJ3gPWwkoL"
    "qcQDaZSrSkch4jh3BI4Pg2WrJEL9V1ZD57Rg5hFuDTN/qxZurHnvTw1cwl9rHHWRP3E7rL"
    "vioT9/OqOO7nVSbux8Erm+OcyVqsboiRNEPb0KlYFLW5VfPWjwgMM3bOjMYoKjq5sGN12p"
    "kxOAFtU0kxj9ggnJq/xljXMbNNGWNdRtKoFCCRJjZ+t82x0GV5rcXXKsUP1gSm9EGDSh/8"
    "6tHJ7Wfi6PUoo8qJ3e1v0uT8Ce1GrmpIy+egmkC6ZFCUqKnhQjUBvaMidZgjrhTgOETVf2"
    "LOXTnx5AB9UZKXas8ZEegA6ty5+mUO0ZjY3K91J+cko86payCo5MdtElRKeIscderi4A6l"
    "6fw21EU+PVcL/gDdiAl3yA1kthr2hB5l2EPc1fok3fA7oQseCA69DJk/29F6+qEZvSNArW"
    "5HTwxDI9019KbOxFzOEUwPwiz1BqA48nsXaMk9OyiIMGTq47SpFeTmCobSn9NhmXRYekD9"
    "R/AYFQoleDq41K+hUUIHlZheIy9Mh2YUUU1URJmz33M8+xlHra5xvYyjVrQHlNWRRgQdVJ"
    "K+LJO+5GVx+pKXmfQl0c5aBeEYTQdB3r0mWlJpV9PzhwQdhLeWQhTGnXPv7pzxA3YG9kIZ"
    "PUVlBPV0cn0bC6nkj63OOWlao99qzsEme54NZZHxqqr9JU1obAPJb0hrIiqCGqcxeBqv2x"
    "ogNV63+/e61Z/1DnDtuCdofPUr4cocbUAG2QcdmNObdWU/23hOqTvu0iBEOwl7leIpa5PL"
    "T0GHHVovaq2hkoPcRpNWHN8ypq3VKMHih01cV4z4pqbvBFIfmuvHyOsOke4QHYCXFLHQlL"
    "pCBg7H1EXCm82I0LF1ORW7d9dtroUnyjMRe/OMacfYWIyNpZlLT0u17cbG8hy5XsbGspWT"
    "4m58E5vG5d0IzPEdvRqsWUoDrtFGGG1EQ6SL/uO0EftOsNZWWAtTq+WiGpciHo9t0iGxow"
    "Bnt5mqZV3rFLM/kzt+S6xr9Q/r5QjYifv9TaK167dU8qdqWtpt1OZKirWOuCeR8H0G3yDw"
    "Z1yhf3y7RnyqhF0c3UIHLpmqpXUe+nNKzg/B/1JdBlsc8pikdkbErmWUIaMycMCc4zuCyL"
    "1DXe2XulriVcnQ3kLBW4NYsdpHnGY3ZvaHxe/WeYoUS+E+A8UW8liScj/y2D450V7xq9gS"
    "bHQtXZG6i3QtDQnJ+MztXM21vr55Q1UtSu6j5xA3e0QZ0jToAFsLyr4XnkPcOyq4+70+5R"
    "0i7BI/LYXa0nRcgr4ukMMhGkFtgRCIoB/gbWYXrWGMIfNV2aqLBfUDBiCnBkFTly/UXxaB"
    "vVhwG2Jgvx9BMzFwVof9INGsvz3rxjexPm7KBDzcEqMHN3pwszYbPbjh+hPowWH5rSDbBM"
    "074T1ctwu8/r8CtmH7DoL7opQD/IsNDvAvsg7w8SerAHOKbH9o9+o6BSSxPi2F9ekGrE+z"
    "WMdOdVmsNyQXSpI1I6dNp9IZUzEKXizLl3OuJATMCg7HCcIUZ8aKsi6WRFf2i/751dXHBP"
    "rnF+mIj6+X5x/UKqRZoRr5rk458QrGGmescU2xapSwxpVxs/R1AzlLSAUfy65Z6Gp1q/wC"
    "OXk8m1iXfk3wXo5qKtOmv0lNJcLWYZnx8lWNdDZSj1kooIQ8G1DxCbREN/CHEu1uBujbnD"
    "BkwRzE6A8+RtJzmYBUrQozDhlAuGtRht1V1GHWBFTjYEMW9rhWVg1CLAa65+DXoc4j65KJ"
    "6kOg5ZxO5lobdnCjq4YHrW4O+5BFJGgGiUkgpQma+Mk+uFTNiety9+bwrZ+6Fgqc9vWf4Y"
    "PAMDrbrcTSE2FyWz9dLQo1Yjsq0hRAVybzh54qfoWmkKpfmPgDdr7YyP6rbDWgT1piSKP/"
    "M/q/Zu4VLdUEGf3fc+R6Gf2fZlOG388yHfOLMplGXhRnGnmRyTQi1Z6WBbc4P0PYfitwmx"
    "kslvuN1JGboTAdRrF2qjgdhsm2/HjNVOyYV2UziZF1cCdp786RPTCsJYGym8eaYo9a91iN"
    "jTbuIVrErLKqRQSPWtPas5vUsng5Lp8oeXar43Ca1qSkafIqNgEFsm1vJ+6maA2n28Hp6u"
    "mHsqQmYU5Di2u06Mi3Re0Hkzlr18jGVf4Vsc0hNegaW3kNkBpbuale2w6Qt6pea7Jr7T67"
    "VtEetwOEY/4I3cQ4Z2MvgXJcSjDz+MF5nJWpGlWP+QtEVJ1BcFUvzzdnfbe/0SsH2o10jF"
    "ZJf5xrqFrjAMM5FK7BE505WrxBGAniYJgIyFEcmFAH2+hWcbkPLjACas74sdT+PpdNcbbT"
    "nh8RVG28OIwXh7HnGy8Ow/VdeXGQBfbzbZS1xEUEnUtQcXxaJpBLtSqutXHawlCuPQUX1V"
    "LJxMFCLLk6r82xmFeBOUPYQa+k49PTUvP5dMN8Pj1sTmnMQMuUc6Re65+Kj9P+AbSCZ7s7"
    "w4z+R2sj3mhXbA/yBfEpooL7AQ3Zc3IFOnMKNqdgcx4yp2DD9Qacgpt/StvfqaGOc5qwvV"
    "kVfMP2nZMxXpcB93Uxtq8z0MJi8h/OKlZMXNPsUdD4ev1uP7LG7jNytMRjVR1q6R3ZD8i7"
    "cVhtimzhYiam+hielS7Cexvli4T1UgYkFQqTzDGzjvgd1KafIozi3b1BVAqkJFY6Y8QPDb"
    "XoHdWZTsdkyl3/Gp5K4vbRcr7q69++KSlTqqSOgSDElS8G6H3YmlpCp5FzbDV7kP9ViL6O"
    "fZ361ix0S1ZCZ5fThhv1gOphotEsTgS0HjKXLKHEi5ak5lRIDsYEyPW6IEyXTlHPvKM42N"
    "i5vURkasjjUdrab0JTjTjXrgNgOw/2Rpx7jlwvI85BPtFRuJdU9CDMozWumSmZg2+LbpbS"
    "YJvEVn2VolpaujVFF6J/M+n/Sub/25gAMCM1m5iDWiexXkS3KZSVITTLg/GKr38322aqps"
    "jMRE2hGojH7jahR7nEBmETzWGiOdoC8lbRHOvtfwdAd9wLPnNUKhFnEO5ZBt0H1wheGdvE"
    "nmUQfhDhvD2+UXEc37h7q970Z+65/gadMgwl7vc3GYeWfsvRPGpaorDekpBbe4XC7Ky+M1"
    "ncvew7odOMQv7RUKnynUBg2nEh8AJczuQA3YgJd8gNoiJjDqphjCEbBvvrsAeE0F+MkFra"
    "5APd+fMV6VmKsG1DwSGMhHo0m0QPBIWFkO5c0QzZmMs5AuYSZkEBo2QnEhT1Qk+ZtSVJW6"
    "KE+i0kZROoXYR+8c9VX379eFimzpAe3lQaMuaclpzQWqrYN+ac58j1MuYcfwHOMHyD701I"
    "0EH/vJdl3G5eFrvdvMzkiVNbLOVW1eosIUkz8l92qjLLnNvUwqtKHInTGJbsnCV6efIrgK"
    "tzoUIq55C3sWhOfgemeE6F4jkxCKumR84h7YKtdNMeX0em5C2N/sbib0x6xjTSBFh3bRoJ"
    "v+wdQPs+1lUrV4EHsU0tg1VLbtWp6TxT5/nJvJej4wzu9DdpN/G6zUNqzWJQdxwPe8EKjg"
    "K5KybNftQBB5sbV6Qrfx0dvzj58eT1y1cnr1UT/ZjRlR83rKXh6apYwQbGu9wvu1jsjpF0"
    "UPDeWTh94kyrPqoKCAfNO4huLXV+21bZ42nOVTsTmJ80luvv/wd8yzUt"
)
