// What a Windows toast activation from Notification.handleActivation says. Electron 45 writes a
// button's arguments as `type=action&action=<index>&tag=<tag>`; the tag is derived from the
// notification's `id` (Electron hashes it in the versions we could read), so it names a question
// only where it equals the id. Anything else is a click we cannot place.

export interface ToastActivation {
  /** The question id, when the tag is one; null when the activation cannot be placed. */
  tag: string | null
  /** The pressed button, for a button activation. */
  actionIndex: number | null
}

export function readToastActivation(details: Electron.ActivationArguments): ToastActivation {
  const args = new URLSearchParams(details.arguments)
  const tag = args.get('tag')
  const index = details.actionIndex ?? Number(args.get('action') ?? Number.NaN)
  const isAction = details.type === 'action' && Number.isInteger(index) && index >= 0
  return { tag: tag || null, actionIndex: isAction ? index : null }
}
