#!/usr/bin/env node
'use strict';
// node emulator/cli.js [--port 4010] [--profile openai|azure|gateway|litellm] [--id-style S] [--duration-ms 3000]
//   [--queued-ms N] [--poll-after-ms 1000|none] [--mp4-bytes N] [--any-size] [--any-seconds]
//   [--asset-ttl-sec 3600] [--api-key KEY] [--host 127.0.0.1] [--fail-prompt TEXT]...
//   [--webhook-url URL --webhook-secret whsec_...] [--fault '<json rule>']...
const { startEmulator } = require('./index');

const USAGE = `Usage: node emulator/cli.js [options]
  --port N               listen port (default 4010; 0 = random)
  --host ADDR            listen address (default 127.0.0.1)
  --profile NAME         openai | azure | gateway | litellm | openrouter (default openai)
  --id-style NAME        openai | litellm | litellm-unpadded | reseller (default: the profile's)
  --api-key KEY          accepted key (default sk-emulator-test-key)
  --duration-ms N        job time from queued to completed (default 3000)
  --queued-ms N          time spent queued (default 10% of duration)
  --poll-after-ms N      openai-poll-after-ms header value, or "none" (default 1000)
  --asset-ttl-sec N      expires_at = completed_at + N (default 3600)
  --mp4-bytes N          pad every MP4 to N bytes
  --any-size             accept any WxH size
  --any-seconds          accept any seconds value
  --fail-prompt TEXT     prompts containing TEXT fail with moderation_blocked (repeatable; default FAIL_MODERATION)
  --webhook-url URL      deliver video.completed/video.failed events here
  --webhook-secret S     whsec_... signing secret for the webhooks (openrouter: the workspace
                         signing secret, usable alone; jobs name their own callback_url)
  --fault JSON           a fault rule, e.g. '{"match":{"kind":"create"},"times":1,"fault":{"type":"status","status":429,"retryAfter":1}}' (repeatable)
  --help`;

function parseArgs(argv) {
	const o = { port: 4010, faults: [] };
	const failPrompts = [];
	let webhookUrl = null;
	let webhookSecret = null;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const value = () => {
			if (inline !== undefined) return inline;
			if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
			return argv[++i];
		};
		const num = () => {
			const n = Number(value());
			if (!Number.isFinite(n)) throw new Error(`${flag} needs a number`);
			return n;
		};
		switch (flag) {
			case '--port': o.port = num(); break;
			case '--host': o.host = value(); break;
			case '--profile': o.profile = value(); break;
			case '--api-key': o.apiKey = value(); break;
			case '--id-style': o.idStyle = value(); break;
			case '--duration-ms': o.durationMs = num(); break;
			case '--queued-ms': o.queuedMs = num(); break;
			case '--poll-after-ms': {
				const v = value();
				o.pollAfterMs = v === 'none' || v === 'null' ? null : Number(v);
				break;
			}
			case '--asset-ttl-sec': o.assetTtlSec = num(); break;
			case '--mp4-bytes': o.mp4Bytes = num(); break;
			case '--any-size': o.acceptAnySize = true; break;
			case '--any-seconds': o.acceptAnySeconds = true; break;
			case '--fail-prompt': failPrompts.push(value()); break;
			case '--webhook-url': webhookUrl = value(); break;
			case '--webhook-secret': webhookSecret = value(); break;
			case '--fault': o.faults.push(JSON.parse(value())); break;
			case '--pricing-style': o.pricingStyle = value(); break;
			case '--help': case '-h': console.log(USAGE); process.exit(0); break;
			default: throw new Error(`unknown option ${a}`);
		}
	}
	if (failPrompts.length) o.failPrompts = failPrompts;
	if (webhookUrl) {
		if (!webhookSecret) throw new Error('--webhook-url needs --webhook-secret');
		o.webhook = { url: webhookUrl, secret: webhookSecret };
	} else if (webhookSecret) o.webhook = { url: null, secret: webhookSecret };
	return o;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`sora-emulator: ${e.message}\n\n${USAGE}`);
		process.exit(2);
	}
	const { faults, ...options } = opts;
	const emu = await startEmulator({ ...options, quiet: false });
	if (faults.length) emu.setFaults(faults);
	console.log(`Sora emulator listening: base URL ${emu.baseUrl}  API key ${emu.apiKey}  profile ${emu.options.profile}`);
	const stop = async (signal) => {
		console.log(`sora-emulator: ${signal}, shutting down`);
		await emu.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) main().catch((e) => {
	console.error(`sora-emulator: ${e.message}`);
	process.exit(1);
});

module.exports = { parseArgs };
