// Child process of the atomic-save test: saves settings.json in a tight loop, alternating two
// versions, until the parent kills it with SIGKILL.
// Usage: node --import tsx save-loop.ts <file>
import { SETTING_DEFAULTS } from '@shared/settings'
import { saveSettingsFile } from '../settings-file'

const [file = ''] = process.argv.slice(2)
// Long enough that a write is not a single page, so a torn write would show.
const mutedProducts = Array.from({ length: 2000 }, (_, i) => `product-${i}`)
const versions = [
  { ...SETTING_DEFAULTS, shortcut: 'Alt+F1', mutedProducts },
  { ...SETTING_DEFAULTS, shortcut: 'Alt+F2', mutedProducts: mutedProducts.slice(0, 1000) },
]
process.stdout.write('saving\n')
// Bounded so that an orphan cannot run for ever; the parent kills it long before.
for (let i = 0; i < 1_000_000; i++) saveSettingsFile(file, versions[i % 2] as (typeof versions)[0])
process.exit(3)
