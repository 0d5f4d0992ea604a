import { MaturityClient } from '../client';
import { resolveConnection } from '../connection';
import { runCliForTest } from '../__testUtils__/runCliForTest';
import {
  startGateBackend,
  STATIC_TOKEN,
} from '../__testUtils__/startGateBackend';

jest.setTimeout(60_000);

describe('mlops-maturity status', () => {
  let env: Record<string, string>;
  const status = (...args: string[]) => runCliForTest(['status', ...args], env);

  beforeAll(async () => {
    const backend = await startGateBackend();
    env = {
      MLOPS_MATURITY_URL: backend.backendUrl,
      MLOPS_MATURITY_TOKEN: STATIC_TOKEN,
    };
  });

  it("prints one entity's levels, every check and the next level's blockers", async () => {
    const { code, stdout, stderr } = await status('-e', 'churn-predictor');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'component:default/churn-predictor',
      '  Owner:          group:default/team-a',
      '  Level:          L2 Automated',
      '  Verified level: L0 Manual (live evidence only)',
      '  Target:         L3 Monitored: Level 3 is where most ML teams should aim',
      '  Meets target:   no',
      expect.stringMatching(
        /^ {2}Assessed at: {4}\d{4}-.*Z \(rubric [0-9a-f]{12}\)$/,
      ),
      '',
    ]);
    expect(lines).toContain(
      '  L1 declared     Training is a script (training-script): Declared by mlops-maturity.io/training-entrypoint: "src/train.py"',
    );
    // One line per check of the rubric.
    expect(lines.filter(l => /^ {2}L\d /.test(l))).toHaveLength(12);
    expect(lines).toContain('Next level: L3 Monitored, effort 4–8 weeks');
    expect(stdout).toContain('  1. L3 ');
    expect(stdout).toContain('     To do: ');
  });

  it('prints the assessment as the API answers it with --format json, plus the link', async () => {
    const { code, stdout } = await status(
      '-e',
      'component:default/fraud-scorer',
      '--format',
      'json',
      '--app-url',
      'https://backstage.example.com',
    );
    expect(code).toBe(0);
    const assessment = await new MaturityClient(
      resolveConnection({}, env),
    ).getAssessment('component:default/fraud-scorer');
    expect(JSON.parse(stdout)).toEqual({
      ...assessment,
      url: 'https://backstage.example.com/catalog/default/component/fraud-scorer/mlops-maturity',
    });
  });

  it('exits 2 for an entity the backend has no assessment of', async () => {
    const { code, stdout, stderr } = await status('-e', 'checkout-api');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^mlops-maturity: No assessment of component:default\/checkout-api: /,
    );
  });

  it('re-assesses first with --refresh, and says why it cannot', async () => {
    const refreshed = await status('-e', 'forecast', '--refresh');
    expect(refreshed.code).toBe(0);
    const missing = await status('-e', 'checkout-api', '--refresh');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'mlops-maturity: component:default/checkout-api cannot be assessed: the catalog has no such entity, the token may not read it, or it is not selected as an ML service\n',
    );
  });
});
