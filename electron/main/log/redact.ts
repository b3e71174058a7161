// Every log line passes through here before it reaches stderr or the log file: a credential must
// never be written down, however it was formatted (raw, in a URL, a header or escaped JSON).

const MASK = '***'
/** Shorter values would shred ordinary words in every line; a secret that short is guessable anyway. */
const MIN_SECRET_LENGTH = 4

/** Shapes that carry a credential whatever its value; `$1` keeps the part that says what was hidden. */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // scheme://user:password@host keeps the user, so the line still says who connected.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s"'\\]+:)[^\s/"'\\]+@/gi, `$1${MASK}@`],
  [/(\bbearer\s+)[^\s"'\\,;]+/gi, `$1${MASK}`],
  // Header and JSON forms (`Cookie: a=b; c=d`, `"set-cookie":"…"`): the whole value, every pair.
  [/(\b(?:set-)?cookie\\*["']?\s*:\s*\\*["']?)[^"'\\\r\n]+/gi, `$1${MASK}`],
  // Field form, as our logger writes fields (`cookie=s4m_session=…; other=…`).
  [/(\b(?:set-)?cookie=)[^\s"'\\;]+(?:;\s?[^\s"'\\;]+)*/gi, `$1${MASK}`],
  // URL query and libpq keyword/value (`password=hunter2`, `password='with space'`).
  [/(\b(?:password|passwd|pwd)=)(?:'(?:[^'\\]|\\.)*'|[^\s&"'\\;,)]+)/gi, `$1${MASK}`],
  // JSON (`"password":"…"`). Inside doubly escaped JSON this may hide more than the value: safe side.
  [/(\b(?:password|passwd|pwd)\\*"\s*:\s*\\*")(?:[^"\\]|\\.)*/gi, `$1${MASK}`],
]

/** The shape rules alone: for loggers that know no secret values (tests, helpers). */
export function redactSecrets(text: string): string {
  let result = text
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement)
  return result
}

/**
 * The shape rules plus the secret values the app holds (the keychain token or password), in
 * every form a log line may carry them: raw, JSON-escaped once or twice, and URL-encoded.
 */
export class Redactor {
  /** Longest first, so a longer form is masked whole before a shorter one could split it. */
  private forms: string[] = []

  addSecret(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) return
    const once = jsonEscape(secret)
    const forms = new Set([...this.forms, secret, once, jsonEscape(once), encodeURIComponent(secret)])
    this.forms = [...forms].sort((a, b) => b.length - a.length)
  }

  redact(text: string): string {
    // split/join matches literally: a secret full of regex metacharacters needs no escaping.
    let result = text
    for (const form of this.forms) result = result.split(form).join(MASK)
    return redactSecrets(result)
  }
}

function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1)
}
