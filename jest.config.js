// Three suites: unit (pure pieces, mocks allowed), emulator (the emulator over HTTP),
// engine (the built node inside n8n-core's real WorkflowExecute against the emulator).
const tsJest = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] };
// dist/package.json is a copy of package.json that n8n-node build makes; .cache holds compiled demo/bench copies.
const common = { testEnvironment: 'node', transform: tsJest, modulePathIgnorePatterns: ['<rootDir>/dist/package.json', '<rootDir>/.cache/'] };
// Tests that talk to a live server get 20 s instead of jest's 5 s: on a loaded 2-CPU machine a
// correct run can take longer; a hang still fails, and timing is measured in the benchmark, not here.
module.exports = {
	testTimeout: 20000,
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...common, displayName: 'emulator', testMatch: ['<rootDir>/test/emulator/**/*.test.ts'] },
		{
			...common,
			displayName: 'engine',
			testMatch: ['<rootDir>/test/engine/**/*.test.ts'],
			setupFiles: ['<rootDir>/test/harness/env.js'],
		},
	],
};
