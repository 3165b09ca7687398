// The published library's surface: what dist/lib/*.d.ts (built by npm test before
// vitest) declares. Names marked @internal in src/core stay out of it, and Address
// cannot be constructed except through its factories.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const lib = join(ROOT, 'dist', 'lib');
const dts = readdirSync(lib).filter((f) => f.endsWith('.d.ts'));
const declarations = Object.fromEntries(dts.map((f) => [f, readFileSync(join(lib, f), 'utf8')]));

/** Every name declared right after a JSDoc block that says @internal, per source file. */
function internalNames(): { file: string; name: string }[] {
  const dir = join(ROOT, 'src', 'core');
  const out: { file: string; name: string }[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    const re = /\/\*\*(?:(?!\*\/)[\s\S])*@internal(?:(?!\*\/)[\s\S])*\*\/\s*(?:(?:export|static|readonly|declare|function|class|const|let|interface|type|get|set|async)\s+)*([A-Za-z_$][\w$]*)/g;
    for (const m of src.matchAll(re)) out.push({ file: f.replace(/\.ts$/, '.d.ts'), name: m[1]! });
  }
  return out;
}

describe('library declarations (dist/lib)', () => {
  it('were built, one per core module', () => {
    expect(dts).toContain('index.d.ts');
    expect(dts).toContain('address.d.ts');
  });

  it('finds the @internal names it guards (the scan itself works)', () => {
    expect(internalNames()).toContainEqual({ file: 'address.d.ts', name: 'unsafe' });
  });

  it.each(internalNames())('$file does not declare @internal $name', ({ file, name }) => {
    const text = declarations[file];
    expect(text, `${file} missing`).toBeDefined();
    expect(text).not.toMatch(new RegExp(`(^|[\\s.])${name.replace(/\$/g, '\\$')}\\s*[(<:?=]`, 'm'));
  });

  it('no declaration file mentions @internal', () => {
    for (const [f, text] of Object.entries(declarations)) expect(text, f).not.toContain('@internal');
  });

  it('Address has a private constructor: values come from parseAddress and the factories', () => {
    const text = declarations['address.d.ts']!;
    expect(text).toMatch(/^\s*private constructor\(\);?$/m);
    expect(text).not.toMatch(/^\s*(public\s+)?constructor\(/m);
  });
});
