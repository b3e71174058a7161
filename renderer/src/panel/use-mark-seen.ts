import type { PanelQuestion } from '@shared/ipc/panel-state'
import { useEffect, useRef, useState } from 'react'
import type { PanelApi } from '../notifier-api'

/** The contract takes at most this many ids per call. */
const MARK_SEEN_BATCH = 500

/** Tells main which questions the user has had in front of them, once each, while the panel shows. */
export function useMarkSeen(api: PanelApi, questions: readonly PanelQuestion[]): void {
  const reported = useRef(new Set<string>())
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible')

  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible')
    document.addEventListener('visibilitychange', update)
    return () => document.removeEventListener('visibilitychange', update)
  }, [])

  useEffect(() => {
    if (!visible) return
    const fresh = questions.map((item) => item.question.id).filter((id) => !reported.current.has(id))
    for (const id of fresh) reported.current.add(id)
    for (let start = 0; start < fresh.length; start += MARK_SEEN_BATCH) {
      void api.markSeen(fresh.slice(start, start + MARK_SEEN_BATCH))
    }
  }, [api, questions, visible])
}
