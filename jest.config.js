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
        diagnostics: false,
        // isolatedModules: each file is transpiled alone (fast; the types are checked by npm run typecheck).
        tsconfig: {
          target: 'es2020',
          module: 'commonjs',
          esModuleInterop: true,
          resolveJsonModule: true,
          isolatedModules: true,
        },
      },
    ],
  },
  testTimeout: 120000,
};
