import { createSign, generateKeyPairSync, KeyObject } from 'node:crypto';

/**
 * A signing key of Backstage's auth backend, as `@backstage/plugin-auth-backend` keeps one: user
 * tokens are ES256 JWTs of type `vnd.backstage.user`, verified by every backend against the JWKS
 * that the `auth` plugin serves.
 */
export class UserTokenIssuer {
  readonly #privateKey: KeyObject;
  readonly #kid = 'mlops-maturity-cli-test';
  readonly jwks: { keys: object[] };

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
    });
    this.#privateKey = privateKey;
    this.jwks = {
      keys: [
        {
          ...publicKey.export({ format: 'jwk' }),
          kid: this.#kid,
          alg: 'ES256',
          use: 'sig',
        },
      ],
    };
  }

  /** A user token for `userEntityRef`, valid from `issuedAt` for `lifetimeSeconds`. */
  issue(options: {
    userEntityRef: string;
    issuedAt?: Date;
    lifetimeSeconds?: number;
  }): string {
    const iat = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000);
    const header = { alg: 'ES256', kid: this.#kid, typ: 'vnd.backstage.user' };
    const payload = {
      iss: 'http://127.0.0.1/api/auth',
      sub: options.userEntityRef,
      ent: [options.userEntityRef],
      aud: 'backstage',
      iat,
      exp: iat + (options.lifetimeSeconds ?? 3600),
    };
    const signingInput = [header, payload]
      .map(part => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.');
    // JWS wants the raw r||s signature, not node's default DER encoding.
    const signature = createSign('SHA256')
      .update(signingInput)
      .sign({ key: this.#privateKey, dsaEncoding: 'ieee-p1363' })
      .toString('base64url');
    return `${signingInput}.${signature}`;
  }
}
