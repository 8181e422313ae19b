// The editor of a real n8n with the package installed, as a user meets it: sign in, find Sora
// Video in the node creator, then open every panel: every operation of both resources (read from
// the description n8n serves, so a new operation is opened too) with a credential of each
// dialect (the emulator's openai and openrouter profiles), in the states that change what is
// shown (Wait for Completion on and off, the download toggles), the trigger, and the credential
// dialog. Per panel it asserts which fields are visible and which are not, what "Add Option"
// offers, and saves a screenshot to test-results/editor/<panel>.png (a build artefact,
// git-ignored). The Seconds and Size lists are opened against both profiles and against a server
// that publishes nothing. One n8n, one browser, one page. Needs /usr/bin/chromium (run.sh installs it).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createRequire } from 'node:module';

import { NODE_TYPE, OWNER, REPO, TRIGGER_TYPE, createN8n, startEmulator } from './lib/harness.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'test-results', 'editor');
const { chromium, selectors } = createRequire(path.join(REPO, 'package.json'))('playwright-core');
selectors.setTestIdAttribute('data-test-id'); // n8n's attribute

const WORKFLOW_ID = 'soraEditorPanels1';
/** A credential per dialect, and one whose server publishes nothing (its capability list is a 404). */
const CREDENTIALS = {
	openai: { id: 'soraEditorOpenAi', name: 'Sora (OpenAI dialect)' },
	openrouter: { id: 'soraEditorOpenRouter', name: 'Sora (OpenRouter dialect)' },
	nothing: { id: 'soraEditorNothing', name: 'Sora (publishes nothing)' },
};
/** The model each dialect's panels use: the emulator's openrouter profile publishes Veo's 4, 6 and 8 s. */
const MODEL = { openai: 'sora-2', openrouter: 'google/veo-3.1', nothing: 'google/veo-3.1' };

const WAIT_OPTIONS = ['Download Video', 'Download Thumbnail', 'Download Spritesheet', 'Poll Interval (Seconds)', 'Max Wait (Minutes)'];
const FIELD_OPTIONS = ['Thumbnail Field', 'Spritesheet Field'];
/** What Options offers while a job operation does not wait: what those operations read then. */
const NOT_WAITING_OPTIONS = {
	create: ['Strict Sora Checks', 'Max Spend per Run (USD)', 'Price Table (JSON)'],
	edit: ['Max Spend per Run (USD)', 'Price Table (JSON)'],
	extend: ['Strict Sora Checks', 'Max Spend per Run (USD)', 'Price Table (JSON)'],
	remix: null, // no Options at all: nothing in it acts without the wait
};

