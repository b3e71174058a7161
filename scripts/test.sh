#!/usr/bin/env bash
# The whole test set-up on a fresh Debian/Ubuntu machine with Node 20+: system packages,
# npm dependencies (no Electron binary), then the full suite. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the tests drive for real. Listed in one place; CI runs this same script.
# chromium: the panel's tests drive the real browser through playwright-core.
# gnome-keyring + dbus: the OS keychain tests use a real Secret Service.
# bsdutils: `script`, which runs the CLI on a pseudo-terminal in its tests.
SYSTEM_PACKAGES=(iproute2 procps chromium gnome-keyring dbus libglib2.0-bin gsettings-desktop-schemas bsdutils)

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The app itself never runs here, so its binary is not needed.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
# A private session bus with an unlocked keyring (empty password) in a folder of its own, so keychain
# tests talk to a real Secret Service and never to the developer's own keyring, nor to another run's:
# keyring daemons that share a folder rewrite each other's items ("Object does not exist at path").
exec dbus-run-session -- sh -c 'keyrings=$(mktemp -d) && trap "rm -rf \"$keyrings\"" EXIT &&
  printf "\n" | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
  npm test'
