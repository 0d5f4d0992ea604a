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
