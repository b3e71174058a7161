// The page's language comes from main (the panel state's `locale`, the settings' language);
// components read it from this context.
import type { Locale } from '@shared/i18n/messages'
import { type Translate, translator } from '@shared/i18n/translate'
import { createContext, useContext } from 'react'

export interface I18n {
  locale: Locale
  t: Translate
}

export const I18nContext = createContext<I18n>({ locale: 'en', t: translator('en') })

export function useI18n(): I18n {
  return useContext(I18nContext)
}
