// Runs Electronegativity over the built app and fails on any finding that the reviewed allowlist
// (security/electronegativity-allowlist.json) does not explain. Run after `electron-vite build`.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'

const ROOT = new URL('..', import.meta.url)
const allowlistSchema = z.array(z.object({ rule: z.string(), file: z.string(), why: z.string().min(20) }))
const sarifSchema = z.object({
  runs: z.array(
    z.object({
      results: z.array(
        z.object({
          ruleId: z.string(),
          message: z.object({ text: z.string() }),
          locations: z.array(
            z.object({
              physicalLocation: z.object({
                artifactLocation: z.object({ uri: z.string() }),
                region: z.object({ startLine: z.number() }).optional(),
              }),
            }),
          ),
        }),
      ),
    }),
  ),
})

function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
    devDependencies: Record<string, string>
  }
  const version = pkg.devDependencies.electron
  if (!version) throw new Error('electron is not a devDependency')
  return version
}

const dir = mkdtempSync(join(tmpdir(), 's4m-electronegativity-'))
try {
  const report = join(dir, 'report.sarif')
  // The version is given so that the tool does not try to look it up online (there is no network).
  const run = spawnSync(
    'npx',
    ['electronegativity', '-i', 'out', '-r', '-e', electronVersion(), '-o', report],
    { cwd: ROOT, encoding: 'utf8' },
  )
  if (run.status !== 0) throw new Error(`electronegativity failed: ${run.stderr || run.stdout}`)
  const findings = sarifSchema.parse(JSON.parse(readFileSync(report, 'utf8'))).runs.flatMap((r) => r.results)
  const allowlist = allowlistSchema.parse(
    JSON.parse(readFileSync(new URL('security/electronegativity-allowlist.json', ROOT), 'utf8')),
  )
  const unexplained = findings.filter((finding) => {
    const file = finding.locations[0]?.physicalLocation.artifactLocation.uri ?? ''
    return !allowlist.some((entry) => entry.rule === finding.ruleId && entry.file === file)
  })
  for (const entry of allowlist) {
    const seen = findings.some((f) => f.ruleId === entry.rule)
    process.stdout.write(
      `electronegativity: ${seen ? 'allowed' : 'no longer found (remove it?)'}: ${entry.rule} in ${entry.file}\n`,
    )
  }
  for (const finding of unexplained) {
    const where = finding.locations[0]?.physicalLocation
    process.stdout.write(
      `electronegativity: UNEXPLAINED ${finding.ruleId} at ${where?.artifactLocation.uri}:${where?.region?.startLine ?? '?'}: ${finding.message.text}\n`,
    )
  }
  process.stdout.write(`electronegativity: ${findings.length} findings, ${unexplained.length} unexplained\n`)
  process.exitCode = unexplained.length > 0 ? 1 : 0
} finally {
  rmSync(dir, { recursive: true, force: true })
}
