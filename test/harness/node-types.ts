// The INodeTypes registry of the harness: the package's BUILT nodes and credentials (the files
// package.json's `n8n` section lists under dist/, so the harness loads exactly what n8n would
// load from the published package) plus the test-only nodes of test-nodes.ts.
//
// A node may be referenced by its bare name (`soraVideo`), by the name a user install gives it
// (`n8n-nodes-sora-video.soraVideo`) or the custom-extensions one (`CUSTOM.soraVideo`).
import fs from 'node:fs';
import path from 'node:path';
import {
	NodeHelpers,
	type ICredentialType,
	type IDataObject,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

import type { CredentialTypeRegistry } from './credentials-helper';
import { testCredentialTypes, testNodeTypes } from './test-nodes';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
const packageJson = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};
export const PACKAGE_NAME = packageJson.name;

export class DistNotBuiltError extends Error {
	constructor(missing: string[]) {
		super(
			`The engine tests run the BUILT package, and dist/ is missing or stale: ${missing.join(', ')} not found.\n` +
				'Build first: `source scripts/node24.sh && npx n8n-node build` (npm test builds before jest).',
		);
	}
}

/** Paths (absolute) of the built files package.json declares, and which of them are missing. */
export function distFiles(): { nodes: string[]; credentials: string[]; missing: string[] } {
	const abs = (p: string) => path.join(PACKAGE_ROOT, p);
	const nodes = packageJson.n8n.nodes.map(abs);
	const credentials = packageJson.n8n.credentials.map(abs);
	const missing = [...nodes, ...credentials].filter((f) => !fs.existsSync(f)).map((f) => path.relative(PACKAGE_ROOT, f));
	return { nodes, credentials, missing };
}

/**
 * Throws a clear error when dist/ has not been built. `only`: the dist files (relative paths, or
 * parts of them, e.g. 'SoraVideo.node.js') a test needs; default every file package.json lists.
 */
export function assertBuilt(only?: string[]): void {
	const { missing } = distFiles();
	const relevant = only ? missing.filter((f) => only.some((o) => f.endsWith(o))) : missing;
	if (relevant.length) throw new DistNotBuiltError(relevant);
}

function newestMtime(dir: string): number {
	let newest = 0;
	if (!fs.existsSync(dir)) return newest;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
		else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
	}
	return newest;
}

/**
 * Sources edited after the last build: the tests would exercise old code. Only a warning
 * (npm test builds first); HARNESS_REQUIRE_FRESH_BUILD=1 makes it an error.
 */
export function staleBuildWarning(): string | undefined {
	const built = distFiles()
		.nodes.concat(distFiles().credentials)
		.filter((f) => fs.existsSync(f))
		.map((f) => fs.statSync(f).mtimeMs);
	if (!built.length) return undefined;
	const sources = Math.max(newestMtime(path.join(PACKAGE_ROOT, 'nodes')), newestMtime(path.join(PACKAGE_ROOT, 'credentials')));
	if (sources <= Math.min(...built)) return undefined;
	return 'dist/ is older than nodes/ or credentials/: the engine tests run the last build. Rebuild with `npx n8n-node build`.';
}

function exportedInstances<T>(file: string, accept: (value: unknown) => value is T): T[] {
	const mod = require(file) as Record<string, unknown>;
	const out: T[] = [];
	for (const exported of Object.values(mod)) {
		if (typeof exported !== 'function') continue;
		let instance: unknown;
		try {
			instance = new (exported as new () => unknown)();
		} catch {
			continue;
		}
		if (accept(instance)) out.push(instance);
	}
	if (!out.length) throw new Error(`harness: ${path.relative(PACKAGE_ROOT, file)} exports no n8n class`);
	return out;
}

const isNodeType = (v: unknown): v is INodeType | IVersionedNodeType =>
	typeof v === 'object' && v !== null && ('description' in v || 'nodeVersions' in v);
const isCredentialType = (v: unknown): v is ICredentialType =>
	typeof v === 'object' && v !== null && 'name' in v && 'properties' in v;

function bareName(type: string): string {
	const dot = type.lastIndexOf('.');
	return dot === -1 ? type : type.slice(dot + 1);
}

export class HarnessNodeTypes implements INodeTypes, CredentialTypeRegistry {
	private readonly nodes = new Map<string, INodeType | IVersionedNodeType>();
	private readonly credentials = new Map<string, ICredentialType>();
	private distLoaded = false;
	private distMissing: string[] = [];

	constructor() {
		for (const [name, type] of Object.entries(testNodeTypes)) this.nodes.set(name, type);
		for (const [name, type] of Object.entries(testCredentialTypes)) this.credentials.set(name, type);
	}

	/** Loads dist/ (once). Called lazily, so that tests of the harness alone run without a build. */
	loadDist(): void {
		if (this.distLoaded) return;
		const { nodes, credentials, missing } = distFiles();
		const stale = staleBuildWarning();
		if (stale && process.env.HARNESS_REQUIRE_FRESH_BUILD === '1') throw new Error(stale);
		// eslint-disable-next-line no-console
		if (stale) console.warn(stale);
		// Load what is built; a type from a missing file fails when a workflow asks for it.
		this.distMissing = missing;
		const built = (file: string) => fs.existsSync(file);
		for (const file of nodes.filter(built)) {
			for (const type of exportedInstances(file, isNodeType)) this.nodes.set(type.description.name, type);
		}
		for (const file of credentials.filter(built)) {
			for (const type of exportedInstances(file, isCredentialType)) this.credentials.set(type.name, type);
		}
		this.distLoaded = true;
	}

	private lookup(type: string): INodeType | IVersionedNodeType {
		const name = bareName(type);
		if (!this.nodes.has(name) && !this.distLoaded) this.loadDist();
		const found = this.nodes.get(name);
		if (!found && this.distMissing.length) throw new DistNotBuiltError(this.distMissing);
		if (!found) throw new Error(`harness: unknown node type "${type}" (known: ${[...this.nodes.keys()].join(', ')})`);
		return found;
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.lookup(type);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.lookup(type), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.nodes.keys()].map((name) => [name, {}]));
	}

	getCredentialType(name: string): ICredentialType | undefined {
		if (!this.credentials.has(name) && !this.distLoaded) this.loadDist();
		return this.credentials.get(name);
	}

	/** The node classes by bare name (e.g. to read a description in a test). */
	nodeType(name: string): INodeType {
		return this.getByNameAndVersion(name);
	}
}
