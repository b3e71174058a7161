import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { z } from 'zod'
import './notifier-api'
import { Root } from './Root'
import './panel/panel.css'
import './settings/settings.css'

// Zod's fast path compiles validators with `new Function`, which the page's CSP forbids (and reports).
z.config({ jitless: true })

const root = document.getElementById('app')
if (!root) throw new Error('the page has no #app element')
createRoot(root).render(
  <StrictMode>
    <Root api={window.notifier} />
  </StrictMode>,
)
