'use strict';
// Programmatic entry point: const emu = await startEmulator({ profile: 'openai' }).
const { Emulator, DEFAULTS } = require('./server');
const { sign } = require('./webhooks');

async function startEmulator(options = {}) {
	const emu = new Emulator(options);
	await emu.listen();
	return {
		get baseUrl() {
			return emu.baseUrl;
		},
		get apiKey() {
			return emu.options.apiKey;
		},
		get port() {
			return emu.port;
		},
		get origin() {
			return emu.origin;
		},
		get options() {
			return { ...emu.options };
		},
		close: () => emu.close(),
		jobs: () => emu.jobs(),
		requests: () => emu.log.slice(),
		setFaults: (faults) => emu.faults.set(faults),
		addFault: (rule) => emu.faults.add(rule),
		faults: () => emu.faults.list(),
		setOptions: (partial) => emu.setOptions(partial),
		reset: () => emu.reset(),
		sendWebhook: (videoId, type) => emu.sendWebhook(videoId, type),
		webhookDeliveries: () => emu.deliveries.slice(),
		characters: () => [...emu.characters.values()],
		emulator: emu,
	};
}

module.exports = { startEmulator, signWebhook: sign, DEFAULTS };
