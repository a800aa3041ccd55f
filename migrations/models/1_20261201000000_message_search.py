"""Full-text search over message text. Written by hand: an expression GIN index is beyond
what Tortoise models describe, so `aerich migrate` never generates (or drops) it."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE INDEX IF NOT EXISTS "idx_messages_text_fts" ON "messages"
            USING GIN (to_tsvector('simple', coalesce("text", '')));"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_messages_text_fts";"""
