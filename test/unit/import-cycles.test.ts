// No circular imports in the published code: neither between files nor between the layers of
// nodes/ (transport, jobs, helpers, descriptions, actions, the trigger). Imports are read with
// the TypeScript compiler's own pre-processor (type-only imports count: a type loop is a layer
// loop too), relative paths resolved to files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['nodes', 'credentials'];

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

function resolveImport(from: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = path.resolve(path.dirname(from), specifier);
	return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
}

/** File -> the files it imports (relative imports only; n8n-workflow and node: are outside). */
function importGraph(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of SOURCES.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
		const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
		const targets = info.importedFiles.map((imported) => resolveImport(file, imported.fileName)).filter((t): t is string => t !== undefined);
		graph.set(path.relative(ROOT, file), [...new Set(targets.map((t) => path.relative(ROOT, t)))]);
	}
	return graph;
}

/** The layer a file belongs to: nodes/<Node>/<first folder>, or the node's own folder for files at its top. */
function layerOf(file: string): string {
	const parts = file.split(path.sep);
	if (parts[0] !== 'nodes') return parts[0];
	return parts.length > 3 ? parts.slice(0, 3).join('/') : parts.slice(0, 2).join('/');
}

function layerGraph(files: Map<string, string[]>): Map<string, string[]> {
	const graph = new Map<string, Set<string>>();
	for (const [file, targets] of files) {
		const from = layerOf(file);
		const edges = graph.get(from) ?? new Set<string>();
		for (const target of targets) if (layerOf(target) !== from) edges.add(layerOf(target));
		graph.set(from, edges);
	}
	return new Map([...graph].map(([layer, edges]) => [layer, [...edges]]));
}

/** Every cycle found by a depth-first walk, each as the path that closes it (a -> b -> a). */
function findCycles(graph: Map<string, string[]>): string[][] {
	const cycles: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (node: string) => {
		state.set(node, 'open');
		stack.push(node);
		for (const next of graph.get(node) ?? []) {
			if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(node, 'done');
	};
	for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
	return cycles;
}

const show = (cycles: string[][]) => cycles.map((cycle) => cycle.join(' -> '));

describe('imports', () => {
	const files = importGraph();

	it('reads the real import graph (the check is not vacuous)', () => {
		expect(files.size).toBeGreaterThan(50);
		expect(files.get(path.join('nodes', 'SoraVideo', 'jobs', 'wait.ts'))).toContain(path.join('nodes', 'SoraVideo', 'transport', 'index.ts'));
		expect(layerGraph(files).get('nodes/SoraVideo/actions')).toEqual(expect.arrayContaining(['nodes/SoraVideo/jobs', 'nodes/SoraVideo/transport']));
	});

	it('finds a loop where there is one', () => {
		const loop = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a']],
			['d', ['a']],
		]);
		expect(show(findCycles(loop))).toEqual(['a -> b -> c -> a']);
	});

	it('have no cycle between files', () => {
		expect(show(findCycles(files))).toEqual([]);
	});

	it('have no cycle between the layers of nodes/ (transport, jobs, helpers, descriptions, actions, the trigger)', () => {
		expect(show(findCycles(layerGraph(files)))).toEqual([]);
	});
});
