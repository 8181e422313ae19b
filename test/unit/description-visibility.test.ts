// Every field the editor shows does something in the state it is shown in. The test walks the
// node's description with n8n's own display rules (NodeHelpers.displayParameter, as the editor
// evaluates them), over every combination of the fields that change what is shown, and fails
// when a field is visible in a state where the code ignores it. The pairs it checks:
//
//   field                                   ignored by the code when                    operations
//   Options > Download Video/Thumbnail/     Wait for Completion is off (readWaitMode     Create, Remix, Edit, Extend
//     Spritesheet, Poll Interval, Max Wait,   returns at once, finishJob does not wait)
//     Thumbnail Field, Spritesheet Field
//   Options > Thumbnail Field               Download Thumbnail is off (readWantedVariants) those four and Wait
//   Options > Spritesheet Field             Download Spritesheet is off                   those four and Wait
//   Put Output File in Field                Wait for Completion is off, or                those four and Wait
//                                           Options > Download Video is off
//   Source Model                            Source Video is an uploaded file (Edit: refused Edit
//                                           on OpenRouter, not used on OpenAI Videos)
//   Video ID / Input Binary Field (video)   Source Video is the other kind                Edit, Extend
//   Input Binary Field / Image URL /        Input Reference is another kind               Create
//     File ID (reference)
//   Custom Seconds / Custom Size            Seconds / Size is not Custom                  Create (Size), Create, Extend (Seconds)
//   Limit                                   Return All is on                              List
//   Options (the collection)                it would offer fewer than two options         every operation
//   Options > Concurrency (0.1.0's place)   it is not set (Add Option never offers it)    every video operation
//
// What depends on the credential's dialect cannot be a display rule (n8n's rules see only the
// node's parameters): Model Options and Edit's Source Model say in their names and hints where
// they apply, which the last test checks.
import type { INode, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { SoraVideo } from '../../nodes/SoraVideo/SoraVideo.node';

const description = new SoraVideo().description;
const node = { name: 'Sora Video', typeVersion: 1, parameters: {} } as unknown as INode;

interface State {
	resource: string;
	operation: string;
	waitForCompletion: boolean;
	downloadVideo: boolean;
	downloadThumbnail: boolean;
	downloadSpritesheet: boolean;
	videoSource: string;
	inputReference: string;
	seconds: string;
	size: string;
	returnAll: boolean;
}

const GENERATING = ['create', 'remix', 'edit', 'extend'];
const WAITING = [...GENERATING, 'wait'];

/** [field path, operations, when the code ignores it]. */
const IGNORED: Array<[string, string[], (s: State) => boolean]> = [
	...['downloadVideo', 'downloadThumbnail', 'downloadSpritesheet', 'pollInterval', 'maxWait', 'thumbnailBinaryPropertyName', 'spritesheetBinaryPropertyName'].map(
		(option) => [`options.${option}`, GENERATING, (s: State) => !s.waitForCompletion] as [string, string[], (s: State) => boolean],
	),
	['options.thumbnailBinaryPropertyName', WAITING, (s) => !s.downloadThumbnail],
	['options.spritesheetBinaryPropertyName', WAITING, (s) => !s.downloadSpritesheet],
	['binaryPropertyName', GENERATING, (s) => !s.waitForCompletion || !s.downloadVideo],
	['binaryPropertyName', ['wait'], (s) => !s.downloadVideo],
	['continuationModel', ['edit'], (s) => s.videoSource !== 'id'],
	['videoId', ['edit', 'extend'], (s) => s.videoSource !== 'id'],
	['videoBinaryProperty', ['edit', 'extend'], (s) => s.videoSource !== 'binary'],
	['inputReferenceBinaryProperty', ['create'], (s) => s.inputReference !== 'binary'],
	['imageUrl', ['create'], (s) => s.inputReference !== 'imageUrl'],
	['fileId', ['create'], (s) => s.inputReference !== 'fileId'],
	['customSeconds', ['create', 'extend'], (s) => s.seconds !== 'custom'],
	['customSize', ['create'], (s) => s.size !== 'custom'],
	['limit', ['list'], (s) => s.returnAll],
];

function operationsOf(resource: string): string[] {
	const operation = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
	return (operation?.options ?? []).map((o) => String((o as { value: unknown }).value));
}

/** Every combination of the fields that change what is shown. */
function* states(): Generator<State> {
	for (const resource of ['video', 'character'])
		for (const operation of operationsOf(resource))
			for (const waitForCompletion of [true, false])
				for (const downloadVideo of [true, false])
					for (const downloadThumbnail of [true, false])
						for (const downloadSpritesheet of [true, false])
							for (const videoSource of ['id', 'binary'])
								for (const inputReference of ['none', 'binary', 'imageUrl', 'fileId'])
									for (const seconds of ['4', 'custom'])
										for (const size of ['720x1280', 'custom'])
											for (const returnAll of [true, false])
												yield { resource, operation, waitForCompletion, downloadVideo, downloadThumbnail, downloadSpritesheet, videoSource, inputReference, seconds, size, returnAll };
}

/** The node's parameters in a state, as the editor holds them: the Options collection holds the download toggles. */
function parametersOf(s: State): INodeParameters {
	const { downloadVideo, downloadThumbnail, downloadSpritesheet, ...top } = s;
	return { ...top, options: { downloadVideo, downloadThumbnail, downloadSpritesheet } };
}

const shown = (values: INodeParameters, property: INodeProperties, root: INodeParameters) =>
	NodeHelpers.displayParameter(values, property, node, description, root);

/** The paths of the fields visible in a state: top-level names and "collection.option". */
function visibleFields(parameters: INodeParameters): Set<string> {
	const visible = new Set<string>();
	for (const property of description.properties) {
		if (!shown(parameters, property, parameters)) continue;
		visible.add(property.name);
		if (property.type !== 'collection') continue;
		const values = (parameters[property.name] ?? {}) as INodeParameters;
		for (const option of (property.options ?? []) as INodeProperties[]) {
			if (shown(values, option, parameters)) visible.add(`${property.name}.${option.name}`);
		}
	}
	return visible;
}

describe('the node description shows no field where the code ignores it', () => {
	const all = [...states()];
	const visibleByState = all.map((s) => ({ s, visible: visibleFields(parametersOf(s)) }));

	it('walks every operation of both resources', () => {
		expect(operationsOf('video')).toEqual(expect.arrayContaining(['create', 'remix', 'edit', 'extend', 'get', 'list', 'delete', 'download', 'wait']));
		expect(operationsOf('character')).toEqual(['create', 'get']);
	});

	it.each(IGNORED.map(([field, operations, when], i) => [`${field} (${operations.join(', ')})`, i, field, operations, when] as const))(
		'%s: hidden where ignored, shown somewhere else',
		(_label, _i, field, operations, when) => {
			for (const operation of operations) {
				const ofOperation = visibleByState.filter(({ s }) => s.resource === 'video' && s.operation === operation);
				const wrong = ofOperation.find(({ s, visible }) => when(s) && visible.has(field));
				expect(wrong ? { operation, shownIn: wrong.s } : undefined).toBeUndefined();
				// Not vacuous: the field exists and is shown where it acts.
				expect(ofOperation.some(({ s, visible }) => !when(s) && visible.has(field))).toBe(true);
			}
		},
	);

	it('keeps the wait options of the Wait operation, which always waits', () => {
		const wait = visibleByState.filter(({ s }) => s.operation === 'wait' && s.resource === 'video');
		for (const { visible } of wait) {
			for (const option of ['downloadVideo', 'downloadThumbnail', 'downloadSpritesheet', 'pollInterval', 'maxWait']) expect(visible.has(`options.${option}`)).toBe(true);
		}
	});

	it('shows no Options collection with fewer than two options to add (Add Option would add its one at once)', () => {
		for (const { s, visible } of visibleByState) {
			if (!visible.has('options')) continue;
			const options = [...visible].filter((path) => path.startsWith('options.'));
			expect({ operation: s.operation, wait: s.waitForCompletion, enough: options.length >= 2 }).toEqual({ operation: s.operation, wait: s.waitForCompletion, enough: true });
		}
	});

	it('shows Concurrency under Options only in a workflow saved with it there (0.1.0), and never offers it', () => {
		for (const operation of operationsOf('video')) {
			const base: State = { ...all[0], resource: 'video', operation, waitForCompletion: true };
			const saved = parametersOf(base);
			(saved.options as INodeParameters).concurrency = 2;
			expect([operation, visibleFields(saved).has('options.concurrency')]).toEqual([operation, true]);
			expect([operation, visibleFields(parametersOf(base)).has('options.concurrency')]).toEqual([operation, false]);
		}
	});

	it('shows Concurrency as a field of its own on every video operation', () => {
		for (const operation of operationsOf('video')) {
			expect(visibleByState.some(({ s, visible }) => s.resource === 'video' && s.operation === operation && visible.has('concurrency'))).toBe(true);
		}
	});
});

describe('fields that depend on the credential say where they apply', () => {
	const byName = (name: string, operation: string) =>
		description.properties.find((p) => p.name === name && p.displayOptions?.show?.operation?.includes(operation))!;

	it('Model Options name the OpenRouter dialect, and every option of it too', () => {
		const extras = byName('modelOptions', 'create');
		expect(extras.displayName).toMatch(/OpenRouter/);
		expect(extras.description).toMatch(/OpenAI Videos/);
		for (const option of extras.options as INodeProperties[]) {
			// An option added but left empty sends nothing: its default is empty.
			if (option.name !== 'imageRole') expect([option.name, option.default]).toEqual([option.name, option.type === 'json' ? '{}' : '']);
		}
	});

	it("Source Model says what it does on each dialect", () => {
		for (const operation of ['edit', 'extend']) expect(byName('continuationModel', operation).description).toMatch(/OpenRouter.*OpenAI Videos/s);
	});

	it('the Wait operation and the toggle have different names', () => {
		const operation = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('video'))!;
		const wait = (operation.options as Array<{ name: string; value: string }>).find((o) => o.value === 'wait')!;
		const toggle = description.properties.find((p) => p.name === 'waitForCompletion')!;
		expect(wait.name).not.toBe(toggle.displayName);
	});
});
