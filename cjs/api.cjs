'use strict';
// CommonJS entry of `session-audit/api`: the ESM module's namespace, loaded with
// require(esm) (Node.js >= 20.19).
module.exports = require('../dist/src/api.js');
