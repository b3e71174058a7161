// The settings window's preload: exposes the settings' API (settings-api.ts) and nothing else.
import { exposeApi, windowBridge } from './bridge'
import { settingsApi } from './settings-api'

exposeApi(settingsApi(windowBridge<'settings'>()))
