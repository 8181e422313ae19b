/**
 * The one place dialects are registered, and the choice of one per execution context: the
 * credential's Dialect setting names it, or on Auto the first dialect that claims the Base URL,
 * else OpenAI Videos (the contract every compatible server speaks).
 */
import { NodeOperationError } from 'n8n-workflow';

import { readCredentials } from '../config';
import type { CallbackScheme, Dialect, Feature, Lack } from '../dialect';
import { refusal } from '../dialect';
import type { RequestHeaders as Headers } from '../model/headers';
import type { SoraContext } from '../types';
import { openAiDialect } from './openai';
import { openRouterDialect } from './openrouterApi';

/**
 * The registered dialects, by the credential value that chooses each. Filled at load time with
 * the two built in; registerDialect adds more (tests plug a third one in this way).
 */
const registry = new Map<string, Dialect>([
	[openAiDialect.id, openAiDialect],
	[openRouterDialect.id, openRouterDialect],
]);

/** Adds a dialect (or replaces the one of the same id); its id becomes a value of the credential's Dialect setting. */
export function registerDialect(dialect: Dialect): void {
	registry.set(dialect.id, dialect);
}

/** The dialect a credential means: its setting, or on Auto the first one that claims the Base URL. */
export function chooseDialect(credentials: { baseUrl?: string; dialect?: string }): Dialect {
	const named = credentials.dialect ? registry.get(credentials.dialect) : undefined;
	if (named) return named;
	const baseUrl = String(credentials.baseUrl ?? '');
	return [...registry.values()].find((dialect) => dialect.claims?.(baseUrl)) ?? openAiDialect;
}

/** The id of the dialect a credential means. */
export function dialectOf(credentials: { baseUrl?: string; dialect?: string }): string {
	return chooseDialect(credentials).id;
}

/** The dialect of this execution context's credential (read once per context, see config.ts). */
export async function dialectFor(ctx: SoraContext): Promise<Dialect> {
	return chooseDialect(await readCredentials(ctx));
}

/** Whether the credential's server has a feature. */
export async function supports(ctx: SoraContext, feature: Feature): Promise<boolean> {
	return !(await dialectFor(ctx)).lacks[feature];
}

/** Why the credential's server has not got a feature, or undefined when it has. */
export async function whyNot(ctx: SoraContext, feature: Feature): Promise<Lack | undefined> {
	return (await dialectFor(ctx)).lacks[feature];
}

/** Refuses, before any request, a feature the credential's server has not got; gives the dialect otherwise. */
export async function requireFeature(ctx: SoraContext, feature: Feature, itemIndex?: number): Promise<Dialect> {
	const dialect = await dialectFor(ctx);
	const lack = dialect.lacks[feature];
	if (lack) throw refusal(ctx, dialect, lack, itemIndex);
	return dialect;
}

/** The endpoints a dialect may leave out, with the feature that says whether it has them. */
type OptionalEndpoint = 'listVideos' | 'deleteVideo' | 'createCharacter' | 'getCharacter';

/** The credential's server's endpoint for a feature, refused before any request when it has not got that feature. */
export async function endpointFor<K extends OptionalEndpoint>(
	ctx: SoraContext,
	feature: Feature,
	name: K,
	itemIndex?: number,
): Promise<NonNullable<Dialect[K]>> {
	const dialect = await requireFeature(ctx, feature, itemIndex);
	const endpoint = dialect[name];
	// A dialect that claims the feature without its endpoint is a fault of that dialect.
	if (!endpoint) throw new NodeOperationError(ctx.getNode(), `${dialect.name} has no ${name} endpoint; nothing was sent`, { itemIndex });
	return endpoint as NonNullable<Dialect[K]>;
}

/**
 * The signature scheme of a callback, by its headers: a dialect's own scheme when one
 * recognizes them, undefined for Standard Webhooks. A delivery does not pass through the
 * credential's dialect: the headers say who signed it.
 */
export function callbackSchemeFor(headers: Headers): CallbackScheme | undefined {
	for (const dialect of registry.values()) if (dialect.callbacks?.recognizes(headers)) return dialect.callbacks;
	return undefined;
}

/** The message id a dialect's callback carries in its headers, where one does. */
export function callbackDeliveryId(headers: Headers): string | undefined {
	for (const dialect of registry.values()) {
		const id = dialect.callbacks?.deliveryId(headers);
		if (id !== undefined) return id;
	}
	return undefined;
}

/** The neutral event (video.completed / video.failed) a dialect's event type means; other types stay as they are. */
export function neutralEventType(type: string): string {
	for (const dialect of registry.values()) {
		const neutral = dialect.callbacks?.eventType(type);
		if (neutral !== undefined) return neutral;
	}
	return type;
}
