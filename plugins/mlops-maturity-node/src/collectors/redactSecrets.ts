/** What replaces a secret. */
const REDACTED = '***';

/** Query parameters whose values are credentials (compared case-insensitively). */
const SECRET_PARAMETERS = [
  'access_token',
  'api_key',
  'apikey',
  'auth',
  'client_secret',
  'code',
  'key',
  'password',
  'private_token',
  'secret',
  'sig',
  'signature',
  'token',
  'x-amz-credential',
  'x-amz-security-token',
  'x-amz-signature',
].join('|');

const REDACTIONS: ReadonlyArray<[RegExp, string]> = [
  // user:password@ (or a token as the user) in any URL.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]+@/gi, `$1${REDACTED}@`],
  // Credentials in a query string: ?token=…, &X-Amz-Signature=…
  [
    new RegExp(`([?&](?:${SECRET_PARAMETERS})=)[^&#\\s"']+`, 'gi'),
    `$1${REDACTED}`,
  ],
  // Authorization header values (Bearer …, Basic …), told from prose by a digit or symbol.
  [
    /\b(Bearer|Basic)\s+(?=[A-Za-z]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}/gi,
    `$1 ${REDACTED}`,
  ],
  // Token shapes that identify themselves: GitHub, AWS access keys, JWTs.
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, REDACTED],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

/**
 * A text with the credentials that error texts are known to carry replaced by `***`: the
 * `user:password@` of URLs, credentials in query strings (`token=`, `api_key=`, AWS
 * pre-signed URL signatures), `Authorization` values (`Bearer …`, `Basic …`), and tokens
 * that identify themselves (GitHub tokens, AWS access key ids, JWTs). Every message that
 * becomes a check's message goes through it ({@link collectPerReference},
 * {@link unknownEvidence}); a collector logging a tool's error text should too.
 *
 * @public
 */
export function redactSecrets(text: string): string {
  return REDACTIONS.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, replacement),
    text,
  );
}
