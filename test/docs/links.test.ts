// Every relative link in README.md, CHANGELOG.md and docs/*.md leads somewhere: the file
// exists, and a #fragment names a heading of that file (as GitHub makes anchors from
// headings). The reference was split out of one long README; links are how a reader
// moves between its pages, and a broken one is a dead end.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1];
      else if (f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = h[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** The relative links of a Markdown text, outside code: [text](target). */
export function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\2[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t));
}

const files = ['README.md', 'CHANGELOG.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('anchorsOf', () => {
  it.each([
    ['## `netkit subnet`', 'netkit-subnet'],
    ['### JSON fields (one object per default route)', 'json-fields-one-object-per-default-route'],
    ['## Grep, merge & exclude: sets', 'grep-merge--exclude-sets'],
    ['# netkit', 'netkit'],
  ])('%s -> #%s', (heading, anchor) => {
    expect([...anchorsOf(heading)]).toEqual([anchor]);
  });

  it('numbers repeated headings and ignores lines in code blocks', () => {
    expect([...anchorsOf('## JSON\n```\n# not a heading\n```\n## JSON\n')]).toEqual(['json', 'json-1']);
  });
});

describe('links in the docs', () => {
  it.each(files)('%s: every relative link leads to a file and heading that exist', (file) => {
    const broken: string[] = [];
    for (const target of linksOf(readFileSync(join(ROOT, file), 'utf8'))) {
      const [path, fragment] = target.split('#', 2);
      const dest = path === '' ? join(ROOT, file) : normalize(join(ROOT, dirname(file), path));
      if (!existsSync(dest)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (fragment !== undefined && dest.endsWith('.md') && !anchorsOf(readFileSync(dest, 'utf8')).has(fragment)) {
        broken.push(`${target}: no heading with anchor #${fragment}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
