import { MaturityClient } from '../client';
import { resolveConnection } from '../connection';
import type { GateReport } from '../format';
import { runCliForTest } from '../__testUtils__/runCliForTest';
import {
  READ_ONLY_USER,
  startGateBackend,
  STATIC_TOKEN,
} from '../__testUtils__/startGateBackend';

jest.setTimeout(60_000);

describe('mlops-maturity gate', () => {
  let backend: Awaited<ReturnType<typeof startGateBackend>>;
  let env: Record<string, string>;
  const gate = (...args: string[]) => runCliForTest(['gate', ...args], env);

  beforeAll(async () => {
    backend = await startGateBackend();
    env = {
      MLOPS_MATURITY_URL: backend.backendUrl,
      MLOPS_MATURITY_TOKEN: STATIC_TOKEN,
    };
  });

  it('exits 0 when the level reaches the target, the default bar', async () => {
    const { code, stdout, stderr } = await gate('--entity', 'fraud-scorer');
    expect(stderr).toBe('');
    expect(stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'PASS component:default/fraud-scorer: level L4 Optimized meets its target L3 Monitored',
        '  Level:          L4 Optimized',
        '  Verified level: L0 Manual (live evidence only)',
        '  Target:         L3 Monitored: Level 3 is where most ML teams should aim',
      ]),
    );
    expect(stdout).not.toContain('Blockers');
    expect(code).toBe(0);
  });

  it("exits 1 below the target, with the next level's blockers and what to do", async () => {
    const { code, stdout } = await gate(
      '--entity',
      'component:default/churn-predictor',
      '--target',
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^FAIL component:default\/churn-predictor: level L2 Automated is below its target L3 Monitored\n/,
    );
    // The backend's own next-level blockers are exactly what the gate lists for a bar one up.
    const assessment = await new MaturityClient(
      resolveConnection({}, env),
    ).getAssessment('component:default/churn-predictor');
    expect(assessment.nextLevel?.blockers.length).toBe(3);
    for (const blocker of assessment.nextLevel!.blockers) {
      expect(stdout).toContain(
        `L3 ${blocker.title} (${blocker.checkId}): ${blocker.status}`,
      );
      expect(stdout).toContain(`     Found: ${blocker.message}`);
      expect(stdout).toContain(`     To do: ${blocker.guidance}`);
    }
    expect(stdout).toContain('Blockers to L3 Monitored:');
  });

  it('compares with --min-level instead of the target', async () => {
    const pass = await gate('-e', 'churn-predictor', '--min-level', '2');
    expect(pass.code).toBe(0);
    expect(pass.stdout).toMatch(
      /^PASS component:default\/churn-predictor: level L2 Automated meets the minimum L2 Automated \(--min-level\)/,
    );

    const fail = await gate(
      '-e',
      'churn-predictor',
      '--min-level',
      '4',
      '--format',
      'json',
    );
    expect(fail.code).toBe(1);
    const report: GateReport = JSON.parse(fail.stdout);
    expect(report.bar).toEqual({
      level: 4,
      source: 'min-level',
      compares: 'level',
    });
    // Every required check of levels 3 and 4, lowest level first.
    expect(report.blockers.map(b => [b.level, b.checkId])).toEqual([
      [3, 'drift-monitoring'],
      [3, 'quality-dashboard'],
      [3, 'ab-testing'],
      [4, 'drift-triggered-retraining'],
      [4, 'auto-promotion'],
      [4, 'feature-store'],
    ]);
  });

  it('compares the verified level with --verified', async () => {
    // Declared evidence makes churn-predictor L2, but no tool proves it: verified L0.
    const fail = await gate(
      '-e',
      'churn-predictor',
      '--min-level',
      '1',
      '--verified',
    );
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(
      /^FAIL component:default\/churn-predictor: verified level L0 Manual is below the minimum L1 Scripted/,
    );
    expect(fail.stdout).toContain(
      'L1 Training is a script (training-script): declared',
    );
    const pass = await gate(
      '-e',
      'churn-predictor',
      '--min-level',
      '0',
      '--verified',
    );
    expect(pass.code).toBe(0);
  });

  it('prints the verdict as JSON with --format json', async () => {
    const { code, stdout, stderr } = await gate(
      '-e',
      'churn-predictor',
      '--format',
      'json',
      '--app-url',
      'https://backstage.example.com/',
    );
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const report: GateReport = JSON.parse(stdout);
    expect(report).toEqual({
      entityRef: 'component:default/churn-predictor',
      title: 'churn-predictor',
      owner: 'group:default/team-a',
      result: 'fail',
      exitCode: 1,
      bar: { level: 3, source: 'target', compares: 'level' },
      level: 2,
      verifiedLevel: 0,
      targetLevel: 3,
      targetReason: 'Level 3 is where most ML teams should aim',
      meetsTarget: false,
      assessedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      rubricVersion: expect.stringMatching(/^[0-9a-f]{12}$/),
      refreshed: false,
      blockers: [
        expect.objectContaining({ level: 3, checkId: 'drift-monitoring' }),
        expect.objectContaining({ level: 3, checkId: 'quality-dashboard' }),
        expect.objectContaining({ level: 3, checkId: 'ab-testing' }),
      ],
      url: 'https://backstage.example.com/catalog/default/component/churn-predictor/mlops-maturity',
    });
    for (const blocker of report.blockers) {
      expect(blocker.guidance).not.toBe('');
      expect(blocker.message).not.toBe('');
      expect(blocker.status).toBe('not-declared');
    }
  });

  it("links to the entity's tab in the app, from --app-url or the environment", async () => {
    const { stdout } = await runCliForTest(['gate', '-e', 'forecast'], {
      ...env,
      MLOPS_MATURITY_APP_URL: 'http://localhost:3000',
    });
    expect(stdout).toContain(
      '\nOpen in Backstage: http://localhost:3000/catalog/default/component/forecast/mlops-maturity',
    );
    const withoutApp = await gate('-e', 'forecast');
    expect(withoutApp.stdout).not.toContain('http');
  });

  it('re-assesses first with --refresh', async () => {
    const before = JSON.parse(
      (await gate('-e', 'recommender', '--format', 'json')).stdout,
    );
    const { code, stdout } = await gate(
      '-e',
      'recommender',
      '--refresh',
      '--format',
      'json',
    );
    expect(code).toBe(1);
    const after = JSON.parse(stdout);
    expect(after.refreshed).toBe(true);
    expect(Date.parse(after.assessedAt)).toBeGreaterThan(
      Date.parse(before.assessedAt),
    );
    // The new assessment is what the backend now serves.
    const read = JSON.parse(
      (await gate('-e', 'recommender', '--format', 'json')).stdout,
    );
    expect(read.assessedAt).toBe(after.assessedAt);
  });

  it('exits 2 when the token may not re-assess the entity', async () => {
    const { code, stdout, stderr } = await runCliForTest(
      ['gate', '-e', 'churn-predictor', '--refresh'],
      { ...env, MLOPS_MATURITY_TOKEN: backend.userToken(READ_ONLY_USER) },
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'mlops-maturity: The token from MLOPS_MATURITY_TOKEN may not do this (403 Forbidden); it needs the permission mlops-maturity.assessment.refresh on component:default/churn-predictor (the backend said: NotAllowedError: You may not refresh the assessment of component:default/churn-predictor)\n',
    );
  });

  it('exits 2 for an entity without an assessment, in JSON too', async () => {
    for (const entity of ['component:default/nope', 'checkout-api']) {
      const { code, stdout, stderr } = await gate(
        '-e',
        entity,
        '--format',
        'json',
      );
      expect(code).toBe(2);
      const message = `No assessment of component:default/${entity.replace(
        /^.*\//,
        '',
      )}: the catalog has no such entity, the token may not read it, it is not selected as an ML service, or it has not been assessed yet (--refresh assesses it now)`;
      expect(stderr).toBe(`mlops-maturity: ${message}\n`);
      expect(JSON.parse(stdout)).toEqual({ error: { message }, exitCode: 2 });
    }
  });

  it.each([
    [['-e', 'x', '--min-level', '2', '--target'], /cannot be used with/],
    [['-e', 'x', '--min-level', '5'], /A level is 0, 1, 2, 3 or 4/],
    [['--min-level', '2'], /required option '-e, --entity <ref>'/],
    [['-e', 'x', '--format', 'yaml'], /Allowed choices are text, json/],
    [['-e', 'x', '--timeout', '0'], /--timeout must be a number of seconds/],
    [['-e', 'component:default/'], /Not an entity reference: "component:de/],
    [['-e', 'a:b:c/d'], /answered GET .* with 400 Bad Request .*InputError/],
    [['-e', 'x', '--url', 'ftp://example.com'], /must be an http or https/],
    [['-e', 'x', '--bogus'], /unknown option '--bogus'/],
  ])('exits 2 on the usage error %j', async (args, message) => {
    const { code, stderr } = await gate(...args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('exits 2 without a backend URL, and takes BACKSTAGE_TOKEN when MLOPS_MATURITY_TOKEN is unset', async () => {
    const noUrl = await runCliForTest(['gate', '-e', 'forecast'], {
      MLOPS_MATURITY_TOKEN: STATIC_TOKEN,
    });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toBe(
      "mlops-maturity: No backend URL: pass --url or set MLOPS_MATURITY_URL to the Backstage backend's base URL, e.g. http://localhost:7007\n",
    );

    const viaFlags = await runCliForTest(
      ['gate', '-e', 'forecast', '--url', `${backend.backendUrl}/`],
      { BACKSTAGE_TOKEN: STATIC_TOKEN },
    );
    expect(viaFlags.stderr).toBe('');
    expect(viaFlags.stdout).toMatch(
      /^PASS component:default\/forecast: level L1 Scripted meets its target L1 Scripted/,
    );
    expect(viaFlags.code).toBe(0);
  });
});
