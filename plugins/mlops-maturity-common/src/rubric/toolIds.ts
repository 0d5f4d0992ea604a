/**
 * How many objects one tool annotation may name, after duplicates are dropped: each costs
 * requests to the tool, so a longer list makes the annotation `invalid` rather than work.
 *
 * @public
 */
export const MAX_TOOL_IDS_PER_ANNOTATION = 20;

/** `.` and `..`, also percent-encoded: URL parsing resolves them wherever they stand. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why an id cannot name an object in a tool, whatever its annotation's `idPattern` admits, or
 * undefined when it can. Collectors put ids into URL paths (`/repos/{owner}/{repo}`,
 * `/dags/{id}`), where a `.` or `..` part (between slashes or the colons of a
 * `location:repository:job`, also percent-encoded) is resolved
 * before the request is sent and would leave the API that was meant, with the instance's
 * credentials; encoding cannot prevent that, so such ids are refused, as are control
 * characters.
 *
 * @public
 */
export function toolIdProblem(id: string): string | undefined {
  if (id.split(/[\\/:]/).some(part => DOT_SEGMENT.test(part))) {
    return '"." and ".." cannot be part of an id';
  }
  if (CONTROL.test(id)) return 'an id cannot hold control characters';
  return undefined;
}
