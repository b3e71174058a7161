// The first schema: the question cache, the feed's sync markers and the answer outbox.
// Every timestamp is ISO 8601 UTC text from `toISOString()`, so text order is time order.
import type { Migration } from './migration'

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE questions (
        id TEXT PRIMARY KEY,
        product_id TEXT NOT NULL,
        product_name TEXT,
        story_id TEXT,
        story_code TEXT,
        story_title TEXT,
        task_id TEXT,
        idea_id TEXT,
        idea_code TEXT,
        idea_title TEXT,
        assignee_id TEXT,
        text TEXT NOT NULL,
        -- JSON: the choices (array of strings) or NULL for free text
        options TEXT CHECK (options IS NULL OR json_valid(options)),
        -- JSON: the object some questions carry instead of options (merge conflicts)
        context TEXT CHECK (context IS NULL OR json_valid(context)),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        status TEXT NOT NULL,
        answer TEXT,
        answered_at TEXT,
        first_seen_at TEXT NOT NULL,
        -- when a feed last said this question is open
        last_confirmed_at TEXT NOT NULL,
        notified_at TEXT,
        seen_at TEXT,
        -- when this question left the open set; retention counts from here
        closed_at TEXT
      ) STRICT;

      -- The panel's list: open questions, newest first. Partial, so it stays ~100 rows small.
      CREATE INDEX questions_open_by_created ON questions (created_at DESC) WHERE status = 'open';
      -- Retention pruning.
      CREATE INDEX questions_closed_by_time ON questions (closed_at) WHERE status <> 'open';

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- Answers waiting to be sent. Rows are deleted only when the server acknowledged them.
      CREATE TABLE outbox (
        -- the client-generated idempotency key, sent with the answer
        id TEXT PRIMARY KEY,
        question_id TEXT NOT NULL REFERENCES questions (id),
        answer TEXT NOT NULL CHECK (json_valid(answer)),
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        state TEXT NOT NULL DEFAULT 'pending'
      ) STRICT;

      -- Sending in order, and the foreign-key lookups when questions are pruned.
      CREATE INDEX outbox_by_state ON outbox (state, created_at);
      CREATE INDEX outbox_by_question ON outbox (question_id);
    `)
  },
}
