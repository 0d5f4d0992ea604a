import type { EvidenceLink } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import { approverOf, automationRoleOf } from './sagemakerApprover';
import type { AwsTime, SagemakerModelPackage } from './sagemakerTypes';

/**
 * What the collector knows about one model package group.
 *
 * @internal
 */
export interface SagemakerGroupFacts {
  instance: string;
  region: string;
  group: string;
  /** Whether the group is among the instance's model package groups. */
  exists: boolean;
  /** The newest Approved package whose status is Completed, as DescribeModelPackage answered. */
  approved?: SagemakerModelPackage;
  /** The SageMaker Studio domain's URL, for deep links into its model registry. */
  studioUrl?: string;
  /** Whether the entity claims automatic promotion. */
  declaresAutoPromotion: boolean;
  /** Patterns of the IAM roles that approve packages automatically. */
  automationRoles: readonly string[];
}

/**
 * When SageMaker saw the time: epoch seconds (AWS's JSON) or an ISO string.
 *
 * @internal
 */
export function awsDate(value: AwsTime | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const date =
    typeof value === 'number' || /^\d+(\.\d+)?$/.test(value)
      ? new Date(Number(value) * 1000)
      : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function consoleHost(region: string) {
  if (region.startsWith('cn-')) return `${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-'))
    return `${region}.console.amazonaws-us-gov.com`;
  return `${region}.console.aws.amazon.com`;
}

/**
 * The model registry is browsed in SageMaker Studio: the group's versions in the configured
 * Studio domain, else the region's Studio launch page in the AWS console.
 */
function registryLink(facts: SagemakerGroupFacts, what: string): EvidenceLink {
  if (facts.studioUrl) {
    return {
      title: `${what} in SageMaker Studio`,
      url: `${facts.studioUrl.replace(
        /\/+$/,
        '',
      )}/models/registered-models/${encodeURIComponent(facts.group)}/versions`,
    };
  }
  const host = consoleHost(facts.region);
  return {
    title: `${what}: open SageMaker Studio (${facts.region}), Models, Registered models`,
    url: `https://${host}/sagemaker/home?region=${encodeURIComponent(
      facts.region,
    )}#/studio-landing`,
  };
}

/** The metrics files the package registers, as `ModelQuality.Statistics`. */
function metricsOf(pkg: SagemakerModelPackage): string[] {
  return Object.entries(pkg.ModelMetrics ?? {}).flatMap(([kind, sources]) =>
    Object.entries(sources ?? {})
      .filter(([, source]) => !!source?.S3Uri)
      .map(([name]) => `${kind}.${name}`),
  );
}

/**
 * Evidence from one model package group: experiment tracking (the newest approved package has
 * model metrics) and, for an entity that claims it, automatic promotion (that package was
 * approved by an automation role). One item per check, a pure function of what SageMaker
 * answered.
 *
 * @internal
 */
export function sagemakerGroupEvidence(
  facts: SagemakerGroupFacts,
): CollectedEvidence[] {
  const where = `SageMaker ${facts.instance} (${facts.region})`;
  const promotion = (item: Omit<CollectedEvidence, 'checkId'>) =>
    facts.declaresAutoPromotion
      ? [{ checkId: 'auto-promotion', ...item } as CollectedEvidence]
      : [];
  if (!facts.exists) {
    const message = `Model package group "${facts.group}" does not exist in ${where}`;
    return [
      { checkId: 'experiment-tracking', status: 'fail', message },
      ...promotion({ status: 'fail', message }),
    ];
  }
  const pkg = facts.approved;
  if (!pkg) {
    const links = [registryLink(facts, facts.group)];
    return [
      {
        checkId: 'experiment-tracking',
        status: 'fail',
        message: `"${facts.group}" has no Approved model package in ${where}`,
        links,
      },
      ...promotion({
        status: 'fail',
        message: `Nothing in "${facts.group}" is Approved, so nothing was promoted automatically`,
        links,
      }),
    ];
  }

  const version =
    pkg.ModelPackageVersion ?? pkg.ModelPackageArn.split('/').pop();
  const name = `"${facts.group}" v${version}`;
  const links = [registryLink(facts, `${facts.group} v${version}`)];
  const observedAt = awsDate(pkg.LastModifiedTime) ?? awsDate(pkg.CreationTime);
  const metrics = metricsOf(pkg);
  const evidence: CollectedEvidence[] = [
    metrics.length > 0
      ? {
          checkId: 'experiment-tracking',
          status: 'pass',
          message: `${name} is Approved with model metrics (${metrics.join(
            ', ',
          )})`,
          observedAt,
          links,
          details: {
            group: facts.group,
            version: String(version),
            modelPackageArn: pkg.ModelPackageArn,
            metrics,
          },
        }
      : {
          checkId: 'experiment-tracking',
          status: 'fail',
          message: `${name} is Approved but registers no model metrics (ModelMetrics)`,
          observedAt,
          links,
        },
  ];

  const approver = approverOf(pkg);
  const role = automationRoleOf(approver, facts.automationRoles);
  const why = pkg.ApprovalDescription ? `: "${pkg.ApprovalDescription}"` : '';
  evidence.push(
    ...promotion(
      role
        ? {
            status: 'pass',
            message: `${name} was approved by the automation ${approver.label}${why}`,
            observedAt,
            links,
            details: {
              approvedBy: approver.recordedArn ?? approver.label,
              automationRole: role,
              recordedIn: approver.via,
            },
          }
        : {
            status: 'fail',
            message: `${name} was approved by ${
              approver.label
            }, not by an automation role (${facts.automationRoles.join(', ')})`,
            observedAt,
            links,
          },
    ),
  );
  return evidence;
}
