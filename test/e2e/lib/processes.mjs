// Child processes of the e2e suite: each started in its own process group, recorded in PIDS
// (run.sh's trap kills what is left there), killed on exit, and stopped by the tests' hooks.
import { spawn } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import { KEEP, PIDS, WORK } from './config.mjs';

const live = new Set();

/** Records a detached child so that it is killed however the run ends. */
export function track(child, label) {
	appendFileSync(PIDS, `${child.pid} ${label}\n`);
	live.add(child);
	child.on('exit', () => live.delete(child));
}

function killGroup(child, signal = 'SIGTERM') {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

process.on('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
	// run.sh owns SORA_E2E_WORK; a folder made here (tests run directly) is ours to remove.
	if (!process.env.SORA_E2E_WORK && !KEEP) rmSync(WORK, { recursive: true, force: true });
});

/** Starts `cmd` detached and tracked; its stdout and stderr are collected into output(). */
export function spawnTracked(cmd, args, { env, cwd, label }) {
	const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	track(child, label);
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	return { child, output: () => out };
}

/** Stops a detached child and its group; SIGKILL after `graceMs`. */
export async function stopProcess(child, graceMs = 5000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	killGroup(child, 'SIGKILL'); // the task runner and other grandchildren
}

/** Runs a command to completion with a hard timeout; resolves {code, stdout, stderr}. */
export function run(cmd, args, { env, cwd, timeoutMs = 120_000, label = path.basename(cmd) } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		track(child, label);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			killGroup(child, 'SIGKILL');
			if (timedOut) {
				reject(new Error(`${label} ${args.join(' ')} timed out after ${timeoutMs} ms\n${tail(stdout)}\n${tail(stderr)}`));
			} else {
				resolve({ code: code ?? (signal ? 128 : 0), stdout, stderr });
			}
		});
	});
}

/** The last `lines` lines of a process's output, for error messages. */
export const tail = (text, lines = 40) => text.split('\n').slice(-lines).join('\n');

export async function freePort() {
	return await new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

export async function waitFor(check, { timeoutMs = 30_000, intervalMs = 250, what = 'condition' } = {}) {
	const until = Date.now() + timeoutMs;
	let last;
	while (Date.now() < until) {
		try {
			const value = await check();
			if (value) return value;
		} catch (e) {
			last = e;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}
