module.exports = {
  displayName: 'reporting-api',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    // otplib's default plugins (reached through the onboarding and accounts modules) use ESM-only packages
    // (@scure/base, @noble/hashes): Jest needs them as CommonJS (as in libs/orders/feature-api).
    '/node_modules/(@scure|@noble)/.+\\.js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }],
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/(@scure|@noble)/).*/node_modules/'],
  moduleFileExtensions: ['ts', 'js', 'html', 'json'],
  coverageDirectory: '../../../coverage/libs/reporting/feature-api',
};
