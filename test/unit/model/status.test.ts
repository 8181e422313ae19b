// Status words: which known words end a job, spelling variants read as the same word, and
// unknown or partial words kept running rather than ending the job.
import { normalizeStatusWord, outputStateOf, stateOf } from '../../../nodes/SoraVideo/transport/model/status';

describe('status words', () => {
	it.each([
		// OpenAI
		['queued', 'running'],
		['in_progress', 'running'],
		['completed', 'completed'],
		['failed', 'failed'],
		// OpenRouter
		['pending', 'running'],
		['cancelled', 'failed'],
		['expired', 'failed'],
		// LiteLLM / Veo, resellers, task APIs
		['processing', 'running'],
		['NOT_START', 'running'],
		['SUBMITTED', 'running'],
		['running', 'running'],
		['starting', 'running'],
		['succeeded', 'completed'],
		['SUCCESS', 'completed'],
		['Succeed', 'completed'],
		['done', 'completed'],
		['finished', 'completed'],
		['canceled', 'failed'],
		['error', 'failed'],
		['FAILURE', 'failed'],
		['rejected', 'failed'],
		['timeout', 'failed'],
		['moderated', 'failed'],
	])('%s means %s', (word, state) => {
		expect(stateOf(word)).toBe(state);
	});

	it('reads case, padding, spaces and hyphens as the same word', () => {
		expect(stateOf('  Completed \n')).toBe('completed');
		expect(stateOf('In Progress')).toBe('running');
		expect(stateOf('in-progress')).toBe('running');
		expect(stateOf('TIMED-OUT')).toBe('failed');
		expect(normalizeStatusWord(' Not Started ')).toBe('not_started');
	});

	it('keeps unknown, empty and non-string statuses running rather than ending the job', () => {
		for (const word of ['warming_up', '', '   ', undefined, null, {}, ['completed'], true]) {
			expect(stateOf(word)).toBe('running');
		}
	});

	it('does not read a word that merely contains a known one', () => {
		expect(stateOf('not_completed')).toBe('running');
		expect(stateOf('failed_over_to_backup')).toBe('running');
		expect(stateOf('completed?')).toBe('running');
	});
});

// The output state: one of four words on every output that carries a job.
describe('output state', () => {
	it.each([
		['queued', 'queued'],
		['pending', 'queued'],
		['NOT_START', 'queued'],
		['in_progress', 'in_progress'],
		['processing', 'in_progress'],
		['some-new-word', 'in_progress'],
		['succeeded', 'completed'],
		['completed', 'completed'],
		['cancelled', 'failed'],
		['canceled', 'failed'],
		['expired', 'failed'],
		['failed', 'failed'],
	])('%s is %s', (word, state) => {
		expect(outputStateOf(word)).toBe(state);
	});

	it("follows the job's state where it says more than the word (a running job with an error has failed)", () => {
		expect(outputStateOf('processing', 'failed')).toBe('failed');
	});
});
