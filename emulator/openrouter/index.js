'use strict';
// The openrouter profile: what server.js mounts when profile === 'openrouter'.
const { route } = require('./routes');
const { errorBody } = require('./errors');
const { sendCallback, sign } = require('./callbacks');
const { MODELS } = require('./catalog');

module.exports = { route, errorBody, sendCallback, signCallback: sign, MODEL_IDS: MODELS.map((m) => m.id) };
