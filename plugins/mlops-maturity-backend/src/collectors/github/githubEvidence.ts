import type { JsonObject } from '@backstage/types';
import type { EvidenceLink } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import { parse } from 'yaml';
import type {
  GithubDeployment,
  GithubWorkflow,
  GithubWorkflowRun,
} from './githubTypes';

/**
 * Events after which a workflow gates changes before they land or ship: pull requests (also
 * from forks, and in a merge queue) and pushes.
 *
 * @internal
 */
export const GATING_EVENTS = [
  'pull_request',
  'pull_request_target',
  'merge_group',
  'push',
] as const;

/** What a repository's deployments listing showed. */
export interface DeploymentListing {
  deployments: GithubDeployment[];
  /** False when GitHub had more pages: older deployments are not in the listing. */
  complete: boolean;
}

/**
 * What the CI collector learned about one quality-gate workflow. Later fields are only read
 * when the earlier ones let the gate pass so far.
 *
 * @internal
 */
export interface QualityGateFacts {
  /** The GitHub host, e.g. `github.com`. */
  host: string;
  /** `owner/name` from `github.com/project-slug`. */
  repo: string;
  /** The workflow file from `mlops-maturity.io/quality-gate`. */
  path: string;
  /** The repository's web page, for links. */
  repositoryUrl: string;
  /** The repository itself answered 404 (missing, or invisible to the credentials). */
  repositoryMissing?: boolean;
  /** Undefined when GitHub Actions knows no such workflow. */
  workflow?: GithubWorkflow;
  /** The `on:` events of the workflow file on the default branch, or why they are unknown. */
  triggers?: { events: string[] } | { error: string };
  defaultBranch?: string;
  /** Recent runs of the workflow on any branch, newest first. */
  runs?: GithubWorkflowRun[];
  /** How many runs GitHub holds for the workflow in all. */
  totalRuns?: number;
  /** Read only when a recent run failed; an error says why it could not be read. */
  deployments?: DeploymentListing | { error: string };
}

/**
 * The events in a workflow file's `on:` key, which is an event name, a list of them, or a map
 * from event to its filters.
 *
 * @internal
 */
export function workflowTriggers(
  text: string,
): { events: string[] } | { error: string } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return { error: 'is not valid YAML' };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { error: 'is not a YAML mapping' };
  }
  // YAML 1.1 readers turn the bare key `on` into true; accept both spellings.
  const record = doc as Record<string, unknown>;
  const on = 'on' in record ? record.on : record.true;
  if (typeof on === 'string') return { events: [on] };
  if (Array.isArray(on)) {
    return { events: on.filter((e): e is string => typeof e === 'string') };
  }
  if (typeof on === 'object' && on !== null) return { events: Object.keys(on) };
  return { error: 'has no on: triggers' };
}

const time = (value: string | null | undefined) =>
  value ? Date.parse(value) : NaN;

/** When a run finished: GitHub updates a completed run last when it concludes. */
const finishedAt = (run: GithubWorkflowRun) =>
  time(run.updated_at ?? run.created_at);

const shortSha = (sha: string | undefined) => (sha ?? '').slice(0, 7);

/**
 * Whether a failed run of the gate kept its commit from being deployed: a failed run whose
 * `head_sha` has no deployment created after the run finished. Only failures within the
 * deployments listing's time span are judged. A detail of the evidence, never its status.
 */
function blockingEvidence(
  facts: QualityGateFacts,
  completed: GithubWorkflowRun[],
): { message: string; details: JsonObject; link?: EvidenceLink } {
  const failed = completed.filter(r => r.conclusion === 'failure');
  if (failed.length === 0) {
    return {
      message: `no failed run among the latest ${completed.length} shows yet that it blocks a deployment`,
      details: { verdict: 'no-failures', failedRuns: 0 },
    };
  }
  const listing = facts.deployments;
  if (!listing || 'error' in listing) {
    return {
      message: `whether its ${
        failed.length
      } failed run(s) blocked a deployment is unknown${
        listing ? ` (${listing.error})` : ''
      }`,
      details: { verdict: 'not-checked', failedRuns: failed.length },
    };
  }
  const { deployments } = listing;
  if (deployments.length === 0) {
    return {
      message: `the repository records no GitHub deployments, so whether its ${failed.length} failed run(s) blocked one cannot be seen`,
      details: { verdict: 'no-deployments', failedRuns: failed.length },
    };
  }
  const oldest = Math.min(...deployments.map(d => time(d.created_at)));
  const judged = failed
    .filter(r => listing.complete || finishedAt(r) >= oldest)
    .map(run => ({
      run,
      deployment: deployments.find(
        d => d.sha === run.head_sha && time(d.created_at) >= finishedAt(run),
      ),
    }));
  if (judged.length === 0) {
    return {
      message: `its failed runs are older than the deployments GitHub lists, so whether they blocked one cannot be seen`,
      details: { verdict: 'not-checked', failedRuns: failed.length },
    };
  }
  const blocked = judged.filter(j => !j.deployment);
  const counts = {
    failedRuns: failed.length,
    judgedFailures: judged.length,
    blockedFailures: blocked.length,
    deployedAfterFailure: judged.length - blocked.length,
  };
  if (blocked.length > 0) {
    const { run } = blocked[0];
    return {
      message: `run #${run.run_number} failed and its commit ${shortSha(
        run.head_sha,
      )} was not deployed afterwards: the gate blocks`,
      details: { verdict: 'blocks', ...counts, example: run.html_url ?? null },
      link: run.html_url
        ? { title: `Failed run #${run.run_number}`, url: run.html_url }
        : undefined,
    };
  }
  const { run, deployment } = judged[0];
  return {
    message: `run #${run.run_number} failed, yet its commit ${shortSha(
      run.head_sha,
    )} was deployed to ${
      deployment?.environment ?? 'an environment'
    } afterwards: the gate did not block it`,
    details: {
      verdict: 'deployed-after-failure',
      ...counts,
      example: run.html_url ?? null,
    },
    link: run.html_url
      ? { title: `Failed run #${run.run_number}`, url: run.html_url }
      : undefined,
  };
}

