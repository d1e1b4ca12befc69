import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  fromBase64Url,
  isShareFragment,
  MAX_LINK_CHARS,
  readShareFragment,
  safeFileName,
  shareFragment,
  toBase64Url,
} from '../../src/ui/share-link.ts';

const WELCOME = readFileSync(new URL('../../notebooks/welcome.md', import.meta.url), 'utf8');

describe('share links', () => {
  it('carries a notebook through the fragment unchanged, far shorter than its text', async () => {
    const fragment = await shareFragment(WELCOME, 'welcome.md');
    expect(fragment).toMatch(/^nb=[A-Za-z0-9_-]+&file=welcome\.md$/);
    // base64 costs a third more than the deflated bytes; prose still shrinks by a third or more.
    expect(fragment.length).toBeLessThan(WELCOME.length * 0.7);
    expect(isShareFragment(`#${fragment}`)).toBe(true);
    expect(await readShareFragment(`#${fragment}`)).toEqual({
      text: WELCOME,
      fileName: 'welcome.md',
    });
  });

  it('keeps every character: unicode, CRLF, tabs', async () => {
    const text = '---\ntitle: “Sanctions” — Ünïcode ✓\n---\r\n\r\n# Über 𝔘\t\n';
    const fragment = await shareFragment(text, 'x.md');
    expect((await readShareFragment(fragment))?.text).toBe(text);
  });

  it('is deflate-raw in base64url, readable by any zlib', async () => {
    const fragment = await shareFragment('# hi\n', 'a.md');
    const payload = new URLSearchParams(fragment).get('nb')!;
    const ours = fromBase64Url(payload)!;
    const zlib = deflateRawSync(Buffer.from('# hi\n'));
    const inflated = await readShareFragment(`nb=${toBase64Url(new Uint8Array(zlib))}`);
    expect(inflated?.text).toBe('# hi\n');
    expect(ours.length).toBeGreaterThan(0);
  });

  it('ignores fragments that carry no notebook', async () => {
    expect(isShareFragment('#notebook')).toBe(false);
    expect(isShareFragment('')).toBe(false);
    expect(await readShareFragment('#section-2')).toBeUndefined();
  });

  it('refuses a cut-off link with a message that says so', async () => {
    const fragment = await shareFragment(WELCOME, 'welcome.md');
    const payload = new URLSearchParams(fragment).get('nb')!;
    await expect(readShareFragment(`nb=${payload.slice(0, payload.length / 2)}`)).rejects.toThrow(
      /damaged.*cut off/,
    );
  });

  it('refuses characters outside base64url and text that is not UTF-8', async () => {
    await expect(readShareFragment('nb=abc$def')).rejects.toThrow(/not valid base64url/);
    await expect(readShareFragment('nb=')).rejects.toThrow(/damaged/);
    const latin1 = toBase64Url(new Uint8Array(deflateRawSync(Buffer.from([0x66, 0xe9, 0x65]))));
    await expect(readShareFragment(`nb=${latin1}`)).rejects.toThrow(/not valid UTF-8/);
  });

  it('refuses links that are too long, and payloads that inflate beyond any notebook', async () => {
    await expect(readShareFragment(`nb=${'A'.repeat(MAX_LINK_CHARS + 1)}`)).rejects.toThrow(
      /too long to open/,
    );
    // 50 MB of spaces deflate to about 50 kB: under the link limit, far over the text limit.
    const bomb = toBase64Url(new Uint8Array(deflateRawSync(Buffer.alloc(50_000_000, 32))));
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    await expect(readShareFragment(`nb=${bomb}`)).rejects.toThrow(/more than 2 MB of text/);
  });

  it('will not make a link for a notebook too large to share that way', async () => {
    // Random text does not compress.
    const noise = Array.from(randomBytes(200_000), (b) => String.fromCharCode(33 + (b % 90)));
    const error = await shareFragment(noise.join(''), 'big.md').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/too large for a link.*\.md/);
  });
});

describe('safeFileName', () => {
  it('keeps plain names and strips folders, controls and other extensions', () => {
    expect(safeFileName('welcome.md')).toBe('welcome.md');
    expect(safeFileName('../../etc/passwd')).toBe('passwd.md');
    expect(safeFileName('C:\\Users\\me\\ties.markdown')).toBe('ties.md');
    expect(safeFileName('a\u0000b\u202e.md')).toBe('ab.md');
    expect(safeFileName('')).toBe('shared.md');
    expect(safeFileName('...')).toBe('shared.md');
    expect(safeFileName('x'.repeat(300)).length).toBe(83);
  });
});
