import { createContext, useContext } from 'react'

/** Asks main to open a link of a question (main opens https links only). */
export type OpenLink = (questionId: string, url: string) => void

export const OpenLinkContext = createContext<OpenLink>(() => {})

export function useOpenLink(): OpenLink {
  return useContext(OpenLinkContext)
}