/**
 * Evidence for the `quality-gate` check from GitHub Actions, a pure function of what GitHub
 * answered. It passes when the workflow exists and is active, runs on pull requests or pushes,
 * and its most recent completed run on the default branch succeeded; the engine applies the
 * check's freshness window to that run. Whether a failed run really blocked a deployment is
 * reported as a detail.
 *
 * @internal
 */
export function qualityGateEvidence(
  facts: QualityGateFacts,
): CollectedEvidence {
  const fail = (
    message: string,
    links: EvidenceLink[] = [],
    details?: JsonObject,
  ): CollectedEvidence => ({
    checkId: 'quality-gate',
    status: 'fail',
    message,
    links,
    ...(details ? { details } : {}),
  });
  const where = `${facts.repo} on ${facts.host}`;
  const actions = {
    title: `${facts.repo} GitHub Actions`,
    url: `${facts.repositoryUrl}/actions`,
  };
  if (facts.repositoryMissing) {
    return fail(
      `Repository ${where} was not found, or the GitHub integration's credentials cannot see it`,
    );
  }
  const workflow = facts.workflow;
  if (!workflow) {
    return fail(`GitHub Actions has no workflow ${facts.path} in ${where}`, [
      actions,
    ]);
  }
  const name = workflow.name || facts.path;
  const workflowLink = {
    title: `Workflow ${name}`,
    url: workflow.html_url ?? actions.url,
  };
  if (workflow.state !== 'active') {
    return fail(
      `Workflow "${name}" (${facts.path}) is ${
        workflow.state ?? 'not active'
      }, so it gates nothing`,
      [workflowLink],
    );
  }
  const triggers = facts.triggers ?? { error: 'could not be read' };
  if ('error' in triggers) {
    return fail(`Workflow file ${facts.path} ${triggers.error}`, [
      workflowLink,
    ]);
  }
  const gating = triggers.events.filter(e =>
    (GATING_EVENTS as readonly string[]).includes(e),
  );
  if (gating.length === 0) {
    return fail(
      `Workflow "${name}" runs on ${
        triggers.events.join(', ') || 'no event'
      } only; a quality gate must run on pull requests or pushes`,
      [workflowLink],
    );
  }
  const runs = facts.runs ?? [];
  const completed = runs.filter(r => r.status === 'completed');
  if (runs.length === 0) {
    return fail(`Workflow "${name}" has never run`, [workflowLink]);
  }
  const branch = facts.defaultBranch ?? 'the default branch';
  const latest = completed.find(r => r.head_branch === facts.defaultBranch);
  if (!latest) {
    return fail(
      `Workflow "${name}" has no completed run on ${branch} among its latest ${runs.length} runs`,
      [workflowLink],
    );
  }
  const runLink = {
    title: `${name} #${latest.run_number} on ${branch}`,
    url: latest.html_url ?? workflowLink.url,
  };
  const blocking = blockingEvidence(facts, completed);
  const observed = finishedAt(latest);
  const details: JsonObject = {
    repository: facts.repo,
    workflow: facts.path,
    triggers: gating,
    defaultBranch: branch,
    latestRun: {
      id: latest.id,
      number: latest.run_number ?? null,
      event: latest.event ?? null,
      conclusion: latest.conclusion ?? null,
      url: latest.html_url ?? null,
    },
    blocking: blocking.details,
  };
  const links = [
    runLink,
    workflowLink,
    ...(blocking.link ? [blocking.link] : []),
  ];
  if (latest.conclusion !== 'success') {
    return fail(
      `The latest run of "${name}" on ${branch} (#${latest.run_number}, ${
        latest.event
      }) concluded ${latest.conclusion ?? 'without a conclusion'}`,
      links,
      details,
    );
  }
  return {
    checkId: 'quality-gate',
    status: 'pass',
    message: `"${name}" runs on ${gating.join(
      ', ',
    )}; its latest run on ${branch} (#${latest.run_number}) succeeded; ${
      blocking.message
    }`,
    ...(Number.isFinite(observed) ? { observedAt: new Date(observed) } : {}),
    links,
    details,
  };
}
