// A running `n8n start` seen through its REST API (/rest, the editor's own): the owner account
// and its session cookie, executions and their run data.
import { randomUUID } from 'node:crypto';

import { n8nRequire } from './config.mjs';
import { readAnswer } from './http.mjs';
import { stopProcess, waitFor } from './processes.mjs';

/** A running `n8n start`: REST client (owner account, executions) and shutdown. */
export class N8nServer {
	constructor(url, child, output) {
		this.url = url;
		this.process = child;
		this.output = output;
		this.browserId = randomUUID();
		this.cookie = '';
	}
	async rest(method, route, body) {
		const res = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: {
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const { text, json } = await readAnswer(res);
		if (!res.ok) throw new Error(`n8n ${method} /rest${route}: ${res.status} ${text.slice(0, 500)}`);
		return json?.data !== undefined ? json.data : json;
	}
	/** Sets up the instance owner (a fresh instance has none) and keeps its session cookie. */
	async setupOwner(owner = OWNER) {
		await this.rest('POST', '/owner/setup', owner);
		return owner;
	}
	async login(owner = OWNER) {
		await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await this.rest('GET', `/executions?filter=${filter}&limit=50`);
		return res.results ?? res;
	}
	/**
	 * Waits for the finished execution of `workflowId` whose trigger node `trigger` put out the
	 * video `videoId`, skipping the execution ids in `known`; gives {exec, item}.
	 */
	async executionFor(workflowId, trigger, videoId, known) {
		return await waitFor(
			async () => {
				for (const summary of await this.executions(workflowId)) {
					if (known.has(summary.id) || !['success', 'error', 'crashed'].includes(summary.status)) continue;
					const exec = await this.execution(summary.id);
					const item = exec.data.resultData.runData[trigger]?.[0]?.data?.main?.[0]?.[0];
					if (item?.json?.id === videoId) return { exec, item };
				}
				return undefined;
			},
			{ timeoutMs: 60_000, intervalMs: 500, what: `an execution for ${videoId}` },
		);
	}
	/** Activates (publishes) a workflow the way the editor's Publish button does; gives the workflow. */
	async activate(workflowId) {
		const { versionId } = await this.rest('GET', `/workflows/${workflowId}`);
		return await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId });
	}
	/** Full execution with its run data (stored flatted, parsed with n8n's own flatted). */
	async execution(id) {
		const exec = await this.rest('GET', `/executions/${id}`);
		if (typeof exec.data === 'string') exec.data = n8nRequire('flatted').parse(exec.data);
		return exec;
	}
	async stop() {
		await stopProcess(this.process, 10_000);
	}
}

export const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'Ada',
	lastName: 'Tester',
	password: 'E2e-Passw0rd-long-enough',
};
