import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import {
  fromNodeProviderChain,
  fromTemporaryCredentials,
} from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ToolHttpRequest } from '@mlops-maturity/plugin-mlops-maturity-node';

/**
 * AWS credentials, as the AWS SDK's providers give them.
 *
 * @internal
 */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** @internal */
export type AwsCredentialProvider = () => Promise<AwsCredentialIdentity>;

/**
 * Where an instance's credentials come from: the standard AWS chain (environment, shared
 * config and credentials files with an optional profile, SSO, web identity, ECS, EC2 instance
 * metadata), optionally used to assume a role through STS.
 *
 * @internal
 */
export interface AwsCredentialSettings {
  region: string;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  /** Where STS answers for `roleArn`, e.g. a VPC endpoint; by default the region's. */
  stsEndpoint?: string;
}

const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * The credentials of the settings, kept until five minutes before they expire; a failure is
 * not kept, so that the next request asks again.
 *
 * @internal
 */
export function awsCredentials(
  settings: AwsCredentialSettings,
): AwsCredentialProvider {
  const chain = fromNodeProviderChain(
    settings.profile ? { profile: settings.profile } : {},
  );
  const provider: AwsCredentialProvider = settings.roleArn
    ? fromTemporaryCredentials({
        masterCredentials: chain,
        params: {
          RoleArn: settings.roleArn,
          RoleSessionName: 'backstage-mlops-maturity',
          ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
        },
        clientConfig: {
          region: settings.region,
          ...(settings.stsEndpoint ? { endpoint: settings.stsEndpoint } : {}),
        },
      })
    : chain;
  let current: Promise<AwsCredentialIdentity> | undefined;
  let expiresAt = Infinity;
  return () => {
    if (!current || Date.now() > expiresAt - REFRESH_BEFORE_MS) {
      expiresAt = Infinity;
      current = provider().then(
        credentials => {
          expiresAt = credentials.expiration?.getTime() ?? Infinity;
          return credentials;
        },
        error => {
          current = undefined;
          throw error;
        },
      );
    }
    return current;
  };
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData) => {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) {
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  return Buffer.from(data);
};

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the SigV4 signer takes. */
class Sha256 {
  readonly #hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.#hash = secret
      ? createHmac('sha256', bytes(secret))
      : createHash('sha256');
  }

  update(data: SourceData) {
    this.#hash.update(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

/**
 * Signs requests to an AWS JSON API with Signature Version 4, for a {@link ToolHttpRequest}
 * signer: the headers to send, with `Authorization`, `X-Amz-Date` and, for temporary
 * credentials, `X-Amz-Security-Token`. The host is signed as the URL names it.
 *
 * @internal
 */
export function awsSigner(options: {
  service: string;
  region: string;
  credentials: AwsCredentialProvider;
}): (request: ToolHttpRequest) => Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
  });
  return async ({ method, url, headers, body }) => {
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      body,
    });
    // fetch sends the host of the URL itself.
    const { host: _host, ...rest } = signed.headers;
    return rest;
  };
}
