// One sign-in at a time from a view, and how it ended in plain words: setup, Settings → Connection
// and the panel's banner share it. The sign-in window itself is main's (electron/main/sign-in/).
import type { MessageKey } from '@shared/i18n/messages'
import type { SignInResult } from '@shared/ipc/sign-in'
import { useState } from 'react'

export type SignInStatus =
  | { phase: 'idle' }
  /** The sign-in window is open; the button waits for it. */
  | { phase: 'waiting' }
  | { phase: 'ended'; result: SignInResult }

export function useSignIn(onSignedIn?: (result: Extract<SignInResult, { outcome: 'signed-in' }>) => void) {
  const [status, setStatus] = useState<SignInStatus>({ phase: 'idle' })
  const start = (signIn: () => Promise<SignInResult>) => {
    setStatus({ phase: 'waiting' })
    void signIn()
      .catch(
        (error: unknown): SignInResult => ({
          outcome: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        }),
      )
      .then((result) => {
        setStatus({ phase: 'ended', result })
        if (result.outcome === 'signed-in') onSignedIn?.(result)
      })
  }
  return { status, start, reset: () => setStatus({ phase: 'idle' }) }
}

/** The words for a sign-in's state; null when there is nothing to say. */
export function signInWordsKey(status: SignInStatus): MessageKey | null {
  if (status.phase === 'idle') return null
  if (status.phase === 'waiting') return 'setup.signIn.waiting'
  return `setup.signIn.${status.result.outcome}`
}
