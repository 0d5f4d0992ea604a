import type {
  SagemakerModelPackage,
  SagemakerUserContext,
} from './sagemakerTypes';

/**
 * The automation roles assumed when an instance names none: IAM roles whose name says they
 * belong to a pipeline or to automation, the same words as MLflow's `promoted_by` convention.
 *
 * @internal
 */
export const DEFAULT_AUTOMATION_ROLES: readonly string[] = [
  '*pipeline*',
  '*automation*',
];

/**
 * Who approved a model package: the last change of an approved package is its approval, and a
 * package registered already approved was approved by whoever registered it.
 *
 * @internal
 */
export interface Approver {
  /** The field of DescribeModelPackage it comes from. */
  via: 'LastModifiedBy' | 'CreatedBy';
  /** For messages, e.g. `role mlops-model-pipeline (session SageMaker)`. */
  label: string;
  /** The IAM role or user name, when the identity has one. */
  name?: string;
  /** The IAM identity's ARN, an assumed-role session as its role's ARN. */
  arn?: string;
  /** The identity ARN exactly as SageMaker recorded it. */
  recordedArn?: string;
  userProfile?: string;
}

const hasContent = (c?: SagemakerUserContext) =>
  !!c && (!!c.IamIdentity?.Arn || !!c.UserProfileName || !!c.UserProfileArn);

const SESSION = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const PRINCIPAL =
  /^arn:(aws[\w-]*):iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/;

/**
 * The approver of an approved package, from what SageMaker recorded.
 *
 * @internal
 */
export function approverOf(pkg: SagemakerModelPackage): Approver {
  const via = hasContent(pkg.LastModifiedBy) ? 'LastModifiedBy' : 'CreatedBy';
  const context = pkg[via] ?? {};
  const recordedArn = context.IamIdentity?.Arn;
  const userProfile =
    context.UserProfileName ?? context.UserProfileArn?.split('/').pop();
  const source = context.IamIdentity?.SourceIdentity;
  const as = source ? ` as ${source}` : '';
  const profile = userProfile ? `Studio user profile ${userProfile}` : '';
  const session = recordedArn?.match(SESSION);
  const principal = recordedArn?.match(PRINCIPAL);
  if (session) {
    const [, partition, account, role, sessionName] = session;
    return {
      via,
      name: role,
      arn: `arn:${partition}:iam::${account}:role/${role}`,
      recordedArn,
      userProfile,
      label: `${
        profile ? `${profile}, ` : ''
      }role ${role} (session ${sessionName})${as}`,
    };
  }
  if (principal) {
    const [, , , type, name] = principal;
    return {
      via,
      name,
      arn: recordedArn,
      recordedArn,
      userProfile,
      label: `${profile ? `${profile}, ` : ''}IAM ${type} ${name}${as}`,
    };
  }
  return {
    via,
    recordedArn,
    userProfile,
    label: profile || recordedArn || 'an identity SageMaker did not record',
  };
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );

/**
 * The automation role pattern the approver matches, if any. A pattern with a colon is matched
 * against the identity's ARN (an assumed-role session as its role's ARN, or as recorded), any
 * other against the role or user name; `*` stands for any characters, and case is ignored as
 * IAM ignores it in names.
 *
 * @internal
 */
export function automationRoleOf(
  approver: Approver,
  patterns: readonly string[],
): string | undefined {
  return patterns.find(pattern => {
    const re = glob(pattern);
    if (pattern.includes(':')) {
      return [approver.arn, approver.recordedArn].some(
        arn => arn !== undefined && re.test(arn),
      );
    }
    return approver.name !== undefined && re.test(approver.name);
  });
}
