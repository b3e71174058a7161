import { catalogs, type Locale, type MessageKey } from './messages'

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** Dutch for Dutch systems, English for everyone else. */
export function pickLocale(systemLocale: string | undefined): Locale {
  return systemLocale?.toLowerCase().startsWith('nl') ? 'nl' : 'en'
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale]
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    )
}
