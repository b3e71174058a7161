// Loaded into the app's main process (`electron -r`) by the end-to-end suite only: remembers every
// tray the app draws and every notification it shows, for electronApp.evaluate to read back.
// Electron's API offers no list of live trays or shown notifications.
const { Notification, Tray } = require('electron')

const probe = { trays: [], tooltips: [], notifications: [] }
globalThis.__scrum4meE2eProbe = probe

function after(prototype, method, record) {
  const original = prototype[method]
  prototype[method] = function (...args) {
    const result = original.apply(this, args)
    record(this, args)
    return result
  }
}

after(Tray.prototype, 'setToolTip', (tray, [tooltip]) => {
  if (!probe.trays.includes(tray)) probe.trays.push(tray)
  probe.tooltips.push(tooltip)
})
after(Notification.prototype, 'show', (notification) => {
  probe.notifications.push({ title: notification.title, body: notification.body })
})
