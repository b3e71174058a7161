// The tray popup's preload: exposes the panel's API (panel-api.ts) and nothing else.
import { exposeApi, windowBridge } from './bridge'
import { panelApi } from './panel-api'

exposeApi(panelApi(windowBridge<'panel'>()))
