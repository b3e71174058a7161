// "Sign in again": after the server signed the user out, or from a day before the sign-in ends.
// The panel's banner and Settings → Connection both offer it; main opens the same sign-in window.
import type { SignInResult } from '@shared/ipc/sign-in'
import type { SignInOffer } from '@shared/sign-in-offer'
import { useI18n } from './i18n'
import { SignInStatusLine } from './SignInStatusLine'
import { clockTime } from './time-format'
import { useSignIn } from './use-sign-in'

interface SignInAgainProps {
  offer: NonNullable<SignInOffer>
  signInAgain: () => Promise<SignInResult>
  now: number
}

export function SignInAgain({ offer, signInAgain, now }: SignInAgainProps) {
  const { t, locale } = useI18n()
  const signIn = useSignIn()
  const reason =
    offer.reason === 'signed-out'
      ? t('signIn.signedOut.body')
      : t('signIn.ending.body', { time: clockTime(offer.expiresAt, locale, now) })
  return (
    <div className="sign-in-again">
      <p className="sign-in-again-reason">{reason}</p>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary sign-in-again-action"
          disabled={signIn.status.phase === 'waiting'}
          onClick={() => signIn.start(signInAgain)}
        >
          {t('signIn.again')}
        </button>
      </div>
      <div className="connection-result-region" role="status" aria-live="polite">
        <SignInStatusLine status={signIn.status} />
      </div>
    </div>
  )
}
