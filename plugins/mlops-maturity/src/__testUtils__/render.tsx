import type { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import type { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  renderInTestApp,
  TestAppRenderResult,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import type { MlopsMaturityApi } from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityApiRef } from '../api/MlopsMaturityApi';
import { mlServiceEntity } from './assessments';

/** A mock of every method of the MLOps maturity API; each rejects unless a test sets it. */
export function mockMaturityApi(
  overrides: Partial<MlopsMaturityApi> = {},
): jest.Mocked<MlopsMaturityApi> {
  const unexpected = (name: string) =>
    jest.fn(async () => {
      throw new Error(`unexpected call of ${name}`);
    });
  return {
    getAssessment: unexpected('getAssessment'),
    getHistory: jest.fn(async () => []),
    refresh: unexpected('refresh'),
    listAssessments: unexpected('listAssessments'),
    getScorecard: unexpected('getScorecard'),
    getTrend: unexpected('getTrend'),
    getRubric: unexpected('getRubric'),
    createWaiver: unexpected('createWaiver'),
    revokeWaiver: unexpected('revokeWaiver'),
    ...overrides,
  } as jest.Mocked<MlopsMaturityApi>;
}

/**
 * Renders an entity page component in a test app with an entity in context, the given API and a
 * permission decision for every request (`usePermission` caches decisions in SWR's global
 * cache, so each render gets its own cache). The permission requests made are collected in
 * `permissionRequests`.
 */
export function renderEntityComponent(
  element: ReactElement,
  options: {
    api: MlopsMaturityApi;
    entity?: Entity;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** Decisions by permission name, instead of `permission`. */
    permissions?: Record<string, AuthorizeResult.ALLOW | AuthorizeResult.DENY>;
  },
): TestAppRenderResult & { permissionRequests: EvaluatePermissionRequest[] } {
  const permissionRequests: EvaluatePermissionRequest[] = [];
  const decision = options.permission ?? AuthorizeResult.DENY;
  const result = renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <EntityProvider entity={options.entity ?? mlServiceEntity()}>
        {element}
      </EntityProvider>
    </SWRConfig>,
    {
      apis: [
        [mlopsMaturityApiRef, options.api],
        mockApis.permission({
          authorize: request => {
            permissionRequests.push(request);
            return options.permissions?.[request.permission.name] ?? decision;
          },
        }),
      ],
    },
  );
  return { ...result, permissionRequests };
}
