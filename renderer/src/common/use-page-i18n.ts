import type { Locale, MessageKey } from '@shared/i18n/messages'
import { translator } from '@shared/i18n/translate'
import { useEffect, useMemo } from 'react'
import type { I18n } from './i18n'

/** The page's language and window title follow the settings' language. */
export function usePageI18n(locale: Locale, titleKey: MessageKey): I18n {
  const i18n = useMemo(() => ({ locale, t: translator(locale) }), [locale])
  useEffect(() => {
    document.documentElement.lang = locale
    document.title = i18n.t(titleKey)
  }, [i18n, locale, titleKey])
  return i18n
}
