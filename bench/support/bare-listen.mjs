// The baseline of bench/core-memory.ts: a bare Node process with pg loaded, holding one LISTEN and
// nothing else. Plain JavaScript, so that it starts like the built CLI does: `node FILE`, no loader.
import pg from 'pg'

const client = new pg.Client({ connectionString: process.argv[2], application_name: 'bench-bare-listen' })
client.on('error', (error) => process.stderr.write(`bare LISTEN: ${error.message}\n`))
await client.connect()
await client.query('LISTEN scrum4me_changes')
process.stdout.write('{"type":"state","state":"connected"}\n')
process.once('SIGTERM', () => {
  client.end().finally(() => process.exit(0))
})
