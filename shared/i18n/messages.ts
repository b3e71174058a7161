// Every user-visible string, in English and Dutch (Scrum4Me's own language).
// `nl` must have every key of `en`: the compiler checks it.

export const en = {
  'app.name': 'Scrum4Me Notifier',
  'feed.connected': 'Connected',
  'feed.connecting': 'Connecting…',
  'feed.disconnected': 'Offline',
  'feed.suspended': 'Offline',
  'feed.failed.auth': 'Signed out',
  'feed.failed.config': 'Server address not found',
  'feed.failed.tls': 'Secure connection refused',
  'feed.failed.disabled': 'The server paused notifications',
  'feed.closed': 'Stopped',
  'feed.idle': 'Starting…',
  'feed.retryIn': 'retrying in {seconds} s',
  'tray.tooltip.count': '{count} open questions',
  'tray.tooltip.one': '1 open question',
  'tray.tooltip.none': 'No open questions',
  'tray.tooltip.offlineSince': 'offline since {time}',
  'tray.tooltip.paused': 'notifications paused until {time}',
  'tray.menu.open': 'Open',
  'tray.menu.reconnect': 'Reconnect now',
  'tray.menu.pause': 'Pause notifications',
  'tray.menu.pause.hour': 'For 1 hour',
  'tray.menu.pause.tomorrow': 'Until tomorrow',
  'tray.menu.pause.resume': 'Resume',
  'tray.menu.settings': 'Settings…',
  'tray.menu.quit': 'Quit',
  'toast.many.title': '{count} new questions',
  'toast.many.body': 'Open Scrum4Me Notifier to answer them.',
  'toast.hidden.body': 'A question is waiting for your answer.',
} as const

export type MessageKey = keyof typeof en

export const nl: Record<MessageKey, string> = {
  'app.name': 'Scrum4Me Notifier',
  'feed.connected': 'Verbonden',
  'feed.connecting': 'Verbinden…',
  'feed.disconnected': 'Offline',
  'feed.suspended': 'Offline',
  'feed.failed.auth': 'Afgemeld',
  'feed.failed.config': 'Serveradres niet gevonden',
  'feed.failed.tls': 'Beveiligde verbinding geweigerd',
  'feed.failed.disabled': 'De server heeft meldingen gepauzeerd',
  'feed.closed': 'Gestopt',
  'feed.idle': 'Starten…',
  'feed.retryIn': 'nieuwe poging over {seconds} s',
  'tray.tooltip.count': '{count} open vragen',
  'tray.tooltip.one': '1 open vraag',
  'tray.tooltip.none': 'Geen open vragen',
  'tray.tooltip.offlineSince': 'offline sinds {time}',
  'tray.tooltip.paused': 'meldingen gepauzeerd tot {time}',
  'tray.menu.open': 'Openen',
  'tray.menu.reconnect': 'Nu opnieuw verbinden',
  'tray.menu.pause': 'Meldingen pauzeren',
  'tray.menu.pause.hour': 'Een uur',
  'tray.menu.pause.tomorrow': 'Tot morgen',
  'tray.menu.pause.resume': 'Hervatten',
  'tray.menu.settings': 'Instellingen…',
  'tray.menu.quit': 'Afsluiten',
  'toast.many.title': '{count} nieuwe vragen',
  'toast.many.body': 'Open Scrum4Me Notifier om ze te beantwoorden.',
  'toast.hidden.body': 'Er wacht een vraag op je antwoord.',
}

export const catalogs = { en, nl } as const
export type Locale = keyof typeof catalogs
