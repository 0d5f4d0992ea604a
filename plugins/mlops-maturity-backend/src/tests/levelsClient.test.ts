import type { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { MaturityLevelsClient } from '@mlops-maturity/plugin-mlops-maturity-node';
import { mlService } from '../__testUtils__/assessments';
import { startMaturityBackend } from '../__testUtils__/startMaturityBackend';

jest.setTimeout(120_000);

// The -node client the catalog module uses, against this plugin's real HTTP API.
describe('MaturityLevelsClient against the backend plugin', () => {
  it('reads every assessed entity across pages with its own service credentials', async () => {
    const entities = Array.from({ length: 1_100 }, (_, i) =>
      mlService(`svc-${String(i).padStart(4, '0')}`, {
        level: i % 5,
        owner: `team-${i % 7}`,
      }),
    );
    const { server, runAssessment } = await startMaturityBackend({ entities });
    await runAssessment();
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api`;
    const client = new MaturityLevelsClient({
      discovery: { getBaseUrl: async (id: string) => `${base}/${id}` } as any,
      auth: mockServices.auth({ pluginId: 'catalog' }),
    });

    const levels = await client.listLevels();

    expect(levels.size).toBe(1_100);
    expect(levels.get('component:default/svc-0003')).toEqual({
      level: 3,
      meetsTarget: expect.any(Boolean),
    });
    expect([...levels.values()].filter(l => l.level === 4).length).toBe(220);

    const wrong = new MaturityLevelsClient({
      discovery: { getBaseUrl: async () => `${base}/no-such-plugin` } as any,
      auth: mockServices.auth({ pluginId: 'catalog' }),
    });
    await expect(wrong.listLevels()).rejects.toThrow(/answered 404/);
  });
});
