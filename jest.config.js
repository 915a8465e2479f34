/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // ts-jest is plain JavaScript: no platform binary for the registry to miss (npm ci must work from the lockfile
  // on any machine). Type checking is `npm run typecheck`'s job, so tests only transpile.
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        isolatedModules: true,
        diagnostics: false,
        tsconfig: { target: 'es2020', module: 'commonjs', esModuleInterop: true, resolveJsonModule: true },
      },
    ],
  },
  testTimeout: 120000,
};
