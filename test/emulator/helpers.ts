// Helpers for the emulator suite: start/stop, a small undici client, waiting for jobs and an
// MP4 box reader. Images come from test/fixtures (built independently of the emulator's encoders).
import { execFileSync } from 'node:child_process';
import { request, FormData } from 'undici';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { untilFinished } from '../fixtures/jobs';
import { SERVER_WAIT_MS } from '../fixtures/wait';

export type Emu = RunningEmulator;
export type Video = Record<string, any>;

export { startEmulator };
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	json: any;
	body: Buffer;
}

/** One HTTP call; body may be an object (sent as JSON), a FormData, or undefined. */
export async function call(
	emu: Emu,
	method: string,
	path: string,
	body?: unknown,
	opts: { headers?: Record<string, string>; auth?: boolean; base?: string } = {},
): Promise<Reply> {
	const headers: Record<string, string> = { ...(opts.auth === false ? {} : { authorization: `Bearer ${emu.apiKey}` }), ...opts.headers };
	let payload: any;
	if (body instanceof FormData) payload = body;
	else if (body !== undefined) {
		payload = JSON.stringify(body);
		headers['content-type'] = 'application/json';
	}
	const res = await request(`${opts.base ?? emu.baseUrl}${path}`, { method: method as any, headers, body: payload });
	const buf = Buffer.from(await res.body.arrayBuffer());
	let json: any = null;
	if (String(res.headers['content-type'] || '').includes('application/json')) json = JSON.parse(buf.toString('utf8'));
	return { status: res.statusCode, headers: res.headers, json, body: buf };
}

export async function createVideo(emu: Emu, fields: Record<string, unknown> = {}): Promise<Video> {
	const r = await call(emu, 'POST', '/videos', { prompt: 'a calico cat playing piano', ...fields });
	if (r.status !== 200) throw new Error(`create failed: ${r.status} ${r.body.toString()}`);
	return r.json;
}

/** Polls until the job leaves queued/in_progress. */
export async function waitDone(emu: Emu, id: string, timeoutMs = SERVER_WAIT_MS): Promise<Video> {
	const read = async (): Promise<Video> => (await call(emu, 'GET', `/videos/${id}`)).json;
	return await untilFinished(read, { timeoutMs, intervalMs: 25 });
}

export async function completedVideo(emu: Emu, fields: Record<string, unknown> = {}): Promise<Video> {
	const v = await createVideo(emu, fields);
	return waitDone(emu, v.id);
}

export function form(fields: Record<string, string | { data: Buffer; type: string; name: string }>): FormData {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) {
		if (typeof v === 'string') fd.append(k, v);
		else fd.append(k, new Blob([new Uint8Array(v.data)], { type: v.type }), v.name);
	}
	return fd;
}

// ---- MP4 reading ----

export interface Box {
	type: string;
	start: number;
	size: number;
	body: number;
}
export function boxes(buf: Buffer, start = 0, end = buf.length): Box[] {
	const out: Box[] = [];
	let i = start;
	while (i + 8 <= end) {
		let size = buf.readUInt32BE(i);
		let body = i + 8;
		if (size === 1) {
			size = Number(buf.readBigUInt64BE(i + 8));
			body = i + 16;
		}
		out.push({ type: buf.toString('latin1', i + 4, i + 8), start: i, size, body });
		if (size < 8) break;
		i += size;
	}
	return out;
}
export function child(buf: Buffer, parent: Box, type: string): Box {
	const found = boxes(buf, parent.body, parent.start + parent.size).find((b) => b.type === type);
	if (!found) throw new Error(`no ${type} in ${parent.type}`);
	return found;
}

/** Structure of an MP4 made of ftyp/moov/mdat: duration (s), size, sample count. */
export function readMp4(buf: Buffer) {
	const top = boxes(buf);
	const moov = top.find((b) => b.type === 'moov')!;
	const mvhd = child(buf, moov, 'mvhd');
	const timescale = buf.readUInt32BE(mvhd.body + 12);
	const duration = buf.readUInt32BE(mvhd.body + 16);
	const trak = child(buf, moov, 'trak');
	const tkhd = child(buf, trak, 'tkhd');
	const end = tkhd.start + tkhd.size;
	const stbl = child(buf, child(buf, child(buf, trak, 'mdia'), 'minf'), 'stbl');
	const stsd = child(buf, stbl, 'stsd');
	const stsz = child(buf, stbl, 'stsz');
	const stco = child(buf, stbl, 'stco');
	const count = buf.readUInt32BE(stsz.body + 8);
	const firstOffset = buf.readUInt32BE(stco.body + 8);
	return {
		topTypes: top.map((b) => b.type),
		seconds: duration / timescale,
		width: buf.readUInt32BE(end - 8) / 65536,
		height: buf.readUInt32BE(end - 4) / 65536,
		sampleEntry: buf.toString('latin1', stsd.body + 12, stsd.body + 16),
		samples: count,
		firstSampleIsJpeg: buf[firstOffset] === 0xff && buf[firstOffset + 1] === 0xd8,
	};
}

/** Path of a tool if installed (ffprobe, dwebp), else null. */
export function tool(name: string): string | null {
	try {
		return execFileSync('sh', ['-c', `command -v ${name}`]).toString().trim() || null;
	} catch {
		return null;
	}
}
