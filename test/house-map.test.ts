// The map of the house (docs/development.md, "Map of the house"), kept true: which room
// of src/ may import which. Data flows one way, argv -> cli -> core/web/bulk/io -> cli;
// nothing below the CLI knows a CLI exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const SRC = join(ROOT, 'src');
type Room = 'core' | 'web' | 'bulk' | 'io' | 'cli';

/** What each room may import: other rooms, Node's modules, npm packages. */
const MAY_IMPORT: Record<Room, { rooms: Room[]; node: boolean; npm: boolean }> = {
  core: { rooms: ['core'], node: false, npm: false }, // the library: runs anywhere (test/core/purity.test.ts)
  web: { rooms: ['web', 'core'], node: false, npm: true }, // jose, tough-cookie; no I/O
  bulk: { rooms: ['bulk', 'core'], node: true, npm: false }, // streaming engines: bytes in, bytes out; no commander
  io: { rooms: ['io', 'core'], node: true, npm: true }, // adapters to the world
  cli: { rooms: ['cli', 'core', 'web', 'bulk', 'io'], node: true, npm: true },
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Static imports, re-exports and import() of a source file (comments removed first). */
function specifiers(file: string): string[] {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

const roomOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0] as Room;
const all = (Object.keys(MAY_IMPORT) as Room[]).flatMap((room) => files(join(SRC, room)).map((f) => ({ room, file: f })));

describe('the map of the house', () => {
  it('every folder of src/ is a room on the map', () => {
    const rooms = readdirSync(SRC).filter((f) => statSync(join(SRC, f)).isDirectory());
    expect(rooms.sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it('the scan finds imports of every kind (so the checks below can fail)', () => {
    const specs = all.flatMap(({ file }) => specifiers(file));
    expect(specs).toContain('commander');
    expect(specs.some((s) => s.startsWith('node:'))).toBe(true);
    expect(specs.some((s) => s.startsWith('../../core/'))).toBe(true);
  });

  it.each(all.map(({ room, file }) => [relative(ROOT, file), room] as const))('%s imports only what room %s may', (rel, room) => {
    const file = join(ROOT, rel);
    const rule = MAY_IMPORT[room];
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        expect(target.startsWith(SRC + '/'), `${rel}: ${spec} leaves src/`).toBe(true);
        expect(rule.rooms, `${rel}: ${spec} (room ${roomOf(target)})`).toContain(roomOf(target));
      } else if (spec.startsWith('node:')) {
        expect(rule.node, `${rel}: ${spec}`).toBe(true);
      } else {
        expect(rule.npm, `${rel}: npm package ${spec}`).toBe(true);
      }
    }
  });
});
