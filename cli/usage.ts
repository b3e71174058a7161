export const USAGE = `Usage: scrum4me-notifier <command> [flags]

Shows Scrum4Me agent questions as they are asked, and answers them, from a terminal.

Commands:
  watch                      connect and print questions as JSON lines until Ctrl-C;
                             also sends answers queued while offline
  list [--json]              the cached open questions (no network), with the last sync time
  answer QUESTION_ID (--option N | --text TEXT)
                             answer a question: N is the option number shown by list (1-8)

Connection (watch, answer), one of:
  --server URL               Scrum4Me web app (https://…; http only to localhost)
    --cookie NAME=VALUE      the web session cookie, or
    --token TOKEN            an API token sent as "Authorization: Bearer"
    --stream-path PATH       default /api/realtime/notifications
    --answer-path PATH       default /api/questions/{id}/answer
  --database URL             PostgreSQL connection string (LISTEN scrum4me_changes)
    --user USER_ID           the Scrum4Me user whose questions to show and answer

Other flags:
  --data-dir DIR             the cache and answer outbox (default ~/.scrum4me-notifier)
  --verbose                  debug logs on stderr
  -h, --help                 this text

watch output (stdout, one JSON object per line):
  {"type":"state","state":"connecting"|"connected"|"disconnected"|"suspended"|"failed"|"closed",
   "reason"?:"…","retryInMs"?:N,"failure"?:"auth"|"config"|"tls"|"disabled"}
  {"type":"question","question":{…}}           a question became open (once, also across restarts)
  {"type":"closed","id":"…","status":"…"}      an open question was answered, cancelled, expired or closed
  {"type":"answer","id":"…","result":{…}}      a queued answer was sent or refused

answer output: {"type":"sent","id":"…"} or, offline, {"type":"queued","id":"…"} (sent by the next
watch); a refusal (already answered, expired, not an option, no access) goes to stderr with exit 3.

Logs go to stderr. Exit codes: 0 done, 1 error, 2 bad usage, 3 answer refused.
`
