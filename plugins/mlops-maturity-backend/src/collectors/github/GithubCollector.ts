import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  CollectedEvidence,
  CollectOptions,
  collectPerReference,
  EntityFacts,
  EvidenceCollector,
  EvidenceRequest,
  requestCountsOf,
  RunScopedCache,
  ToolHttpClient,
  ToolReference,
  ToolResponseError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  DeploymentListing,
  QualityGateFacts,
  qualityGateEvidence,
  workflowTriggers,
} from './githubEvidence';
import type {
  GithubContent,
  GithubDeployment,
  GithubRepository,
  GithubWorkflow,
  GithubWorkflowRun,
} from './githubTypes';

/** Runs asked for per page: enough to see the default branch's latest run and recent failures. */
const RUNS_PER_PAGE = 50;
/** Pages of runs followed through `Link` before asking for the default branch alone. */
const MAX_RUN_PAGES = 3;
const DEPLOYMENTS_PER_PAGE = 100;

type Get = <T>(
  path: string,
  query?: Record<string, string | number | undefined>,
) => Promise<{ body: T; headers: Headers }>;

/** The `page` of a `Link` header's `rel="next"` target, if GitHub has a next page. */
export function nextPage(link: string | null): number | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (!match) continue;
    try {
      const page = Number(new URL(match[1]).searchParams.get('page'));
      return Number.isInteger(page) && page > 1 ? page : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * GitHub's answers that mean "do not ask again for a while": the primary rate limit
 * (`x-ratelimit-remaining: 0`, until `x-ratelimit-reset`) and secondary limits (`retry-after`).
 */
export function githubRefusal(
  res: Response,
): { reason: string; retryAt?: number } | undefined {
  if (res.status !== 403 && res.status !== 429) return undefined;
  if (res.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    const retryAt = reset > 0 ? reset * 1000 : undefined;
    return {
      reason: `rate limit exhausted (HTTP ${res.status})${
        retryAt ? `, it resets at ${new Date(retryAt).toISOString()}` : ''
      }`,
      retryAt,
    };
  }
  const after = Number(res.headers.get('retry-after'));
  if (after > 0) {
    return {
      reason: `secondary rate limit (HTTP ${res.status}), retry after ${after} s`,
      retryAt: Date.now() + after * 1000,
    };
  }
  return undefined;
}

const isNotFound = (error: unknown) =>
  error instanceof ToolResponseError && error.status === 404;

/**
 * The GitHub host of an entity's repository: the host of its source or catalog location when
 * an `integrations.github` entry serves it, else github.com.
 */
function entityHost(
  facts: EntityFacts,
  integrations: ScmIntegrationRegistry,
): string | undefined {
  for (const location of [facts.sourceLocation, facts.managedByLocation]) {
    if (!location) continue;
    const host = new URL(location).host;
    if (integrations.github.byHost(host)) return host;
  }
  return integrations.github.byHost('github.com') ? 'github.com' : undefined;
}

/**
 * Options of the {@link GithubCollector}.
 *
 * @internal
 */
export interface GithubCollectorOptions {
  integrations: ScmIntegrationRegistry;
  credentials: GithubCredentialsProvider;
  logger: LoggerService;
  /** Per-request timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** Requests in flight at once per GitHub host (default 4). */
  concurrency?: number;
}

/**
 * Evidence for the `quality-gate` check from GitHub Actions, read through Backstage's
 * `integrations.github` config (its `apiBaseUrl` and credentials: a token or a GitHub App):
 * the workflow named by `mlops-maturity.io/quality-gate` in the repository named by
 * `github.com/project-slug` exists and is active, its file's `on:` runs it on pull requests or
 * pushes, and its most recent completed run on the default branch succeeded.
 *
 * Whether the gate really blocks is told from the repository's GitHub deployments
 * (`GET /repos/{owner}/{repo}/deployments`): a failed run whose `head_sha` has no deployment
 * created after it shows the gate blocking; a deployment of that commit afterwards shows it did
 * not. The deployments are listed once per repository and run (newest 100) and matched by
 * commit here, rather than asked per failed commit with `?sha=`, which would cost a request per
 * failure. Repositories that deploy without GitHub deployments (no `environment:` in their
 * jobs) cannot show it; the detail says so and the check's status does not depend on it.
 *
 * Each repository and workflow is read once per run however many entities name it; each host
 * gets one HTTP client with a timeout, retries, a concurrency limit and a circuit breaker, which
 * an exhausted rate limit opens until it resets. When GitHub cannot be asked the check is
 * `unknown` with the reason. Tokens go only into request headers, never into messages.
 *
 * @internal
 */
export class GithubCollector implements EvidenceCollector {
  readonly id = 'github';
  readonly #options: GithubCollectorOptions;
  readonly #clients = new Map<string, ToolHttpClient>();
  readonly #gates = new RunScopedCache<QualityGateFacts>();
  readonly #repositories = new RunScopedCache<GithubRepository | undefined>();
  readonly #deployments = new RunScopedCache<DeploymentListing>();

  /**
   * Undefined when turned off: by default the collector runs when `integrations.github` is
   * configured; `mlopsMaturity.github.enabled` overrides that.
   */
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): GithubCollector | undefined {
    const enabled =
      config.getOptionalBoolean('mlopsMaturity.github.enabled') ??
      config.has('integrations.github');
    if (!enabled) return undefined;
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubCollector({
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      logger,
      timeoutMs: config.getOptionalNumber('mlopsMaturity.github.timeoutMs'),
      concurrency: config.getOptionalNumber('mlopsMaturity.github.concurrency'),
    });
  }

  constructor(options: GithubCollectorOptions) {
    this.#options = options;
  }

  /** Requests sent so far to each GitHub host, for benchmarks. */
  requestCounts(): Record<string, number> {
    return requestCountsOf(this.#clients);
  }

  async collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>> {
    return collectPerReference(requests, options, (request, ref) =>
      this.#evidenceFor(request, ref, options),
    );
  }

  #client(host: string): ToolHttpClient | undefined {
    let client = this.#clients.get(host);
    if (!client) {
      const integration = this.#options.integrations.github.byHost(host);
      if (!integration) return undefined;
      client = new ToolHttpClient({
        label: `GitHub ${host}`,
        baseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
        headers: () => ({
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
        }),
        timeoutMs: this.#options.timeoutMs,
        concurrency: this.#options.concurrency,
        refuse: githubRefusal,
      });
      this.#clients.set(host, client);
    }
    return client;
  }

  async #evidenceFor(
    request: EvidenceRequest,
    ref: ToolReference,
    { signal, runId }: CollectOptions,
  ): Promise<CollectedEvidence[]> {
    const slug = request.facts.githubSlug;
    const host = entityHost(request.facts, this.#options.integrations);
    const client = host ? this.#client(host) : undefined;
    if (!slug || !host || !client) return [];
    let headers: Record<string, string>;
    try {
      headers =
        (
          await this.#options.credentials.getCredentials({
            url: `https://${host}/${slug}`,
          })
        ).headers ?? {};
    } catch (error) {
      throw new Error(
        `No GitHub credentials for ${slug} on ${host}: ${
          (error as Error).message
        }`,
      );
    }
    const get: Get = (path, query) =>
      client.getPage(path, { query, headers, signal });
    const key = `${host}/${slug}`.toLowerCase();
    const facts = await this.#gates.get(runId, `${key}/${ref.id}`, () =>
      this.#gate({ host, slug, path: ref.id, key, runId, get }),
    );
    return [qualityGateEvidence(facts)];
  }

  /** Reads what the gate needs, stopping at the first rule that already fails. */
  async #gate(options: {
    host: string;
    slug: string;
    path: string;
    key: string;
    runId: string;
    get: Get;
  }): Promise<QualityGateFacts> {
    const { host, slug, path, key, runId, get } = options;
    const base = `/repos/${slug.split('/').map(encodeURIComponent).join('/')}`;
    const facts: QualityGateFacts = {
      host,
      repo: slug,
      path,
      repositoryUrl: `https://${host}/${slug}`,
    };
    const repository = () =>
      this.#repositories.get(runId, key, () =>
        get<GithubRepository>(base).then(
          r => r.body,
          e => {
            if (isNotFound(e)) return undefined;
            throw e;
          },
        ),
      );

    const file = path.split('/').pop()!;
    try {
      facts.workflow = (
        await get<GithubWorkflow>(
          `${base}/actions/workflows/${encodeURIComponent(file)}`,
        )
      ).body;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // Tell a missing workflow from a repository the credentials cannot see.
      return { ...facts, repositoryMissing: !(await repository()) };
    }
    if (facts.workflow.state !== 'active') return facts;

    facts.triggers = await get<GithubContent>(
      `${base}/contents/${path.split('/').map(encodeURIComponent).join('/')}`,
    ).then(
      ({ body }) =>
        body.type === 'file' && typeof body.content === 'string'
          ? workflowTriggers(
              Buffer.from(body.content, 'base64').toString('utf8'),
            )
          : { error: 'is not a file on the default branch' },
      e => {
        if (isNotFound(e)) {
          return { error: 'is not on the default branch' };
        }
        throw e;
      },
    );
    if ('error' in facts.triggers) return facts;

    const repo = await repository();
    if (!repo) return { ...facts, repositoryMissing: true };
    facts.defaultBranch = repo.default_branch ?? 'main';
    const { runs, total } = await this.#runs(
      get,
      `${base}/actions/workflows/${facts.workflow.id}/runs`,
      facts.defaultBranch,
    );
    facts.runs = runs;
    facts.totalRuns = total;

    if (
      runs.some(r => r.status === 'completed' && r.conclusion === 'failure')
    ) {
      facts.deployments = await this.#deployments
        .get(runId, key, () => this.#listDeployments(get, base))
        .catch(e => ({ error: (e as Error).message }));
    }
    this.#options.logger.debug(
      `Read GitHub Actions workflow ${path} of ${slug} on ${host}: ${runs.length} runs`,
    );
    return facts;
  }

  /**
   * The workflow's recent runs, newest first: pages are followed through the `Link` header until
   * a completed run on the default branch shows up; after `MAX_RUN_PAGES` pages the default
   * branch's latest completed run is asked for alone.
   */
  async #runs(
    get: Get,
    path: string,
    defaultBranch: string,
  ): Promise<{ runs: GithubWorkflowRun[]; total?: number }> {
    type Page = { total_count?: number; workflow_runs?: GithubWorkflowRun[] };
    const runs: GithubWorkflowRun[] = [];
    let total: number | undefined;
    let page: number | undefined = 1;
    const onDefault = (r: GithubWorkflowRun) =>
      r.status === 'completed' && r.head_branch === defaultBranch;
    for (let pages = 0; page && pages < MAX_RUN_PAGES; pages++) {
      const answer: { body: Page; headers: Headers } = await get<Page>(path, {
        per_page: RUNS_PER_PAGE,
        page: page > 1 ? page : undefined,
      });
      total ??= answer.body.total_count;
      runs.push(...(answer.body.workflow_runs ?? []));
      if (runs.some(onDefault)) return { runs, total };
      page = nextPage(answer.headers.get('link'));
    }
    if (page) {
      const { body } = await get<Page>(path, {
        branch: defaultBranch,
        status: 'completed',
        per_page: 1,
      });
      runs.push(...(body.workflow_runs ?? []).filter(onDefault));
    }
    return { runs, total };
  }

  async #listDeployments(get: Get, base: string): Promise<DeploymentListing> {
    const { body, headers } = await get<GithubDeployment[]>(
      `${base}/deployments`,
      { per_page: DEPLOYMENTS_PER_PAGE },
    );
    return {
      deployments: Array.isArray(body) ? body : [],
      complete: nextPage(headers.get('link')) === undefined,
    };
  }
}
