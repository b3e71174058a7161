// The answers' HTTP requests go through an agent from here; the SSE stream has a socket of its own
// (sse/stream-request.ts), with the same rule: the certificate is always verified.
import type { Agent, buildConnector } from 'undici'
import { loadOnce } from '../common/load-once'

/** undici, loaded by the first HTTP answer: a watch that sends none never loads it. */
export const undiciModule = loadOnce(() => import('undici'))

export interface VerifyingAgentOptions extends Omit<Agent.Options, 'connect'> {
  connect?: Partial<buildConnector.BuildOptions>
}

/**
 * An undici agent that checks the server's certificate itself: Node's default would follow
 * NODE_TLS_REJECT_UNAUTHORIZED=0 from the environment and accept any certificate.
 */
export async function verifyingAgent(options: VerifyingAgentOptions = {}): Promise<Agent> {
  const { Agent } = await undiciModule.load()
  return new Agent({ ...options, connect: { ...options.connect, rejectUnauthorized: true } })
}
