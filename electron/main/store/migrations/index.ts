import { initial } from './0001-initial'
import { reminders } from './0002-reminders'
import type { Migration } from './migration'

/** Every schema step, oldest first; versions run 1, 2, 3… without gaps. Never edit a shipped one. */
export const migrations: readonly Migration[] = [initial, reminders]
