import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  buildToolInstances,
  CollectedEvidence,
  CollectorInstance,
  InstanceCollector,
  InstanceReference,
  ToolInstance,
  ToolResponseError,
  ToolUnavailableError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { AwsCredentialProvider, awsCredentials, awsSigner } from './awsSigning';
import { DEFAULT_AUTOMATION_ROLES } from './sagemakerApprover';
import { sagemakerGroupEvidence } from './sagemakerEvidence';
import type {
  AwsErrorBody,
  SagemakerModelPackage,
  SagemakerModelPackageGroupSummary,
  SagemakerModelPackageSummary,
} from './sagemakerTypes';

const GROUP_PAGE = 100;
/** Approved packages looked at for the newest Completed one. */
const APPROVED_PAGE = 10;

/** AWS error codes that mean the credentials, not the request, are wrong. */
const CREDENTIAL_ERRORS = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'ExpiredToken',
  'ExpiredTokenException',
  'IncompleteSignature',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'NotAuthorized',
  'RequestExpired',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
]);

/** `com.amazon.coral.service#UnrecognizedClientException:http://…` → the code. */
const errorCode = (raw: string | null | undefined) =>
  raw?.split(':')[0].split('#').pop() || undefined;

interface Instance extends CollectorInstance {
  region: string;
  studioUrl?: string;
  automationRoles: string[];
}

type Listing = Map<string, SagemakerModelPackageGroupSummary>;

/**
 * The region of an instance: configured, or read from a regional SageMaker endpoint such as
 * `https://api.sagemaker.eu-west-1.amazonaws.com`, its FIPS or China form, or a VPC endpoint's
 * name.
 *
 * @internal
 */
export function sagemakerRegionOf(instance: ToolInstance): string {
  const configured = instance.config.getOptionalString('region');
  if (configured) return configured;
  const host = new URL(instance.baseUrl).hostname;
  const region = host.match(
    /(?:^|\.)sagemaker(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/,
  )?.[1];
  if (!region) {
    throw new Error(
      `mlopsMaturity.tools.sagemaker instance "${instance.name}" needs a region: its baseUrl is not a regional SageMaker endpoint such as https://api.sagemaker.eu-west-1.amazonaws.com`,
    );
  }
  return region;
}

/**
 * Evidence from SageMaker model registries (`aws.amazon.com/sagemaker-model-package-group`):
 * the model package groups are listed once per run and instance; per group, the newest
 * Approved package is found and described (two requests). Requests are signed with AWS
 * Signature V4 with credentials from the standard AWS chain, optionally for an assumed role.
 *
 * @internal
 */
export class SagemakerCollector extends InstanceCollector<Instance, Listing> {
  readonly id = 'sagemaker';
  readonly #logger: LoggerService;

  /**
   * Undefined when no SageMaker instance is configured. `options.credentials` replaces the
   * AWS credential chain of every instance (for tests).
   */
  static fromConfig(
    config: Config,
    logger: LoggerService,
    options: { credentials?: AwsCredentialProvider } = {},
  ): SagemakerCollector | undefined {
    const instances = buildToolInstances(
      config,
      'sagemaker',
      'SageMaker',
      (i, client) => {
        const region = sagemakerRegionOf(i);
        const credentials =
          options.credentials ??
          awsCredentials({
            region,
            profile: i.config.getOptionalString('profile'),
            roleArn: i.config.getOptionalString('roleArn'),
            externalId: i.config.getOptionalString('externalId'),
            stsEndpoint: i.config.getOptionalString('stsEndpoint'),
          });
        return {
          ...i,
          region,
          studioUrl: i.config.getOptionalString('studioUrl'),
          automationRoles: i.config.getOptionalStringArray(
            'automationRoles',
          ) ?? [...DEFAULT_AUTOMATION_ROLES],
          client: client({
            headers: () => ({}),
            sign: awsSigner({ service: 'sagemaker', region, credentials }),
            refuse: res => {
              const code = res.ok
                ? undefined
                : errorCode(res.headers.get('x-amzn-errortype'));
              return code && CREDENTIAL_ERRORS.has(code)
                ? { reason: `credentials rejected (${code})` }
                : undefined;
            },
          }),
        };
      },
    );
    return instances && new SagemakerCollector(instances, logger);
  }

  constructor(instances: Instance[], logger: LoggerService) {
    super(instances);
    this.#logger = logger;
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, Listing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, request, instance, listing, signal } = reference;
    const exists = (await listing()).has(ref.id);
    let approved: SagemakerModelPackage | undefined;
    if (exists) {
      const page = await this.#call<{
        ModelPackageSummaryList?: SagemakerModelPackageSummary[];
      }>(
        instance,
        'ListModelPackages',
        {
          ModelPackageGroupName: ref.id,
          ModelApprovalStatus: 'Approved',
          SortBy: 'CreationTime',
          SortOrder: 'Descending',
          MaxResults: APPROVED_PAGE,
        },
        signal,
      );
      const newest = page.ModelPackageSummaryList?.find(
        p => (p.ModelPackageStatus ?? 'Completed') === 'Completed',
      );
      if (newest) {
        approved = await this.#call<SagemakerModelPackage>(
          instance,
          'DescribeModelPackage',
          { ModelPackageName: newest.ModelPackageArn },
          signal,
        );
      }
    }
    return sagemakerGroupEvidence({
      instance: instance.name,
      region: instance.region,
      group: ref.id,
      exists,
      approved,
      studioUrl: instance.studioUrl,
      declaresAutoPromotion: request.facts.promotion === 'automatic',
      automationRoles: instance.automationRoles,
    });
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<Listing> {
    const groups: Listing = new Map();
    let token: string | undefined;
    do {
      const page: {
        ModelPackageGroupSummaryList?: SagemakerModelPackageGroupSummary[];
        NextToken?: string;
      } = await this.#call(
        instance,
        'ListModelPackageGroups',
        { MaxResults: GROUP_PAGE, ...(token ? { NextToken: token } : {}) },
        signal,
      );
      for (const g of page.ModelPackageGroupSummaryList ?? []) {
        groups.set(g.ModelPackageGroupName, g);
      }
      token = page.NextToken || undefined;
    } while (token);
    this.#logger.debug(
      `Listed ${groups.size} model package groups from SageMaker instance "${instance.name}"`,
    );
    return groups;
  }

  /** One operation of the SageMaker API (AWS JSON 1.1); an error answer is thrown. */
  async #call<T>(
    instance: Instance,
    operation: string,
    body: object,
    signal?: AbortSignal,
  ): Promise<T> {
    try {
      return await instance.client.postJson<T>('/', body, signal, {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `SageMaker.${operation}`,
      });
    } catch (error) {
      if (!(error instanceof ToolResponseError)) throw error;
      const answer = (error.body ?? {}) as AwsErrorBody;
      const code = errorCode(answer.__type);
      const label = `SageMaker instance "${instance.name}"`;
      if (code && CREDENTIAL_ERRORS.has(code)) {
        throw new ToolUnavailableError(
          `${label} could not be asked: credentials rejected (${code})`,
        );
      }
      const detail = answer.message ?? answer.Message;
      throw new ToolUnavailableError(
        `${label} answered ${code ?? `HTTP ${error.status}`} to ${operation}${
          detail ? `: ${detail}` : ''
        }`,
      );
    }
  }
}
