// Reminders: when a question's one "still waiting" reminder and its one "expires soon" notice went
// out. Stored, so that neither repeats after a restart.
import type { Migration } from './migration'

export const reminders: Migration = {
  version: 2,
  name: 'reminders',
  up(db) {
    db.exec(`
      ALTER TABLE questions ADD COLUMN reminded_at TEXT;
      ALTER TABLE questions ADD COLUMN expiry_warned_at TEXT;
    `)
  },
}
