/**
 * DuckDB's message for a failed call, worded as the native engine words it. DuckDB-WASM hands
 * some errors over as DuckDB's structured error JSON
 * (`{"exception_type":"Parser","exception_message":"syntax error …"}`); DuckDB itself prints
 * those as `Parser Error: syntax error …`.
 */
export function duckdbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.startsWith('{')) return message;
  try {
    const parsed = JSON.parse(message) as { exception_type?: unknown; exception_message?: unknown };
    if (typeof parsed.exception_message !== 'string') return message;
    return typeof parsed.exception_type === 'string'
      ? `${parsed.exception_type} Error: ${parsed.exception_message}`
      : parsed.exception_message;
  } catch {
    return message;
  }
}
