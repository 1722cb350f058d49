#!/usr/bin/env node
// Copies Monaco's AMD build into public/monaco/vs so the editor loads from this server, never a CDN.
// Idempotent: skips the copy when the installed version is already in place.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'node_modules', 'monaco-editor', 'min', 'vs');
const target = path.join(root, 'public', 'monaco', 'vs');
const stamp = path.join(root, 'public', 'monaco', '.version');

if (!existsSync(source)) {
  console.error(`copy-monaco: ${source} is missing; run npm install first`);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules', 'monaco-editor', 'package.json'), 'utf8'));
if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === version) {
  console.log(`copy-monaco: monaco-editor ${version} already in public/monaco/vs`);
  process.exit(0);
}
rmSync(target, { recursive: true, force: true });
mkdirSync(path.dirname(target), { recursive: true });
cpSync(source, target, { recursive: true });
writeFileSync(stamp, `${version}\n`);
console.log(`copy-monaco: copied monaco-editor ${version} to public/monaco/vs`);
