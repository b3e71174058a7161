-- The slice of Scrum4Me's schema the notifier touches (see docs/protocol.md). Ids are text, as in
-- Scrum4Me (cuid there, random strings here). Loaded into every test database by test/support/postgres.ts.

CREATE TABLE users (
  id text PRIMARY KEY,
  is_demo boolean NOT NULL DEFAULT false
);

CREATE TABLE products (
  id text PRIMARY KEY,
  name text NOT NULL,
  user_id text NOT NULL REFERENCES users (id), -- the owner
  archived boolean NOT NULL DEFAULT false
);

CREATE TABLE product_members (
  product_id text NOT NULL REFERENCES products (id),
  user_id text NOT NULL REFERENCES users (id),
  PRIMARY KEY (product_id, user_id)
);

CREATE TABLE stories (
  id text PRIMARY KEY,
  product_id text NOT NULL REFERENCES products (id),
  code text NOT NULL,
  title text NOT NULL,
  assignee_id text REFERENCES users (id)
);

CREATE TABLE ideas (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id), -- idea questions are private to this user
  product_id text NOT NULL REFERENCES products (id),
  code text NOT NULL,
  title text NOT NULL
);

CREATE TABLE claude_questions (
  id text PRIMARY KEY,
  product_id text NOT NULL REFERENCES products (id),
  story_id text REFERENCES stories (id),
  task_id text,
  idea_id text REFERENCES ideas (id),
  asked_by text NOT NULL REFERENCES users (id),
  question text NOT NULL,
  options jsonb,
  status text NOT NULL DEFAULT 'open',
  answer text,
  answered_by text REFERENCES users (id),
  answered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE INDEX claude_questions_open_idx ON claude_questions (product_id, status, expires_at);

-- Reserved for the answer tests: one row per idempotency key the server has applied.
CREATE TABLE answer_receipts (
  idempotency_key text PRIMARY KEY,
  question_id text NOT NULL REFERENCES claude_questions (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Like Scrum4Me's trigger: ids and status only. The question text never goes into a payload, because any
-- role that can LISTEN on the channel can read it.
CREATE FUNCTION notify_question_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(
    'scrum4me_changes',
    json_build_object(
      'op', CASE TG_OP WHEN 'INSERT' THEN 'I' ELSE 'U' END,
      'entity', 'question',
      'id', NEW.id,
      'product_id', NEW.product_id,
      'story_id', NEW.story_id,
      'task_id', NEW.task_id,
      'idea_id', NEW.idea_id,
      'status', NEW.status
    )::text
  );
  RETURN NULL;
END
$$;

CREATE TRIGGER claude_questions_notify
AFTER INSERT OR UPDATE ON claude_questions
FOR EACH ROW EXECUTE FUNCTION notify_question_change();
