import { DataType, type Data, type Table } from 'apache-arrow';

/**
 * apache-arrow trusts the lengths an IPC file declares and sizes its buffers from the body,
 * so a file claiming 2^31 rows over a few kilobytes decodes "fine" and then exhausts memory
 * (or loops for minutes) when its rows are read. Returns what is wrong, or undefined when
 * every column's buffers hold the rows it claims.
 */
export function arrowLengthProblem(table: Table, fileSize: number): string | undefined {
  const rows = table.numRows;
  // Every column but the Null type stores at least one bit per row.
  if (rows > fileSize * 8) {
    return `it claims ${count(rows)} rows, more than ${count(fileSize)} bytes can hold`;
  }
  for (const [i, field] of table.schema.fields.entries()) {
    const column = table.getChildAt(i);
    if ((column?.length ?? 0) !== rows) {
      return `its column ${field.name} claims ${count(column?.length ?? 0)} rows where the table claims ${count(rows)}`;
    }
    for (const data of column?.data ?? []) {
      const problem = dataProblem(data);
      if (problem) return `its column ${field.name} ${problem}`;
    }
  }
  return undefined;
}

function dataProblem(data: Data): string | undefined {
  const { type } = data;
  const end = data.offset + data.length;
  const short = (what: string): string =>
    `claims ${count(data.length)} values but its ${what} is too short for them`;
  if (data.nullBitmap && data.nullBitmap.length > 0 && data.nullBitmap.length * 8 < end) {
    return short('validity bitmap');
  }
  if (DataType.isNull(type) || data.length === 0) return undefined;
  if (DataType.isUnion(type)) {
    if ((data.typeIds?.length ?? 0) < end) return short('type id buffer');
  } else if (
    DataType.isUtf8(type) ||
    DataType.isLargeUtf8(type) ||
    DataType.isBinary(type) ||
    DataType.isLargeBinary(type) ||
    DataType.isList(type) ||
    DataType.isMap(type)
  ) {
    if ((data.valueOffsets?.length ?? 0) < end + 1) return short('offset buffer');
  } else if (DataType.isBool(type)) {
    if ((data.values?.length ?? 0) * 8 < end) return short('data buffer');
  } else if (DataType.isFixedSizeList(type)) {
    if ((data.children[0]?.length ?? 0) < end * type.listSize) return short('child values');
  } else if (!DataType.isStruct(type)) {
    // Fixed-width values and dictionary indices: `stride` elements of `values` per value.
    if ((data.values?.length ?? 0) < end * data.stride) return short('data buffer');
  }
  for (const child of data.children) {
    const problem = dataProblem(child);
    if (problem) return problem;
  }
  if (data.dictionary) {
    for (const chunk of data.dictionary.data) {
      const problem = dataProblem(chunk);
      if (problem) return problem;
    }
  }
  return undefined;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
