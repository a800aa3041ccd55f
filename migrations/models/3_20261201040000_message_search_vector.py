"""Message search reads a stored tsvector instead of computing one per row. Written by hand: a
generated column and its GIN index are beyond what Tortoise models describe, so `aerich migrate`
never generates (or drops) them; the models do not know the column, and never write it.

Why: ranking (ts_rank) and the index recheck computed to_tsvector(text) for every matching row,
which for a common word on a large tenant was most of the search's time."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "messages" ADD COLUMN IF NOT EXISTS "search_vector" tsvector
            GENERATED ALWAYS AS (to_tsvector('simple', coalesce("text", ''))) STORED;
        CREATE INDEX IF NOT EXISTS "idx_messages_search_vector" ON "messages" USING GIN ("search_vector");
        DROP INDEX IF EXISTS "idx_messages_text_fts";"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE INDEX IF NOT EXISTS "idx_messages_text_fts" ON "messages"
            USING GIN (to_tsvector('simple', coalesce("text", '')));
        DROP INDEX IF EXISTS "idx_messages_search_vector";
        ALTER TABLE "messages" DROP COLUMN IF EXISTS "search_vector";"""
