// The one rule for links written in questions, used by the panel (what it makes clickable) and
// by main (what it opens when the panel asks).

/** Longer addresses are not links a person reads before clicking. */
export const MAX_LINK_CHARS = 2048

/**
 * A link written in a question (its text or its context, e.g. a pull request): any https page,
 * without credentials in it. Only a click in the panel opens one; nothing else leaves the app.
 */
export function isOpenableLink(raw: string): boolean {
  if (raw.length > MAX_LINK_CHARS) return false
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return url.protocol === 'https:' && !url.username && !url.password
}
