/**
 * Whether an error of the MLOps maturity API means "this entity has no assessment": a 404
 * `ResponseError` from the client, or a `NotFoundError` (from a mock or a remote error cause).
 */
export function isNotAssessedError(error: unknown): boolean {
  if (!error || typeof error !== 'object') {
    return false;
  }
  const e = error as {
    name?: unknown;
    statusCode?: unknown;
    response?: { status?: unknown };
    cause?: { name?: unknown };
  };
  return (
    e.name === 'NotFoundError' ||
    e.statusCode === 404 ||
    e.response?.status === 404 ||
    e.cause?.name === 'NotFoundError'
  );
}

/**
 * The message to show for an error: the server's own message (the cause of a `ResponseError`)
 * when there is one, otherwise the error's message.
 */
export function errorMessage(error: Error): string {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  return typeof cause?.message === 'string' && cause.message
    ? cause.message
    : error.message;
}
