import type { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import plugin, {
  mlopsMaturityEntityCard,
  mlopsMaturityEntityContent,
  mlopsMaturityGroupEntityCard,
} from './alpha';
import { mlopsMaturityPlugin as legacyPlugin } from './index';

const component = (metadata: Partial<Entity['metadata']>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'churn', ...metadata },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

describe('the new frontend system plugin', () => {
  it('installs the page, tab, card, catalog filter and API', () => {
    expect(plugin.pluginId).toBe('mlops-maturity');
    for (const id of [
      'api:mlops-maturity',
      'page:mlops-maturity',
      'entity-content:mlops-maturity',
      'entity-card:mlops-maturity/summary',
      'entity-card:mlops-maturity/group',
      'catalog-filter:mlops-maturity/level',
    ]) {
      expect(plugin.getExtension(id as any)).toBeDefined();
    }
  });

  it.each([
    [
      'a scored entity (level label)',
      { labels: { 'mlops-maturity.io/level': '2' } },
      true,
    ],
    ['an ML service (tag)', { tags: ['ml-service'] }, true],
    ['another component', { tags: ['java'] }, false],
  ])('shows the tab and card on %s: %p', (_name, metadata, shown) => {
    const entity = component(metadata);
    for (const extension of [
      mlopsMaturityEntityContent,
      mlopsMaturityEntityCard,
    ]) {
      const filter = createExtensionTester(extension as any).get(
        EntityContentBlueprint.dataRefs.filterFunction,
      ) as ((e: Entity) => boolean) | undefined;
      expect(filter?.(entity)).toBe(shown);
    }
  });
});

describe('the group card', () => {
  it.each([
    ['a group', 'Group', true],
    ['a component', 'Component', false],
    ['a user', 'User', false],
  ])('is on the page of %s', (_name, kind, shown) => {
    const filter = createExtensionTester(
      mlopsMaturityGroupEntityCard as any,
    ).get(EntityCardBlueprint.dataRefs.filterFunction) as
      | ((e: Entity) => boolean)
      | undefined;
    expect(filter?.({ ...component({}), kind })).toBe(shown);
  });
});

describe('the legacy plugin', () => {
  it('has the same id', () => {
    expect(legacyPlugin.getId()).toBe('mlops-maturity');
  });
});
