// Where the app connects: a Scrum4Me server or the database. Used by the first-run setup and by the
// Connection section of settings. For a server, signing in on its own page comes first; a pasted
// cookie or token waits under "Other ways to sign in". Sign-in, test and save all run in main;
// nothing here touches the network.
import type { MessageKey } from '@shared/i18n/messages'
import type { SettingsState } from '@shared/ipc/settings-state'
import { checkServerUrl } from '@shared/server-url'
import type { ConnectionDraft } from '@shared/setup'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { Field, TextField } from '../common/Field'
import { useI18n } from '../common/i18n'
import { SignInStatusLine } from '../common/SignInStatusLine'
import { useSignIn } from '../common/use-sign-in'
import type { SettingsApi } from '../notifier-api'
import { ConnectionResult, type ConnectionStatus } from './ConnectionResult'
import {
  type ConnectionFields,
  draftOf,
  type FieldErrors,
  fieldsOf,
  storedSecretOf,
} from './connection-fields'

interface ConnectionFormProps {
  api: SettingsApi
  state: SettingsState
  onSaved: (state: SettingsState) => void
}

export function ConnectionForm({ api, state, onSaved }: ConnectionFormProps) {
  const { t } = useI18n()
  const [fields, setFields] = useState<ConnectionFields>(() => fieldsOf(state.settings.connection))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [status, setStatus] = useState<ConnectionStatus>({ phase: 'idle' })
  // What the last failed save tried, so "Save anyway" insists on exactly that.
  const [refusedDraft, setRefusedDraft] = useState<ConnectionDraft | null>(null)
  const signIn = useSignIn((result) => onSaved(result.settings))
  // Opened by the user, or by a problem in one of its fields.
  const [otherWaysOpen, setOtherWaysOpen] = useState(false)
  const kindName = useId()
  // By value: every push is a fresh object, and only a different connection should reset the form.
  const savedJson = JSON.stringify(state.settings.connection)

  // Saved here or in another window, or signed out: start again from what is stored now.
  useEffect(() => {
    setFields(fieldsOf(JSON.parse(savedJson)))
    setErrors({})
  }, [savedJson])

  const busy = status.phase === 'testing' || status.phase === 'saving' || signIn.status.phase === 'waiting'
  const storedSecret = storedSecretOf(fields, state)

  const change = (patch: Partial<ConnectionFields>) => {
    setFields((current) => ({ ...current, ...patch }))
    setStatus({ phase: 'idle' })
    signIn.reset()
    setRefusedDraft(null)
    // The error of a field goes away as soon as it is edited; the others wait for the next check.
    setErrors((current) => {
      const next = { ...current }
      for (const key of Object.keys(patch)) delete next[key as keyof FieldErrors]
      return next
    })
  }

  const checked = (): ConnectionDraft | null => {
    const result = draftOf(fields, state)
    if (!result.ok) {
      setErrors(result.errors)
      if (result.errors.secret || result.errors.cookieName) setOtherWaysOpen(true)
      return null
    }
    setErrors({})
    return result.draft
  }

  const run = async (work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      setStatus({ phase: 'error', detail: error instanceof Error ? error.message : String(error) })
    }
  }

  const test = () => {
    const draft = checked()
    if (!draft) return
    setStatus({ phase: 'testing' })
    void run(async () => setStatus({ phase: 'tested', result: await api.testConnection(draft) }))
  }

  const save = (draft: ConnectionDraft | null, insist: boolean) => {
    if (!draft) return
    setStatus({ phase: 'saving' })
    void run(async () => {
      const result = await api.saveConnection(draft, insist)
      if (result.saved) {
        setRefusedDraft(null)
        setStatus({ phase: 'saved' })
        onSaved(result.settings)
        return
      }
      setRefusedDraft(draft)
      setStatus({ phase: 'save-refused', failure: result.test.failure, detail: result.test.detail })
    })
  }

  /** The server's own sign-in page, in main's sign-in window; the address is checked here first. */
  const startSignIn = () => {
    const serverUrl = fields.serverUrl.trim()
    try {
      checkServerUrl(serverUrl)
    } catch {
      setErrors({ serverUrl: 'setup.error.serverUrl' })
      return
    }
    setErrors({})
    setStatus({ phase: 'idle' })
    signIn.start(() => api.signIn(serverUrl))
  }

  // Enter in the address signs in, unless the user opened the other ways to fill those in.
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (fields.kind === 'sse' && !otherWaysOpen) startSignIn()
    else save(checked(), false)
  }

  const secretPlaceholder =
    storedSecret === 'kept'
      ? t(state.keychain === 'os' ? 'setup.secret.keptKeychain' : 'setup.secret.keptSession')
      : ''
  // The stored secret stays with the address it was given for; say so instead of dropping it silently.
  const secretMoved = storedSecret === 'moved' && (
    <p className="notice is-warning" role="note">
      {t(fields.kind === 'sse' ? 'setup.secret.movedServer' : 'setup.secret.movedDatabase')}
    </p>
  )
  const storedWhere = t(state.keychain === 'os' ? 'setup.secret.storedKeychain' : 'setup.secret.storedMemory')

  // The one secret of either kind: a token or cookie for a server, a password for a database.
  const secretField = (label: MessageKey, hint: MessageKey) => (
    <>
      <TextField
        label={t(label)}
        hint={`${t(hint)} ${storedWhere}`}
        error={errors.secret}
        type="password"
        placeholder={secretPlaceholder}
        value={fields.secret}
        onChange={(secret) => change({ secret })}
      />
      {secretMoved}
    </>
  )

  // Test and save: for a database always, for a server among the other ways to sign in.
  const actions = (
    <>
      <div className="form-actions">
        <button type="button" className="button button-quiet" disabled={busy} onClick={test}>
          {t('setup.test')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('setup.save')}
        </button>
      </div>
      <div className="connection-result-region" role="status" aria-live="polite">
        <ConnectionResult status={status} onSaveAnyway={() => save(refusedDraft, true)} />
      </div>
    </>
  )

  return (
    <form className="connection-form" onSubmit={submit} noValidate>
      {state.keychain === 'memory' && (
        <p className="notice is-warning" role="note">
          <strong>{t('setup.keychain.memory.title')}</strong> {t('setup.keychain.memory.body')}
        </p>
      )}
      <fieldset className="choice-group">
        <legend className="field-label">{t('setup.kind.legend')}</legend>
        {(['sse', 'pg'] as const).map((kind) => (
          <KindChoice
            key={kind}
            name={kindName}
            kind={kind}
            chosen={fields.kind === kind}
            onChoose={() => change({ kind, secret: '' })}
          />
        ))}
      </fieldset>

      {fields.kind === 'sse' ? (
        <>
          <TextField
            label={t('setup.serverUrl')}
            hint={t('setup.serverUrl.hint')}
            error={errors.serverUrl}
            type="url"
            inputMode="url"
            placeholder="https://scrum4me.example.com"
            value={fields.serverUrl}
            onChange={(serverUrl) => change({ serverUrl })}
          />
          <div className="sign-in-choice">
            <div className="form-actions">
              <button type="button" className="button button-primary" disabled={busy} onClick={startSignIn}>
                {t('setup.signIn')}
              </button>
            </div>
            <p className="field-hint">{t('setup.signIn.hint')}</p>
            <div className="connection-result-region" role="status" aria-live="polite">
              <SignInStatusLine status={signIn.status} />
            </div>
          </div>
          <details
            className="advanced other-ways"
            open={otherWaysOpen}
            onToggle={(event) => setOtherWaysOpen(event.currentTarget.open)}
          >
            <summary>{t('setup.otherWays')}</summary>
            <div className="other-ways-body">
              <Field label={t('setup.authKind')}>
                {(control) => (
                  <select
                    {...control}
                    className="input"
                    value={fields.authKind}
                    onChange={(event) =>
                      change({ authKind: event.target.value as 'cookie' | 'bearer', secret: '' })
                    }
                  >
                    <option value="bearer">{t('setup.authKind.bearer')}</option>
                    <option value="cookie">{t('setup.authKind.cookie')}</option>
                  </select>
                )}
              </Field>
              {fields.authKind === 'cookie'
                ? secretField('setup.secret.cookie', 'setup.secret.cookie.hint')
                : secretField('setup.secret.token', 'setup.secret.token.hint')}
              {fields.authKind === 'cookie' && (
                <details
                  className="advanced"
                  open={fields.cookieName !== '' || errors.cookieName !== undefined}
                >
                  <summary>{t('setup.advanced')}</summary>
                  <TextField
                    label={t('setup.cookieName')}
                    hint={t('setup.cookieName.hint')}
                    error={errors.cookieName}
                    placeholder="s4m_session"
                    value={fields.cookieName}
                    onChange={(cookieName) => change({ cookieName })}
                  />
                </details>
              )}
              {actions}
            </div>
          </details>
        </>
      ) : (
        <>
          <TextField
            label={t('setup.connectionString')}
            hint={t('setup.connectionString.hint')}
            error={errors.connectionString}
            placeholder="postgres://notifier@db.example.com/scrum4me"
            value={fields.connectionString}
            onChange={(connectionString) => change({ connectionString })}
          />
          <TextField
            label={t('setup.userId')}
            hint={t('setup.userId.hint')}
            error={errors.userId}
            value={fields.userId}
            onChange={(userId) => change({ userId })}
          />
          {secretField('setup.secret.password', 'setup.secret.password.hint')}
          {actions}
        </>
      )}
    </form>
  )
}

/** One way to connect, as a radio choice with its title and hint. */
function KindChoice({
  name,
  kind,
  chosen,
  onChoose,
}: {
  name: string
  kind: 'sse' | 'pg'
  chosen: boolean
  onChoose: () => void
}) {
  const { t } = useI18n()
  return (
    <label className={`choice${chosen ? ' is-chosen' : ''}`}>
      <input type="radio" name={name} checked={chosen} onChange={onChoose} />
      <span className="choice-text">
        <span className="choice-title">{t(`setup.kind.${kind}`)}</span>
        <span className="choice-hint">{t(`setup.kind.${kind}.hint`)}</span>
      </span>
    </label>
  )
}
