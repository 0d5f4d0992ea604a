import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { KubeReplay } from './__testUtils__/KubeReplay';
import {
  assessRollouts,
  collectorsFor,
  evidenceOf,
  KEYS,
  replay,
  rolloutService,
  TOKEN,
} from './__testUtils__/kubeTestSetup';

// When a cluster cannot be asked about a resource type, the check is unknown with a reason a
// platform team can act on, never a fail: RBAC refusals, types the cluster does not serve,
// clusters whose auth these collectors do not use, a missing token, and TLS.

jest.setTimeout(60_000);

const churn = (key: string, id: string) => [
  rolloutService('churn', { [key]: id }),
];

describe('the Kubernetes rollout collectors, when a cluster cannot be asked', () => {
  let cluster: KubeReplay;
  afterEach(() => cluster.stop());

  it('says unknown with the RBAC refusal when a namespace cannot be listed either', async () => {
    cluster = await replay({
      forbiddenClusterWide: ['rollouts'],
      forbiddenNamespaces: ['default'],
    });
    const collectors = collectorsFor([{ name: 'prod', url: cluster.url }]);
    expect(
      await evidenceOf(collectors, KEYS.argo, 'default/guestbook-canary'),
    ).toEqual([
      {
        checkId: 'ab-testing',
        status: 'unknown',
        message:
          'Kubernetes cluster "prod" does not let Backstage list rollouts.argoproj.io in namespace "default" (HTTP 403: rollouts.argoproj.io is forbidden: User "system:serviceaccount:backstage:backstage" cannot list resource "rollouts" in API group "argoproj.io" in the namespace "default"); grant its service account get and list on them',
      },
    ]);
  });

  it('leaves a check it never verified declared, with the reason, rather than failing it', async () => {
    cluster = await replay({
      forbiddenClusterWide: ['rollouts'],
      forbiddenNamespaces: ['default'],
    });
    const { check, run } = await assessRollouts(
      collectorsFor([{ name: 'prod', url: cluster.url }]),
      churn(KEYS.argo, 'default/guestbook-canary'),
    );
    expect(run).toMatchObject({ status: 'completed', failed: 0 });
    const result = await check('churn');
    expect(result).toMatchObject({ status: 'declared' });
    expect(result.message).toContain('does not let Backstage list rollouts');
  });

  it('says unknown when the cluster does not serve the resource type (not installed)', async () => {
    cluster = await replay({ resources: [] });
    const collectors = collectorsFor([{ name: 'prod', url: cluster.url }]);
    expect(
      await evidenceOf(
        collectors,
        KEYS.seldon,
        'seldon-mesh/experiment-sample',
      ),
    ).toMatchObject([
      {
        status: 'unknown',
        message:
          'Kubernetes cluster "prod" serves no mlops.seldon.io/v1alpha1 experiments (HTTP 404): is Seldon Core 2 installed there?',
      },
    ]);
  });

  it('keeps a 403 on one resource type from closing the cluster to the others', async () => {
    cluster = await replay({
      forbiddenClusterWide: ['experiments'],
      forbiddenNamespaces: ['seldon-mesh'],
    });
    const { check } = await assessRollouts(
      collectorsFor([{ name: 'prod', url: cluster.url }]),
      [
        rolloutService('seldon', {
          [KEYS.seldon]: 'seldon-mesh/experiment-sample',
        }),
        rolloutService('kserve', { [KEYS.kserve]: 'default/my-model' }),
      ],
    );
    expect((await check('seldon')).message).toContain('HTTP 403');
    expect((await check('kserve')).status).toBe('pass');
  });

  it('says unknown for a cluster with an auth provider it does not use', async () => {
    cluster = await replay();
    const collectors = collectorsFor([
      { name: 'prod', url: cluster.url, authProvider: 'google' },
    ]);
    expect(
      await evidenceOf(collectors, KEYS.kserve, 'default/my-model'),
    ).toMatchObject([
      {
        status: 'unknown',
        message:
          'Kubernetes cluster "prod" uses authProvider "google"; the rollout collectors read clusters with serviceAccount auth only',
      },
    ]);
    expect(cluster.requests).toHaveLength(0);
  });

  it("reads the pod's mounted token when the config has none, and says so when there is none", async () => {
    cluster = await replay();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-'));
    const file = path.join(dir, 'token');
    fs.writeFileSync(file, `${TOKEN}\n`);
    try {
      const clusters = [
        { name: 'prod', url: cluster.url, serviceAccountToken: undefined },
      ];
      const mounted = await assessRollouts(
        collectorsFor(clusters, {}, { inClusterToken: file }),
        churn(KEYS.kserve, 'default/my-model'),
      );
      expect((await mounted.check('churn')).status).toBe('pass');
      const missing = collectorsFor(
        clusters,
        {},
        { inClusterToken: path.join(dir, 'none') },
      );
      const [evidence] = await evidenceOf(
        missing,
        KEYS.kserve,
        'default/my-model',
      );
      expect(evidence.status).toBe('unknown');
      expect(evidence.message).toContain(
        'Kubernetes cluster "prod" has no serviceAccountToken in its config, and Backstage runs without an in-cluster token at',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the Kubernetes rollout collectors over TLS', () => {
  let dir: string;
  let server: https.Server;
  let url: string;
  let cluster: KubeReplay;

  beforeAll(async () => {
    // A self-signed API server certificate for 127.0.0.1, made for this test.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apiserver-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=replayed-apiserver',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cluster = await replay();
    // TLS in front of the plain replay: the API server's answers, over https.
    server = https.createServer(
      {
        key: fs.readFileSync(path.join(dir, 'key.pem')),
        cert: fs.readFileSync(path.join(dir, 'cert.pem')),
      },
      (req, res) => {
        fetch(`${cluster.url}${req.url}`, {
          headers: { authorization: req.headers.authorization ?? '' },
        }).then(async answer => {
          res.statusCode = answer.status;
          res.setHeader('content-type', 'application/json');
          res.end(await answer.text());
        });
      },
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const caData = () =>
    fs.readFileSync(path.join(dir, 'cert.pem')).toString('base64');

  it.each([
    ['the CA of caData', () => ({ caData: caData() })],
    ['the CA file of caFile', () => ({ caFile: path.join(dir, 'cert.pem') })],
    ['skipTLSVerify', () => ({ skipTLSVerify: true })],
  ])('trusts the API server through %s', async (_name, tls) => {
    const { check } = await assessRollouts(
      collectorsFor([{ name: 'prod', url, ...tls() }]),
      churn(KEYS.kserve, 'default/my-model'),
    );
    expect((await check('churn')).status).toBe('pass');
  });

  it('says unknown for an API server whose certificate it cannot verify', async () => {
    const [evidence] = await evidenceOf(
      collectorsFor([{ name: 'prod', url }]),
      KEYS.kserve,
      'default/my-model',
    );
    expect(evidence.status).toBe('unknown');
    expect(evidence.message).toMatch(
      /Kubernetes cluster "prod" could not be asked: cannot connect \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/,
    );
  });
});
