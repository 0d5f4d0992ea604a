import { DEFAULT_AUTOMATION_ROLES } from './sagemakerApprover';
import {
  awsDate,
  SagemakerGroupFacts,
  sagemakerGroupEvidence,
} from './sagemakerEvidence';
import type {
  SagemakerModelPackage,
  SagemakerUserContext,
} from './sagemakerTypes';

const ACCOUNT = '123456789012';
const session = (
  role: string,
  name: string,
  source?: string,
): SagemakerUserContext => ({
  IamIdentity: {
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${name}`,
    PrincipalId: `AROAEXAMPLE:${name}`,
    ...(source ? { SourceIdentity: source } : {}),
  },
});
const PIPELINE = session('mlops-model-pipeline', 'SageMaker');
const PERSON = session(
  'AWSReservedSSO_DataScientist_0123',
  'alice@example.com',
  'alice@example.com',
);
const STUDIO: SagemakerUserContext = {
  UserProfileName: 'bob',
  DomainId: 'd-abc',
  ...session('AmazonSageMaker-ExecutionRole-20240101T000000', 'SageMaker'),
};
const METRICS = {
  ModelQuality: {
    Statistics: { ContentType: 'application/json', S3Uri: 's3://m/eval.json' },
  },
};
// 2026-11-20T00:00:00Z and a day later, in AWS's epoch seconds.
const CREATED = 1795132800;
const MODIFIED = CREATED + 86400;

const pkg = (
  over: Partial<SagemakerModelPackage> = {},
): SagemakerModelPackage => ({
  ModelPackageGroupName: 'churn',
  ModelPackageVersion: 3,
  ModelPackageArn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model-package/churn/3`,
  ModelPackageStatus: 'Completed',
  ModelApprovalStatus: 'Approved',
  ApprovalDescription: 'auc 0.91 > 0.88',
  CreationTime: CREATED,
  LastModifiedTime: MODIFIED,
  CreatedBy: PIPELINE,
  LastModifiedBy: PIPELINE,
  ModelMetrics: METRICS,
  ...over,
});

const facts = (
  over: Partial<SagemakerGroupFacts> = {},
): SagemakerGroupFacts => ({
  instance: 'prod',
  region: 'eu-west-1',
  group: 'churn',
  exists: true,
  approved: pkg(),
  declaresAutoPromotion: true,
  automationRoles: DEFAULT_AUTOMATION_ROLES,
  ...over,
});

const statusOf = (f: SagemakerGroupFacts) => {
  const evidence = sagemakerGroupEvidence(f);
  const of = (id: string) => {
    const items = evidence.filter(e => e.checkId === id);
    expect(items.length).toBeLessThanOrEqual(1);
    return items[0]?.status ?? 'none';
  };
  return {
    tracking: of('experiment-tracking'),
    promotion: of('auto-promotion'),
  };
};

describe('sagemakerGroupEvidence', () => {
  it.each<[string, SagemakerGroupFacts, string, string]>([
    ['approved with metrics by the pipeline role', facts(), 'pass', 'pass'],
    [
      'group missing',
      facts({ exists: false, approved: undefined }),
      'fail',
      'fail',
    ],
    ['nothing approved', facts({ approved: undefined }), 'fail', 'fail'],
    [
      'no ModelMetrics',
      facts({ approved: pkg({ ModelMetrics: undefined }) }),
      'fail',
      'pass',
    ],
    [
      'ModelMetrics without a metrics file',
      facts({
        approved: pkg({ ModelMetrics: { ModelQuality: { Statistics: {} } } }),
      }),
      'fail',
      'pass',
    ],
    [
      'only a bias report',
      facts({
        approved: pkg({
          ModelMetrics: { Bias: { Report: { S3Uri: 's3://m/bias.json' } } },
        }),
      }),
      'pass',
      'pass',
    ],
    [
      'approved by a person',
      facts({ approved: pkg({ LastModifiedBy: PERSON }) }),
      'pass',
      'fail',
    ],
    [
      'approved in Studio',
      facts({ approved: pkg({ LastModifiedBy: STUDIO }) }),
      'pass',
      'fail',
    ],
    [
      'registered approved by the pipeline',
      facts({
        approved: pkg({
          LastModifiedBy: undefined,
          LastModifiedTime: undefined,
        }),
      }),
      'pass',
      'pass',
    ],
    [
      'registered approved by a person',
      facts({
        approved: pkg({
          CreatedBy: PERSON,
          LastModifiedBy: {},
          LastModifiedTime: undefined,
        }),
      }),
      'pass',
      'fail',
    ],
    [
      'registered by a person, approved by the pipeline',
      facts({ approved: pkg({ CreatedBy: PERSON }) }),
      'pass',
      'pass',
    ],
    [
      'registered by the pipeline, approved by a person',
      facts({ approved: pkg({ LastModifiedBy: PERSON }) }),
      'pass',
      'fail',
    ],
    [
      'no identity recorded',
      facts({
        approved: pkg({ CreatedBy: undefined, LastModifiedBy: undefined }),
      }),
      'pass',
      'fail',
    ],
    [
      'a role the configured patterns name by ARN',
      facts({
        approved: pkg({ LastModifiedBy: session('promote-lambda', 'promote') }),
        automationRoles: [`arn:aws:iam::${ACCOUNT}:role/promote-*`],
      }),
      'pass',
      'pass',
    ],
    [
      'a pipeline-like role the configured patterns leave out',
      facts({ automationRoles: ['promote-lambda'] }),
      'pass',
      'fail',
    ],
    [
      'a CI machine user named in the patterns',
      facts({
        approved: pkg({
          LastModifiedBy: {
            IamIdentity: {
              Arn: `arn:aws:iam::${ACCOUNT}:user/ci/github-deployer`,
            },
          },
        }),
        automationRoles: ['github-deployer'],
      }),
      'pass',
      'pass',
    ],
    [
      'automatic promotion not claimed',
      facts({ declaresAutoPromotion: false }),
      'pass',
      'none',
    ],
    [
      'not claimed, group missing',
      facts({
        exists: false,
        approved: undefined,
        declaresAutoPromotion: false,
      }),
      'fail',
      'none',
    ],
  ])('%s', (_name, input, tracking, promotion) => {
    expect(statusOf(input)).toEqual({ tracking, promotion });
  });

  it('says what proves each check, when, and links to the registry', () => {
    const [tracking, promotion] = sagemakerGroupEvidence(
      facts({
        studioUrl: 'https://studio-d-abc.studio.eu-west-1.sagemaker.aws/',
      }),
    );
    const links = [
      {
        title: 'churn v3 in SageMaker Studio',
        url: 'https://studio-d-abc.studio.eu-west-1.sagemaker.aws/models/registered-models/churn/versions',
      },
    ];
    expect(tracking).toEqual({
      checkId: 'experiment-tracking',
      status: 'pass',
      message:
        '"churn" v3 is Approved with model metrics (ModelQuality.Statistics)',
      observedAt: new Date('2026-11-21T00:00:00Z'),
      links,
      details: {
        group: 'churn',
        version: '3',
        modelPackageArn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model-package/churn/3`,
        metrics: ['ModelQuality.Statistics'],
      },
    });
    expect(promotion).toEqual({
      checkId: 'auto-promotion',
      status: 'pass',
      message:
        '"churn" v3 was approved by the automation role mlops-model-pipeline (session SageMaker): "auc 0.91 > 0.88"',
      observedAt: new Date('2026-11-21T00:00:00Z'),
      links,
      details: {
        approvedBy: `arn:aws:sts::${ACCOUNT}:assumed-role/mlops-model-pipeline/SageMaker`,
        automationRole: '*pipeline*',
        recordedIn: 'LastModifiedBy',
      },
    });
  });

  it('names the person who approved, and the roles that would have counted', () => {
    const [, viaSso] = sagemakerGroupEvidence(
      facts({ approved: pkg({ LastModifiedBy: PERSON }) }),
    );
    expect(viaSso.message).toBe(
      '"churn" v3 was approved by role AWSReservedSSO_DataScientist_0123 (session alice@example.com) as alice@example.com, not by an automation role (*pipeline*, *automation*)',
    );
    const [, inStudio] = sagemakerGroupEvidence(
      facts({ approved: pkg({ LastModifiedBy: STUDIO }) }),
    );
    expect(inStudio.message).toContain(
      'approved by Studio user profile bob, role AmazonSageMaker-ExecutionRole-20240101T000000',
    );
  });

  it('tells a missing group, an empty one and one without metrics apart', () => {
    expect(
      sagemakerGroupEvidence(facts({ exists: false, approved: undefined }))[0]
        .message,
    ).toBe(
      'Model package group "churn" does not exist in SageMaker prod (eu-west-1)',
    );
    expect(
      sagemakerGroupEvidence(facts({ approved: undefined }))[0].message,
    ).toBe(
      '"churn" has no Approved model package in SageMaker prod (eu-west-1)',
    );
    expect(
      sagemakerGroupEvidence(facts({ approved: pkg({ ModelMetrics: {} }) }))[0]
        .message,
    ).toBe(
      '"churn" v3 is Approved but registers no model metrics (ModelMetrics)',
    );
  });

  it('links to the region console when no Studio domain is configured', () => {
    const [china] = sagemakerGroupEvidence(facts({ region: 'cn-north-1' }));
    expect(china.links).toEqual([
      {
        title:
          'churn v3: open SageMaker Studio (cn-north-1), Models, Registered models',
        url: 'https://cn-north-1.console.amazonaws.cn/sagemaker/home?region=cn-north-1#/studio-landing',
      },
    ]);
  });

  it('reads epoch seconds and ISO times, the approval before the registration', () => {
    expect(awsDate(1795132800.5)).toEqual(new Date('2026-11-20T00:00:00.500Z'));
    expect(awsDate('1795132800')).toEqual(new Date('2026-11-20T00:00:00Z'));
    expect(awsDate('2026-11-20T00:00:00Z')).toEqual(
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(awsDate('not a date')).toBeUndefined();
    const [registered] = sagemakerGroupEvidence(
      facts({ approved: pkg({ LastModifiedTime: undefined }) }),
    );
    expect(registered.observedAt).toEqual(new Date('2026-11-20T00:00:00Z'));
  });
});
