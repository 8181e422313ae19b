// n8n-core 2.41 ships its own @n8n/di and @n8n/backend-common under node_modules/n8n-core/node_modules
// (the top-level copies, pulled in by @n8n/node-cli, are older versions). The DI container is a
// module singleton, so the harness must use n8n-core's copies, or Container.get() would build a
// second, empty world that n8n-core never sees.
import path from 'node:path';

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
const fromCore = (id: string) => require(require.resolve(id, { paths: [coreDir] }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = abstract new (...args: any[]) => unknown;
export interface DiContainer {
	get<T>(type: abstract new (...args: never[]) => T): T;
	set<T>(type: abstract new (...args: never[]) => T, instance: T): void;
	has(type: Constructor): boolean;
	reset(): void;
}

export const Container: DiContainer = fromCore('@n8n/di').Container;
export const Logger: abstract new (...args: never[]) => unknown = fromCore('@n8n/backend-common').Logger;
