'use strict';
// The openrouter profile: what server.js mounts when profile === 'openrouter'.
const { route } = require('./routes');
const { errorBody } = require('./errors');
const { sendCallback, sign } = require('./callbacks');
const { MODELS } = require('./catalog');
const { inspect } = require('./jobs');

/** emu.jobs() under this profile: OpenRouter views of its jobs, creation order. */
const jobs = (emu) => emu.store.all().filter((j) => j.or).map((j) => inspect(emu, j));

module.exports = { route, errorBody, jobs, sendCallback, signCallback: sign, MODEL_IDS: MODELS.map((m) => m.id) };
