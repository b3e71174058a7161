; Included by electron-builder's NSIS scripts (electron-builder.yml: nsis.include).
; Electron registers the toast activator COM class under HKCU at runtime; remove it with the app, but
; not during an update (the updated app re-registers it, and Action Center toasts keep working).
; The CLSID is TOAST_ACTIVATOR_CLSID in electron/main/lifecycle/windows-toasts.ts (a test keeps them equal).
!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegKey HKCU "Software\Classes\CLSID\{8CD182D6-40E1-4441-8A52-BCC6F0F21A1F}"
  ${endIf}
!macroend
