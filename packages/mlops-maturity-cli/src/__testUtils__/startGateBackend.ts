import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import mlopsMaturityBackend from '@mlops-maturity/plugin-mlops-maturity-backend';
import { mlopsMaturityAssessmentRefreshPermission } from '@mlops-maturity/plugin-mlops-maturity-common';
import { testCatalogFactory } from './testCatalog';
import { UserTokenIssuer } from './userTokens';

// The decision values of @backstage/plugin-permission-common's AuthorizeResult, which this
// package does not depend on.
type Decision = Awaited<ReturnType<PermissionsService['authorize']>>[number];
const ALLOW = 'ALLOW' as Decision['result'];
const DENY = 'DENY' as Decision['result'];

/** The static external-access token the test backend accepts, as `backend.auth.externalAccess` configures one. */
export const STATIC_TOKEN = 'ci-gate-token-0123456789';

/** A user the permission policy lets read but not re-assess. */
export const READ_ONLY_USER = 'user:default/guest';

/** Annotations that declare every required check of levels 1 to `level`. */
function annotationsForLevel(level: number): Record<string, string> {
  const sets: Record<string, string>[] = [
    {
      'mlops-maturity.io/training-entrypoint': 'src/train.py',
      'mlops-maturity.io/deployment-entrypoint': 'deploy.sh',
      'mlops-maturity.io/serving-logs': 'https://logs.example/app',
    },
    {
      'mlflow.org/registered-model': 'model',
      'airflow.apache.org/dag-id': 'train',
      'mlops-maturity.io/quality-gate': '.github/workflows/q.yml',
    },
    {
      'evidentlyai.com/project-id': 'p1',
      'mlops-maturity.io/quality-dashboard': 'https://grafana.example/d/1',
      'kserve.io/inference-service': 'models/m',
    },
    {
      'mlops-maturity.io/retrain-cadence': 'on-drift',
      'mlops-maturity.io/promotion': 'automatic',
      'feast.dev/feature-service': 'features',
    },
  ];
  return Object.assign({}, ...sets.slice(0, level));
}

function mlService(
  name: string,
  options: { level: number; owner: string; annotations?: object },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      tags: ['ml-service'],
      annotations: {
        ...annotationsForLevel(options.level),
        ...options.annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: options.owner },
  };
}

/**
 * The test estate: one service below its target (churn-predictor, L2 of 3), one above it
 * (fraud-scorer, L4 of 3), one at a target it sets itself (forecast, L1 of 1), and one at L0
 * (recommender, of 3).
 */
export const TEST_ENTITIES: Entity[] = [
  mlService('churn-predictor', { level: 2, owner: 'team-a' }),
  mlService('fraud-scorer', { level: 4, owner: 'team-a' }),
  mlService('forecast', {
    level: 1,
    owner: 'team-b',
    annotations: { 'mlops-maturity.io/target-level': '1' },
  }),
  mlService('recommender', { level: 0, owner: 'team-b' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
];

/**
 * Starts a Backstage backend with the real MLOps maturity plugin (the package's default export,
 * as adopters install it), Backstage's real token checks (static external-access tokens, and
 * user tokens verified against the JWKS of an `auth` plugin), a catalog of
 * {@link TEST_ENTITIES}, and a permission policy that lets {@link READ_ONLY_USER} read but not
 * re-assess. The first assessment run has finished when it resolves.
 */
export async function startGateBackend() {
  const issuer = new UserTokenIssuer();
  const scheduler = mockServices.scheduler();
  const jwksPlugin = createBackendPlugin({
    pluginId: 'auth',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.addAuthPolicy({
            path: '/.well-known',
            allow: 'unauthenticated',
          });
          httpRouter.use((req, res, next) => {
            if (req.path === '/.well-known/jwks.json') res.json(issuer.jwks);
            else next();
          });
        },
      });
    },
  });
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const user = (
        options?.credentials.principal as { userEntityRef?: string }
      ).userEntityRef;
      return requests.map(r => ({
        result:
          user === READ_ONLY_USER &&
          r.permission.name === mlopsMaturityAssessmentRefreshPermission.name
            ? DENY
            : ALLOW,
      }));
    },
    authorizeConditional: async requests =>
      requests.map(() => ({ result: ALLOW })),
  });
  const backend = await startTestBackend({
    features: [
      mlopsMaturityBackend,
      jwksPlugin,
      testCatalogFactory(TEST_ENTITIES),
      authServiceFactory,
      httpAuthServiceFactory,
      permissions.factory,
      // Backstage's functional mock scheduler, which runs a task when it is triggered.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: STATIC_TOKEN, subject: 'ci-gate' },
                },
              ],
            },
          },
        },
      }),
    ],
  });
  await scheduler.triggerTask('mlops-maturity-assess');
  const backendUrl = `http://127.0.0.1:${backend.server.port()}`;
  return {
    backend,
    /** The backend's base URL, as `--url` takes it. */
    backendUrl,
    /** A valid user token for `userEntityRef`. */
    userToken: (userEntityRef = 'user:default/jane') =>
      issuer.issue({ userEntityRef }),
    /** A user token, correctly signed, whose `exp` passed an hour ago. */
    expiredUserToken: (userEntityRef = 'user:default/jane') =>
      issuer.issue({
        userEntityRef,
        issuedAt: new Date(Date.now() - 2 * 3600_000),
        lifetimeSeconds: 3600,
      }),
  };
}
