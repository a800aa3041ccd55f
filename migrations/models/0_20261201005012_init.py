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
    "integration_account_id" UUID REFERENCES "integration_accounts" ("id") ON DELETE SET NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_conv_tenant_activity" ON "conversations" ("tenant_id", "last_message_at");
CREATE INDEX IF NOT EXISTS "idx_conv_tenant_status" ON "conversations" ("tenant_id", "status", "last_message_at");
CREATE INDEX IF NOT EXISTS "idx_conv_tenant_assignee" ON "conversations" ("tenant_id", "assigned_agent_id", "last_message_at");
CREATE INDEX IF NOT EXISTS "idx_conv_contact_status" ON "conversations" ("contact_id", "status");
COMMENT ON TABLE "conversations" IS 'One thread with one contact on one channel. A customer''s next message joins their open or';
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
    "eJztXWtz2zYW/SsYfVl7RlFjJ3Y9yc7OyI67dZvYHUfZdFp3aIiEJKwpgCVAy2o3/30BkB"
    "TfNCmLMkXjS2IDuAB9LonHuQ/83ZtTC9lsMJwiwnvvwN89AudI/JCs6IMedJyoWBZwOLZV"
    "SyibqCI4ZtyFpuxoAm2GRJGFmOlih2NKZNshmHlzSIDHkAvoBEDAEYGED8AHZCOOyRTcIe"
    "QwwGcIuHQB9ixZjiwD8n3AKJhhxqm7BIzDJQMugpZ8jIEc3aKmGF500fRAHsF/esjgdIqE"
    "tCuG+/0PUYyJhR4QC3917owJRraVQBVbsgNVbvClo8q+fLn48INqKf+IsWFS25uTqLWz5D"
    "NKVs09D1sDKSPrBPTIheKxY5ATz7YD3YRF/hOLAu56aPWoVlRgoQn0bKm43j8nHjGlvoAa"
    "Sf7z9l/Bo8WaGcbl1cj4fD4yjF5Gz/IRUhoJikxK5DuC5RsjgPnm9xsBokp7coCzH4fXe2"
    "+O9xUElPGpqyoVXL1vShBy6Isq0COUTaEuX5VZtD+IGo7nKB/xpGQKeSsQHYQ/rKOBsCBS"
    "QfSphOCG8DUAeE++yVfEXga6L1HA6OLT+efR8NMvcrg5Y3/aCr/h6FzWHKrSZap0z9cXFb"
    "OAPzmsOgFfL0Y/Avkr+O3q8jyt1VW70W89+UzQ49QgdGFAK/aahqUhaqJlpHXPsdbUelJS"
    "a70tWg8xiqk9ePpI6+r/jL7PZtDN13XYPqVlgdYu6nUOHwwbkSmfiV8PX78uUex/htdqSh"
    "WtUtq6DKoO/bpvCXzRHGK7DsArgc0g/PiKtT18j95WwffobTG+si6JrwMZW1DXMmaQzerg"
    "nBHs4ht9dFQJ8aMSxI/SiIsdHfdYHagjie1h3KOTiY0JamrnlQT64LgCzgfpaT6CWVYlUY"
    "amST3CjfpoZyW3iLo4veD7nQXdhkzghhBZYxOUlt3ANiiYqtsyt+zurie72Y1Oq3X1nJTU"
    "Wm6zll1qI6MeZxAT2SRx0F6lPsoTRHD6FFBNQBNCGlIBqWS3Jne5zIsPVhbeH6iL8JT8jJ"
    "YK5AvxJJCYeQexgHccrTraTVij0miGdOFiRQkmXyvx9/vTskJ/+Pls+OG8l5kJNgDrddBN"
    "R0GNTX4JSK/FTHx9cTbqqXd3DM27BRQnp4KXGDrYuEPLnE3raSD5w8/XyIbqryiEeuhgoZ"
    "cOgZ14H0XtPXKZwuCJQJ3FutrZ7UY5WnPEGJyiJwL1ye+lQxjJr5Ee0thXmPg+s1Xzw3m6"
    "BBKBiRWMLUdKfn95Nq3Vl1li1IrNAY+btSS1CiCQTIw0NkmbEkOmizjADEg7ErLeg1vHRR"
    "P8cAuwhQjH4s/wrU9iGIAJsDHjDEBiAZtOWdai1dAY2pjVgh1VXxuzXpBZQxuzXqLWtTHr"
    "+Y1Z/upYy8qykuicOevNYQWA3xwW4iurkvCKXUZtM1ZcpnMQH1cxGB4X2wuPs+ZC5M4xY/"
    "mnrp8+X10WvMZJsfSqgE0O/qd2hzt7uMhDWOKRmPlDZPc+DX9Ng3728eo0PaXLDk7TBvEH"
    "B4vqNVbmpKRm3tuzEGf3X8oa5rG1dmBpWa3pNmvaRff0bi09JyW1ltusZeWkXNPyE5fRhh"
    "9tS9O2tJbwxv2n2dJgGNPwRFxXsREdhTU+/+WjWmxNa5LZP6OE+3R8htoPq/pl3L7pN6oc"
    "smJ6jNM5cgFkgBIEzBkkBNngTiw2il6fvwN7QWEfoAeOXAJtAdy+pOZFPRailiU+fPWbiz"
    "LcfgNj3JC9rzPI2dBxwAKKhn2g3uipC+evmEkdZAFZKI1K4rgqRv7l88UH0bV03w272i8y"
    "Efwem52Cp5I/xp6r90fKjPB3L1Jv8ouNMZZ/qE4cObY6qwavQmRxeDBC7RlBH4G00nDwfQ"
    "aP4kL1yzdtwNAGjHbOxDtKZWsDxkvUehUDRmwtqEoAx0Q6aMbYvI93fI2tAXNKrINQNxIs"
    "slWLXMv4ny3A6wiQauG7EugewJu3x205dq/V6DYSvAfvxabXNTy3FspJqe5BffC6ku1eNi"
    "te915nrff+GVnsC8XDjD2e505ZbAHNFX6SHXS9ALPoQDf2sM0xYQM57HOc6RoxjyrjFyZj"
    "6pG1bWdJcW1Yac+GP3vO03YAbQdoC2FdwQ5QJf7j+WIbdgX4Rh33E5jlc/wJTEuJ/qQiq3"
    "jyI8BnkqABC8xnPhfvM87i5zg1PwARa/8PBog4YIMgzgP8l4p1PWDlqYOEnJvh/Bsb6YaI"
    "/y2Z4Sr+9/dFjWrBABRdLNQAVMwXAKsIAjEdUfseWbKZ76hkVYwPKCb21WIePGl1dv8+ZP"
    "ZVLD7myxJqX65ERaNH+QOe+BxRR2s8BRRjTImkM2PWtKcC4/eJqj9S8GIlkak6aij8KA7a"
    "0KINLe1cyHaUcteGlpeodW1oqabdhg0tu5InSuzpmlqnmoaYw2ktEi9s3w7eTo7XGd7OI3"
    "KyNFTqraxKLggvWENSYinN4Ob4htdNvfNT+QSvDg/efv/25M3x2xO5X5dFq5LvS3RzcTnK"
    "I0Rje/2ai3SOeAdX6t1dmQtCRzQD/rL0HX6h4jR9j9Gizq6hSL57hsFGYnpD4mqtAJ6EqP"
    "7M2vyZ5RJplUN58oSfwDDtjp5rhPQkScKq0CaltDEvBaroDU1dRcEbYWbbmnRoYQ/6BdYx"
    "aQ1Aqm3R249JM6PApSciGwuB6ii0yRXncWxzJtAN4HwR9TqMOt3JafdRxIuXoAT64nHA5Z"
    "ePH3slG7cNIF817nJHwc7dqxbgXMWdZdvJJ3dlWmnUieXCJ3C+ovGM0rtejhtLqkW/zJEl"
    "pIMWfuPKkauOS++xpbxGAlEZX+oiE2Fx7O0HaSPBGE3E/4EjiJAxZUyorKaAUD6TriSiwq"
    "Y+vZ6KXN34GDdkMUMEQLCg7h1yZbFFF2QAbi1keQ6SeTlvwRzeIenK4qJXAi4xlLtcpcUU"
    "QIMxtWS6TEJfUWdwQy4pD26AeyX6QtY74FJPXQPH6epyODATKpAeMuoBUo+qs2W2ZX/aL/"
    "GBCN/GOgRcXEZbRiuY7aLvsA7MSanO5Xo7ODypgvPhSTHQsi6JtJzFshiP0EOBOS5s34nX"
    "uIy9PP91VG4CXZGXH68u/x02T9tF00yyv2atxSQnRDtoodtRX5oqHlSrJX4NxadltQ2hzT"
    "YE5Lo0Z2tQPJ+uBLpgjNv2fAo5R3OH5xw8C91J4iLalWSUR8Y+T86lHLYr90ybx4mVnWsz"
    "vFL1rExBhqRALn7JN9iDYJX8iHjzMXL7ovIX8aeJ/0mUCCkUlrUy9HlMH/bz7hJvbKwbch"
    "tLzHCrDqXiWBuc98MDNZOHVHEc3VPR74Y/ikrp5MgYEPnDYDDYfx9cCCGOxTL/U3DwRsR0"
    "lw6X6Z4IuA1aGKvSW3UdBEHiAC3O0txzSfFR9/en53oKO6gQexB/OYI+YsPrEIQ2Hr91CM"
    "JL3EDrEISuaV2HIFTTbsNEm74PpOHL7XUurS0mexIjTvA0C3RJ0paVRDsiPjqVqSVzFKhD"
    "jOQKbzHq6RmU0AhHgtnqb8igf0qpjSApOKEkBFPIj4VkU9CvSraL/unV1ccE+qcXaXi/fD"
    "o9FwusUoVohH1niWxEzo4E9qn0B6ipF73x0D7ti6l9MVviUbXzeYHaaUjYrkdV6ICWQzvH"
    "fNOKuea4G1wVfjnMsIOlK1Jc9QMgvrAVRRt2CyICK8jIH/eMkuyF+AznTg653MxAN2RPeT"
    "HJ+tXlAguXcrTflx5Xvo/TAkUOTgDzPhCFJhL1IE4IAHmhQJWrAMIHWYWzPcYNx//ckCGO"
    "iMAKJHGISpCpxpct4YdTeXGihX3NYf0OKgysiWlNTG/mNBpMeuErOJBf6XNoo+V8paapNU"
    "2t1INdZIb7rMq+inGhDvJ7VVwVix0VM26KCpoa8IbtO4jsYaU04yVZxjNJxrnYRdSh5sL2"
    "2mWpPh0nQ8tyg5RKOepQRJPUmyepd4Kr22ETY96RrQbaBeJdmHu2YBEr8EctnmyK/FH1De"
    "415hQ1Yz/wNd/4fGn9wld64ZmMaK1//oqJaQf79py1skfsIBRzrUN2WlZrus2aVmkf1wmU"
    "glq/u6DfCcT2Wp9xQlDruM06Nm0odLAWKZ6Q1FputZazNraq1qYcUe2Vkd3SyvPvOlkJc0"
    "R1SjftRtQApNqN6FlSuiV8fJ4Ib0evEkuDnLPkPA51fCLdANQdTzCWs+zUTi/WpKfXlcfH"
    "9OH8HuUHGcer+2UeX0g2Mahqrlo+6vX11cWcy9RPJEokJUQIg76NBfr+VjKMaapyWfnyY8"
    "TeA8cb25jNkKUCai3MHMjNme8TlPD4amKQGwInHLnApPM55vLCOLZAyFHZscJGDLh0wYCN"
    "Jty/cS4Sl75kUuPr3PiW6EXK1/Ok8tVjBFfWKf1pB6oWOlA960asnRPtU7e22mkitDUcV3"
    "GaOC52mjjOOE04cGlTmPOyFtvWYiLakL9xo5tY3OqZOlcCWhkbV0ZrKKFOTuz6porGb6rY"
    "cW9u7cm7TpqRzEmjlnU5LayNFm02Wqjja53McZGAzhvXorxx1+ie3iFrJP4hvRwyJ1HfL2"
    "NzXL+lwWXTylF8Np2K53pFPQ6Yz0K8A0glC//p68hPGA5XVWDPRRPxEkt+hRIk067RfRlk"
    "J4o9GSHnEY7tDKHTyCg3BHOwoJ5tgRm8RwA9ONhVvM9yAZdPTUauQKzp+BaX6Vz25k2dQI"
    "sJFF+BbI2lKym5nT3LNjXRpXVL70xfys60LQssVX9tdmGV5eULqmhRcR09lSzIK0yAkgF7"
    "0Jpj8h3zHOTeY0bd79RhdV/mHfWNDGJJU1d7qHIGHCpeAiCWQLHeAfUA7zOraANj3BCxLm"
    "IXiC7m2DdBSAsJAhOXzsVPFpJrsboD1GXfGbIZGzjL/X4QMe8vz6rxbayP2yqh8PKag3To"
    "uzZh6BhwPTdvYW7WUd9d1nrORiwT9V3zbpqNXkrz3Fpt2LSmk5JG4ZiVkpIelCQlPcgmJY"
    "0/WQ2YU2IdyMWYxPqoEtZHJVgfZbGO7erq2CZTYu2wUMrxOmOhxMwI/rCsXh7LixkT1Hkx"
    "a+TF1L7W2te6LT6qG0rZ6HMDOVNIjVyNVb2BdwXqRrM0fpZ8zVBSN70cUipW2y+jphTrYy"
    "gGqCJDNZohQB2pHirTIIaXCb0DEDDkQKk24Ai4TOxAG9wJlfQB9TjDFgosNf4bl739Z6M9"
    "6/tjWzBB9zVH9ILYAs0RvUStV+GIkLyGrc4ReyXQOfP34VGltHVHJXnrjnaQKNoSddHI3T"
    "UOZGxBxX5tBtmsDswZwQ4ScxtLXtQSK29w3svZUkcnweLttL8BreozRQB1p5Dgv9S56J0K"
    "RvOkNxKdAMyof1zKuSWzupzeBetdsN4P6V2w1noLdsHt36Vtb9fQxD6N2V7OnXcl+WuD9p"
    "07Y5xUAfekGNuTDLRyMvmLknpRtDGZLR40vozOtnPW2Ly9fzdSMO/gdWktOVsMkYvNWS/n"
    "bBHUlJ4tYNTmsaNFMdgbPhAUBgnlngdyAoSCSbK9E+sGAoTK9v/SH7am+0lMpIs7gyaSIc"
    "uPqgbCQfMOotuIG9WuXeXwPL4MG3PeedbF7Nv/AWLNiG0="
)
