import { redactSecrets } from './redactSecrets';

/**
 * Why a tool could not be asked. Its message names the instance and the cause, never a secret:
 * it is passed through {@link redactSecrets}.
 *
 * @public
 */
export class ToolUnavailableError extends Error {
  name = 'ToolUnavailableError';
  constructor(message: string) {
    super(redactSecrets(message));
  }
}

/**
 * The tool's answer was longer than the instance's `maxResponseBytes`, and its read was
 * cancelled. A collector that pages may ask again for a smaller page.
 *
 * @public
 */
export class ToolAnswerTooLargeError extends ToolUnavailableError {
  name = 'ToolAnswerTooLargeError';
}

/**
 * The tool answered, but not with what was asked for (e.g. 404 for a missing object).
 *
 * @public
 */
export class ToolResponseError extends Error {
  name = 'ToolResponseError';
  constructor(
    message: string,
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(redactSecrets(message));
  }
}

/** Error codes of a request that reached no handler: the socket was closed under it. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Whether a request failed because its connection was reset or closed before an answer came,
 * as when a client reuses a kept-alive socket that the server has just closed. Such a request
 * is safe to send once more on a new connection; it says nothing about the server's health.
 *
 * @public
 */
export function isConnectionReset(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (RESET_CODES.has(e.code) || RESET_CODES.has(e.errno)) return true;
  }
  return false;
}
