/**
 * Share links: a notebook's text (never its data) carried in the address's fragment as
 * `#nb=<deflate-raw, base64url>&file=<name>`. Browsers do not send the fragment to any
 * server, so the notebook travels only inside the link itself.
 *
 * A link is something someone sent you: it is decoded with limits (length, inflated size,
 * valid UTF-8) and refused with a message that says what is wrong, never half-opened.
 */

import { notebookStem } from '../notebook/notebook-file.ts';

/** Longest `nb=` payload accepted, in characters: chat apps and mail cut longer links. */
export const MAX_LINK_CHARS = 100_000;
/** Largest notebook text a link may inflate to, in bytes (a small payload can inflate hugely). */
const MAX_TEXT_BYTES = 2_000_000;

export class ShareLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

export interface SharedNotebook {
  text: string;
  /** The notebook's file name as the author had it (sanitised, always `.md`). */
  fileName: string;
}

/** The fragment (without `#`) that carries `text`; throws ShareLinkError when too long. */
export async function shareFragment(text: string, fileName: string): Promise<string> {
  const payload = toBase64Url(await deflate(new TextEncoder().encode(text)));
  if (payload.length > MAX_LINK_CHARS) {
    throw new ShareLinkError(
      `This notebook is too large for a link (${payload.length.toLocaleString('en-US')} characters compressed; the limit is ${MAX_LINK_CHARS.toLocaleString('en-US')}). Save it as .md and send the file instead.`,
    );
  }
  return `nb=${payload}&file=${encodeURIComponent(safeFileName(fileName))}`;
}

/** True when the fragment (`#…` or without `#`) carries a shared notebook. */
export function isShareFragment(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).has('nb');
}

/**
 * The notebook a fragment carries; undefined when it carries none. Throws ShareLinkError
 * for a link that is too long, cut off or otherwise damaged.
 */
export async function readShareFragment(hash: string): Promise<SharedNotebook | undefined> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const payload = params.get('nb');
  if (payload === null) return undefined;
  if (payload.length > MAX_LINK_CHARS) {
    throw new ShareLinkError(
      `This share link is too long to open (${payload.length.toLocaleString('en-US')} characters; the limit is ${MAX_LINK_CHARS.toLocaleString('en-US')}).`,
    );
  }
  const damaged = (why: string) =>
    new ShareLinkError(
      `This share link is damaged (${why}); it may have been cut off when it was copied. Ask for the link again, or for the notebook's .md file.`,
    );
  const bytes = fromBase64Url(payload);
  if (bytes === undefined || bytes.length === 0) throw damaged('it is not valid base64url');
  let raw: Uint8Array;
  try {
    raw = await inflate(bytes, MAX_TEXT_BYTES);
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw damaged('its data does not decompress');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw damaged('its text is not valid UTF-8');
  }
  return { text, fileName: safeFileName(params.get('file') ?? '') };
}

/**
 * A file name safe to show and to save under: no folders, no control characters, at most
 * 80 characters, ending in `.md`.
 */
export function safeFileName(name: string): string {
  const base = notebookStem(
    (name.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '').trim(),
  )
    .slice(0, 80)
    .replace(/^\.+/, '');
  return `${base || 'shared'}.md`;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates, stopping as soon as the output passes `limit` bytes. */
async function inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new ShareLinkError(
        `This share link holds more than ${(limit / 1e6).toLocaleString('en-US')} MB of text, more than any notebook needs; it was not opened.`,
      );
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Undefined for anything but unpadded base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
