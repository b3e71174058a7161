import { useEffect } from 'react'
import { keyAction } from './key-action'
import { useLatest } from './use-latest'

export interface PanelKeyHandlers {
  hide(): void
  move(by: 1 | -1): void
  option(index: number): void
}

/** Keys work wherever the focus is, including the page itself after a focused card disappeared. */
export function usePanelKeys(handlers: PanelKeyHandlers): void {
  const latest = useLatest(handlers)
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      const action = keyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        inTextField: isTextField(event.target),
      })
      if (!action) return
      event.preventDefault()
      if (action.kind === 'hide') latest.current.hide()
      else if (action.kind === 'move') latest.current.move(action.by)
      // A held key repeats; one press answers once.
      else if (!event.repeat) latest.current.option(action.index)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [latest])
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLInputElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  )
}
