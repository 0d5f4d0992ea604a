/** Longest annotation value we read; longer ones are invalid rather than processed. */
export const MAX_VALUE_LENGTH = 2048;

// Control characters, which no annotation value should carry into a message or a path.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Shortens a value for a message, so that a huge annotation does not become a huge message. */
export function quote(value: string): string {
  const printable = value.replace(CONTROL, '?');
  return printable.length > 80
    ? `"${printable.slice(0, 77)}…"`
    : `"${printable}"`;
}

/** Splits a comma-separated list; undefined when an item is empty. */
export function splitList(value: string): string[] | undefined {
  const items = value.split(',').map(item => item.trim());
  return items.some(item => item === '') ? undefined : items;
}

/**
 * A path inside a repository: relative, no `..`, no scheme, no control characters.
 */
export function isRepositoryPath(value: string): boolean {
  return (
    value.length > 0 &&
    value.length <= 1024 &&
    !value.startsWith('/') &&
    !value.startsWith('\\') &&
    !/^[a-z][a-z0-9+.-]*:/i.test(value) &&
    !value.match(CONTROL) &&
    !value.split(/[\\/]/).some(segment => segment === '..')
  );
}

/** An http(s) URL that can be shown as a link. */
export function httpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url.toString()
      : undefined;
  } catch {
    return undefined;
  }
}
