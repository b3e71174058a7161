// A typed setting that is saved when the user is done with it (Enter or leaving the field), not at
// every keystroke: a half-typed shortcut or URL must not reach main.
import type { MessageKey } from '@shared/i18n/messages'
import { type FormEvent, useEffect, useState } from 'react'
import { TextField } from '../common/Field'

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: MessageKey }

interface TextSettingProps<T> {
  label: string
  hint?: string | undefined
  value: string
  type?: 'text' | 'number' | 'url'
  parse: (raw: string) => Parsed<T>
  onCommit: (value: T) => void
}

export function TextSetting<T>({ label, hint, value, type = 'text', parse, onCommit }: TextSettingProps<T>) {
  const [draft, setDraft] = useState(value)
  const [error, setError] = useState<MessageKey | undefined>()
  // The stored value changed (here or elsewhere): show it.
  useEffect(() => {
    setDraft(value)
    setError(undefined)
  }, [value])

  const commit = () => {
    if (draft === value) return setError(undefined)
    const parsed = parse(draft)
    if (!parsed.ok) return setError(parsed.error)
    setError(undefined)
    onCommit(parsed.value)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    commit()
  }

  return (
    <form className="text-setting" onSubmit={submit} noValidate>
      <TextField
        label={label}
        hint={hint}
        error={error}
        type={type}
        value={draft}
        onChange={setDraft}
        onBlur={commit}
      />
    </form>
  )
}
