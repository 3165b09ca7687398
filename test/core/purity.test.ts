// The core is the library users import into browsers and serverless functions: it
// must not touch Node's I/O, the process, or the environment.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../src/core/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/core is pure', () => {
  it('has files to check', () => expect(files.length).toBeGreaterThan(5));
  it.each(files)('%s imports nothing from node: or npm, and no process/require/Buffer', (f) => {
    const src = readFileSync(join(dir, f), 'utf8');
    const imports = [...src.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    for (const spec of imports) expect(spec, `${f} imports ${spec}`).toMatch(/^\.\//);
    const code = src.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(code).not.toMatch(/\bprocess\.|\brequire\(|\bBuffer\b|\bimport\(/);
  });
});
