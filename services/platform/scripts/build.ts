// `pnpm build`: the production JavaScript of the platform, run with plain `node` (no tsx).
//
//   dist/main.js          the whole platform in one process (`pnpm start` without tsx)
//   dist/service.js       one service per process (LIAISON_SERVICE=referrals|intake|stats|gateway)
//   dist/migrate.js       applies every owner's migrations to DATABASE_URL
//   dist/audit-verify.js  verifies the audit chain
//   dist/cli.js           the operator's command line (services/cli)
//   dist/app/…            the files the code reads at run time (migrations, data, schemas, web assets),
//                         laid out as in the repository
//
// Why a bundle and not `tsc` per package: the workspace packages export their TypeScript sources
// (`"exports": "./src/index.ts"`), which is what tsx, vitest and the type checker want. Bundling the
// workspace code into each entry leaves every package's exports alone. Third-party packages stay
// outside the bundle (they are loaded from node_modules as published: native binaries, worker files
// and CommonJS quirks keep working); each must therefore be a dependency of @liaison/platform, so
// that `pnpm deploy --prod --filter @liaison/platform` brings it. The build fails, naming the
// package, when one is missing.
//
// Code that finds its files next to itself (`fileURLToPath(import.meta.url)` + '../drizzle') gets,
// in the bundle, the URL its source had in the repository, re-rooted under dist/app/; the build
// copies those files there. A bundle is then self-contained apart from node_modules.
import { build, type Plugin } from 'esbuild';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const platformDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(platformDir, '../..');
const outdir = join(platformDir, 'dist');

/** Entry points, by output name. */
export const entries: Record<string, string> = {
  main: join(platformDir, 'src/main.ts'),
  service: join(platformDir, 'src/service.ts'),
  migrate: join(platformDir, 'src/migrate.ts'),
  'audit-verify': join(platformDir, 'src/audit-verify.ts'),
  cli: join(repoRoot, 'services/cli/src/main.ts'),
};

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The package name of a bare import (`@scope/name/sub` → `@scope/name`). */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? specifier);
}

/** Workspace packages (@liaison/*) are bundled; every other package is loaded from node_modules. */
const thirdPartyExternal: Plugin = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (builtins.has(args.path)) return { path: args.path, external: true };
      if (args.path.startsWith('@liaison/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Workspace sources: `import.meta.url` re-rooted under dist/app/, and no `#!` line (tsx's). */
const workspaceSources: Plugin = {
  name: 'workspace-sources',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      let contents = readFileSync(args.path, 'utf8').replace(/^#![^\n]*\n/, '\n');
      const rel = relative(repoRoot, args.path).split(sep).join('/');
      if (contents.includes('import.meta.url')) {
        contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(`./app/${rel}`)}, import.meta.url).href`);
      }
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/** Run-time files of a bundled workspace package: migrations, data, and non-code files under src/. */
function packageAssets(pkgDir: string): string[] {
  const found: string[] = [];
  for (const dir of ['drizzle', 'data']) if (existsSync(join(pkgDir, dir))) found.push(join(pkgDir, dir));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/\.(ts|tsx)$/.test(name)) found.push(path);
    }
  };
  if (existsSync(join(pkgDir, 'src'))) walk(join(pkgDir, 'src'));
  return found;
}

/** The dependencies @liaison/platform declares for production. */
function declaredDependencies(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(platformDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return new Set(Object.keys(pkg.dependencies ?? {}));
}

/** Builds dist/; throws when a third-party package the bundle loads is not a production dependency. */
export async function buildPlatform(): Promise<{ externals: string[]; assets: number }> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: entries,
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    chunkNames: '[name]-[hash]', // beside the entries: the re-rooted URLs are relative to the output file
    plugins: [thirdPartyExternal, workspaceSources],
  });

  // Every bare import left in the output must resolve from services/platform in production.
  const externals = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imp of output.imports) {
      if (imp.external && !builtins.has(imp.path) && !imp.path.startsWith('.')) externals.add(packageName(imp.path));
    }
  }
  const declared = declaredDependencies();
  const missing = [...externals].filter((name) => !declared.has(name)).sort();
  if (missing.length > 0) {
    throw new Error(
      `the bundle loads ${missing.join(', ')} from node_modules, but services/platform/package.json does not list ` +
        `${missing.length === 1 ? 'it' : 'them'} in "dependencies" (pnpm deploy --prod would leave ${missing.length === 1 ? 'it' : 'them'} out): ` +
        `pnpm --filter @liaison/platform add ${missing.join(' ')}`,
    );
  }

  // The run-time files of every workspace package in the bundle, and the event schemas.
  const packageDirs = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const abs = resolve(process.cwd(), input);
    if (abs.includes(`${sep}node_modules${sep}`)) continue;
    const rel = relative(repoRoot, abs).split(sep);
    if ((rel[0] === 'packages' || rel[0] === 'services') && rel[1]) packageDirs.add(join(repoRoot, rel[0], rel[1]));
  }
  const assets = [...[...packageDirs].flatMap(packageAssets), join(repoRoot, 'schemas/events'), join(repoRoot, 'schemas/asyncapi.json')];
  for (const path of assets) cpSync(path, join(outdir, 'app', relative(repoRoot, path)), { recursive: true });
  return { externals: [...externals].sort(), assets: assets.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { externals, assets } = await buildPlatform();
  console.log(
    `built ${Object.keys(entries)
      .map((e) => `dist/${e}.js`)
      .join(', ')} in ${Date.now() - started} ms`,
  );
  console.log(`  ${assets} run-time file sets under dist/app; from node_modules: ${externals.join(', ')}`);
}
