import { setUpOwner } from '../setup/ownerSession';

/** One execution as n8n's executions list shows it. */
export interface ExecutionSummary {
	id: string;
	status: string;
}

/** Statuses of an execution that has not ended yet. */
const UNFINISHED = new Set(['new', 'running', 'waiting']);

export interface ExecutionLog {
	/** Every execution of the workflow so far, newest first (at most 100). */
	list(): Promise<ExecutionSummary[]>;
	/**
	 * Resolves with all executions once `count` exist and none is unfinished; rejects after
	 * `timeoutMs`, saying what it saw last.
	 */
	waitForFinished(count: number, timeoutMs?: number): Promise<ExecutionSummary[]>;
}

/**
 * Reads one workflow's executions through n8n's REST API (`GET /rest/executions`, as the editor's
 * Executions tab does), as the instance owner, whom it sets up on the fresh n8n first. The list
 * counts executions, which is what "no second execution" means, whatever the workflow's nodes do.
 */
export async function executionLog(baseUrl: string, workflowId: string): Promise<ExecutionLog> {
	const { cookie } = await setUpOwner(baseUrl);
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));

	const list = async (): Promise<ExecutionSummary[]> => {
		const response = await fetch(`${baseUrl}/rest/executions?filter=${filter}&limit=100`, {
			headers: { cookie },
		});
		if (!response.ok) {
			throw new Error(`Listing executions answered ${response.status}: ${await response.text()}`);
		}
		const body = (await response.json()) as { data: { results: ExecutionSummary[] } };
		return body.data.results.map(({ id, status }) => ({ id: String(id), status }));
	};

	return {
		list,
		async waitForFinished(count, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			let seen = await list();
			while (seen.length < count || seen.some((execution) => UNFINISHED.has(execution.status))) {
				if (Date.now() > deadline) {
					const last = JSON.stringify(seen);
					throw new Error(`Expected ${count} finished executions in ${timeoutMs} ms, saw ${last}.`);
				}
				await new Promise((resolve) => setTimeout(resolve, 100));
				seen = await list();
			}
			return seen;
		},
	};
}
