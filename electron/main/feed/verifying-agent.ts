// Every HTTPS request the notifier makes (the SSE stream, answers) goes through an agent from here.
import { Agent, type buildConnector } from 'undici'

export interface VerifyingAgentOptions extends Omit<Agent.Options, 'connect'> {
  connect?: Partial<buildConnector.BuildOptions>
}

/**
 * An undici agent that checks the server's certificate itself: Node's default would follow
 * NODE_TLS_REJECT_UNAUTHORIZED=0 from the environment and accept any certificate.
 */
export function verifyingAgent(options: VerifyingAgentOptions = {}): Agent {
  return new Agent({ ...options, connect: { ...options.connect, rejectUnauthorized: true } })
}
