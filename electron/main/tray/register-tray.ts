// The tray icon for the app's lifetime: its controller, re-rendered on every change, and its
// destruction on quit (until then the registration keeps the icon from being collected).
import { TrayController, type TrayControllerOptions, type TrayPort } from './tray-controller'
import type { TrayInputs } from './tray-presenter'

export interface TrayPorts<M> extends Omit<TrayControllerOptions<M>, 'tray'> {
  tray: TrayPort<M> & Pick<Electron.Tray, 'destroy'>
}

export interface TrayRegistration {
  render(inputs: Omit<TrayInputs, 'countInIcon'>): void
  dispose(): void
}

export function registerTray<M>(ports: TrayPorts<M>): TrayRegistration {
  const controller = new TrayController(ports)
  // The macOS menu bar shows the count as the tray's title; elsewhere it is drawn into the icon.
  const countInIcon = ports.platform !== 'darwin'
  return {
    render: (inputs) => controller.update({ ...inputs, countInIcon }),
    dispose: () => ports.tray.destroy(),
  }
}
