import { githubRefusal, nextPage } from './GithubCollector';
import { workflowTriggers } from './githubEvidence';

describe('workflowTriggers', () => {
  it.each([
    ['on: push', ['push']],
    [
      'on: [pull_request, workflow_dispatch]',
      ['pull_request', 'workflow_dispatch'],
    ],
    [
      'on:\n  push:\n    branches: [main]\n  pull_request:\n  schedule:\n    - cron: "0 3 * * 1"',
      ['push', 'pull_request', 'schedule'],
    ],
    // A YAML 1.1 reader turns the bare key into true; the file may say so explicitly.
    ['%YAML 1.1\n---\non: [push]', ['push']],
  ])('reads the events of %j', (text, events) => {
    expect(workflowTriggers(text)).toEqual({ events });
  });

  it.each([
    ['jobs: {}', 'has no on: triggers'],
    ['- a list', 'is not a YAML mapping'],
    ['on: [push', 'is not valid YAML'],
  ])('says why %j has no triggers', (text, error) => {
    expect(workflowTriggers(text)).toEqual({ error });
  });
});

describe('nextPage', () => {
  it('reads the next page from a Link header as GitHub sends it', () => {
    // The Link header recorded by octokit.rb (spec/cassettes/Octokit_Client_ActionsWorkflowRuns/
    // _workflow_runs/paginates_the_results.json at b313ce22754656b90b1f98fa7eb1453aeed909db).
    expect(
      nextPage(
        '<https://api.github.com/repositories/540180744/actions/workflows/workflow.yml/runs?per_page=1&page=2>; rel="next", <https://api.github.com/repositories/540180744/actions/workflows/workflow.yml/runs?per_page=1&page=3>; rel="last"',
      ),
    ).toBe(2);
  });

  it('has none on the last page or without the header', () => {
    expect(
      nextPage(
        '<https://api.github.com/repositories/1/deployments?page=1>; rel="prev", <https://api.github.com/repositories/1/deployments?page=1>; rel="first"',
      ),
    ).toBeUndefined();
    expect(nextPage(null)).toBeUndefined();
  });
});

describe('githubRefusal', () => {
  const answer = (status: number, headers: Record<string, string>) =>
    new Response(null, { status, headers });

  it('recognises an exhausted rate limit and when it resets', () => {
    expect(
      githubRefusal(
        answer(403, {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '1733542572',
        }),
      ),
    ).toEqual({
      reason:
        'rate limit exhausted (HTTP 403), it resets at 2024-12-07T03:36:12.000Z',
      retryAt: 1733542572000,
    });
    expect(
      githubRefusal(answer(429, { 'x-ratelimit-remaining': '0' }))?.reason,
    ).toBe('rate limit exhausted (HTTP 429)');
  });

  it('recognises a secondary rate limit', () => {
    expect(githubRefusal(answer(403, { 'retry-after': '60' }))?.reason).toBe(
      'secondary rate limit (HTTP 403), retry after 60 s',
    );
  });

  it('leaves other answers to the client', () => {
    expect(githubRefusal(answer(403, {}))).toBeUndefined();
    expect(
      githubRefusal(answer(200, { 'x-ratelimit-remaining': '0' })),
    ).toBeUndefined();
  });
});
