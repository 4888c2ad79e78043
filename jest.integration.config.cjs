/**
 * Integration tests: `*.int-spec.ts` files, run against the real FerretDB/MongoDB and Redis given by MONGODB_URI and
 * REDIS_URL (`npm test` starts fresh ones). Each test file uses its own database, so files may run in parallel.
 */
const { compilerOptions } = require('./tsconfig.base.json');

/** Workspace libraries resolve to their sources, as in tsconfig.base.json. */
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

module.exports = {
  displayName: 'integration',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/libs/**/*.int-spec.ts'],
  transform: {
    // otplib's default plugins use ESM-only packages (@scure/base, @noble/hashes): Node 20 requires them natively,
    // Jest's module system needs them turned into CommonJS.
    '/node_modules/(@scure|@noble)/.+\\.js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }],
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.integration.json' }],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/(@scure|@noble)/).*/node_modules/'],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
  // A messaging simulator for the run (unless MESSAGING_SIM_URL names one): one-time codes really travel to it.
  globalSetup: '<rootDir>/apps/api/test/support/messaging-sim.global-setup.ts',
  globalTeardown: '<rootDir>/apps/api/test/support/messaging-sim.global-teardown.ts',
  maxWorkers: 2,
};
