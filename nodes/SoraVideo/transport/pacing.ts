/** Waiting between requests: the shared 429 gate and pauses that end early when the run is canceled. */
import { sleep } from 'n8n-workflow';

import { cancellation } from './errors';
import type { SoraContext } from './types';

/** A request-level cancel signal, where the context has one (triggers have none). */
function cancelSignal(ctx: SoraContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

export function isCancelled(ctx: SoraContext): boolean {
	return cancelSignal(ctx)?.aborted === true;
}

export async function pause(ctx: SoraContext, ms: number): Promise<void> {
	if (ms <= 0) return;
	try {
		await sleep(ms, cancelSignal(ctx));
	} catch {
		throw cancellation(ctx);
	}
}

/** The time before which no request of this execution may be sent. */
export interface RateLimitGate {
	until: number;
}

/**
 * One gate per execution: a 429 slows every request of the batch down instead of letting
 * each item hammer the server on its own.
 */
const rateLimitGates = new WeakMap<object, RateLimitGate>();

export function gateFor(ctx: SoraContext): RateLimitGate {
	let gate = rateLimitGates.get(ctx);
	if (!gate) {
		gate = { until: 0 };
		rateLimitGates.set(ctx, gate);
	}
	return gate;
}

/** Waits until the gate opens; fails at once if the run was canceled meanwhile. */
export async function waitForTurn(ctx: SoraContext, gate: RateLimitGate): Promise<void> {
	if (isCancelled(ctx)) throw cancellation(ctx);
	await pause(ctx, gate.until - Date.now());
}

/** Closes the execution's gate for `delayMs` from now (never opening it earlier than it was). */
export function holdGate(ctx: SoraContext, delayMs: number): void {
	extend(gateFor(ctx), delayMs);
}

function extend(gate: RateLimitGate, delayMs: number) {
	gate.until = Math.max(gate.until, Date.now() + delayMs);
}

/** A 429 closes the gate for the whole execution; any other retry waits on its own. */
export async function backOff(ctx: SoraContext, gate: RateLimitGate, delayMs: number, rateLimited: boolean) {
	if (rateLimited) extend(gate, delayMs);
	else await pause(ctx, delayMs);
}
