/**
 * The webhook signing secret, read from the credential at most once every few seconds per
 * credential and process. Before it answers, a delivery needs the secret and nothing else, but
 * n8n resolves a whole credential on each read (it decrypts it and evaluates its fields in an
 * expression sandbox): measured in n8n 2.41.1, about a sixth of n8n's CPU per delivery.
 *
 * A delivery whose signature fails against a remembered secret reads the credential again, so a
 * new secret works at once; an old or removed one is accepted at most REMEMBER_MS after the change.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { readCredentials } from '../SoraVideo/transport';

/** How long a secret read from the credential is used without reading it again. */
export const REMEMBER_MS = 10_000;

/** Never hold more than this many credentials' secrets; the oldest go first. */
const MAX_ENTRIES = 1_000;

interface Remembered {
	secret: string;
	untilMs: number;
}

export class SecretMemory {
	private readonly entries = new Map<string, Remembered>();

	get(key: string, nowMs: number): string | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (entry.untilMs > nowMs) return entry.secret;
		this.entries.delete(key);
		return undefined;
	}

	set(key: string, secret: string, nowMs: number): void {
		this.entries.delete(key);
		this.entries.set(key, { secret, untilMs: nowMs + REMEMBER_MS });
		while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
	}
}

/** The process-wide memory used by the trigger node. */
export const secretMemory = new SecretMemory();

/** The secret, and whether it came from memory (then a failed check should read it again). */
export interface SigningSecret {
	secret: string;
	remembered: boolean;
}

/**
 * The credential's Webhook Signing Secret. `fresh` reads the credential whatever is remembered.
 * A node without a credential id (never saved) is read every time.
 */
export async function signingSecret(ctx: IWebhookFunctions, fresh = false, memory = secretMemory, nowMs = Date.now()): Promise<SigningSecret> {
	const credentialId = ctx.getNode().credentials?.soraApi?.id;
	const known = credentialId && !fresh ? memory.get(credentialId, nowMs) : undefined;
	if (known !== undefined) return { secret: known, remembered: true };
	const secret = String((await readCredentials(ctx)).webhookSecret ?? '').trim();
	if (credentialId) memory.set(credentialId, secret, nowMs);
	return { secret, remembered: false };
}
