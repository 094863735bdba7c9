#!/usr/bin/env node
// node tools/bench/src/profile-summary.mjs <file.cpuprofile> [top=30]: where a V8 CPU profile's time went, as
// self time per function and per package/file (bundled apps: the source-map-less bundle shows as one file, so
// functions are named with their line). Total time per call = total / calls the bench printed.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
// Self time per node from the sample deltas (microseconds): each sample's delta belongs to that sample's node.
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** A package name for node_modules paths, else the file's tail. */
function where(url) {
  if (!url) return '(native/vm)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  return url.split('/').slice(-2).join('/');
}

// Bundled apps (esbuild, with a .map beside them): frames are mapped back to their source file and line.
const maps = new Map();
function original(callFrame) {
  const { url } = callFrame;
  if (!url.startsWith('file://')) return { url, line: callFrame.lineNumber };
  if (!maps.has(url)) {
    const mapFile = `${fileURLToPath(url)}.map`;
    maps.set(url, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : undefined);
  }
  const entry = maps.get(url)?.findEntry(callFrame.lineNumber, callFrame.columnNumber);
  return entry?.originalSource ? { url: entry.originalSource, line: entry.originalLine } : { url, line: callFrame.lineNumber };
}

const perFunction = new Map();
const perPlace = new Map();
for (const [id, micros] of self) {
  const { callFrame } = byId.get(id);
  const { url, line } = original(callFrame);
  const name = `${callFrame.functionName || '(anonymous)'} ${where(url)}:${line + 1}`;
  perFunction.set(name, (perFunction.get(name) ?? 0) + micros);
  const place = url ? where(url) : callFrame.functionName;
  perPlace.set(place, (perPlace.get(place) ?? 0) + micros);
}

// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const nameOf = new Map();
for (const node of profile.nodes) {
  const { url, line } = original(node.callFrame);
  nameOf.set(node.id, `${node.callFrame.functionName || '(anonymous)'} ${where(url)}:${line + 1}`);
}
const inclusive = new Map();
for (const [id, micros] of self) {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) seen.add(nameOf.get(at));
  for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
}

const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
print('self time by package/file', perPlace);
print('self time by function', perFunction);
print('inclusive time by function', inclusive);
