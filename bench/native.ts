import { NativeEngine } from '../src/engine/NativeEngine.ts';

/** Runs `task` on a fresh native DuckDB (all cores, as the command line uses it), then closes it. */
export async function withNative<T>(task: (engine: NativeEngine) => Promise<T>): Promise<T> {
  const engine = await NativeEngine.create();
  try {
    return await task(engine);
  } finally {
    await engine.close();
  }
}
