import { runCliForTest } from '../__testUtils__/runCliForTest';
import {
  startGateBackend,
  STATIC_TOKEN,
} from '../__testUtils__/startGateBackend';

jest.setTimeout(60_000);

describe('mlops-maturity list', () => {
  let env: Record<string, string>;
  const list = (...args: string[]) => runCliForTest(['list', ...args], env);

  beforeAll(async () => {
    const backend = await startGateBackend();
    env = {
      MLOPS_MATURITY_URL: backend.backendUrl,
      MLOPS_MATURITY_TOKEN: STATIC_TOKEN,
    };
  });

  it('lists every assessed service as a table', async () => {
    const { code, stdout, stderr } = await list();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'ENTITY                             LEVEL  VERIFIED  TARGET  MEETS  OWNER',
        'component:default/churn-predictor  L2     L0        L3      no     group:default/team-a',
        'component:default/forecast         L1     L0        L1      yes    group:default/team-b',
        'component:default/fraud-scorer     L4     L0        L3      yes    group:default/team-a',
        'component:default/recommender      L0     L0        L3      no     group:default/team-b',
        '4 ML services',
        '',
      ].join('\n'),
    );
  });

  it('lists the services below target of one owner', async () => {
    const { code, stdout } = await list('--below-target', '--owner', 'team-b');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(1)).toEqual([
      'component:default/recommender  L0     L0        L3      no     group:default/team-b',
      '1 ML service',
      '',
    ]);
  });

  it('prints JSON with --format json, with links when the app URL is known', async () => {
    const { code, stdout } = await list(
      '--level',
      '4',
      '--format',
      'json',
      '--app-url',
      'https://backstage.example.com',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      total: 1,
      items: [
        {
          entityRef: 'component:default/fraud-scorer',
          title: 'fraud-scorer',
          owner: 'group:default/team-a',
          lifecycle: 'production',
          level: 4,
          verifiedLevel: 0,
          waivedChecks: 0,
          targetLevel: 3,
          meetsTarget: true,
          assessedAt: expect.stringMatching(/^\d{4}-/),
          url: 'https://backstage.example.com/catalog/default/component/fraud-scorer/mlops-maturity',
        },
      ],
    });
  });

  it('exits 0 when nothing matches', async () => {
    const { code, stdout } = await list('--owner', 'nobody');
    expect(code).toBe(0);
    expect(stdout).toBe('No ML services match.\n');
    const json = await list('--owner', 'nobody', '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual({ items: [], total: 0 });
  });

  it('exits 2 on a level that is not one', async () => {
    const { code, stderr } = await list('--level', 'high');
    expect(code).toBe(2);
    expect(stderr).toMatch(/A level is 0, 1, 2, 3 or 4/);
  });
});
