'use strict';
// CommonJS entry (`require('session-audit')`): the ESM plugin object itself, loaded with
// require(esm) (Node.js >= 20.19), so require() and import give the very same object.
module.exports = require('../dist/src/eslint/index.js').default;
