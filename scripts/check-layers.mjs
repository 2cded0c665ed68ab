#!/usr/bin/env node
// Dependencies point one way: core ← db ← services ← {server, cli}; web → core.
// Fails when a file imports from a layer it must not know about.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');
const allowed = {
  core: ['core'],
  config: ['config'],
  db: ['core', 'db'],
  services: ['core', 'db', 'services'],
  server: ['core', 'db', 'services', 'server', 'config'],
  cli: ['core', 'db', 'services', 'server', 'cli', 'config'],
  web: ['core', 'web'],
};
// Packages a pure layer must not use.
const forbiddenPackages = {
  core: [/^drizzle-orm/, /^@electric-sql/, /^pg$/, /^hono/, /^@hono/, /^node:/, /^react/],
  web: [/^drizzle-orm/, /^@electric-sql/, /^pg$/, /^node:/],
};

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

const problems = [];
for (const file of files(src)) {
  const layer = relative(src, file).split('/')[0];
  const rules = allowed[layer];
  if (!rules) continue;
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
    const spec = match[1];
    if (spec.startsWith('.')) {
      const target = relative(src, resolve(dirname(file), spec)).split('/')[0];
      if (target && !target.startsWith('..') && !rules.includes(target)) {
        problems.push(`${relative(root, file)}: ${layer} must not import ${target} (${spec})`);
      }
    } else if ((forbiddenPackages[layer] ?? []).some((re) => re.test(spec))) {
      problems.push(`${relative(root, file)}: ${layer} must not import the package ${spec}`);
    }
  }
}
if (problems.length) {
  console.error(`Layer rules broken (see docs/ARCHITECTURE.md):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('layers ok');
