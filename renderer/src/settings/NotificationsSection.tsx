import type { SettingsPatch } from '@shared/ipc/contract'
import type { PanelQuestion } from '@shared/ipc/panel-state'
import type { SettingsState } from '@shared/ipc/settings-state'
import { keySchemas, type Settings } from '@shared/settings'
import { useId, useMemo } from 'react'
import { Field, Toggle } from '../common/Field'
import { useI18n } from '../common/i18n'
import { clockTime } from '../common/time-format'
import { useNow } from '../common/use-now'
import { usePanelState } from '../common/use-panel-state'
import type { SettingsApi } from '../notifier-api'
import { productChoices } from './product-choices'

/** Often enough that "until 08:00" gains its date, or drops it, soon after midnight. */
const CLOCK_TICK_MS = 60_000

/** The reminder delays on offer, as keySchemas.reminderMinutes allows them. */
const REMINDER_CHOICES: Settings['reminderMinutes'][] = ['off', 5, 15, 30, 60]

/** Monday first, as people read a week here; the values are `Date.getDay()`'s (0 = Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0]

export type PauseLength = Parameters<SettingsApi['pauseNotifications']>[0]

interface NotificationsSectionProps {
  api: SettingsApi
  state: SettingsState
  update: (patch: SettingsPatch) => Promise<void>
  /** Pauses or resumes toasts; a failure is shown by the caller, like a failed update. */
  pause: (length: PauseLength) => Promise<void>
}

/** Stable, so the product list is not recomputed on every render before the first state. */
const NO_QUESTIONS: PanelQuestion[] = []

export function NotificationsSection({ api, state, update, pause }: NotificationsSectionProps) {
  const { locale, t } = useI18n()
  const { settings } = state
  const quiet = settings.quietHours
  // The panel state, live: its questions are the only place the renderer learns which products
  // exist, and the pause is shared with the tray.
  const panel = usePanelState(api)
  const questions = panel?.questions ?? NO_QUESTIONS
  const pausedUntil = panel?.pausedUntil ?? null
  const now = useNow(CLOCK_TICK_MS)
  const products = useMemo(
    () => productChoices(questions, settings.mutedProducts),
    [questions, settings.mutedProducts],
  )
  const dayName = useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { weekday: 'long' })
    // 2024-01-07 was a Sunday: day d of that week has getDay() === d.
    return (day: number) => format.format(new Date(2024, 0, 7 + day))
  }, [locale])
  const quietId = useId()
  const pauseId = useId()

  const toggleDay = (day: number, on: boolean) => {
    const days = on ? [...quiet.days, day] : quiet.days.filter((other) => other !== day)
    void update({ quietHours: { ...quiet, days: [...new Set(days)].sort((a, b) => a - b) } })
  }
  const setClock = (key: 'start' | 'end', value: string) => {
    // A half-typed time input reports '', which is not a time yet.
    if (keySchemas.quietHours.shape[key].safeParse(value).success)
      void update({ quietHours: { ...quiet, [key]: value } })
  }
  const setReminder = (raw: string) => {
    const parsed = keySchemas.reminderMinutes.safeParse(raw === 'off' ? raw : Number(raw))
    if (parsed.success) void update({ reminderMinutes: parsed.data })
  }
  const toggleMute = (id: string, muted: boolean) => {
    const next = muted
      ? [...settings.mutedProducts, id]
      : settings.mutedProducts.filter((other) => other !== id)
    void update({ mutedProducts: [...new Set(next)] })
  }

  return (
    <div className="settings-form">
      <fieldset className="settings-group" aria-describedby={`${pauseId}-status`}>
        <legend className="subsection-title">{t('settings.pause.title')}</legend>
        <p className="field-hint" id={`${pauseId}-status`} role="status">
          {pausedUntil
            ? t('settings.pause.until', { time: clockTime(pausedUntil, locale, now) })
            : t('settings.pause.on')}
        </p>
        <div className="form-actions">
          <button type="button" className="button button-quiet" onClick={() => void pause('hour')}>
            {t('tray.menu.pause.hour')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => void pause('tomorrow')}>
            {t('tray.menu.pause.tomorrow')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            disabled={!pausedUntil}
            onClick={() => void pause('resume')}
          >
            {t('tray.menu.pause.resume')}
          </button>
        </div>
      </fieldset>

      <Toggle
        label={t('settings.sound')}
        checked={settings.sound}
        onChange={(sound) => void update({ sound })}
      />
      <Toggle
        label={t('settings.showQuestionText')}
        hint={t('settings.showQuestionText.hint')}
        checked={settings.showQuestionText}
        onChange={(showQuestionText) => void update({ showQuestionText })}
      />
      <Field label={t('settings.reminder')} hint={t('settings.reminder.hint')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={String(settings.reminderMinutes)}
            onChange={(event) => setReminder(event.target.value)}
          >
            {REMINDER_CHOICES.map((choice) => (
              <option key={choice} value={String(choice)}>
                {choice === 'off'
                  ? t('settings.reminder.off')
                  : t('settings.reminder.minutes', { count: choice })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Toggle
        label={t('settings.keepNotifications')}
        hint={t('settings.keepNotifications.hint')}
        checked={settings.keepNotifications}
        onChange={(keepNotifications) => void update({ keepNotifications })}
      />

      <fieldset className="settings-group" aria-describedby={`${quietId}-hint`}>
        <legend className="subsection-title">{t('settings.quiet.title')}</legend>
        <p className="field-hint" id={`${quietId}-hint`}>
          {t('settings.quiet.hint')}
        </p>
        <Toggle
          label={t('settings.quiet.enabled')}
          checked={quiet.enabled}
          onChange={(enabled) => void update({ quietHours: { ...quiet, enabled } })}
        />
        <div className="quiet-times">
          <label className="inline-field">
            <span className="field-label">{t('settings.quiet.start')}</span>
            <input
              className="input input-time"
              type="time"
              value={quiet.start}
              onChange={(event) => setClock('start', event.target.value)}
            />
          </label>
          <label className="inline-field">
            <span className="field-label">{t('settings.quiet.end')}</span>
            <input
              className="input input-time"
              type="time"
              value={quiet.end}
              onChange={(event) => setClock('end', event.target.value)}
            />
          </label>
        </div>
        <fieldset className="day-picker">
          <legend className="field-label">{t('settings.quiet.days')}</legend>
          {WEEK.map((day) => (
            <label key={day} className="day">
              <input
                type="checkbox"
                checked={quiet.days.includes(day)}
                onChange={(event) => toggleDay(day, event.target.checked)}
              />
              <span>{dayName(day)}</span>
            </label>
          ))}
        </fieldset>
      </fieldset>

      <fieldset className="settings-group">
        <legend className="subsection-title">{t('settings.mute.title')}</legend>
        <p className="field-hint">{t('settings.mute.hint')}</p>
        {products.length === 0 ? (
          <p className="empty-note">{t('settings.mute.none')}</p>
        ) : (
          <ul className="product-mutes">
            {products.map((product) => (
              <li key={product.id}>
                <Toggle
                  label={product.name ?? t('settings.mute.unknown', { id: product.id })}
                  checked={settings.mutedProducts.includes(product.id)}
                  onChange={(muted) => toggleMute(product.id, muted)}
                />
              </li>
            ))}
          </ul>
        )}
      </fieldset>
    </div>
  )
}
