// A labelled form control with its hint and error wired up for screen readers.
import type { MessageKey } from '@shared/i18n/messages'
import { type ReactElement, useId } from 'react'
import { useI18n } from './i18n'

export interface ControlProps {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: boolean
}

interface FieldProps {
  label: string
  hint?: string | undefined
  error?: MessageKey | undefined
  children: (control: ControlProps) => ReactElement
}

export function Field({ label, hint, error, children }: FieldProps) {
  const { t } = useI18n()
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ')
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        ...(describedBy && { 'aria-describedby': describedBy }),
        ...(error && { 'aria-invalid': true }),
      })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {t(error)}
        </p>
      )}
    </div>
  )
}

interface TextFieldProps {
  label: string
  hint?: string | undefined
  error?: MessageKey | undefined
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  type?: 'text' | 'number' | 'url' | 'password'
  inputMode?: 'url'
  placeholder?: string
}

/** A one-line text input in a Field. Nothing typed here is prose: no spell check, no autofill. */
export function TextField({ label, hint, error, type = 'text', onChange, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          {...input}
          className="input"
          type={type}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}

/** A checkbox with its label on the right, the usual way round. */
export function Toggle({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string
  hint?: string
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  const id = useId()
  return (
    <div className="toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        {...(hint && { 'aria-describedby': `${id}-hint` })}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  )
}
