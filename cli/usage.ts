export const USAGE = `Usage: scrum4me-notifier <command> [flags]

Shows Scrum4Me agent questions as they are asked, and answers them, from a terminal.

Commands:
  watch [--json]             connect and print questions until Ctrl-C: readable lines on a
                             terminal, JSON lines when piped or with --json;
                             also sends answers queued while offline
  list [--json]              the cached open questions (no network), with the last sync time
                             and how long each has waited
  answer QUESTION_ID (--option N | --text TEXT)
                             answer a question: N is the option number shown by list (1-8);
                             on a terminal, without either, it shows the question and asks

Connection (watch, answer), one of:
  --server URL               Scrum4Me web app (https://…; http only to localhost), with one credential:
    SCRUM4ME_TOKEN=TOKEN     environment: an API token sent as "Authorization: Bearer", or
    SCRUM4ME_COOKIE=NAME=VALUE  environment: the web session cookie, or
    --token-file FILE        the token from FILE (- for standard input), or
    --cookie-file FILE       the cookie NAME=VALUE from FILE (- for standard input)
    --token TOKEN, --cookie NAME=VALUE
                             also work, but other users see them in ps and they stay in shell history
    --stream-path PATH       default /api/realtime/notifications
    --answer-path PATH       default /api/questions/{id}/answer
  --database URL             PostgreSQL connection string (LISTEN scrum4me_changes), without the
                             password: pg reads it from PGPASSWORD or ~/.pgpass (PGPASSFILE)
    --user USER_ID           the Scrum4Me user whose questions to show and answer

Examples (the secrets stay out of ps and shell history):
  read -rs SCRUM4ME_TOKEN && export SCRUM4ME_TOKEN      # type or paste the token, unseen
  scrum4me-notifier watch --server https://scrum4me.example.com
  scrum4me-notifier answer ID --option 1 --server https://scrum4me.example.com --token-file ~/.s4m-token
  secret-tool lookup app scrum4me | scrum4me-notifier watch --server https://… --token-file -
  scrum4me-notifier watch --database postgres://notifier@db.example.com/scrum4me --user USER_ID
                             (the password from ~/.pgpass, mode 0600: db.example.com:5432:scrum4me:notifier:…)

Other flags:
  --data-dir DIR             the cache and answer outbox (default ~/.scrum4me-notifier)
  --verbose                  debug logs on stderr
  -h, --help                 this text

watch output when piped or with --json (stdout, one JSON object per line; control and format
characters in strings are written as \\uXXXX escapes, so no server text reaches the terminal raw):
  {"type":"state","state":"connecting"|"connected"|"disconnected"|"suspended"|"failed"|"closed",
   "reason"?:"…","retryInMs"?:N,"failure"?:"auth"|"config"|"tls"|"disabled"}
  {"type":"question","question":{…}}           a question became open (once, also across restarts)
  {"type":"closed","id":"…","status":"…"}      an open question was answered, cancelled, expired or closed
  {"type":"answer","id":"…","result":{…}}      a queued answer was sent or refused

answer output: {"type":"sent","id":"…"} or, offline, {"type":"queued","id":"…"} (sent by the next
watch); a line for people when it asked; a refusal (already answered, expired, not an option, no
access) goes to stderr with exit 3.

Logs go to stderr. Exit codes: 0 done, 1 error, 2 bad usage, 3 answer refused, 4 cancelled at the prompt.
`
