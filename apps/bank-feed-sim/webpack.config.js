// eslint-disable-next-line @nx/enforce-module-boundaries -- build tooling shared by the Node apps (tools/build), not a library
module.exports = require('../../tools/build/node-app-webpack')('bank-feed-sim');