describe('Sora Video in the n8n editor: every panel', { timeout: 900_000, skip: !existsSync(CHROMIUM) && `no ${CHROMIUM}` }, () => {
	const emulators = {};
	let n8n;
	let server;
	let browser;
	let page;
	let panels = [];

	before(async () => {
		emulators.openai = await startEmulator();
		emulators.openrouter = await startEmulator(['--profile', 'openrouter']);
		n8n = createN8n('editor');
		const credential = (key, emulator, data = {}) => ({
			...CREDENTIALS[key],
			type: 'soraApi',
			data: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, authType: 'bearer', ...data },
		});
		await n8n.importCredentials([
			credential('openai', emulators.openai),
			// The emulator listens on 127.0.0.1, so the dialect is set, not left to Auto.
			credential('openrouter', emulators.openrouter, { dialect: 'openrouter' }),
			credential('nothing', emulators.openai, { dialect: 'openrouter' }),
		]);
		server = await n8n.start();
		await server.setupOwner();
		panels = panelsOf(await describedOperations());
		await n8n.importWorkflows([workflowOf(panels)]);
		rmSync(SHOTS, { recursive: true, force: true });
		mkdirSync(SHOTS, { recursive: true });
		// A fresh profile per run (playwright passes it as --user-data-dir). Tall, so that a whole
		// parameter panel fits its screenshot.
		browser = await chromium.launchPersistentContext(mkdtempSync(path.join(n8n.userFolder, 'chromium-')), {
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
			viewport: { width: 1440, height: 2000 },
			timeout: 60_000,
		});
		page = browser.pages()[0] ?? (await browser.newPage());
		page.setDefaultTimeout(30_000);
	});

	after(async () => {
		if (page && process.env.SORA_E2E_KEEP === '1') {
			await page.screenshot({ path: path.join(SHOTS, 'last.png') }).catch(() => {});
		}
		await browser?.close().catch(() => {});
		await n8n?.dispose();
		for (const emulator of Object.values(emulators)) await emulator?.stop();
	});

	/** On failure, a screenshot of where we got to helps more than a stack trace. */
	async function step(name, fn) {
		try {
			return await fn();
		} catch (e) {
			const shot = path.join(SHOTS, `failed-${name}.png`);
			await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
			e.message = `${name}: ${e.message} (screenshot: ${shot})`;
			throw e;
		}
	}

	test('sign in, and find Sora Video in the node creator', async () => {
		await step('signin', async () => {
			await page.goto(`${server.url}/signin`);
			await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(OWNER.email);
			await page.locator('input[type="password"]').first().fill(OWNER.password);
			await page.getByRole('button', { name: /sign in/i }).click();
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
		});
		await step('search', async () => {
			await page.goto(`${server.url}/workflow/new`);
			await page.getByTestId('canvas-add-button').click();
			const search = page.getByTestId('node-creator-search-bar');
			await search.waitFor();
			await search.fill('Sora');
			const item = page.getByTestId('node-creator-item-name').getByText('Sora Video', { exact: true });
			try {
				await item.waitFor({ timeout: 15_000 });
			} catch {
				const shown = await page.getByTestId('node-creator-item-name').allInnerTexts();
				throw new Error(
					`searching "Sora" does not list Sora Video (listed: ${shown.slice(0, 8).join(', ')}). ` +
						'n8n hides AI-category nodes whose codex lacks the "Root Nodes" AI subcategory; see test/e2e/README.md',
				);
			}
		});
	});

	test('every panel shows the fields that act in its state, and no other', async () => {
		await page.goto(`${server.url}/workflow/${WORKFLOW_ID}`);
		await page.getByTestId('canvas-node').first().waitFor();
		const failures = [];
		for (const panel of panels) {
			await step(panel.slug, async () => {
				const seen = await openPanel(panel);
				for (const problem of checkPanel(panel, seen)) failures.push(`${panel.name}: ${problem}`);
				await closePanel();
			});
		}
		assert.deepEqual(failures, [], `panels that show the wrong fields:\n${failures.join('\n')}`);
	});

	test('Seconds and Size list what the model publishes on both profiles, and Sora\'s values where nothing is published', async () => {
		await page.goto(`${server.url}/workflow/${WORKFLOW_ID}`);
		await page.getByTestId('canvas-node').first().waitFor();
		const lists = {};
		for (const key of ['openai', 'openrouter', 'nothing']) {
			const panel = panels.find((p) => p.dialect === key && p.resource === 'video' && p.operation === 'create' && p.state !== 'wait-off');
			await step(`lists-${key}`, async () => {
				await openPanel(panel);
				lists[key] = { seconds: await dropdownItems('seconds', `load-options-${key}-seconds`), size: await dropdownItems('size', `load-options-${key}-size`) };
				const text = await page.getByTestId('ndv').innerText();
				assert.doesNotMatch(text, /Error fetching options|Could not load/i, `${key}: the editor shows an error`);
				await closePanel();
			});
		}
		assert.deepEqual(lists.openai.seconds, ['4 Seconds', '8 Seconds', '12 Seconds', 'Custom']);
		assert.deepEqual(lists.openai.size, ['Portrait 720x1280', 'Landscape 1280x720', 'Portrait 1024x1792', 'Landscape 1792x1024', 'Custom']);
		assert.deepEqual(lists.openrouter.seconds, ['4 Seconds', '6 Seconds', '8 Seconds', 'Custom']);
		assert.deepEqual(lists.openrouter.size, ['Landscape 1280x720', 'Portrait 720x1280', 'Landscape 1920x1080', 'Portrait 1080x1920', 'Custom']);
		// The capability list answers 404 there: Sora's values, with Custom, and no error.
		assert.deepEqual(lists.nothing.seconds, ['4 Seconds', '8 Seconds', '12 Seconds', 'Custom']);
		assert.ok(lists.nothing.size.includes('Custom') && lists.nothing.size.includes('Portrait 720x1280'), lists.nothing.size.join(', '));

		// Extend's Source Model offers the published model list on OpenRouter.
		const extend = panels.find((p) => p.dialect === 'openrouter' && p.operation === 'extend' && p.state === 'wait-on');
		await step('source-model-list', async () => {
			await openPanel(extend);
			await page.getByTestId('resource-locator-continuationModel').getByTestId('rlc-input').click();
			const item = page.getByText('Google: Veo 3.1 (google/veo-3.1)', { exact: true });
			await item.first().waitFor({ timeout: 15_000 });
			await page.getByTestId('ndv').screenshot({ path: path.join(SHOTS, 'load-options-openrouter-source-model.png') });
			await page.keyboard.press('Escape');
			await closePanel();
		});
	});

	test('the credential dialog shows OpenAI-only fields only on the OpenAI dialect', async () => {
		for (const key of ['openai', 'openrouter']) {
			await step(`credential-${key}`, async () => {
				await page.goto(`${server.url}/home/credentials/${CREDENTIALS[key].id}`);
				const dialog = page.getByTestId('credential-edit-dialog');
				await dialog.getByTestId('parameter-input-baseUrl').waitFor();
				await page.waitForTimeout(300); // the modal's opening transition
				await dialog.screenshot({ path: path.join(SHOTS, `credential-${key}.png`) });
				const shown = async (name) => await dialog.getByTestId(`parameter-input-${name}`).isVisible();
				const openAiOnly = { organizationId: await shown('organizationId'), projectId: await shown('projectId'), authType: await shown('authType') };
				const expected = key === 'openai';
				assert.deepEqual(openAiOnly, { organizationId: expected, projectId: expected, authType: expected }, key);
				assert.equal(await shown('webhookSecret'), true);
			});
		}
	});

	// ---- panels ----

	/** The operations of each resource as the node's description says, as n8n serves it to the editor. */
	async function describedOperations() {
		const types = await server.rest('POST', '/node-types', { nodeInfos: [{ name: NODE_TYPE, version: 1 }] });
		const node = (Array.isArray(types) ? types : []).find((t) => t.name === NODE_TYPE || NODE_TYPE.endsWith(`.${t.name}`));
		assert.ok(node, `${NODE_TYPE} is not among the node types n8n serves: ${JSON.stringify(types).slice(0, 300)}`);
		const operations = {};
		for (const property of node.properties.filter((p) => p.name === 'operation')) {
			const resource = property.displayOptions.show.resource[0];
			// n8n adds its own Custom API Call (an HTTP request with this credential): not ours to check.
			operations[resource] = property.options.filter((o) => o.value !== '__CUSTOM_API_CALL__').map((o) => ({ value: o.value, name: o.name }));
		}
		const hasToggle = new Set(
			node.properties.filter((p) => p.name === 'waitForCompletion').flatMap((p) => p.displayOptions?.show?.operation ?? []),
		);
		return { operations, hasToggle };
	}

	/** One panel per operation, dialect and state that changes what is shown; the trigger per dialect. */
	function panelsOf({ operations, hasToggle }) {
		const list = [];
		for (const dialect of ['openai', 'openrouter']) {
			for (const [resource, ops] of Object.entries(operations)) {
				for (const { value: operation, name } of ops) {
					const states =
						resource === 'video' && hasToggle.has(operation)
							? ['wait-on', 'wait-on-downloads', 'wait-off']
							: resource === 'video' && operation === 'wait'
								? ['default', 'downloads']
								: ['default'];
					for (const state of states) list.push({ dialect, resource, operation, label: name, state, type: NODE_TYPE, waits: hasToggle.has(operation) });
				}
			}
			list.push({ dialect, resource: 'trigger', operation: 'trigger', label: 'Trigger', state: 'default', type: TRIGGER_TYPE });
			list.push({ dialect, resource: 'trigger', operation: 'trigger', label: 'Trigger', state: 'file-thumbnail', type: TRIGGER_TYPE });
		}
		list.push({ dialect: 'nothing', resource: 'video', operation: 'create', label: 'Create', state: 'wait-on', type: NODE_TYPE, waits: true });
		return list.map((panel) => {
			const slug = `${panel.dialect}-${panel.resource}-${panel.operation}-${panel.state}`;
			return { ...panel, slug, name: `${panel.dialect} ${panel.resource} ${panel.label} (${panel.state})` };
		});
	}

	function parametersOf(panel) {
		if (panel.resource === 'trigger') {
			return panel.state === 'file-thumbnail'
				? { events: ['video.completed', 'video.failed'], output: 'videoAndBinary', options: { downloadThumbnail: true } }
				: { events: ['video.completed', 'video.failed'], output: 'video' };
		}
		const parameters = { resource: panel.resource, operation: panel.operation };
		const model = { __rl: true, mode: 'list', value: MODEL[panel.dialect] };
		if (panel.operation === 'create' && panel.resource === 'video') Object.assign(parameters, { prompt: 'a paper boat', model });
		// Added but left empty: the Callback URL shows its placeholder, which must fit its input.
		if (panel.operation === 'create' && panel.dialect === 'openrouter') parameters.modelOptions = { callbackUrl: '' };
		if (['edit', 'extend'].includes(panel.operation)) Object.assign(parameters, { videoSource: 'id', videoId: 'video_123', prompt: 'more rain', continuationModel: model });
		if (['remix', 'get', 'delete', 'download', 'wait'].includes(panel.operation) && panel.resource === 'video') parameters.videoId = 'video_123';
		if (panel.state.startsWith('wait-')) parameters.waitForCompletion = panel.state !== 'wait-off';
		if (panel.state === 'wait-on-downloads' || panel.state === 'downloads') {
			parameters.options = { downloadVideo: false, downloadThumbnail: true, downloadSpritesheet: true };
		}
		return parameters;
	}

	function workflowOf(list) {
		return {
			id: WORKFLOW_ID,
			name: 'Sora Video panels',
			active: false,
			settings: { executionOrder: 'v1' },
			connections: {},
			nodes: list.map((panel, i) => ({
				id: `panel${i}`,
				name: panel.name,
				type: panel.type,
				typeVersion: 1,
				position: [(i % 8) * 260, Math.floor(i / 8) * 220],
				parameters: parametersOf(panel),
				credentials: { soraApi: CREDENTIALS[panel.dialect] },
				...(panel.type === TRIGGER_TYPE ? { webhookId: `sora-editor-${i}` } : {}),
			})),
		};
	}

	/** Opens a panel from the canvas and reads what it shows: the visible fields and what Add Option offers. */
	async function openPanel(panel) {
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${panel.name}"]`);
		await node.dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		const parameters = ndv.getByTestId('node-parameters');
		await parameters.getByTestId('parameter-input-resource').or(parameters.getByTestId('parameter-input-events')).first().waitFor();
		await page.waitForTimeout(300); // the panel's opening transition
		// Seconds and Size load their lists from the server: shoot the panel once they have.
		await parameters.getByText('Loading options...').first().waitFor({ state: 'hidden', timeout: 30_000 });
		const fields = await parameters.locator('[data-test-id^="parameter-input-"]').evaluateAll((elements) =>
			elements.map((e) => e.getAttribute('data-test-id').slice('parameter-input-'.length)).filter((name) => name !== 'field'),
		);
		const labels = await parameters.locator('label').allInnerTexts();
		// One-line inputs whose placeholder is wider than the input (in its own font) cut it off.
		const cutOff = await parameters.locator('input[placeholder]').evaluateAll((inputs) => {
			const canvas = document.createElement('canvas').getContext('2d');
			return inputs.flatMap((input) => {
				const style = getComputedStyle(input);
				canvas.font = style.font;
				const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
				return input.placeholder && input.clientWidth > 0 && canvas.measureText(input.placeholder).width > room ? [input.placeholder] : [];
			});
		});
		await parameters.screenshot({ path: path.join(SHOTS, `${panel.slug}.png`) });
		return { fields: new Set(fields), labels: labels.map((l) => l.trim()), cutOff, offered: await offeredOptions('options'), text: await parameters.innerText() };
	}

	async function closePanel() {
		await page.getByTestId('ndv-close-button').click();
		await page.getByTestId('ndv').waitFor({ state: 'hidden' });
	}

	/** The entries of a collection's Add Option list, or null when the panel has no such collection. */
	async function offeredOptions(collection) {
		const add = page.locator(`[data-test-id="parameter-item"]:has(label[for="${collection}"]) [data-test-id="collection-parameter-add"]`).first();
		if (!(await add.isVisible().catch(() => false))) return null;
		await add.click();
		const items = page.locator('.el-select-dropdown__item:visible');
		await items.first().waitFor({ timeout: 10_000 }).catch(() => {});
		const offered = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		await add.click(); // closes the list again
		await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
		return offered;
	}

	/** Opens an options field's list (load options), reads its entries and screenshots the panel with the list open. */
	async function dropdownItems(name, shot) {
		const input = page.getByTestId(`parameter-input-${name}`).locator('input').first();
		await input.click();
		const items = page.locator('.el-select-dropdown__item:visible');
		await items.first().waitFor({ timeout: 20_000 });
		const texts = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim()).filter(Boolean);
		const box = await page.getByTestId('node-parameters').boundingBox();
		if (box) await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 900) } });
		await input.click();
		await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
		return texts;
	}

	/** The problems of one panel: each rule names a field that should or should not be there. */
	function checkPanel(panel, seen) {
		const problems = [];
		const want = (condition, what) => {
			if (!condition) problems.push(what);
		};
		const offered = seen.offered;
		const offers = (label) => Boolean(offered?.includes(label));
		want(seen.cutOff.length === 0, `placeholders cut off in their inputs: ${seen.cutOff.join(' | ')}`);
		if (panel.resource === 'trigger') {
			want(/Settings → Project → Webhooks/.test(seen.text), 'the notice does not say Settings → Project → Webhooks');
			want(offers('Skip Signature Check (Insecure)'), 'Options does not offer Skip Signature Check');
			const file = panel.state === 'file-thumbnail';
			want(seen.fields.has('binaryPropertyName') === file, `Put Output File in Field ${file ? 'missing' : 'shown without a file'}`);
			want(offers('Download Thumbnail') === false, 'Download Thumbnail offered although set or without a file');
			want(offers('Thumbnail Field') === file, `Thumbnail Field ${file ? 'not offered with' : 'offered without'} Download Thumbnail`);
			return problems;
		}
		if (panel.resource === 'character') {
			want(!seen.fields.has('concurrency') && offered === null, 'a character operation shows Concurrency or Options');
			return problems;
		}
		want(seen.fields.has('concurrency'), 'Concurrency is not a field of its own');
		want(!offers('Concurrency'), 'Options offers Concurrency');
		const waiting = panel.waits ? panel.state !== 'wait-off' : panel.operation === 'wait';
		const downloadsSet = panel.state === 'wait-on-downloads' || panel.state === 'downloads';
		if (!panel.waits && panel.operation !== 'wait') {
			// Get, List, Delete, Download: no Options collection at all.
			want(offered === null, `shows Options (${offered?.join(', ')})`);
			want(seen.fields.has('binaryPropertyName') === (panel.operation === 'download'), 'Put Output File in Field where nothing is downloaded, or missing on Download');
			return problems;
		}
		if (!waiting) {
			const expected = NOT_WAITING_OPTIONS[panel.operation];
			want(JSON.stringify(offered) === JSON.stringify(expected), `Options offers ${JSON.stringify(offered)} while not waiting; expected ${JSON.stringify(expected)}`);
			want(!seen.fields.has('binaryPropertyName'), 'Put Output File in Field shown while not waiting');
			for (const option of ['downloadVideo', 'downloadThumbnail', 'pollInterval']) want(!seen.fields.has(option), `${option} shown while not waiting`);
		} else if (downloadsSet) {
			// Download Video off, thumbnail and spritesheet on: their field names are offered, the MP4's field is gone.
			for (const label of FIELD_OPTIONS) want(offers(label), `${label} not offered with its download on`);
			for (const name of ['downloadVideo', 'downloadThumbnail', 'downloadSpritesheet']) want(seen.fields.has(name), `${name} is set but not shown`);
			want(!seen.fields.has('binaryPropertyName'), 'Put Output File in Field shown with Download Video off');
			for (const label of ['Poll Interval (Seconds)', 'Max Wait (Minutes)']) want(offers(label), `${label} not offered while waiting`);
		} else {
			for (const label of WAIT_OPTIONS) want(offers(label), `${label} not offered while waiting`);
			for (const label of FIELD_OPTIONS) want(!offers(label), `${label} offered with its download off`);
			want(seen.fields.has('binaryPropertyName'), 'Put Output File in Field missing while waiting');
		}
		if (panel.operation === 'create') {
			want(seen.labels.some((l) => l.startsWith('Model Options (OpenRouter)')), 'Model Options does not say it is OpenRouter\'s');
			for (const name of ['prompt', 'model', 'seconds', 'size', 'inputReference']) want(seen.fields.has(name), `${name} missing`);
			if (panel.dialect === 'openrouter') want(seen.fields.has('callbackUrl'), 'the Callback URL added to Model Options is not shown');
		}
		if (panel.operation === 'edit' || panel.operation === 'extend') want(seen.fields.has('continuationModel'), 'Source Model missing for a Video ID source');
		return problems;
	}
});
