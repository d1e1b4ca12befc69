import { DataType, DateUnit, Precision, TimeUnit, type Field, type Vector } from 'apache-arrow';

/**
 * DuckDB's name for the type of an Arrow field DuckDB-WASM exported, spelled as the native
 * engine prints it. A few DuckDB types share an Arrow type with another and come back under
 * that one's name: HUGEINT as DECIMAL(38,0) (the engine asks DuckDB about those), UUID as
 * VARCHAR, TIME WITH TIME ZONE as TIME.
 */
export function duckdbTypeName(field: Field, dictionary?: Vector): string {
  const extension = duckdbExtension(field);
  if (extension) return extensionTypeName(extension);
  const type = field.type as DataType;
  if (DataType.isNull(type)) return '"NULL"';
  if (DataType.isBool(type)) return 'BOOLEAN';
  if (DataType.isInt(type)) return intName(type.bitWidth, type.isSigned);
  if (DataType.isFloat(type)) return type.precision === Precision.SINGLE ? 'FLOAT' : 'DOUBLE';
  if (DataType.isDecimal(type)) return `DECIMAL(${type.precision},${type.scale})`;
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return 'VARCHAR';
  if (DataType.isBinary(type) || DataType.isLargeBinary(type)) return 'BLOB';
  if (DataType.isFixedSizeBinary(type)) return 'BLOB';
  if (DataType.isDate(type)) return type.unit === DateUnit.DAY ? 'DATE' : 'TIMESTAMP_MS';
  if (DataType.isTime(type)) return 'TIME';
  if (DataType.isTimestamp(type)) return timestampName(type.unit, type.timezone);
  if (DataType.isInterval(type) || DataType.isDuration(type)) return 'INTERVAL';
  if (DataType.isList(type)) return `${duckdbTypeName(type.children[0])}[]`;
  if (DataType.isFixedSizeList(type)) {
    return `${duckdbTypeName(type.children[0])}[${type.listSize}]`;
  }
  if (DataType.isStruct(type)) return `STRUCT(${type.children.map(structMember).join(', ')})`;
  if (DataType.isMap(type)) {
    const [key, value] = mapEntryFields(field);
    return `MAP(${duckdbTypeName(key)}, ${duckdbTypeName(value)})`;
  }
  if (DataType.isDictionary(type)) return enumName(dictionary);
  return String(type).toUpperCase();
}

/**
 * The DuckDB type an Arrow extension field stands for (`uhugeint`: DuckDB marks the types
 * Arrow has no equivalent for as opaque); undefined for a plain Arrow field.
 */
export function duckdbExtension(field: Field): string | undefined {
  const name = field.metadata.get('ARROW:extension:name');
  if (!name) return undefined;
  if (name === 'arrow.opaque') {
    const meta = parseJson(field.metadata.get('ARROW:extension:metadata'));
    if (meta?.vendor_name === 'DuckDB' && typeof meta.type_name === 'string') return meta.type_name;
  }
  return name;
}

/** The key and value fields of a MAP field (Arrow nests them in an `entries` struct). */
export function mapEntryFields(field: Field): [Field, Field] {
  const entries = (field.type as DataType).children[0];
  const [key, value] = entries.type.children as Field[];
  return [key, value];
}

function extensionTypeName(extension: string): string {
  return extension === 'time_tz' ? 'TIME WITH TIME ZONE' : extension.toUpperCase();
}

function intName(bitWidth: number, signed: boolean): string {
  const names: Record<number, [string, string]> = {
    8: ['TINYINT', 'UTINYINT'],
    16: ['SMALLINT', 'USMALLINT'],
    32: ['INTEGER', 'UINTEGER'],
    64: ['BIGINT', 'UBIGINT'],
  };
  return names[bitWidth][signed ? 0 : 1];
}

function timestampName(unit: TimeUnit, timezone: string | null | undefined): string {
  if (timezone) return 'TIMESTAMP WITH TIME ZONE';
  switch (unit) {
    case TimeUnit.SECOND:
      return 'TIMESTAMP_S';
    case TimeUnit.MILLISECOND:
      return 'TIMESTAMP_MS';
    case TimeUnit.NANOSECOND:
      return 'TIMESTAMP_NS';
    default:
      return 'TIMESTAMP';
  }
}

/** DuckDB quotes every struct member name: `STRUCT("a" INTEGER, "my field" VARCHAR)`. */
function structMember(field: Field): string {
  return `"${field.name.replaceAll('"', '""')}" ${duckdbTypeName(field)}`;
}

/** DuckDB exports an ENUM column as an Arrow dictionary holding every member, in order. */
function enumName(dictionary: Vector | undefined): string {
  if (!dictionary) return 'VARCHAR';
  const members: string[] = [];
  for (let i = 0; i < dictionary.length; i++) {
    members.push(`'${String(dictionary.get(i)).replaceAll("'", "''")}'`);
  }
  return `ENUM(${members.join(', ')})`;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
