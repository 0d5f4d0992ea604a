/** An answer longer than the limit; its read was cancelled. */
export class ResponseTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${formatBytes(maxBytes)}`);
  }
}

/** `10 MB`, `512 kB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) {
    return `${bytes / (1024 * 1024)} MB`;
  }
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} kB`;
  return `${bytes} bytes`;
}

/**
 * The body of an answer as text, read up to `maxBytes`: a longer one (told by its
 * `Content-Length`, or counted while it streams, for chunked answers) is cancelled at the
 * limit, so that a tool cannot make the backend hold an answer of any size.
 */
export async function readBoundedText(
  res: Response,
  maxBytes: number,
): Promise<string> {
  if (Number(res.headers.get('content-length')) > maxBytes) {
    await res.body?.cancel();
    throw new ResponseTooLarge(maxBytes);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    read += value.byteLength;
    if (read > maxBytes) {
      await reader.cancel();
      throw new ResponseTooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}
