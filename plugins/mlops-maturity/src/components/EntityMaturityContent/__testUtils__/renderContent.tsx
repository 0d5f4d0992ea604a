import { screen } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  Assessment,
  MlopsMaturityApi,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { buildHistory } from '../../../__testUtils__/assessments';
import {
  mockMaturityApi,
  renderEntityComponent,
} from '../../../__testUtils__/render';
import { mockResizeObserver } from '../../../__testUtils__/resizeObserver';
import { EntityMaturityContent } from '../EntityMaturityContent';

/** Shared rendering and queries of the `EntityMaturityContent.*.test.tsx` files. */

/**
 * The setup every EntityMaturityContent test file shares; call it once at the top level of the
 * file. The history chart (recharts) needs a `ResizeObserver`.
 */
export function setUpEntityMaturityContentTests() {
  let restoreResizeObserver: () => void;
  beforeEach(() => {
    restoreResizeObserver = mockResizeObserver();
  });
  afterEach(() => {
    restoreResizeObserver();
  });
}

/** The list item of a check, found by its title (an `h4`). */
export function checkItem(title: string): HTMLElement {
  const item = screen
    .getByRole('heading', { level: 4, name: title })
    .closest('li');
  if (!item) throw new Error(`no list item for ${title}`);
  return item as HTMLElement;
}

/**
 * Renders the content for the fraud-scorer entity: `getAssessment` answers with the given
 * assessment (or rejects with the given error), `getHistory` with a few recorded changes, unless
 * `options.api` overrides them.
 */
export function renderContent(
  assessment: Assessment | Promise<Assessment> | Error,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    permissions?: Record<string, AuthorizeResult.ALLOW | AuthorizeResult.DENY>;
    api?: Parameters<typeof mockMaturityApi>[0];
  } = {},
): ReturnType<typeof renderEntityComponent> & {
  api: jest.Mocked<MlopsMaturityApi>;
} {
  const api = mockMaturityApi({
    getAssessment: jest.fn(async () => {
      if (assessment instanceof Error) throw assessment;
      return assessment;
    }),
    getHistory: jest.fn(async () => buildHistory(new Date())),
    ...options.api,
  });
  const result = renderEntityComponent(<EntityMaturityContent />, {
    api,
    permission: options.permission,
    permissions: options.permissions,
  });
  return { api, ...result };
}
