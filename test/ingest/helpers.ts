import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Engine, FileSource, Params, Row } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const fixtures = resolve(repoRoot, 'test/fixtures/ingest');
export const datasetsDir = resolve(repoRoot, '../shared/datasets');
export const hasDatasets = existsSync(datasetsDir);

export function createEngine(): Promise<NativeEngine> {
  return NativeEngine.create();
}

export function bytes(data: string | Uint8Array | number[]): FileSource {
  const array =
    typeof data === 'string'
      ? new TextEncoder().encode(data)
      : data instanceof Uint8Array
        ? data
        : Uint8Array.from(data);
  return { kind: 'bytes', bytes: array };
}

export function fixture(name: string): FileSource {
  return { kind: 'path', path: resolve(fixtures, name) };
}

export async function rows(engine: Engine, sql: string): Promise<Row[]> {
  return (await engine.query(sql)).rows;
}

/** UTF-16 bytes of a string, with a BOM. */
export function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [lo, hi] = [code & 0xff, code >> 8];
    out[2 + 2 * i] = order === 'le' ? lo : hi;
    out[3 + 2 * i] = order === 'le' ? hi : lo;
  }
  return out;
}

/** A statement the engine was sent through `query` or `exec`, with its parameters. */
export interface SentStatement {
  method: 'query' | 'exec';
  sql: string;
  params: Params | undefined;
}

/** The real engine, noting every statement sent through `query` and `exec`, in order. */
export function recordingEngine(inner: Engine): { engine: Engine; sent: SentStatement[] } {
  const sent: SentStatement[] = [];
  const engine = new Proxy(inner, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if ((key === 'query' || key === 'exec') && typeof value === 'function') {
        return (sql: string, params?: Params) => {
          sent.push({ method: key, sql, params });
          return (value as Engine['exec']).call(target, sql, params);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { engine, sent };
}
