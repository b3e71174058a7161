export const USAGE = `Usage: scrum4me-notifier <command> [flags]

Shows Scrum4Me agent questions as they are asked, from a terminal.

Commands:
  watch     Connect and print questions as JSON lines until interrupted (Ctrl-C).

Connection, one of:
  --server URL           Scrum4Me web app (https://…; http only to localhost)
    --cookie NAME=VALUE  the web session cookie, or
    --token TOKEN        an API token sent as "Authorization: Bearer"
    --stream-path PATH   default /api/realtime/notifications
  --database URL         PostgreSQL connection string (LISTEN scrum4me_changes)
    --user USER_ID       the Scrum4Me user whose questions to show

Other flags:
  --data-dir DIR         where cached data lives (default: ~/.scrum4me-notifier)
  --verbose              debug logs on stderr
  -h, --help             this text

Output (stdout, one JSON object per line):
  {"type":"state","state":"connected"|"connecting"|"disconnected"|"suspended"|"failed"|"closed",
   "reason"?:"…","retryInMs"?:N}
  {"type":"question","question":{…}}        a question became open
  {"type":"closed","id":"…","status":"…"}   an open question was answered, cancelled, expired or closed
Logs go to stderr. Exit codes: 0 done, 1 error, 2 bad usage.
`
