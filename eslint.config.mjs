import nx from '@nx/eslint-plugin';
import * as jsoncParser from 'jsonc-eslint-parser';

/** Libraries that do I/O: kept out of `schemas` so it stays importable anywhere (browser, workers, tests). */
const ioLibraries = [
  'ky',
  'better-sqlite3',
  'drizzle-orm',
  'fastify',
  '@fastify/*',
  'pino',
  'llamaindex',
  '@llamaindex/*',
  '@modelcontextprotocol/sdk',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'http',
  'node:http',
  'https',
  'node:https',
  'net',
  'node:net',
  'child_process',
  'node:child_process',
];

/** Transports and HTTP servers: only apps (and the emulators, which are servers) may import them. */
const serverLibraries = ['fastify', '@fastify/*', '@modelcontextprotocol/sdk/server/stdio*', '@modelcontextprotocol/sdk/server/streamableHttp*'];

/** Data flows one way: apps -> feature libs -> client/markdown -> schemas. */
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:schemas'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:schemas'],
    bannedExternalImports: serverLibraries,
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:schemas'],
    bannedExternalImports: [...serverLibraries, 'better-sqlite3', 'drizzle-orm'],
  },
  {
    sourceTag: 'type:util',
    onlyDependOnLibsWithTags: ['type:schemas'],
    bannedExternalImports: [...serverLibraries, 'better-sqlite3', 'drizzle-orm', 'ky'],
  },
  {
    sourceTag: 'type:schemas',
    onlyDependOnLibsWithTags: ['type:schemas'],
    bannedExternalImports: ioLibraries,
  },
  // Emulators are written from the public specs, never from our own client or schemas, so that the
  // client is tested against something it did not define.
  {
    sourceTag: 'type:emulator',
    onlyDependOnLibsWithTags: ['type:emulator'],
    bannedExternalImports: ['better-sqlite3', 'drizzle-orm', 'ky'],
  },
  // Workspace checks (lint rules, CI scripts) stand apart from the product.
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: [] },
  // Benchmarks measure everything, so they may import anything.
  { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['*'] },
  // Scope: the sync stack and the MCP stack share only the shared libs.
  // The MCP apps also read the synced index (search_confluence_index over the sync database); the type rules still keep
  // mcp-tools (type:feature) off sync-engine (type:feature), so only the apps wire the two together.
  { sourceTag: 'scope:mcp', onlyDependOnLibsWithTags: ['scope:mcp', 'scope:sync', 'scope:shared'] },
  { sourceTag: 'scope:sync', onlyDependOnLibsWithTags: ['scope:sync', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/coverage', 'tmp', '.nx', '**/fixtures/**'] },
  {
    // Not .mjs: each project's eslint.config.mjs extends the root config by relative path, as Nx generates it.
    files: ['**/*.ts', '**/*.js', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints,
        },
      ],
    },
  },
  {
    // Tests talk to real components: specs (and test helpers) may start the emulators, nothing else may.
    files: ['**/*.spec.ts', '**/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: ['@confluence-mcp/confluence-emulator', '@confluence-mcp/llamacloud-emulator'], depConstraints },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A published package's package.json declares exactly what its built files import: nothing missing, nothing
    // unused, and ranges that contain the versions installed here (the root package.json). Projects without a
    // package.json (apps, bench, workspace checks) are bundled or never published, so this does not apply to them.
    files: ['**/package.json'],
    languageOptions: { parser: jsoncParser },
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          buildTargets: ['build'],
          checkMissingDependencies: true,
          checkObsoleteDependencies: true,
          checkVersionMismatches: true,
          includeTransitiveDependencies: false,
        },
      ],
    },
  },
];
