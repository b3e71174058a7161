// Which of the cookies a signed-in browser sends are the session: the smallest set the server
// still accepts, so the keychain holds the session and not the analytics or theme cookies beside it.
import type { SignInCookie } from './ports'

/** Resolves true when the server accepts exactly these cookies. */
export type CookieProbe = (cookies: readonly SignInCookie[]) => Promise<boolean>

/**
 * `working` is a set the server accepted. Tries each cookie alone (the usual case: one session
 * cookie), else drops one cookie at a time while the rest still works. At most `maxProbes`
 * probes; when they run out, the smallest working set found so far is kept.
 */
export async function smallestCookieSet(
  working: readonly SignInCookie[],
  probe: CookieProbe,
  maxProbes: number,
): Promise<SignInCookie[]> {
  let budget = maxProbes
  const tryProbe = async (cookies: readonly SignInCookie[]) => {
    if (budget <= 0) return false
    budget -= 1
    return probe(cookies)
  }
  if (working.length <= 1) return [...working]
  for (const cookie of working) {
    if (await tryProbe([cookie])) return [cookie]
  }
  let kept = [...working]
  for (const cookie of working) {
    if (budget <= 0) break
    const without = kept.filter((other) => other !== cookie)
    if (await tryProbe(without)) kept = without
  }
  return kept
}
