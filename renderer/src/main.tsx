import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './notifier-api'
import { App } from './panel/App'
import './panel/panel.css'

const root = document.getElementById('app')
if (!root) throw new Error('the panel page has no #app element')
createRoot(root).render(
  <StrictMode>
    <App api={window.notifier} />
  </StrictMode>,
)
