'use strict';
// Fault injection: an ordered list of rules { match, times?, fault }. The first
// rule whose match fits a request fires; `times` counts down and the rule is
// dropped at 0 (absent = every matching request).

const { isShape } = require('./shapes');

const PRE = new Set(['status', 'reset', 'delay']); // act before the request is handled
// act on the response: the request is performed, its answer is lost, replaced or rewritten
const POST = new Set(['resetAfterCreate', 'statusAfterCreate', 'truncate', 'slow', 'body', 'rewrite']);
// content downloads only (see content-dialects.js)
const CONTENT = new Set(['notReady', 'expired', 'contentUrl', 'contentRedirect', 'ignoreVariant', 'contentType', 'contentLag']);
const LIST = new Set(['ignoreAfter']); // list only: the page after `after` is the first page again
const TYPES = new Set([...PRE, ...POST, ...CONTENT, ...LIST]);

function normalizeRule(rule) {
	if (!rule || typeof rule !== 'object') throw new Error('fault rule must be an object');
	const fault = rule.fault || (rule.type ? { ...rule } : null);
	if (!fault || !TYPES.has(fault.type)) {
		throw new Error(`fault rule needs fault.type, one of ${[...TYPES].join(', ')} (got ${JSON.stringify(rule)})`);
	}
	if (fault.type === 'statusAfterCreate' && fault.status === undefined) fault.status = 502;
	if (fault.type === 'status' && !Number.isInteger(fault.status)) throw new Error('status fault needs an integer status');
	if (fault.type === 'delay' && !(fault.ms >= 0)) throw new Error('delay fault needs ms');
	if (fault.type === 'contentLag' && !(fault.ms >= 0)) throw new Error('contentLag fault needs ms');
	if (fault.type === 'slow' && !(fault.bytesPerSec > 0)) throw new Error('slow fault needs bytesPerSec > 0');
	if (fault.type === 'body' && fault.status === undefined) fault.status = 200;
	if (fault.type === 'body' && fault.shape === undefined && fault.body === undefined) throw new Error('body fault needs shape or body');
	if (fault.shape !== undefined && fault.shape !== 'openai' && !isShape(fault.shape)) throw new Error(`unknown shape '${fault.shape}'`);
	const times = rule.times === undefined || rule.times === null ? Infinity : Number(rule.times);
	return { match: rule.match || {}, times, fault };
}

function globMatch(pattern, value) {
	if (!pattern.includes('*')) return pattern === value;
	const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
	return re.test(value);
}

function matches(match, req) {
	const oneOf = (want, got) => (Array.isArray(want) ? want.includes(got) : want === got);
	if (match.kind !== undefined && !oneOf(match.kind, req.kind)) return false;
	if (match.method !== undefined && String(match.method).toUpperCase() !== req.method) return false;
	if (match.variant !== undefined && !oneOf(match.variant, req.variant)) return false;
	// path matches the full path (/v1/videos/...) or the path after the base prefix (/videos/...).
	if (match.path !== undefined && !globMatch(match.path, req.path) && !globMatch(match.path, req.routePath)) return false;
	return true;
}

class Faults {
	constructor() {
		this.rules = [];
	}
	set(rules) {
		const list = rules === null || rules === undefined ? [] : Array.isArray(rules) ? rules : [rules];
		this.rules = list.map(normalizeRule);
	}
	add(rule) {
		this.rules.push(normalizeRule(rule));
	}
	list() {
		return this.rules.map((r) => ({ ...r, times: r.times === Infinity ? null : r.times }));
	}
	/** The fault for this request ({kind, method, path, routePath, variant}), consuming one use. */
	take(req) {
		const i = this.rules.findIndex((r) => matches(r.match, req));
		if (i < 0) return null;
		const rule = this.rules[i];
		if (--rule.times <= 0) this.rules.splice(i, 1);
		return rule.fault;
	}
}

module.exports = { Faults, PRE, POST, CONTENT, LIST };
