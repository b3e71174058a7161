import { useI18n } from '../common/i18n'
import { OPTION_KEYS } from './key-action'

interface OptionButtonsProps {
  options: readonly string[]
  /** The option already given, highlighted while it is sent, queued or answered. */
  chosen: string | null
  disabled: boolean
  onPick(option: string): void
}

export function OptionButtons({ options, chosen, disabled, onPick }: OptionButtonsProps) {
  const { t } = useI18n()
  return (
    <fieldset className="options">
      <legend className="visually-hidden">{t('panel.question.options')}</legend>
      {options.map((option, index) => {
        const key = index < OPTION_KEYS ? String(index + 1) : undefined
        return (
          <button
            // Options are plain strings and may repeat; their place is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
            key={index}
            type="button"
            className={`option${option === chosen ? ' is-chosen' : ''}`}
            disabled={disabled}
            aria-keyshortcuts={key}
            onClick={() => onPick(option)}
          >
            {key && (
              <span className="option-key" aria-hidden="true">
                {key}
              </span>
            )}
            <span className="option-label" dir="auto">
              {option}
            </span>
          </button>
        )
      })}
    </fieldset>
  )
}
