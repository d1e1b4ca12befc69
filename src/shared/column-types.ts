/** DuckDB column types as the layers above read them: which columns count as numbers, flags, text. */

const INTEGER =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const DECIMAL = /^DECIMAL(\(\d+,\s*\d+\))?$/;

export function isIntegerType(type: string): boolean {
  return INTEGER.test(type);
}

export function isNumericType(type: string): boolean {
  return isIntegerType(type) || isFloatType(type) || DECIMAL.test(type);
}

export function isFloatType(type: string): boolean {
  return type === 'FLOAT' || type === 'DOUBLE';
}

export function isBooleanType(type: string): boolean {
  return type === 'BOOLEAN';
}

export function isTextType(type: string): boolean {
  return type === 'VARCHAR';
}
