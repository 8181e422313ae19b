// The pure parts of a job's life after it starts: which variants the Options ask to download
// (and into which fields), when the trigger downloads a video, the wait options in
// milliseconds, and the error that keeps the job for Continue On Fail.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readWaitOptions, readWantedVariants } from '../../nodes/SoraVideo/helpers/parameters';
import { JobError, jobError, resumeHint } from '../../nodes/SoraVideo/jobs/jobError';
import type { VideoObject } from '../../nodes/SoraVideo/transport';
import { shouldDownload } from '../../nodes/SoraVideoTrigger/webhook';
import type { VideoEvent } from '../../nodes/SoraVideoTrigger/steps';

/** Just enough of IExecuteFunctions for the parameter readers: parameters by name. */
function withParameters(parameters: Record<string, unknown>) {
	return {
		getNodeParameter: (name: string, _item: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getNode: () => ({ id: 'n', name: 'Sora Video', type: 'soraVideo', typeVersion: 1, position: [0, 0], parameters: {} }),
	} as unknown as IExecuteFunctions;
}

describe('readWantedVariants', () => {
	it('downloads the MP4 into "data" when nothing else is asked for', () => {
		expect(readWantedVariants(withParameters({ options: {} }), 0)).toEqual([['video', 'data']]);
	});

	it('adds the thumbnail and spritesheet in that order, into the named or default fields', () => {
		const options = { downloadThumbnail: true, downloadSpritesheet: true, spritesheetBinaryPropertyName: 'sheet' };
		expect(readWantedVariants(withParameters({ options, binaryPropertyName: ' movie ' }), 0)).toEqual([
			['video', 'movie'],
			['thumbnail', 'thumbnail'],
			['spritesheet', 'sheet'],
		]);
	});

	it('leaves the MP4 out when Download Video is off, and then does not read its field', () => {
		const options = { downloadVideo: false, downloadThumbnail: true, thumbnailBinaryPropertyName: 'thumb' };
		expect(readWantedVariants(withParameters({ options, binaryPropertyName: '' }), 0)).toEqual([['thumbnail', 'thumb']]);
	});

	it('refuses an empty output field for the MP4', () => {
		expect(() => readWantedVariants(withParameters({ options: {}, binaryPropertyName: '  ' }), 0)).toThrow(
			'Put Output File in Field',
		);
	});
});

describe('readWaitOptions', () => {
	it('turns seconds and minutes into milliseconds, with defaults of 10 s and 20 min', () => {
		expect(readWaitOptions(withParameters({ options: {} }), 0)).toEqual({ pollIntervalMs: 10_000, maxWaitMs: 1_200_000 });
		expect(readWaitOptions(withParameters({ options: { pollInterval: 3, maxWait: 2 } }), 0)).toEqual({
			pollIntervalMs: 3000,
			maxWaitMs: 120_000,
		});
	});

	it('never polls faster than once a second nor waits less than 6 s', () => {
		expect(readWaitOptions(withParameters({ options: { pollInterval: 0, maxWait: 0 } }), 0)).toEqual({
			pollIntervalMs: 1000,
			maxWaitMs: 6000,
		});
	});
});

describe('shouldDownload (trigger)', () => {
	const video = (status: string) => ({ id: 'v', object: 'video', status }) as VideoObject;
	const event = (type: string) => ({ type, data: { id: 'v' } }) as VideoEvent;

	it('downloads a completed video, whatever the event says', () => {
		expect(shouldDownload(event('video.failed'), video('completed'))).toBe(true);
		expect(shouldDownload(event('video.failed'), video('COMPLETED'))).toBe(true);
	});

	it('trusts a completed event while the server still reports another status', () => {
		expect(shouldDownload(event('video.completed'), video('processing'))).toBe(true);
	});

	it('never downloads a video that says it failed, nor one a failed event reports still running', () => {
		expect(shouldDownload(event('video.completed'), video('failed'))).toBe(false);
		expect(shouldDownload(event('video.failed'), video('in_progress'))).toBe(false);
	});
});

describe('jobError', () => {
	it('is a NodeOperationError that keeps the job as last seen, with the item and description', () => {
		const job = { id: 'video_5', object: 'video', status: 'in_progress' } as VideoObject;
		const error = jobError(withParameters({}), job, 3, 'Timed out', resumeHint('video_5'));
		expect(error).toBeInstanceOf(JobError);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.video).toBe(job);
		expect(error.message).toBe('Timed out');
		expect(error.context.itemIndex).toBe(3);
		expect(error.description).toContain('video ID video_5');
	});
});
