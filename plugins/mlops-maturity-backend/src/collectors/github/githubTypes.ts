/**
 * The fields of GitHub REST API answers that the CI collector reads; GitHub sends many more.
 */

/** `GET /repos/{owner}/{repo}` */
export interface GithubRepository {
  full_name?: string;
  html_url?: string;
  default_branch?: string;
}

/** `GET /repos/{owner}/{repo}/actions/workflows/{file}` */
export interface GithubWorkflow {
  id: number;
  name?: string;
  path?: string;
  /** `active`, `deleted`, `disabled_fork`, `disabled_inactivity` or `disabled_manually`. */
  state?: string;
  html_url?: string;
}

/** `GET /repos/{owner}/{repo}/contents/{path}` for a file */
export interface GithubContent {
  type?: string;
  encoding?: string;
  content?: string;
  html_url?: string;
}

/** One item of `GET /repos/{owner}/{repo}/actions/workflows/{id}/runs` */
export interface GithubWorkflowRun {
  id: number;
  run_number?: number;
  head_branch?: string | null;
  head_sha?: string;
  event?: string;
  /** `queued`, `in_progress`, `completed`, … */
  status?: string | null;
  /** `success`, `failure`, `cancelled`, `skipped`, `timed_out`, … once completed. */
  conclusion?: string | null;
  created_at?: string;
  updated_at?: string;
  html_url?: string;
}

/** One item of `GET /repos/{owner}/{repo}/deployments` */
export interface GithubDeployment {
  id: number;
  sha?: string;
  environment?: string;
  created_at?: string;
}
