// Linux on Wayland: Electron 38+ runs as a native Wayland client whenever the session is Wayland.
// There a window cannot place itself (setPosition is ignored, the compositor decides), the cursor
// position is unknown and setAlwaysOnTop does nothing. We stay on Wayland rather than force
// XWayland: Electron picks the ozone platform in C++ before the main script runs, so
// app.commandLine.appendSwitch('ozone-platform', 'x11') comes too late, and the
// ELECTRON_OZONE_PLATFORM_HINT variable and --ozone-platform-hint no longer exist in current
// Electron; Electron picks X11 or Wayland from XDG_SESSION_TYPE.
// A user who wants the popup at the tray starts the app with --ozone-platform=x11.

export interface DisplayServerFacts {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** `app.commandLine.getSwitchValue('ozone-platform')`: what the app was started with, if anything. */
  ozonePlatform?: string
}

/** Whether the app runs as a native Wayland client (not under XWayland, not off Linux). */
export function isNativeWayland({ platform, env, ozonePlatform }: DisplayServerFacts): boolean {
  if (platform !== 'linux') return false
  if (ozonePlatform === 'x11') return false
  if (ozonePlatform === 'wayland') return true
  return env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY)
}

/** Whether setPosition means anything for the popup (false on a native Wayland window). */
export function popupCanBePlaced(facts: DisplayServerFacts): boolean {
  return !isNativeWayland(facts)
}
