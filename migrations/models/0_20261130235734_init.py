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
    "dispatched_at" TIMESTAMPTZ
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
    "eJztXW1T27gW/iuafLkwE7KFAmXaO3cGKHuX3RY6bXq7s8uOUWIl0cWRvJZMyO7tf7+S/P"
    "6KHeLgGH1pwdaRzHNsSec5L/q7N6cmstjgdIoI770Ff/cInCPxQ/JGH/SgbUeX5QUOR5Zq"
    "CWUTdQmOGHfgWHY0gRZD4pKJ2NjBNseUyLanYObOIQEuQw6gEwABRwQSPgDvkYU4JlNwh5"
    "DNAJ8h4NAF2DHldWQakO8CRsEMM06dJWAcLhlwEDTlYwzk6CYdi+FFF00P5BL8p4sMTqdI"
    "SDtiuN//EJcxMdEDYsGv9p0xwcgyE6hiU3agrht8aatrX79evv9RtZR/xMgYU8udk6i1ve"
    "QzSsLmrovNgZSR9wT0yIHisWOQE9eyfN0El7wnFhe446LwUc3ogokm0LWk4nr/nLhkLPUF"
    "1Ejyn8N/+Y8Wa2YYV9dD48vF0DB6GT3LR0hpxL80pkS+I1i+MQKY716/ESDqak8OcP7T6e"
    "ed18e7CgLK+NRRNxVcve9KEHLoiSrQI5THQl2eKrNovxd3OJ6jfMSTkinkTV90EPywigaC"
    "C5EKok8lADeArwHAe/JNvibW0td9iQKGlx8vvgxPP36Sw80Z+9NS+J0OL+SdA3V1mbq64+"
    "mLilnAmxzCTsC3y+FPQP4Kfru+ukhrNWw3/K0nnwm6nBqELgxoxl7T4GqAmmgZad21zRW1"
    "npTUWm+L1gOMYmr3nz7Suvo/o+/zGXTydR20T2lZoLWNep3DB8NCZMpn4teDV69KFPuf08"
    "9qShWtUtq68m8dePe+J/BFc4itOgCHAutB+PEVa3P4Hh1WwffosBhfeS+Jrw0ZW1DHNGaQ"
    "zergnBHs4ht9dFQJ8aMSxI/SiIsdHXdZHagjic1h3KOTiYUJamrnlQR6/7gCzvvpaT6CWd"
    "5KogzHY+oSbtRHOyu5QdSF9YLvtxZ0CzKBG0JkhU1QWnYN2yB/qm7L3LK9u57sZjeyVuvq"
    "OSmptdxmLTvUQkY9ziAmsk7ioL1KfZQniOD0KKCagCaENKQCUsluTe5ymRcPrCy8P1IH4S"
    "n5BS0VyJfiSSAZ5xliPu84DDvaTlijq9EM6cBFSAkmXyvx93vTskL/9Mv56fuLXmYmWAOs"
    "n/1uOgpqbPJLQPpZzMSfL8+HPfXujuD4bgGF5VTwEkMbG3dombNpPfMlf/zlM7Kg+isKoT"
    "61sdBLh8BOvI/i7j1ymMLgiUCdx7ra2u1GOVpzxBicoicC9dHrpUMYya+RHtDYV5j4PrO3"
    "5gfz9BVIBCamP7YcKfn95fm0wi+zxKkVmwMed2tJahVAIJkY6WySPiWGxg7iADMg/UjIfA"
    "dubQdN8MMtwCYiHIs/w/M+iWEAJsDCjDMAiQksOmVZj1ZDY2hnVgt2VH3tzHpBbg3tzHqJ"
    "WtfOrOd3ZnmrYy0vSyjROXfW64MKAL8+KMRX3krCK3YZtd1YcZnOQXxcxWF4XOwvPM66C5"
    "Ezx4zlW10/f7m+KniNk2LpVQGPOfif2h1urXGRh7DEIzHzB8jufDz9NQ36+Yfrs/SULjs4"
    "SzvEH2wsbq+wMiclNfPenoU4u/9S3jCXrbQDS8tqTbdZ0w66p3cr6TkpqbXcZi2rIOWanp"
    "+4jHb8aF+a9qW1hDfuP82XBoOchifiGuZGdBTW+PyXj2qxN61JZv+cEu7R8RlqP7jVL+P2"
    "x16jyikrY5dxOkcOgAxQgsB4BglBFrgTi42i1+dvwY5/sQ/QA0cOgZYAbldS8+I+FqKmKT"
    "589ZuDMtx+A2PckJ1vM8jZqW2DBRQN+0C90VMHzvfYmNrIBPKidCoJc1WM/OnL5XvRtQzf"
    "DbraLXIR/B6bnfynkj/Gnqv3R8qN8HcvUm/yi40xln+oTmw5trJV/Vch8jg8GIH2DL8PX1"
    "pp2P8+/UdxoPrlu3ZgaAdGO2fiLaWytQPjJWq9igMjthZUJYBjIh10Y6w/xju+xtaAOSXW"
    "QagbSRbZqEeuZfzPBuC1BUi18A0Fugfw+v1xG87dazW6jSTvwXux6XUM16mFclKqe1Dvv6"
    "rku5fNite9V1nvvWcji32heJiRy/PCKYs9oLnCT/KDrpZgFhl0IxdbHBM2kMM+h03XiHtU"
    "Ob8wGVGXrOw7S4prx0p7NvxZO0/7AbQfoC2EdQU/QJX8j+fLbdgW4BsN3E9gls/xJzAtJf"
    "qTiqwSyY8An0mCBiwwn3lcvMc4i5/j1PwARKz9PxggwsAGfp4H+C8V67rPylMbCTknw/k3"
    "NtINEf+bssJV/O/vizuqBQNQdLFQA1AxXwCsMgjEdESte2TKZl6gklkxP6CY2FeLuf+k1d"
    "n9+4DZV7n4mC9LqH25EhWNHtUPeOJzRB2t8BRQjDElks6MedOeCozXJ6r+SP6LlUSm6qiB"
    "8KM4aEeLdrS0cyHbUspdO1peota1o6Wadht2tGxLnSixp2tqnWoaYg6ntUi8oH07eDs5Xm"
    "d4O5fIydJQpbeyKrkkvGANSYmlNIOb4xteNfXOT+UT7B3sH745PHl9fHgi9+vyUnjlTYlu"
    "Lq+GeYRobK9fc5HOEe/gSr29K3NB6ohmwF+WvoMvVFjT9xgt6uwaiuS75xhsJKc3IK5WSu"
    "BJiOrPrM2fWS6RVjmVJ0/4CQzT9ui5RkpPkiSsCm1SSjvzUqCK3tDUURS8EVS2rUmHFvag"
    "X2Cdk9YApNoXvfmctHGUuPREZGMpUB2FNrniPI5tzgS6Bpwvo15Po063ctp9FPHiJSiBvn"
    "gccPX1w4deycZtDchXzbvcUrBz96oFOFcJZ9l08cltmVYaDWK59Aicb2g0o/SulxPGkmrR"
    "LwtkCeighde4cuaq7dB7bKqoEV9U5pc6aIywMHv7ftlIMEIT8b8fCCJkxjInVN6mgFA+k6"
    "Ek4oZFPXo9lbm69jFuyGKGCIBgQZ075MjLJl2QAbg1kenaSNblvAVzeIdkKIuD9gRcYihn"
    "GZbFFECDETVluUxC96g9uCFXlPsnwO2JvpD5FjjUVcfAcRoeDgdmQgUyQkY9QOpRdbXMtu"
    "xP+yUxEMHbWIeAi8toz2gFt130HdaBOSnVuVpv+wcnVXA+OCkGWt5LIi1nsSzGQ/RQ4I4L"
    "2nfiNS5jLy9+HZa7QEPy8sP11b+D5mm/aJpJ9taslZjkhGgHPXRbGktTJYIqXOJXUHxaVv"
    "sQ2uxDQI5Dc7YGxfNpKNAFZ9ym51PIOZrbPMfwLAwniYvoUJJhHhn7PDWXctiuXJs2jxMr"
    "s2szvFL1qkx+hSRfLn7IN9iBICx+RNz5CDl9cfOT+NPE/yQqhBQIy7sy9XlEH3bzzhJvbK"
    "wbchsrzHCrjFJh1vr2fmBQM2mkCnN0R2W/G94oqqSTLXNA5A+DwWD3nX8ghDCLZf0n3/BG"
    "ZOwsbS7LPRFw67cwwqu36jgIgoQBLWxp7jqk2NT9/em1noIOKuQexF8Ov4/Y8DoFoY3mt0"
    "5BeIkbaJ2C0DWt6xSEatptmGjT54E0fLi9rqW1wWJPYsQJnmaBLinaEkq0I+OjU5VaMqZA"
    "HWIkV3iDWU/PoIRGOBLMwr8hg/4ZpRaCpMBCSQimkB8JyaagD69sFv2z6+sPCfTPLtPwfv"
    "14diEWWKUK0Qh7wRLZjJwtSexT5Q9QUy9646l9OhZTx2K2JKJq6+sCtdORsNmIqiAALYd2"
    "jsWmFXPN8TC4KvxyUGEHy1CkuOoHQHxhIUUbdAsiAsuvyB+PjJLshfgM53YOudzMQDdkR0"
    "Uxyfvh4QILh3K025cRV16M0wJFAU4A8z4QF8dI3AdxQgDIAwWqHAUQPEiYzvYYNxz/cwOG"
    "OCICK5DEASp+pRpPtoQfTtXFiRb2FYf1OqgwsCamNTG9HmvUn/SCV3Agv9Ln0EbL+UpNU2"
    "uaWqkHO2gc7LMqxyrGhTrI71UJVSwOVMyEKSpoasAbtO8gsgeVyoyXVBnPFBnnYhdRh5oL"
    "2uuQpfp0nEwty01SKuWoAxFNUq+fpN4Krm6LXYx5JlsNtAvEuzD3bMAjVhCPWjzZFMWj6h"
    "Pca8wpasZ+4Cu+8fnS+oWv9MIzmdFa3/6KiekA+/bYWlkT20/FXMnITstqTbdZ06rs4yqJ"
    "UlDrdxv0O4HYWukzTghqHbdZx2MLCh2sRIonJLWWW63lrI+tqrcpR1RHZWS3tNL+XaUqYY"
    "6oLummw4gagFSHET1LSbdEjM8T4e3oUWJpkHOWnMehjk+ka4C64wXGcpad2uXFmoz0unb5"
    "iD5c3KP8JOP47X5ZxBeSTQyqmquWj0Z9fXMw57L0E4kKSQkRwqDnY4FevJVMY5qqWlae/A"
    "ixd8B2RxZmM2SqhFoTMxvy8cyLCUpEfDUxyA2BE44cMKbzOebywDi2QMhW1bGCRgw4dMGA"
    "hSbcO3EuEpexZFLjq5z4luhFyteLpPLUY/hH1in96QCqFgZQPetGrJ0T7VO3tjpoIvA1HF"
    "cJmjguDpo4zgRN2HBpUZjzshb71mIi2pG/dqebWNzquTpDAa2MtSujNZRQJyd2fVJF4ydV"
    "bHk0t47kXaXMSMbSqOVdTgtrp0XbnBYZkvJ56IfP6J7eIXMo/iG9HP4hcb9fRkA4XkthSo"
    "umlRPPLDoVz7UnDGPAPMP5LUCqvvXP34ZejWsY3gI7DpoI3CUlQAmSlcLornee+8SVSV0u"
    "4djKcBCNjHJDMAcL6lommMF7FBwjDyBZLuDyqfWzFYg1Y7XiMp0rOLwuo6nY5vcUyFaYbZ"
    "OSm1lmN6mJbZ9q9WbqJW6m2rLAUvXXZhdWeb18QRUtKq6jZ9Jw38MEKBmwA805Jj8w10bO"
    "PWbU+UHZV7uyVKbHi4slTZ1Goa4zYFPxEgCxBIr1DqgHeJdZRRsY44aIdRE7QHQxxx5rLk"
    "l9BCYOnYufTCTXYnVspcN+MGQzNrCXu30/ydtbnlXj21gft1Wyt2Vl/nS2tmbdddqynps3"
    "MDfrROUuaz1nI5ZJVK55nMpaz1F5bq027A3SdTSjDMJKdTT3S+po7mfraMafrAbMKbEOlA"
    "9MYn1UCeujEqyPsljHdnW1vJtJsXY41eR4nXGqYWb4f1hWL4+VcowJ6lKONUo56vBgHR7c"
    "lrDKNVUZ9LiBnCmkRnnBqgGs2wJ1o4UFv0i+5lRSN70cUip2t19GTSnWx1AMUEWGajhDgN"
    "pSPVRW7gvOv3kLIGDIhlJtwBZwjbENLXAnVNIH1OUMm8j31HhvXPbAmrX2rI88bcEE3dcc"
    "0QtiCzRH9BK1XoUjQvLksDomdijQOff3wVGlSmtHJaXWjraQKNoQddHIcSs2ZGxBxX5tBt"
    "msDswZwQ4Sc2urt9MSL69v7+VsqSNLsHg77W1Aq8ZMEUCdKST4L2UXvVX5U66MRqITgBn1"
    "zKWcgx2ry+ldsN4F6/2Q3gVrrbdgF9z+Xdrmdg1N7NOY5eYc01ZSctVv3zkb46QKuCfF2J"
    "5koJWTyV+U1Ev8jMls0ND4OjzfjK2xfn//dlQN3sITvlpiW5wiB49nvRzbwr9TalvAqM1j"
    "pkUx2Gs2CC5JQTX3XHsAZ707/iTZ3olVHd20d7B/+Obw5PXx4Ylooh4zvPKm5AUNPL/F+3"
    "8ZD1sz/CQm0sWdQRP1e+VHVQNhv3kH0W0kjGrbTh94nliGtQXvPOti9v3/Nw0gkA=="
)
